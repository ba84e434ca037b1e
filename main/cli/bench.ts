import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeNet } from '../engine/nets/config';
import { benchTrainOptions, runBench } from '../tasks/bench/bench-task';
import { runSpeedBench } from '../tasks/bench/speed';
import { formatHeader, formatRow } from '../tasks/bench/table';
import type { Command, CommandIO } from './command';
import { parseSpeedFlags, speedHelp } from './bench-speed';
import { benchFlagOptions, parseBudget, parseFamilies, parseLosses, parseOverrides, wholeNumber } from './bench-flags';
import { ProgressLine } from './progress';
import { runSweepCommand } from './bench-sweep';
import { parseBackend, parseGradients } from './train';
import { denoiseDefaults } from '../shared/defaults';

const samples = resolve(import.meta.dirname, '../../resources/samples/clean');
const help = `Usage: gr2r bench [--budget quick|full] [--data CLEAN_DIR] [--family F[,F...]] [options]

Denoising quality, measured. Adds noise of each family at two levels to clean images (default: the bundled
samples), trains GR2R and the same network supervised (clean targets, same steps and seed) on the top of each
image, and scores both on the bottom quarter, which training never sees. Prints one table:
PSNR (dB) and SSIM of the noisy input, of GR2R with J = 1 and J = --mc recorruptions, of the supervised model,
the gap GR2R - supervised, and the estimated PSNR of f(y1) (from noisy data alone) against its true value.

  --budget quick|full  quick: a small U-Net, minutes on 2 cores (pipeline check, not the method's quality);
                       full (default): the app's default training options, hours on 2 cores
  --family LIST        gaussian, poisson, gamma, binomial, lograyleigh, poissongaussian (default: all);
                       FAMILY:LEVEL for one level (poissongaussian: its lattice and Anscombe modes against plain Poisson and Gaussian)
  --steps N  --alpha A  --lr R  --batch B  --patch P  --net unet|dncnn  --width W  --depth D  --seed S
                       change the budget's training options (both GR2R and supervised)
  --loss mse|nll       only that GR2R loss (default: MSE, and NLL where defined)
  --mc J               Monte Carlo recorruptions for GR2R (default ${denoiseDefaults.mc})
  --sweep alpha|mc     PSNR against the split alpha (0.05..0.5), or against J (1..20), instead of the table
  --json               the rows as JSON on stdout
  --speed              the speed bench (training and inference timings) instead
  --backend NAME       force a compute backend
  --gradients auto|onnxruntime|tfjs  what computes the training gradients (default auto, as gr2r train)
`;

async function run(argv: string[], io: CommandIO): Promise<number> {
  if (argv.includes('--speed')) return runSpeedBench(parseSpeedFlags(argv), io);
  const { values: flags } = parseArgs({ args: argv, options: benchFlagOptions, strict: true });
  if (flags.sweep !== undefined) return runSweepCommand(flags, io);
  const budget = parseBudget(flags.budget);
  const overrides = parseOverrides(flags);
  const options = benchTrainOptions(budget, overrides);
  const mc = wholeNumber(flags, 'mc') ?? denoiseDefaults.mc;
  const progress = new ProgressLine(io, 50);
  progress.note(
    `bench (${budget}): ${describeNet(options.net)}, ${options.steps} steps, batch ${options.batch}, patch ${options.patch}, alpha ${options.alpha}, lr ${options.learningRate}, J = ${mc}`,
  );
  if (!flags.json) io.stdout.write(`${formatHeader(mc)}\n`);
  const report = await runBench({
    data: flags.data ?? samples,
    budget,
    overrides,
    families: parseFamilies(flags.family),
    losses: parseLosses(flags.loss),
    mc,
    backend: parseBackend(flags.backend),
    gradients: parseGradients(flags.gradients),
    signal: io.signal,
    onNote: (m) => progress.note(m),
    onStep: (label) => (step, total, etaMs) => progress.update(step, total, label, etaMs),
    onRow: (row) => {
      if (!flags.json) io.stdout.write(`${formatRow(row)}\n`);
    },
  });
  if (flags.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return 0;
}

export const benchCommand: Command = {
  name: 'bench',
  summary: 'measure denoising quality: GR2R against supervised, per noise family',
  help,
  run,
  helpFor: (argv) => (argv.includes('--speed') ? speedHelp : help),
};
