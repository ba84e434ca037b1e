import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { cpus, loadavg } from 'node:os';
import type { NetConfig } from '../../engine/nets';
import { buildNet, describeNet } from '../../engine/nets';
import type { SpeedSettings } from './speed-plan';
import type { Ratio } from './speed-ratios';
import type { Alternation } from './speed-rounds';
import type { TorchResult } from './speed-torch';
import type { SpeedRow } from './speed-types';

export interface SpeedReport {
  readonly net: string;
  readonly params: number;
  readonly machine: {
    readonly node: string;
    readonly cpus: number;
    readonly cpuModel: string;
    readonly loadAverage: number;
  };
  readonly settings: SpeedSettings;
  readonly train: readonly SpeedRow[];
  readonly infer: readonly SpeedRow[];
  readonly denoise?: SpeedRow;
  /** The faster PyTorch timing of each kind (see fastestTorch), and every PyTorch run. */
  readonly torch?: TorchResult;
  readonly torchRuns?: readonly TorchResult[];
  readonly torchError?: string;
  /** With --torch: ours and PyTorch alternated, end-to-end denoising per megapixel and the training step. */
  readonly alternation?: Alternation;
  readonly ratios: readonly Ratio[];
}

export function machine(): SpeedReport['machine'] {
  const list = cpus();
  return {
    node: process.version,
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown CPU',
    loadAverage: loadavg()[0]!,
  };
}

/** Parameters of the RGB network; built on tfjs's cpu backend, since the measurements run in other processes. */
export async function countParams(net: NetConfig): Promise<{ net: string; params: number }> {
  await tf.setBackend('cpu');
  const model = buildNet(net, 3, 1);
  const params = model.countParams();
  model.dispose();
  return { net: describeNet(net), params };
}
