import type { ModelMeta } from '../shared/model';
import type { ImageF32 } from './image';
import { noiseModel } from './noise';
import { rawTrainSteps } from '../shared/defaults';

/** An output that changed its input by less than this fraction of the noise variance has kept the noise. */
const keptFraction = 0.15;

/**
 * In the units of 8- and 16-bit images (0 to 1): additive noise measured under 1.5/255 is about what rounding and JPEG
 * leave in a nearly clean photo (docs/real-noise.md, "Saying when it did not work"), so a model that keeps it may have
 * found little to remove rather than failed.
 */
const littleNoise = 1.5 / 255;

/**
 * Says so when a denoised image differs from its input by far less than the noise the model was given: the network
 * then learned to keep the noise as if it were signal (white recorruption of correlated noise does exactly that).
 * The noise variance is mean Var(y | x), estimated from y as alpha C-hat(y) (C = mean Var(y2 | x) = Var(y | x) / alpha).
 */
export function keptNoiseWarning(
  input: ImageF32,
  output: ImageF32,
  meta: Pick<ModelMeta, 'noise' | 'alpha' | 'loss'>,
  when: 'train' | 'denoise' = 'train',
): string | null {
  if (meta.loss === 'supervised') return null;
  const noise = noiseModel(meta.noise);
  if (noise.domain && !noise.domain.sameUnits) return null;
  const variance = meta.alpha * noise.lossConstantFromNoisy(input.data, meta.alpha);
  let change = 0;
  let count = 0;
  for (let i = 0; i < input.data.length; i++) {
    const d = output.data[i]! - input.data[i]!;
    if (!Number.isFinite(d)) continue;
    change += d * d;
    count++;
  }
  if (!(variance > 0) || count === 0 || change / count >= keptFraction * variance) return null;
  const rms = Math.sqrt(change / count);
  const sigma = Math.sqrt(variance);
  return (
    `the output differs from the input by ${rms.toPrecision(2)} (rms), far less than the noise the model was given ` +
    `(${sigma.toPrecision(2)}): the model has likely learned to keep the noise as signal. ${likelyCause(meta.noise.family, when)}` +
    littleNoiseNote(meta.noise.family, sigma)
  );
}

/** For additive noise on 0-1 data, under littleNoise: the other likely reason, a nearly clean image. */
function littleNoiseNote(family: ModelMeta['noise']['family'], sigma: number): string {
  if ((family !== 'correlated' && family !== 'gaussian') || sigma >= littleNoise) return '';
  return (
    `. Or the image holds little noise: the level measured, ${(255 * sigma).toFixed(2)}/255, is about what rounding ` +
    'and JPEG leave in a nearly clean photo, and there may be little to remove'
  );
}

function likelyCause(family: ModelMeta['noise']['family'], when: 'train' | 'denoise'): string {
  const other =
    when === 'denoise'
      ? ". Or this image's noise is unlike that of the images the model was trained on: train on images like it"
      : '';
  if (family === 'correlated') {
    return (
      'The noise was measured with a weaker correlation or level than it has (lossy compression of raw data, ' +
      `strong in-camera processing, or few flat areas to measure on): the recorruption did not cover it${other}`
    );
  }
  if (family === 'gamma') {
    return (
      'Speckle correlated between neighbours (SAR oversampling, resampling, multilooking), or looks given higher than ' +
      "the data have, does that: train with the automatic noise model (no --noise), which measures each file's looks " +
      `and trains correlated speckle on sub-images, or give complex (SLC) data as the complex TIFF to whiten it${other}`
    );
  }
  if (family === 'poissongaussian' || family === 'poisson') {
    return (
      'Noise correlated between photosites (lossy in-camera raw coding) does that to a model of independent shot and ' +
      `read noise; too few steps can too (raw trains ${rawTrainSteps} by default): train with --noise correlated${other}`
    );
  }
  return (
    'Noise correlated between pixels (demosaicking, in-camera noise reduction, JPEG, SAR oversampling) does that ' +
    `to a model trained on independent noise: train with the automatic noise model (no --noise) or --noise correlated${other}`
  );
}
