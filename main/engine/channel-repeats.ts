import type { BatchShape, NoiseModel, Recorrupted } from './noise';
import type { MaskedImage } from './patches';
import { samplePatches } from './patches';
import type { Rng } from './random/rng';

/** Sets channels own..channels-1 of the pixels [start, end) to channel own-1 (a gray image in a colour network). */
function repeatOwnChannels(data: Float32Array, channels: number, own: number, start: number, end: number): void {
  for (let p = start; p < end; p++) {
    const value = data[p * channels + own - 1]!;
    for (let k = own; k < channels; k++) data[p * channels + k] = value;
  }
}

/**
 * GR2R's (y1, y2) for patches (or one tile) of which some hold a gray image repeated into the network's colour
 * channels: `ownChannels[n]` is patch n's own channel count. The copies get one draw, the first one's: with a
 * draw each, the network could average its input channels back towards y, and y2 = (y - (1 - alpha) y1) / alpha
 * would no longer be independent of y1 given x; the loss would then reward reproducing the noise.
 */
export function recorruptPatches(
  noise: NoiseModel,
  y: Float32Array,
  ownChannels: readonly number[],
  channels: number,
  alpha: number,
  rng: Rng,
  size?: readonly [number, number],
): Recorrupted {
  const pixels = y.length / channels / ownChannels.length;
  const [height, width] = size ?? [1, pixels];
  const shape: BatchShape = [ownChannels.length, height, width, channels];
  const pair = noise.recorrupt(y, alpha, rng, shape);
  ownChannels.forEach((own, n) => {
    if (own >= channels) return;
    repeatOwnChannels(pair.y1, channels, own, n * pixels, (n + 1) * pixels);
    repeatOwnChannels(pair.y2, channels, own, n * pixels, (n + 1) * pixels);
  });
  return pair;
}

/**
 * Random noisy patches y of the images (samplePatches) and GR2R's pair for them, one draw a gray patch; each patch
 * recorrupted by its image's own noise model where it has one. `constantFromNoisy`: the mean over patches of their
 * models' estimate of C from y (GR2R.md §2).
 */
export function recorruptedPatches(
  noise: NoiseModel,
  images: readonly MaskedImage[],
  count: number,
  size: number,
  channels: number,
  alpha: number,
  rng: Rng,
): Recorrupted & { readonly y: Float32Array; constantFromNoisy(): number } {
  const {
    batches: [batch],
    ownChannels,
    indices,
  } = samplePatches([images], count, size, channels, rng);
  const y = batch!;
  if (!images.some((image) => image.noise)) {
    return {
      y,
      ...recorruptPatches(noise, y, ownChannels, channels, alpha, rng, [size, size]),
      constantFromNoisy: () => noise.lossConstantFromNoisy(y, alpha),
    };
  }
  const per = size * size * channels;
  const y1 = new Float32Array(y.length);
  const y2 = new Float32Array(y.length);
  const models = indices.map((index) => images[index]!.noise ?? noise);
  models.forEach((model, n) => {
    const pair = recorruptPatches(model, y.subarray(n * per, (n + 1) * per), [ownChannels[n]!], channels, alpha, rng, [
      size,
      size,
    ]);
    y1.set(pair.y1, n * per);
    y2.set(pair.y2, n * per);
  });
  const constantFromNoisy = () =>
    models.reduce((sum, model, n) => sum + model.lossConstantFromNoisy(y.subarray(n * per, (n + 1) * per), alpha), 0) /
    count;
  return { y, y1, y2, constantFromNoisy };
}
