import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { makeImage } from '../../main/engine/image';
import { noiseModel } from '../../main/engine/noise';
import { Rng } from '../../main/engine/random/rng';
import { writeImage } from '../../main/io';

export const LOOKS = 4;

/**
 * A SAR analyst's folder: float32 intensities of fields (flat areas of 20 to 400) with a bright point and an edge
 * each, under Gamma speckle of 4 looks, as single-band float TIFFs.
 */
export async function makeSpeckledFolder(dir: string, count = 4, size = 96): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const noise = noiseModel({ family: 'gamma', looks: LOOKS });
  const written: string[] = [];
  for (let index = 0; index < count; index++) {
    const levels = [20, 60, 150, 400].map((v) => v * (1 + 0.2 * index));
    const clean = new Float32Array(size * size);
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) clean[i * size + j] = levels[(i < size / 2 ? 0 : 2) + (j < size / 2 ? 0 : 1)]!;
    }
    clean[(size / 4) * size + size / 4] = 5000;
    const file = join(dir, `scene-${index + 1}.tif`);
    const image = makeImage(size, size, 1, noise.sample(clean, new Rng(900 + index)));
    await writeImage(file, image, {
      file,
      format: 'tiff',
      bitDepth: 32,
      width: size,
      height: size,
      channels: 1,
      notes: [],
    });
    written.push(file);
  }
  return written;
}
