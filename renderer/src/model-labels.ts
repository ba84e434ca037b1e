import type { ModelSummary } from '../../main/shared/library';
import { describeSpec } from './noise-families';

export function netLabel(net: ModelSummary['net']): string {
  return net.kind === 'unet' ? `U-Net ${net.width}×${net.depth}` : `DnCNN ${net.width}×${net.depth}`;
}

export function noiseLabel(noise: ModelSummary['noise']): string {
  return describeSpec(noise, 4);
}

export function modelDate(model: ModelSummary): string {
  const date = new Date(model.createdAt);
  return Number.isNaN(date.getTime())
    ? model.createdAt
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Where a model's training stands: finished, stopped early (best step kept), or stopped and resumable. */
export function trainingState(model: ModelSummary): string {
  const last = model.trainedSteps ?? model.step;
  const psnr = psnrText(model);
  if (model.earlyStoppedAt !== undefined)
    return `Stopped early at ${model.earlyStoppedAt}, kept step ${model.step}${psnr}`;
  if (last < model.totalSteps) return `Stopped at step ${last} / ${model.totalSteps}`;
  return model.step < last ? `Trained · kept step ${model.step} of ${last}${psnr}` : `Model ready${psnr}`;
}

/** Photos: the estimated gain over the noisy input where known, else the estimated PSNR; SAR: none (no agreed peak). */
export function psnrText(model: ModelSummary): string {
  if (model.estPsnr === null || model.noise.family === 'gamma') return '';
  if (model.inputPsnr === null || model.inputPsnr === undefined) return ` · ${model.estPsnr.toFixed(1)} dB`;
  const gain = model.estPsnr - model.inputPsnr;
  return ` · ${gain >= 0 ? '+' : ''}${gain.toFixed(1)} dB`;
}

/** Which step's weights the model holds and why, in one sentence (null when it is simply the last). */
export function keptStepText(model: ModelSummary): string | null {
  const last = model.trainedSteps ?? model.step;
  if (model.step === last && model.earlyStoppedAt === undefined) return null;
  const why =
    model.earlyStoppedAt !== undefined
      ? `stopped early at step ${model.earlyStoppedAt} (no better estimate since); `
      : '';
  // SAR speckle: the held-out estimate still picks the step, but as a PSNR it has no agreed peak.
  return `${why}kept step ${model.step} of ${last}, the best ${model.noise.family === 'gamma' ? 'held-out estimate' : 'estimated PSNR'}.`;
}
