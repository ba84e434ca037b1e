import type { DatasetSummary } from '../../main/shared/dataset';
import type { ModelSummary } from '../../main/shared/library';
import type { NoiseChoice } from '../../main/shared/noise';

/** Whether a model suits the dataset on screen: fine, worth a warning, or unusable. */
export interface ModelFit {
  readonly level: 'ok' | 'warn' | 'refuse';
  readonly reasons: readonly string[];
}

/** What the app knows about the data at hand: its files, the noise model set for it, amplitude or intensity. */
export interface DataAtHand {
  readonly summary: DatasetSummary;
  readonly noise: NoiseChoice | null;
  readonly amplitude: boolean;
}

/**
 * Channels: a gray model denoises colour one channel at a time and a colour model takes gray repeated, so only
 * other counts cannot match (a 3-channel model on 4-band data). Units: a model of [0, 1] data cannot take SAR
 * intensities as stored, nor the other way. The rest (another folder, family, amplitude) is a warning.
 */
export function modelFit(model: ModelSummary, data: DataAtHand): ModelFit {
  const refuse: string[] = [];
  const warn: string[] = [];
  const channels = [...new Set(data.summary.images.map((i) => i.channels))];
  const unusable = channels.filter((c) => c !== 1 && model.channels !== 1 && c !== model.channels);
  if (unusable.length)
    refuse.push(
      `the model denoises ${model.channels}-channel images; this dataset has ${unusable.join(', ')}-channel images`,
    );
  const allInteger = data.summary.images.every((i) => i.bitDepth !== 32);
  if (model.units === 'as-stored' && allInteger)
    refuse.push(
      'the model was trained on float data as stored (e.g. SAR intensities); these are 8/16-bit images in [0, 1]',
    );
  if (model.units === 'unit' && !allInteger && model.noise.family === 'gamma')
    warn.push('the model was trained on [0, 1] data; these float files may hold other units');
  if (model.dataset && model.dataset.folder !== data.summary.folder.name)
    warn.push(`trained on “${model.dataset.folder}”, not on this dataset`);
  if (data.noise && data.noise.family !== 'auto' && data.noise.family !== model.noise.family)
    warn.push(`trained for ${model.noise.family} noise; the noise model set here is ${data.noise.family}`);
  if (model.noise.family === 'gamma' && data.noise?.family === 'gamma' && model.amplitude !== data.amplitude) {
    warn.push(
      `trained on ${model.amplitude ? 'amplitude' : 'intensity'} files; this dataset is declared ${data.amplitude ? 'amplitude' : 'intensity'}`,
    );
  }
  if (model.channels > 1 && channels.length === 1 && channels[0] === 1) warn.push('a colour model on gray images');
  if (refuse.length) return { level: 'refuse', reasons: [...refuse, ...warn] };
  return { level: warn.length ? 'warn' : 'ok', reasons: warn };
}
