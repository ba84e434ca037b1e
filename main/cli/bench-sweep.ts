import { resolve } from 'node:path';
import { describeNet } from '../engine/nets/config';
import { benchTrainOptions } from '../tasks/bench/bench-task';
import type { SweepKind, SweepRow } from '../tasks/bench/sweep';
import { runSweep, sweepKinds } from '../tasks/bench/sweep';
import type { BenchFlags } from './bench-flags';
import { parseBudget, parseFamilies, parseOverrides } from './bench-flags';
import type { CommandIO } from './command';
import { UsageError } from './command';
import { ProgressLine } from './progress';
import { parseBackend, parseGradients } from './train';
import { denoiseDefaults } from '../shared/defaults';

const samples = resolve(import.meta.dirname, '../../resources/samples/clean');
const header = `${'noise'.padEnd(24)}  alpha   J    PSNR   SSIM  superv.    gap  ms/image   est.   true`;

const fixed = (v: number | null, digits: number, width: number) =>
  (v === null ? '-' : v.toFixed(digits)).padStart(width);

function formatSweepRow(r: SweepRow): string {
  const gap = r.score.psnr - r.supervisedPsnr;
  return [
    r.condition.padEnd(24),
    fixed(r.alpha, 3, 5),
    String(r.mc).padStart(3),
    fixed(r.score.psnr, 2, 7),
    fixed(r.score.ssim, 3, 6),
    fixed(r.supervisedPsnr, 2, 8),
    `${gap >= 0 ? '+' : ''}${gap.toFixed(2)}`.padStart(6),
    fixed(r.msPerImage || null, 0, 9),
    fixed(r.estimatedPsnr, 2, 6),
    fixed(r.truePsnr, 2, 6),
  ].join(' ');
}

/** `gr2r bench --sweep alpha|mc`: PSNR against the split alpha or the number J of Monte Carlo recorruptions. */
export async function runSweepCommand(flags: BenchFlags & { sweep?: string }, io: CommandIO): Promise<number> {
  const kind = sweepKinds.find((k) => k === flags.sweep) as SweepKind | undefined;
  if (!kind) throw new UsageError(`--sweep must be one of ${sweepKinds.join(', ')}, got ${flags.sweep}`);
  const budget = parseBudget(flags.budget);
  const overrides = parseOverrides(flags);
  const options = benchTrainOptions(budget, overrides);
  const progress = new ProgressLine(io, 50);
  progress.note(
    `sweep ${kind} (${budget}): ${describeNet(options.net)}, ${options.steps} steps, batch ${options.batch}, patch ${options.patch}, lr ${options.learningRate}`,
  );
  if (!flags.json) io.stdout.write(`${header}\n`);
  const rows = await runSweep(
    kind,
    {
      data: flags.data ?? samples,
      budget,
      overrides,
      families: parseFamilies(flags.family),
      mc: denoiseDefaults.mc,
      backend: parseBackend(flags.backend),
      gradients: parseGradients(flags.gradients),
      signal: io.signal,
      onStep: (label) => (step, total, etaMs) => progress.update(step, total, label, etaMs),
    },
    (row) => {
      if (!flags.json) io.stdout.write(`${formatSweepRow(row)}\n`);
    },
  );
  if (flags.json) io.stdout.write(`${JSON.stringify({ sweep: kind, budget, rows }, null, 2)}\n`);
  return 0;
}
