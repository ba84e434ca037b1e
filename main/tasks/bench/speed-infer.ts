import type * as tfl from '@tensorflow/tfjs-layers';
import type { NetConfig } from '../../engine/nets';
import { buildNet } from '../../engine/nets';
import { Rng } from '../../engine/random/rng';
import type { ModelMeta } from '../../shared/model';
import type { ChosenPredictor } from '../../runtime/predictor';
import type { Sample } from './speed-clock';
import { stopwatch } from './speed-clock';
import { choosePredictor } from '../../runtime/predictor';
import type { InferEngine } from './speed-types';

const CHANNELS = 3;

function randomValues(length: number): Float32Array {
  const rng = new Rng(11);
  const data = new Float32Array(length);
  for (let i = 0; i < data.length; i++) data[i] = rng.uniform();
  return data;
}

async function withPredictor<T>(
  engine: InferEngine,
  net: NetConfig,
  use: (p: ChosenPredictor, model: tfl.LayersModel) => Promise<T>,
): Promise<T> {
  const model = buildNet(net, CHANNELS, 1);
  const predictor = await choosePredictor(model, { prefer: engine === 'onnxruntime' ? 'onnxruntime' : 'tfjs' });
  try {
    return await use(predictor, model);
  } finally {
    await predictor.release();
    model.dispose();
  }
}

/** Times of single forward passes on one size x size RGB image, after `warmup` passes. */
export async function inferTimes(
  engine: InferEngine,
  net: NetConfig,
  size: number,
  warmup: number,
  runs: number,
): Promise<Sample[]> {
  const input = randomValues(size * size * CHANNELS);
  return withPredictor(engine, net, async ({ predict }) => {
    const times: Sample[] = [];
    for (let i = 0; i < warmup + runs; i++) {
      const read = stopwatch();
      await predict(input, [1, size, size, CHANNELS]);
      if (i >= warmup) times.push(read());
    }
    return times;
  });
}

export function benchMeta(net: NetConfig): ModelMeta {
  return {
    format: 'gr2r-model',
    version: 1,
    appVersion: 'bench',
    noise: { family: 'gaussian', sigma: 0.1 },
    alpha: 0.2,
    loss: 'mse',
    net,
    channels: CHANNELS,
    scale: 1,
    peak: 1,
    seed: 1,
    step: 0,
    totalSteps: 1,
    batch: 8,
    patch: 64,
    learningRate: 1e-3,
    estPsnr: null,
    createdAt: '',
  };
}
