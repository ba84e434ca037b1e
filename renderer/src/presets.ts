import { netOf, trainDefaults } from '../../main/shared/defaults';
import type { TrainSettings } from '../../main/shared/library';
import type { TrainPresetName } from '../../main/shared/settings';

export interface TrainPreset {
  readonly name: TrainPresetName;
  readonly label: string;
  readonly summary: string;
  readonly settings: TrainSettings;
}

/**
 * Starting points; every setting behind them stays editable. Balanced is the defaults (main/shared/defaults.ts),
 * the design's reference network; the others say only how they differ from it.
 */
export const trainPresets: readonly TrainPreset[] = [
  {
    name: 'fast',
    label: 'Fast',
    summary: 'A small DnCNN for a first look, in minutes on a CPU.',
    settings: {
      ...trainDefaults,
      net: netOf('dncnn', { width: 32, depth: 5 }),
      steps: 200,
      batch: 4,
      patch: 48,
      checkpointEvery: 50,
    },
  },
  {
    name: 'balanced',
    label: 'Balanced',
    summary: 'The reference U-Net (32-64-128), a good default.',
    settings: { ...trainDefaults },
  },
  {
    name: 'quality',
    label: 'Quality',
    summary: 'The same U-Net trained five times longer on larger patches.',
    settings: { ...trainDefaults, steps: 5 * trainDefaults.steps, patch: 96, checkpointEvery: 200 },
  },
];

export function presetSettings(name: TrainPresetName): TrainSettings {
  const preset = trainPresets.find((p) => p.name === name) ?? trainPresets[1]!;
  return structuredClone(preset.settings);
}

export function matchesPreset(settings: TrainSettings, name: TrainPresetName): boolean {
  return JSON.stringify(settings) === JSON.stringify(presetSettings(name));
}

/**
 * The settings a training request carries: only those that differ from the defaults, as the CLI passes only the
 * flags given, so the app and `gr2r train` resolve the same options (Binomial's alpha moves to a whole number of
 * trials when it is at its default, as it does without --alpha).
 */
export function requestSettings(settings: TrainSettings): Partial<TrainSettings> {
  const defaults: TrainSettings = { ...trainDefaults };
  const keys = Object.keys(settings) as (keyof TrainSettings)[];
  const changed = keys.filter((key) => JSON.stringify(settings[key]) !== JSON.stringify(defaults[key]));
  return Object.fromEntries(changed.map((key) => [key, settings[key]])) as Partial<TrainSettings>;
}
