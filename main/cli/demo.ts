import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { imagePsnr } from '../engine/metrics';
import { readImage } from '../io';
import { denoiseTask } from '../tasks/denoise/denoise-task';
import { trainTask } from '../tasks/train/train-task';
import type { Command, CommandIO } from './command';
import { parseNumber } from './noise-flags';
import { ProgressLine } from './progress';
import { parseBackend } from './train';

const samples = resolve(import.meta.dirname, '../../resources/samples');
const help = `Usage: gr2r demo [--steps N] [--out DIR] [--backend NAME]

Trains GR2R on the bundled noisy samples (resources/samples/noisy: Gaussian noise, sigma 0.1, float32 TIFF),
denoises them with 5 Monte Carlo passes, and prints the PSNR against the clean originals.
Results go to DIR (default ./gr2r-demo, or a numbered folder beside it if that exists).
`;

async function freshFolder(base: string): Promise<string> {
  for (let n = 0; ; n++) {
    const dir = n === 0 ? base : `${base}-${n}`;
    if (
      !(await stat(dir).then(
        () => true,
        () => false,
      ))
    )
      return dir;
  }
}

async function psnrTable(denoised: readonly { input: string; output: string }[]): Promise<string[]> {
  const rows = ['image        noisy PSNR   denoised PSNR   gain'];
  for (const { input, output } of denoised) {
    const name = basename(input).replace(/\.\w+$/, '');
    const clean = (await readImage(join(samples, 'clean', `${name}.png`))).image;
    const before = imagePsnr((await readImage(input)).image, clean);
    const after = imagePsnr((await readImage(output)).image, clean);
    rows.push(
      `${name.padEnd(12)} ${before.toFixed(2).padStart(8)} dB ${after.toFixed(2).padStart(11)} dB ${(after - before).toFixed(2).padStart(6)} dB`,
    );
  }
  return rows;
}

async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { steps: { type: 'string' }, out: { type: 'string' }, backend: { type: 'string' } },
  });
  const out = await freshFolder(resolve(values.out ?? 'gr2r-demo'));
  const steps = values.steps ? parseNumber('steps', values.steps) : 200;
  const progress = new ProgressLine(io);
  const noisy = join(samples, 'noisy');
  io.stderr.write(`training on ${(await readdir(noisy)).length} noisy samples in ${noisy} for ${steps} steps\n`);
  const trained = await trainTask({
    data: noisy,
    out: join(out, 'model'),
    noise: { family: 'gaussian', sigma: 0.1 },
    options: { steps },
    backend: parseBackend(values.backend),
    signal: io.signal,
    onProgress: (p) =>
      progress.update(
        p.step,
        p.total,
        `loss ${p.loss.toPrecision(4)}${p.estPsnr === null ? '' : ` est. PSNR ${p.estPsnr.toFixed(2)} dB`}`,
        p.etaMs,
      ),
  });
  if (trained.cancelled) return 130;
  const denoised = await denoiseTask({
    model: trained.model,
    input: noisy,
    output: join(out, 'denoised'),
    signal: io.signal,
  });
  io.stdout.write(`${(await psnrTable(denoised.written)).join('\n')}\n`);
  io.stdout.write(`model: ${trained.model}\ndenoised images: ${join(out, 'denoised')}\n`);
  return denoised.failures.length ? 1 : 0;
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'train and denoise the bundled samples, print PSNR',
  help,
  run,
};
