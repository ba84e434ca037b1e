import { plural } from '../../shared/plural';
import { basename } from 'node:path';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { NetConfig } from '../../engine/nets/config';
import { describeNet } from '../../engine/nets/config';
import { foldToGray } from '../../engine/nets/fold-gray';
import type { ModelMeta } from '../../shared/model';
import type { NoiseSpec } from '../../shared/noise';
import { builtinFamilies, builtinModelFor, builtinModelsDir } from './builtin-models';
import { openModel } from '../model';

/** What training starts from: the bundled network of the noise family, or a model folder. */
export type InitChoice = 'builtin' | { readonly folder: string };
/** What a run may ask for: also 'default', the bundled network where one fits the run (defaultInit), else random weights. */
export type InitRequest = InitChoice | 'default';

export interface InitModel {
  /** The network to fine-tune, built for the run's channels; the run owns (and disposes) it. */
  readonly net: tfl.LayersModel;
  /** What gr2r.json records of it. */
  readonly record: NonNullable<ModelMeta['init']>;
  readonly notes: readonly string[];
}

export interface InitTarget {
  readonly noise: NoiseSpec;
  readonly net: NetConfig;
  /** The channels the run trains: the images' (gray images alone: 1). */
  readonly channels: number;
}

const sameNet = (a: NetConfig, b: NetConfig) => a.kind === b.kind && a.width === b.width && a.depth === b.depth;

/** The folder `choice` names, or a clear error where no bundled network matches the noise family. */
export function initFolder(choice: InitChoice, noise: NoiseSpec, dir = builtinModelsDir): string {
  if (choice !== 'builtin') return choice.folder;
  const folder = builtinModelFor(noise, dir);
  if (!folder) {
    throw new Error(
      `--init builtin: no bundled network for ${noise.family} noise (there are ${builtinFamilies.join(', ')}); train from random weights or give a MODEL_DIR`,
    );
  }
  return folder;
}

/**
 * Loads the network to fine-tune and checks that it is the run's: the same network and size, and its channels
 * (a colour network serves gray images folded to one channel, exactly: fold-gray.ts). Errors name the folder.
 */
export async function loadInitModel(
  choice: InitChoice,
  target: InitTarget,
  dir = builtinModelsDir,
): Promise<InitModel> {
  const folder = initFolder(choice, target.noise, dir);
  const { net, meta } = await openModel(folder);
  const notes: string[] = [];
  try {
    if (!sameNet(meta.net, target.net)) {
      throw new Error(
        `${folder}: holds a ${describeNet(meta.net)} but this run trains a ${describeNet(target.net)}; choose the same --net, --width and --depth, or another --init`,
      );
    }
    if (meta.channels !== target.channels && !(target.channels === 1 && meta.channels > 1)) {
      throw new Error(
        `${folder}: made for ${plural(meta.channels, 'channel')} but the images have ${target.channels}; a ${meta.channels}-channel model cannot start a ${target.channels}-channel one`,
      );
    }
    if (meta.noise.family !== target.noise.family)
      notes.push(
        `${folder} was trained on ${meta.noise.family} noise, not ${target.noise.family}: fine-tuning starts from it all the same`,
      );
    const record = {
      source: choice === 'builtin' ? ('builtin' as const) : ('folder' as const),
      name: choice === 'builtin' ? meta.noise.family : basename(folder),
      steps: meta.trainedSteps ?? meta.step,
    };
    if (meta.channels === target.channels) return { net, record, notes };
    notes.push(`${folder}: its ${meta.channels}-channel network folded to gray`);
    const gray = foldToGray(net, target.net, meta.channels);
    net.dispose();
    return { net: gray, record, notes };
  } catch (error) {
    net.dispose();
    throw error;
  }
}
