import type * as tfl from '@tensorflow/tfjs-layers';
import { denoiseDefaults } from '../shared/defaults';
import type { ModelMeta } from '../shared/model';
import type { ImageF32 } from './image';
import { makeImage } from './image';
import { antitheticRecorruptions } from './mc-recorruptions';
import { sizeMultiple } from './nets/config';
import { noiseModel } from './noise';
import type { Predictor } from './predictor';
import { tfjsPredictor } from './predictor';
import { Rng } from './random/rng';
import type { Tile } from './tiles';
import { axisWeights, extractPadded, roundUp, tileGrid } from './tiles';

export interface DenoiseOptions {
  /** Monte Carlo samples J: the mean of f over J recorruptions, antithetic pairs (docs/method.md §3); 0: f on y. */
  readonly mc: number;
  readonly seed: number;
  readonly tile: number;
  readonly overlap: number;
  readonly onTile?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
  /** Runs the network on a tile; tfjs on `net` when absent (the task layer may pass onnxruntime). */
  readonly predict?: Predictor;
  /** The image's own channel count where it was repeated into the network's (gray through a colour model). */
  readonly ownChannels?: number;
}

export const defaultDenoiseOptions: DenoiseOptions = { ...denoiseDefaults };

/** The network on a padded tile: one pass on y, or the mean over the Monte Carlo recorruptions (antithetic pairs). */
async function denoiseTile(predict: Predictor, meta: ModelMeta, input: Float32Array, shape: [number, number, number], options: DenoiseOptions, rng: Rng): Promise<Float32Array> {
  const { mc } = options;
  const own = [options.ownChannels ?? shape[2]];
  const noise = noiseModel(meta.noise);
  const draws = mc > 0 ? antitheticRecorruptions(noise, input, own, shape[2], meta.alpha, mc, rng, [shape[0], shape[1]]) : [{ y1: input }];
  const passes = Math.max(mc, 1);
  const sum = new Float32Array(input.length);
  const scaled = new Float32Array(input.length);
  for (const { y1: x } of draws) {
    for (let i = 0; i < x.length; i++) scaled[i] = x[i]! / meta.scale;
    const values = await predict(scaled, [1, ...shape]);
    for (let i = 0; i < sum.length; i++) sum[i]! += Math.fround(values[i]! * meta.scale) / passes;
  }
  return sum;
}

function accumulate(acc: Float32Array, weights: Float32Array, image: ImageF32, tile: Tile, result: Float32Array, paddedWidth: number, overlap: number): void {
  const c = image.channels;
  const wy = axisWeights(tile.top, tile.height, image.height, overlap);
  const wx = axisWeights(tile.left, tile.width, image.width, overlap);
  for (let i = 0; i < tile.height; i++) {
    for (let j = 0; j < tile.width; j++) {
      const w = wy[i]! * wx[j]!;
      const pixel = (tile.top + i) * image.width + tile.left + j;
      weights[pixel]! += w;
      for (let k = 0; k < c; k++) acc[pixel * c + k]! += w * result[(i * paddedWidth + j) * c + k]!;
    }
  }
}

/**
 * Denoises an image whose channel count equals the network's, tile by tile: memory is bounded by the tile
 * size, and overlapping tiles are blended with linear ramps so no seam shows.
 */
export async function denoiseMatched(net: tfl.LayersModel, meta: ModelMeta, image: ImageF32, options: DenoiseOptions): Promise<ImageF32> {
  const multiple = sizeMultiple(meta.net);
  const tiles = tileGrid(image, roundUp(options.tile, multiple), options.overlap);
  const acc = new Float32Array(image.data.length);
  const weights = new Float32Array(image.height * image.width);
  const predict = options.predict ?? tfjsPredictor(net);
  for (const [index, tile] of tiles.entries()) {
    if (options.signal?.aborted) throw new Error('cancelled');
    const ph = roundUp(tile.height, multiple);
    const pw = roundUp(tile.width, multiple);
    const input = extractPadded(image, tile, ph, pw);
    const result = await denoiseTile(predict, meta, input, [ph, pw, image.channels], options, Rng.derive(options.seed, index));
    accumulate(acc, weights, image, tile, result, pw, options.overlap);
    options.onTile?.(index + 1, tiles.length);
  }
  for (let p = 0; p < weights.length; p++) {
    for (let k = 0; k < image.channels; k++) acc[p * image.channels + k]! /= weights[p]!;
  }
  return makeImage(image.height, image.width, image.channels, acc);
}
