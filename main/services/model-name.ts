import type { NoiseChoice } from '../shared/noise';
import { choiceSpec, noiseParameter, noiseParameterName } from '../shared/noise';

function stamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}`;
}

/** Only the characters a model id allows. */
export function cleanName(text: string, max = 60): string {
  return text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/-+$/, '')
    .slice(0, max);
}

/** A model's default name says what it is: family, parameter, dataset and date (`gaussian-sigma0.1-beach-20260102-0304`). */
export function describedModelName(choice: NoiseChoice | undefined, dataset: string, date = new Date()): string {
  const noise = choice ? choiceSpec(choice) : null;
  const family = noise
    ? `${noise.family}-${noiseParameterName[noise.family]}${Number(noiseParameter(noise).toPrecision(3))}`
    : (choice?.family ?? 'model');
  return [cleanName(family, 40), cleanName(dataset, 40) || 'data', stamp(date)].join('-');
}
