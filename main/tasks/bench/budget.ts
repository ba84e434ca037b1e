import type { TrainOptions } from '../../engine/train/options';

export const budgets = ['quick', 'full'] as const;
export type Budget = (typeof budgets)[number];

export interface BudgetSettings {
  /** Training options that differ from the app's defaults. */
  readonly train: Partial<Omit<TrainOptions, 'noise'>>;
  /** Test regions are at most this many rows, and twice as many columns, per image. */
  readonly testRows: number;
}

/**
 * quick: a small U-Net on small patches, minutes for every family on 2 cores (a smoke test of the pipeline,
 * not of the method's quality). full: exactly the app's default training options (hours on 2 cores).
 */
export const budgetSettings: Record<Budget, BudgetSettings> = {
  quick: {
    train: { net: { kind: 'unet', width: 16, depth: 2 }, patch: 32, batch: 8, steps: 100, evalEvery: 1000 },
    testRows: 32,
  },
  full: { train: {}, testRows: 128 },
};
