import type { TrainSettings } from '../../main/shared/library';
import type { TrainPresetName } from '../../main/shared/settings';

export interface TrainPreset {
  readonly name: TrainPresetName;
  readonly label: string;
  readonly summary: string;
  readonly settings: TrainSettings;
}

const common = { alpha: 0.25, loss: 'mse', learningRate: 2e-3, seed: 1 } as const;

/** Starting points; every setting behind them stays editable. Balanced is the design's reference network. */
export const trainPresets: readonly TrainPreset[] = [
  {
    name: 'fast', label: 'Fast', summary: 'A small DnCNN for a first look, in minutes on a CPU.',
    settings: { ...common, net: { kind: 'dncnn', width: 32, depth: 5 }, steps: 200, batch: 4, patch: 48, checkpointEvery: 50 },
  },
  {
    name: 'balanced', label: 'Balanced', summary: 'The reference U-Net (32-64-128), a good default.',
    settings: { ...common, net: { kind: 'unet', width: 32, depth: 3 }, steps: 400, batch: 8, patch: 64, checkpointEvery: 100 },
  },
  {
    name: 'quality', label: 'Quality', summary: 'The same U-Net trained five times longer on larger patches.',
    settings: { ...common, net: { kind: 'unet', width: 32, depth: 3 }, steps: 2000, batch: 8, patch: 96, checkpointEvery: 200 },
  },
];

export function presetSettings(name: TrainPresetName): TrainSettings {
  const preset = trainPresets.find((p) => p.name === name) ?? trainPresets[1]!;
  return structuredClone(preset.settings);
}

export function matchesPreset(settings: TrainSettings, name: TrainPresetName): boolean {
  return JSON.stringify(settings) === JSON.stringify(presetSettings(name));
}
