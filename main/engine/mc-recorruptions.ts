import { recorruptPatches } from './channel-repeats';
import type { NoiseModel, Recorrupted } from './noise';
import { MirroredRng, RecordingRng } from './random/antithetic';
import { Rng } from './random/rng';

/**
 * The J recorruptions of y whose network outputs GR2R averages (docs/method.md §3), in antithetic pairs: draw 2p + 1
 * replays draw 2p's variates mirrored (u -> 1 - u, z -> -z). Each draw is still exact, so the mean still estimates
 * E[f(y1) | y] without bias, but a pair's first-order terms cancel (Gaussian: f(y + w) + f(y - w) = 2 f(y) + O(w^2)),
 * so J passes get closer to the limit J -> infinity than J independent ones (docs/quality.md).
 */
export function* antitheticRecorruptions(
  noise: NoiseModel,
  y: Float32Array,
  ownChannels: readonly number[],
  channels: number,
  alpha: number,
  count: number,
  rng: Rng,
  size?: readonly [number, number],
): Generator<Recorrupted> {
  for (let j = 0; j < count; j += 2) {
    // A draw with no mirrored partner (J odd, the last one) is not recorded: the same variates, no copy of them.
    const seed = rng.seed();
    if (j + 1 >= count) {
      yield recorruptPatches(noise, y, ownChannels, channels, alpha, new Rng(seed), size);
      break;
    }
    const recording = new RecordingRng(seed);
    yield recorruptPatches(noise, y, ownChannels, channels, alpha, recording, size);
    yield recorruptPatches(noise, y, ownChannels, channels, alpha, new MirroredRng(recording, rng.seed()), size);
  }
}
