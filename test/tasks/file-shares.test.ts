import { describe, expect, it } from 'vitest';
import { makeImage } from '../../main/engine/image';
import type { MaskedImage } from '../../main/engine/patches';
import { samplePatches } from '../../main/engine/patches';
import { Rng } from '../../main/engine/random/rng';
import type { NamedImage, TrainData } from '../../main/engine/train/data';
import { withFileShares } from '../../main/tasks/train/file-shares';
import { asTrainedSubImages } from '../../main/tasks/train/training-sub-images';

const image = (value: number, subsample?: number): MaskedImage => ({
  ...makeImage(64, 64, 1, new Float32Array(64 * 64).fill(value)),
  ...(subsample && { subsample }),
});

const asData = (images: readonly NamedImage[]): TrainData => ({ train: images, validation: images, heldOut: false });

/** The share of 4000 patches cut from each file, told apart by the images' constant values. */
function fileShares(images: readonly MaskedImage[]): number[] {
  const count = 4000;
  const { indices } = samplePatches([images], count, 16, 1, new Rng(11));
  const shares = [0, 0, 0];
  for (const i of indices) shares[images[i]!.data[0]!]! += 1 / count;
  return shares;
}

describe('training patches drawn per source file', () => {
  // A single-look chip (0), a GRD crop split into its 2x2 sub-images (1), a big file read as two crops (2).
  const loaded = [
    { name: 'chip', file: 'chip.tif', image: image(0) },
    { name: 'grd', file: 'grd.tif', image: image(1, 2) },
    { name: 'big', file: 'big.tif', image: image(2) },
    { name: 'big', file: 'big.tif', image: image(2) },
  ];
  const spec = { family: 'gamma', looks: 1, perImage: true, subsample: 2, subsampleCorrelated: true } as const;

  it('gives each file an equal share, however many sub-images or crops it is split into', () => {
    const data = asTrainedSubImages(asData(withFileShares(loaded)), spec);
    expect(data.train).toHaveLength(1 + 4 + 2);
    expect(data.train.filter((d) => d.name.startsWith('grd (sub-image'))).toHaveLength(4);
    // Binomial standard error over 4000 patches: 0.0075; 0.03 is four of them.
    for (const share of fileShares(data.train.map((d) => d.image))) expect(Math.abs(share - 1 / 3)).toBeLessThan(0.03);
  });

  it('image by image, as before the shares: the split file takes four sevenths of the patches', () => {
    const data = asTrainedSubImages(asData(loaded), spec);
    const shares = fileShares(data.train.map(({ image: { share: _, ...unshared } }) => unshared));
    expect(Math.abs(shares[1]! - 4 / 7)).toBeLessThan(0.03);
  });

  it('images without shares are drawn exactly as before (a resumed or older run is unchanged)', () => {
    const plain = [image(0), image(1), image(2)];
    const same = plain.map((p) => ({ ...p, share: 0.5 }));
    expect(samplePatches([plain], 50, 16, 1, new Rng(3)).indices).toEqual(
      samplePatches([same], 50, 16, 1, new Rng(3)).indices,
    );
  });
});
