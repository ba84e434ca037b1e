import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { meanProfile, rawNoisePrior } from './dng/noise-prior';
import { openDng } from './dng/read-dng';
import { isRawName } from './sniff-format';

const OTHER_IMAGE = /\.(png|jpe?g|tiff?|webp|heic|avif)$/i;

/**
 * Whether a folder holds camera raw files and no other images (by name, top level; nothing is read): for raw data
 * the noise model needs no flag, it is Poisson-Gaussian (shot + read noise) with a and b estimated.
 */
export async function folderHoldsRaw(dir: string): Promise<boolean> {
  const names = (await readdir(dir)).filter((n) => !n.startsWith('.'));
  return names.some(isRawName) && !names.some((n) => OTHER_IMAGE.test(n));
}

/** Files of a folder's DNGs by ISO (unknown: 0), with the mean NoiseProfile of each ISO where the files have one. */
export async function rawIsoGroups(
  dir: string,
): Promise<{ iso: number; files: string[]; profile?: { a: number; b: number } }[]> {
  const groups = new Map<number, { files: string[]; profiles: { a: number; b: number }[] }>();
  for (const name of (await readdir(dir)).filter((n) => /\.(dng|gpr)$/i.test(n) && !n.startsWith('.')).sort()) {
    try {
      const dng = await openDng(join(dir, name));
      const prior = rawNoisePrior(dng.data, dng.ifd0, dng.raw.dir);
      const group = groups.get(prior.iso ?? 0) ?? { files: [], profiles: [] };
      group.files.push(name);
      const profile = meanProfile(prior);
      if (profile) group.profiles.push(profile);
      groups.set(prior.iso ?? 0, group);
    } catch {
      // unreadable files are named by the training's own scan
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([iso, g]) => ({
      iso,
      files: g.files,
      ...(g.profiles.length > 0 && {
        profile: {
          a: g.profiles.reduce((s, p) => s + p.a, 0) / g.profiles.length,
          b: g.profiles.reduce((s, p) => s + p.b, 0) / g.profiles.length,
        },
      }),
    }));
}
