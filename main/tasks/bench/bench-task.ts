import { initBackend } from '../../engine/backend';
import type { BackendName } from '../../engine/backend';
import type { TrainOptions } from '../../engine/train/options';
import { defaultTrainOptions } from '../../engine/train/options';
import type { Budget } from './budget';
import { budgetSettings } from './budget';
import { loadCleanImages } from './clean-data';
import type { ConditionRun } from './condition';
import { runCondition } from './condition';
import type { GradientEngine } from '../../runtime/training-gradients';
import { chooseGradients } from '../../runtime/training-gradients';
import type { ConditionFilter } from './conditions';
import { conditionsFor } from './conditions';
import type { StepReport } from './train-model';
import type { BenchReport, BenchRow } from './types';

export interface BenchInput {
  readonly data: string;
  readonly budget: Budget;
  /** Options the user set on top of the budget's (steps, alpha, learning rate...). */
  readonly overrides: Partial<Omit<TrainOptions, 'noise'>>;
  readonly families?: readonly ConditionFilter[];
  /** Only these GR2R losses (default: MSE everywhere, and NLL where the family defines it). */
  readonly losses?: readonly ('mse' | 'nll')[];
  readonly mc: number;
  readonly backend?: BackendName;
  readonly onStep?: (label: string) => StepReport;
  readonly onRow?: (row: BenchRow) => void;
  readonly signal?: AbortSignal;
  /** What computes the training gradients (default auto, as the app: training-gradients.ts). */
  readonly gradients?: 'auto' | GradientEngine;
  /** Said once each: which gradient engine runs, and why another was skipped. */
  readonly onNote?: (message: string) => void;
}

export function benchTrainOptions(
  budget: Budget,
  overrides: Partial<Omit<TrainOptions, 'noise'>>,
): Omit<TrainOptions, 'noise'> {
  return { ...defaultTrainOptions, ...budgetSettings[budget].train, ...overrides };
}

function once(note: (message: string) => void): (message: string) => void {
  const said = new Set<string>();
  return (message) => {
    if (!said.has(message)) note(message);
    said.add(message);
  };
}

/** The backend, the clean images and what every condition's trainings share. */
export async function benchRun(input: BenchInput): Promise<ConditionRun> {
  const backend = await initBackend(input.backend);
  const images = await loadCleanImages(input.data, budgetSettings[input.budget].testRows);
  const gradients = chooseGradients({
    prefer: input.gradients,
    backend: backend.name,
    onNote: once(input.onNote ?? (() => {})),
  });
  const options = benchTrainOptions(input.budget, input.overrides);
  return { images, options, mc: input.mc, onStep: input.onStep, signal: input.signal, gradients };
}

/** Adds each condition's noise to clean images, trains GR2R and the supervised reference, and scores both. */
export async function runBench(input: BenchInput): Promise<BenchReport> {
  const run = await benchRun(input);
  const rows: BenchRow[] = [];
  const wanted = (loss: 'mse' | 'nll') => !input.losses || input.losses.includes(loss);
  for (const condition of conditionsFor(input.families).map((c) => ({ ...c, losses: c.losses.filter(wanted) }))) {
    for (const row of await runCondition(condition, run)) {
      rows.push(row);
      input.onRow?.(row);
    }
  }
  return {
    budget: input.budget,
    data: input.data,
    trainImages: run.images.train.length,
    testImages: run.images.test.length,
    rows,
  };
}
