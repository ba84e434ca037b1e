import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { NetConfig } from '../../engine/nets/config';
import { describeNet } from '../../engine/nets/config';
import { initDefaults, trainDefaults } from '../../shared/defaults';
import type { NoiseFamily, NoiseSpec } from '../../shared/noise';

/** The families with a bundled pretrained network (resources/models/<family>/, made by scripts/pretrain.ts). */
export const builtinFamilies = initDefaults.families;
export type BuiltinFamily = (typeof builtinFamilies)[number];

/**
 * The levels each network was pretrained over (log-uniform between the two, image units in [0, 1]): wider than the
 * bench's levels (quality.md), since fine-tuning sees y1, noisier than y by 1 / (1 - alpha).
 */
export const builtinLevels: Readonly<Record<BuiltinFamily, readonly [number, number]>> = {
  gaussian: [0.01, 0.25],
  poisson: [0.002, 0.15],
  gamma: [1.5, 40],
  /** Camera noise: the shot-noise gain a (read variance a / 10), from a clean ISO 100 shot to a phone at night. */
  correlated: [3e-5, 0.2],
};

/**
 * Where the bundled networks are: the first resources/models up from this module, which sits at another depth in the
 * sources (main/tasks/train) than in the build (out/worker, out/chunks; inside app.asar when packaged).
 */
export const builtinModelsDir = findUp(join('resources', 'models'));

function findUp(relative: string): string {
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, relative))) return join(dir, relative);
    if (dirname(dir) === dir) return join(import.meta.dirname, '..', '..', '..', relative);
  }
}

export function isBuiltinFamily(family: NoiseFamily): family is BuiltinFamily {
  return (builtinFamilies as readonly string[]).includes(family);
}

/**
 * Why no bundled network fits a run (another family, another network than the default U-Net, data the networks were
 * not made for), or null.
 */
export function builtinMismatch(spec: NoiseSpec, net: NetConfig): string | null {
  if (!isBuiltinFamily(spec.family))
    return `no bundled network for ${spec.family} noise (there are ${builtinFamilies.join(', ')})`;
  if (spec.family === 'correlated' && (spec.noiseGrowth !== undefined || spec.profile.directional))
    return 'the bundled correlated network is for photos, not the CFA planes of a camera raw file';
  const builtin = trainDefaults.net;
  if (net.kind !== builtin.kind || net.width !== builtin.width || net.depth !== builtin.depth) {
    return `the bundled networks are the ${describeNet(builtin)}, not the ${describeNet(net)} chosen`;
  }
  return null;
}

/** The bundled network for a noise model, or null where none is (other families, per-image variants). */
export function builtinModelFor(spec: NoiseSpec, dir = builtinModelsDir): string | null {
  return isBuiltinFamily(spec.family) ? resolve(dir, spec.family) : null;
}

/**
 * Where a run starts by default (the app's and `gr2r train`'s without --init): the bundled network when one fits
 * the noise, the network and the images' channels (RGB, or gray folded from it), else random weights, with a note
 * that says why. SAR speckle measured blind trains from random weights for its own longer budget, which is what was
 * measured on real SAR (docs/quality.md, "Real SAR").
 */
export function defaultInit(
  noise: NoiseSpec,
  net: NetConfig,
  channels: number,
  note: (m: string) => void,
): 'builtin' | undefined {
  if (!initDefaults.useBuiltin) return undefined;
  const why =
    noise.family === 'gamma' && noise.noiseGrowth !== undefined
      ? 'SAR speckle measured blind trains from random weights'
      : (builtinMismatch(noise, net) ??
        (channels === 1 || channels === 3
          ? null
          : `the bundled networks are for RGB or gray images, not ${channels} channels`));
  if (why) note(`training starts from random weights: ${why}`);
  return why ? undefined : 'builtin';
}
