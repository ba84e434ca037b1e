import { makeImage } from '../../engine/image';
import type { ImageF32 } from '../../engine/image';
import type { NamedImage } from '../../engine/train/data';
import { dataPeak, loadDataset } from '../dataset';

/** Clean images cut into a training region (the top) and a disjoint test region (the bottom) each. */
export interface BenchImages {
  readonly train: readonly NamedImage[];
  readonly test: readonly NamedImage[];
}

function crop(image: ImageF32, top: number, left: number, height: number, width: number): ImageF32 {
  const c = image.channels;
  const out = new Float32Array(height * width * c);
  for (let i = 0; i < height; i++) {
    const from = ((top + i) * image.width + left) * c;
    out.set(image.data.subarray(from, from + width * c), i * width * c);
  }
  return makeImage(height, width, c, out);
}

const down8 = (n: number) => Math.floor(n / 8) * 8;

/**
 * The bottom quarter of every image (at most `testRows` rows and 2 x `testRows` columns, centred) is the test
 * region; training sees only the rows above it, so the supervised reference never sees a test pixel.
 */
export function splitRegions(images: readonly NamedImage[], testRows: number): BenchImages {
  const train: NamedImage[] = [];
  const test: NamedImage[] = [];
  for (const { name, image } of images) {
    const rows = Math.min(testRows, down8(image.height / 4));
    if (rows < 16) {
      train.push({ name, image });
      continue;
    }
    const cols = Math.min(down8(image.width), 2 * testRows);
    const left = Math.floor((image.width - cols) / 2);
    train.push({ name, image: crop(image, 0, 0, image.height - rows, image.width) });
    test.push({ name, image: crop(image, image.height - rows, left, rows, cols) });
  }
  if (test.length === 0) throw new Error('no image is large enough for a test region (needs 64 rows or more)');
  return { train, test };
}

/** The clean images of a folder in [0, 1] (float data divided by their peak), split into train and test regions. */
export async function loadCleanImages(folder: string, testRows: number): Promise<BenchImages> {
  const { images } = await loadDataset(folder);
  if (images.length === 0) throw new Error(`${folder}: no readable images`);
  const peak = dataPeak(images);
  const unit = images.map(({ name, image }) => ({
    name,
    image: makeImage(
      image.height,
      image.width,
      image.channels,
      image.data.map((v) => Math.min(1, Math.max(0, v / peak))),
    ),
  }));
  return splitRegions(unit, testRows);
}
