import { plural } from '../../shared/plural';
import { basename } from 'node:path';
import { estimateProfile } from '../../engine/estimate/noise-profile';
import type { ImageFormat, BitDepth } from '../../io';
import { reasonOf } from '../../io';
import { readEstimationCrop } from './estimation-crop';
import type { FileFailure } from '../../shared/jobs';
import type { NoiseProfile, NoiseSpec } from '../../shared/noise';
import { listImages } from '../dataset';

export interface ProfiledImage {
  readonly file: string;
  readonly format: ImageFormat;
  readonly bitDepth: BitDepth;
  readonly profile?: NoiseProfile;
  /** Noise standard deviation per channel over the image. */
  readonly std?: number[];
  /** Flat blocks the profile was measured on. */
  readonly blocks?: number;
}

/** Reads every image a path names, one at a time, and estimates its correlated-noise profile where it can. */
export async function profileImages(
  input: string,
  recursive = false,
): Promise<{ images: ProfiledImage[]; failures: FileFailure[] }> {
  const { files, failures } = await listImages(input, recursive);
  const images: ProfiledImage[] = [];
  for (const file of files) {
    try {
      // Only the central crop the estimate looks at is read (estimation-crop.ts): memory stays bounded.
      const { image, source } = await readEstimationCrop(file);
      const base = { file, format: source.format, bitDepth: source.bitDepth };
      // A raw file's channels are its CFA planes, on offset photosites: their cross-correlation depends on direction.
      const { profile, std, blocks } = estimateProfile(image, undefined, source.format === 'dng');
      images.push({ ...base, profile, std, blocks });
    } catch (error) {
      failures.push({ file, reason: reasonOf(error) });
    }
  }
  return { images, failures };
}

/**
 * Correlated noise estimated per image, with the profile of the image of median noise as the model's own (used
 * where an image's cannot be measured); and a line saying so.
 */
export function pooledCorrelated(images: readonly ProfiledImage[]): { spec: NoiseSpec; note: string } {
  const measured = images
    .filter((i) => i.profile && i.std)
    .map((i) => ({ ...i, level: Math.hypot(...i.std!) / Math.sqrt(i.std!.length) }));
  if (measured.length === 0) throw new Error('no image had flat areas enough to measure its noise');
  measured.sort((a, b) => a.level - b.level);
  const middle = measured[Math.floor(measured.length / 2)]!;
  const range = `${(255 * measured[0]!.level).toFixed(2)}-${(255 * measured[measured.length - 1]!.level).toFixed(2)}/255`;
  const note = `measured per image: noise std ${range} over ${plural(measured.length, 'image')}; the model keeps ${basename(middle.file)}'s profile for images too flat to measure`;
  return { spec: { family: 'correlated', profile: middle.profile!, perImage: true }, note };
}
