import type { MaskedImage } from '../../engine/patches';

/**
 * Each file an equal share of the training patches: an image read as several crops (a big file) gets 1/count of
 * the file's share per crop, and sub-images split it further (training-sub-images.ts). Without this, patches are
 * drawn image by image and a file split into four sub-images takes four times the patches of its neighbours.
 */
export function withFileShares<T extends { image: MaskedImage; file: string }>(images: readonly T[]): T[] {
  const counts = new Map<string, number>();
  for (const { file } of images) counts.set(file, (counts.get(file) ?? 0) + 1);
  return images.map((d) => {
    const count = counts.get(d.file)!;
    return count > 1 ? { ...d, image: { ...d.image, share: 1 / count } } : d;
  });
}
