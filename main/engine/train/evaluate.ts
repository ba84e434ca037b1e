import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { psnr } from '../gr2r';
import { recorruptedPatches } from '../channel-repeats';
import { samplePatchBatch } from '../patches';
import { realisedConstant } from '../realised-constant';
import { Rng } from '../random/rng';
import type { TrainContext } from './context';

/** Fixed held-out patches: the input the network sees, the target, and the constant to subtract. */
export interface ValidationSet {
  readonly input: Float32Array;
  readonly target: Float32Array;
  /** 0 for supervised; for GR2R the estimate of C for these draws (docs/method.md §2, realised-constant.ts). */
  readonly constant: number;
  readonly count: number;
  /** The noisy input's error: alpha C-hat(y), the noise variance (Var(y2 | x) = Var(y | x) / alpha); supervised: exact. */
  readonly inputMse: number;
}

const validationKey = 0x7ffffff0;

export function validationSet(context: TrainContext): ValidationSet {
  const { options, data, patch, channels, noise } = context;
  const count = options.validationPatches;
  const rng = Rng.derive(options.seed, validationKey);
  if (options.loss === 'supervised') {
    const sources = [data.validation.map((d) => d.image), data.validationClean!.map((d) => d.image)];
    const [input, target] = samplePatchBatch(sources, count, patch, channels, rng);
    let sum = 0;
    for (let i = 0; i < input!.length; i++) sum += (input![i]! - target![i]!) ** 2;
    return { input: input!, target: target!, constant: 0, count, inputMse: sum / input!.length };
  }
  const pair = recorruptedPatches(
    noise,
    data.validation.map((d) => d.image),
    count,
    patch,
    channels,
    options.alpha,
    rng,
  );
  const fromNoisy = pair.constantFromNoisy();
  const constant = realisedConstant(pair, options.alpha, fromNoisy);
  return { input: pair.y1, target: pair.y2, constant, count, inputMse: options.alpha * fromNoisy };
}

/** Mean squared error of the network's output against the target, in the data's units. */
export async function predictionMse(
  net: tfl.LayersModel,
  set: ValidationSet,
  patch: number,
  channels: number,
  scale: number,
): Promise<number> {
  const per = patch * patch * channels;
  const chunk = 8;
  let total = 0;
  for (let start = 0; start < set.count; start += chunk) {
    const n = Math.min(chunk, set.count - start);
    const sum = tf.tidy(() => {
      const x = tf.tensor4d(set.input.subarray(start * per, (start + n) * per), [n, patch, patch, channels]);
      const t = tf.tensor4d(set.target.subarray(start * per, (start + n) * per), [n, patch, patch, channels]);
      return tf.sum(tf.squaredDifference(tf.mul(net.predict(tf.div(x, scale)) as tf.Tensor, scale), t));
    });
    total += (await sum.data())[0]!;
    sum.dispose();
  }
  return total / (set.count * per);
}

/**
 * Estimated PSNR without clean images: held-out GR2R loss minus its constant estimates the supervised MSE.
 * Null for a family trained in a stabilised domain, where that error is not in image units.
 */
export async function estimatePsnr(context: TrainContext, set: ValidationSet): Promise<number | null> {
  if (context.noise.domain && !context.noise.domain.sameUnits && context.options.loss !== 'supervised') return null;
  const mse = await predictionMse(context.net, set, context.patch, context.channels, context.scale);
  // A negative estimate means the noise is weaker than the model says (the parameter is too large): no PSNR then.
  const estimated = mse - set.constant;
  return estimated > 0 ? psnr(estimated, context.peak) : null;
}

/** The noisy input's PSNR on the validation patches, where the estimated PSNR is defined (else null). */
export function inputPsnr(context: TrainContext, set: ValidationSet): number | null {
  if (context.noise.domain && !context.noise.domain.sameUnits && context.options.loss !== 'supervised') return null;
  return set.inputMse > 0 ? psnr(set.inputMse, context.peak) : null;
}
