import { makeImage } from '../../engine/image';
import type { NetConfig } from '../../engine/nets';
import { splitData } from '../../engine/train/data';
import { defaultTrainOptions } from '../../engine/train/options';
import { train } from '../../engine/train/trainer';
import { initBackend } from '../../engine/backend';
import { chooseGradients } from '../../runtime/training-gradients';
import { Rng } from '../../engine/random/rng';
import type { Sample } from './speed-clock';
import { stopwatch } from './speed-clock';

function randomImages(
  count: number,
  size: number,
  channels: number,
): { name: string; image: ReturnType<typeof makeImage> }[] {
  const rng = new Rng(7);
  return Array.from({ length: count }, (_, i) => {
    const data = new Float32Array(size * size * channels);
    for (let k = 0; k < data.length; k++) data[k] = rng.uniform();
    return { name: `random-${i}`, image: makeImage(size, size, channels, data) };
  });
}

/**
 * Milliseconds of each training step through the engine's own loop (batch drawing, recorruption, GR2R loss,
 * Adam): the app's default options on random RGB images. The last step, which also evaluates, is left out.
 */
export async function trainStepTimes(
  net: NetConfig,
  warmup: number,
  steps: number,
  gradients: 'onnxruntime' | 'tfjs',
): Promise<Sample[]> {
  const options = {
    ...defaultTrainOptions,
    net,
    noise: { family: 'gaussian', sigma: 0.1 } as const,
    steps: warmup + steps + 1,
    evalEvery: 1e9,
    checkpointEvery: 1e9,
    validationPatches: 1,
  };
  const backend = (await initBackend()).name;
  const run = {
    data: splitData(randomImages(2, 128, 3), undefined, 1),
    options,
    peak: 1,
    appVersion: 'bench',
    gradients: chooseGradients({ prefer: gradients, backend }),
  };
  const times: Sample[] = [];
  let lap = stopwatch();
  for await (const event of train(run)) {
    if (event.kind !== 'step') continue;
    times.push(lap());
    lap = stopwatch();
  }
  return times.slice(warmup, warmup + steps);
}
