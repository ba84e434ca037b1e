import type { NoiseModel } from '../noise';
import type { MaskedImage } from '../patches';
import { Rng } from '../random/rng';

export interface NamedImage {
  readonly name: string;
  /** With a validity mask, only the pixels that hold data are checked, scaled on and trained on. */
  readonly image: MaskedImage;
}

/** The values of the pixels that hold data (all of them without a mask). */
function validValues(image: MaskedImage): Float32Array {
  const { valid, data, channels } = image;
  if (!valid) return data;
  let count = 0;
  for (let p = 0; p < valid.length; p++) count += valid[p]!;
  const out = new Float32Array(count * channels);
  for (let p = 0, o = 0; p < valid.length; p++) {
    if (valid[p]) for (let k = 0; k < channels; k++) out[o++] = data[p * channels + k]!;
  }
  return out;
}

/** Training and held-out images; `clean` lists are paired by index with the noisy ones (supervised only). */
export interface TrainData {
  readonly train: readonly NamedImage[];
  readonly trainClean?: readonly NamedImage[];
  readonly validation: readonly NamedImage[];
  readonly validationClean?: readonly NamedImage[];
  /** True when the validation images are not trained on (four images or more). */
  readonly heldOut: boolean;
}

/** Holds out about 10% of the images (at least one) for the estimated PSNR, when there are four or more. */
export function splitData(
  noisy: readonly NamedImage[],
  clean: readonly NamedImage[] | undefined,
  seed: number,
): TrainData {
  if (noisy.length === 0) throw new Error('no images to train on');
  if (clean && clean.length !== noisy.length) throw new Error('every noisy image needs its clean target');
  if (noisy.length < 4)
    return { train: noisy, trainClean: clean, validation: noisy, validationClean: clean, heldOut: false };
  const order = noisy.map((_, i) => i);
  const rng = new Rng(seed ^ 0x7a11);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const count = Math.max(1, Math.round(noisy.length * 0.1));
  const pick = (list: readonly NamedImage[] | undefined, held: boolean) =>
    list && order.filter((_, k) => k < count === held).map((i) => list[i]!);
  return {
    train: pick(noisy, false)!,
    trainClean: pick(clean, false),
    validation: pick(noisy, true)!,
    validationClean: pick(clean, true),
    heldOut: true,
  };
}

/** Every image must fit the noise model; the error names the file and the problem. */
export function checkImages(images: readonly NamedImage[], model: NoiseModel): void {
  for (const { name, image } of images) {
    const problem = model.check(validValues(image));
    if (problem) throw new Error(`${name}: ${problem}`);
  }
}

/** Inputs are divided by this before the network: twice the mean magnitude, so data of any units look alike. */
export function dataScale(images: readonly NamedImage[]): number {
  let sum = 0;
  let count = 0;
  for (const { image } of images) {
    const values = validValues(image);
    for (let i = 0; i < values.length; i++) sum += Math.abs(values[i]!);
    count += values.length;
  }
  const scale = (2 * sum) / Math.max(count, 1);
  return scale > 1e-12 ? scale : 1;
}

export function maxChannels(images: readonly NamedImage[]): number {
  return Math.max(...images.map(({ image }) => image.channels));
}
