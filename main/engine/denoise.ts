import type { ChromaSmoothing } from './chroma-smoothing';
import type * as tfl from '@tensorflow/tfjs-layers';
import { denoiseDefaults } from '../shared/defaults';
import type { ModelMeta } from '../shared/model';
import type { ImageF32 } from './image';
import { makeImage } from './image';
import { antitheticRecorruptions } from './mc-recorruptions';
import { sizeMultiple } from './nets/config';
import { tileOverlap } from './nets/receptive-field';
import { noiseModel } from './noise';
import type { Predictor } from './predictor';
import { tfjsPredictor } from './predictor';
import { Rng } from './random/rng';
import { flipOfPass, flipTile } from './tile-flips';
import type { Tile } from './tiles';
import { axisWeights, extractPadded, roundUp, tileGrid } from './tiles';

export interface DenoiseOptions {
  /** Monte Carlo samples J: the mean of f over J recorruptions, antithetic pairs (docs/method.md §3); 0: f on y. */
  readonly mc: number;
  readonly seed: number;
  readonly tile: number;
  /** Pixels blended between neighbouring tiles; the network's receptive radius (tileOverlap) when absent. */
  readonly overlap?: number;
  /** Pixels one network run may take: a tile's J passes go in one batch while J x its pixels fit. */
  readonly batchPixels?: number;
  readonly onTile?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
  /** Runs the network on a tile; tfjs on `net` when absent (the task layer may pass onnxruntime). */
  readonly predict?: Predictor;
  /** The image's own channel count where it was repeated into the network's (gray through a colour model). */
  readonly ownChannels?: number;
  /** Spread the Monte Carlo passes over the tile's flips (tile-flips.ts); default denoiseDefaults.flips. */
  readonly flips?: boolean;
  /** Photos' colour noise: the chroma smoothing of chroma-smoothing.ts; default denoiseDefaults.chroma (sigma 0: off). */
  readonly chroma?: ChromaSmoothing;
}

export const defaultDenoiseOptions: DenoiseOptions = {
  mc: denoiseDefaults.mc,
  seed: denoiseDefaults.seed,
  tile: denoiseDefaults.tile,
};

/** Pixels of one network run: 512 x 512, the default tile; batching J of them costs J times the memory (docs/speed.md). */
export const DEFAULT_BATCH_PIXELS = 512 * 512;

/** The overlap the options ask for, else the network's own (a function of its kind and depth). */
export function overlapOf(meta: Pick<ModelMeta, 'net'>, options: Pick<DenoiseOptions, 'overlap'>): number {
  return options.overlap ?? tileOverlap(meta.net);
}

/** Buffers shared by every tile of an image (all its tiles have one padded size): no allocation per tile. */
interface TileWork {
  readonly shape: [number, number, number];
  readonly input: Float32Array;
  /** Passes per network run, and their inputs side by side (NHWC with N = passes). */
  readonly perRun: number;
  readonly batch: Float32Array;
  readonly sum: Float32Array;
  /** One tile, for flipping a pass's input and its output back. */
  readonly flipped: Float32Array;
}

function tileWork(shape: [number, number, number], passes: number, batchPixels: number): TileWork {
  const length = shape[0] * shape[1] * shape[2];
  const perRun = Math.max(1, Math.min(passes, Math.floor(batchPixels / (shape[0] * shape[1]))));
  return {
    shape,
    input: new Float32Array(length),
    perRun,
    batch: new Float32Array(perRun * length),
    sum: new Float32Array(length),
    flipped: new Float32Array(length),
  };
}

/**
 * The network on a padded tile (work.input): one pass on y, or the mean over the Monte Carlo recorruptions
 * (antithetic pairs), run work.perRun at a time as one batch.
 */
async function denoiseTile(
  predict: Predictor,
  meta: ModelMeta,
  work: TileWork,
  options: DenoiseOptions,
  rng: Rng,
): Promise<Float32Array> {
  const { mc } = options;
  const { input, shape, batch, sum, flipped } = work;
  const [h, w, c] = shape;
  const own = [options.ownChannels ?? c];
  const noise = noiseModel(meta.noise);
  const draws = mc > 0 ? antitheticRecorruptions(noise, input, own, c, meta.alpha, mc, rng, [h, w]) : [{ y1: input }];
  const passes = Math.max(mc, 1);
  const flips = (options.flips ?? denoiseDefaults.flips) && mc > 0;
  const n = input.length;
  let filled = 0;
  let pass = 0;
  const run = async () => {
    const values = await predict(batch.subarray(0, filled * n), [filled, ...shape]);
    // Pass by pass, in draw order: the same sums as one pass at a time.
    for (let j = 0; j < filled; j++, pass++) {
      let out = values.subarray(j * n, (j + 1) * n);
      const flip = flips ? flipOfPass(pass) : 0;
      if (flip) {
        flipTile(out, flipped, h, w, c, flip);
        out = flipped;
      }
      for (let i = 0; i < n; i++) sum[i]! += Math.fround(out[i]! * meta.scale) / passes;
    }
    filled = 0;
  };
  sum.fill(0);
  let drawn = 0;
  for (const { y1 } of draws) {
    const flip = flips ? flipOfPass(drawn++) : 0;
    let x = y1;
    if (flip) {
      flipTile(y1, flipped, h, w, c, flip);
      x = flipped;
    }
    for (let i = 0, at = filled * n; i < n; i++) batch[at + i] = x[i]! / meta.scale;
    if (++filled === work.perRun) await run();
  }
  if (filled > 0) await run();
  return sum;
}

function accumulate(
  acc: Float32Array,
  weights: Float32Array,
  image: ImageF32,
  tile: Tile,
  result: Float32Array,
  paddedWidth: number,
  overlap: number,
): void {
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
export async function denoiseMatched(
  net: tfl.LayersModel,
  meta: ModelMeta,
  image: ImageF32,
  options: DenoiseOptions,
): Promise<ImageF32> {
  const multiple = sizeMultiple(meta.net);
  const overlap = overlapOf(meta, options);
  const tiles = tileGrid(image, roundUp(options.tile, multiple), overlap, multiple);
  const acc = new Float32Array(image.data.length);
  const weights = new Float32Array(image.height * image.width);
  const predict = options.predict ?? tfjsPredictor(net);
  const [first] = tiles;
  const shape: [number, number, number] = [
    roundUp(first!.height, multiple),
    roundUp(first!.width, multiple),
    image.channels,
  ];
  const work = tileWork(shape, Math.max(options.mc, 1), options.batchPixels ?? DEFAULT_BATCH_PIXELS);
  for (const [index, tile] of tiles.entries()) {
    if (options.signal?.aborted) throw new Error('cancelled');
    extractPadded(image, tile, shape[0], shape[1], work.input);
    const result = await denoiseTile(predict, meta, work, options, Rng.derive(options.seed, index));
    accumulate(acc, weights, image, tile, result, shape[1], overlap);
    options.onTile?.(index + 1, tiles.length);
  }
  for (let p = 0; p < weights.length; p++) {
    for (let k = 0; k < image.channels; k++) acc[p * image.channels + k]! /= weights[p]!;
  }
  return makeImage(image.height, image.width, image.channels, acc);
}
