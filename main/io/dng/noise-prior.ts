import { readDirectoryAt, reals, numbers, type TiffDirectory } from './tiff-directories';

/** What a raw file says of its own noise: its ISO, and the DNG NoiseProfile (variance = a x + b, x in [0, 1]). */
export interface RawNoisePrior {
  readonly iso?: number;
  /** One (a, b) per colour plane, or one for all (NoiseProfile holds 2 or 2 x planes values). */
  readonly profile?: readonly { readonly a: number; readonly b: number }[];
}

const ISO = 34855;
const EXIF_IFD = 34665;
const NOISE_PROFILE = 51041;

function isoOf(data: Uint8Array, dirs: readonly TiffDirectory[]): number | undefined {
  for (const dir of dirs) {
    const iso = numbers(dir, ISO)[0];
    if (iso !== undefined && iso > 0) return iso;
    const exif = numbers(dir, EXIF_IFD)[0];
    if (exif !== undefined && exif + 2 <= data.length) {
      try {
        const value = numbers(readDirectoryAt(data, exif), ISO)[0];
        if (value !== undefined && value > 0) return value;
      } catch {
        // a damaged EXIF directory leaves the ISO unknown, the pixels are still read
      }
    }
  }
  return undefined;
}

/** The ISO (IFD0 or EXIF) and NoiseProfile of a DNG (or LibRaw's directory), as priors for the noise model. */
export function rawNoisePrior(data: Uint8Array, ifd0: TiffDirectory, rawDir: TiffDirectory): RawNoisePrior {
  const values = reals(rawDir, NOISE_PROFILE).length > 0 ? reals(rawDir, NOISE_PROFILE) : reals(ifd0, NOISE_PROFILE);
  const profile: { a: number; b: number }[] = [];
  for (let k = 0; k + 1 < values.length; k += 2) profile.push({ a: values[k]!, b: values[k + 1]! });
  const usable = profile.length > 0 && profile.every((p) => p.a > 0 && p.b >= 0 && Number.isFinite(p.a + p.b));
  const iso = isoOf(data, [ifd0, rawDir]);
  return { ...(iso !== undefined && { iso }), ...(usable && { profile }) };
}

/** The (a, b) of a prior as one pair: the mean over planes. */
export function meanProfile(prior: RawNoisePrior): { a: number; b: number } | undefined {
  const p = prior.profile;
  if (!p) return undefined;
  return { a: p.reduce((s, q) => s + q.a, 0) / p.length, b: p.reduce((s, q) => s + q.b, 0) / p.length };
}
