import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelMeta } from '../shared/model';
import type { DenoiseOptions } from './denoise';
import { denoiseMatched } from './denoise';
import type { ImageF32 } from './image';
import { channelOf, isGrayAsColour, makeImage } from './image';
import { noiseModel } from './noise';
import { joinSubImages, subImages } from './sub-images';
import { smoothChroma } from './chroma-smoothing';
import { denoiseDefaults } from '../shared/defaults';

function repeatChannels(image: ImageF32, channels: number): ImageF32 {
  const out = new Float32Array(image.height * image.width * channels);
  for (let p = 0; p < image.height * image.width; p++) out.fill(image.data[p]!, p * channels, (p + 1) * channels);
  return makeImage(image.height, image.width, channels, out);
}

function averageChannels(image: ImageF32): ImageF32 {
  const c = image.channels;
  const out = new Float32Array(image.height * image.width);
  for (let p = 0; p < out.length; p++) {
    let s = 0;
    for (let k = 0; k < c; k++) s += image.data[p * c + k]!;
    out[p] = s / c;
  }
  return makeImage(image.height, image.width, 1, out);
}

/**
 * Denoises an image of any channel count: matched as is; a gray image through a colour model by repeating
 * it and averaging back; a colour image through a gray model one channel at a time.
 */
export async function denoiseImage(
  net: tfl.LayersModel,
  meta: ModelMeta,
  image: ImageF32,
  options: DenoiseOptions,
): Promise<ImageF32> {
  if (meta.noise.family === 'gamma' && meta.noise.subsample)
    return bySubImages(net, meta, image, options, meta.noise.subsample);
  const domain = meta.loss === 'supervised' ? undefined : noiseModel(meta.noise).domain;
  if (!domain) {
    const output = await applyNetwork(net, meta, image, options);
    // Photos: the colour noise the network leaves (chroma-smoothing.ts); a camera raw file's planes are not RGB.
    const photo = meta.noise.family === 'correlated' && output.channels === 3;
    return photo ? smoothChroma(output, options.chroma ?? denoiseDefaults.chroma) : output;
  }
  if (options.mc < 1)
    throw new Error(`a ${meta.noise.family} model is applied to Monte Carlo recorruptions: use mc >= 1`);
  const output = await applyNetwork(net, meta, image, options);
  return makeImage(output.height, output.width, output.channels, domain.inverse(output.data));
}

/**
 * A model trained on k x k pixel-shuffled sub-images (gamma `subsample`) denoises each sub-image of the image, with
 * draws of its own, and puts them back on the image's grid.
 */
async function bySubImages(
  net: tfl.LayersModel,
  meta: ModelMeta,
  image: ImageF32,
  options: DenoiseOptions,
  k: number,
): Promise<ImageF32> {
  const noise = meta.noise.family === 'gamma' ? { family: 'gamma' as const, looks: meta.noise.looks } : meta.noise;
  const subs = subImages(image, k);
  const outs: ImageF32[] = [];
  for (const [s, sub] of subs.entries()) {
    const onTile =
      options.onTile && ((done: number, total: number) => options.onTile!(s * total + done, subs.length * total));
    outs.push(
      await denoiseImage(net, { ...meta, noise }, sub, { ...options, seed: options.seed + 7919 * (s + 1), onTile }),
    );
  }
  return joinSubImages(outs, k, image.height, image.width);
}

/**
 * The network (with options.mc recorruptions) on an image of any channel count, in the network's own units. A gray
 * image stored as colour is denoised as gray: its noise is the same in every channel, which recorrupting each
 * channel apart would not match.
 */
export async function applyNetwork(
  net: tfl.LayersModel,
  meta: ModelMeta,
  image: ImageF32,
  options: DenoiseOptions,
): Promise<ImageF32> {
  if (isGrayAsColour(image))
    return repeatChannels(await applyNetwork(net, meta, channelOf(image, 0), options), image.channels);
  if (image.channels === meta.channels) return denoiseMatched(net, meta, image, options);
  if (image.channels === 1)
    return averageChannels(
      await denoiseMatched(net, meta, repeatChannels(image, meta.channels), { ...options, ownChannels: 1 }),
    );
  if (meta.channels === 1) {
    const out = new Float32Array(image.data.length);
    for (let k = 0; k < image.channels; k++) {
      const done = await denoiseMatched(net, meta, channelOf(image, k), { ...options, seed: options.seed + k });
      for (let p = 0; p < done.data.length; p++) out[p * image.channels + k] = done.data[p]!;
    }
    return makeImage(image.height, image.width, image.channels, out);
  }
  const raw =
    image.channels === 4 && meta.channels !== 4
      ? ' (a camera raw file: its four CFA planes; denoise it with a model trained on raw files)'
      : '';
  throw new Error(`the model denoises ${meta.channels}-channel images; this one has ${image.channels}${raw}`);
}
