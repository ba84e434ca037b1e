// Peak memory (RSS) of training on and denoising a big camera raw file: a synthetic Bayer DNG (14-bit, per-cell
// black levels, shot + read noise) of the given megapixels, made from a bundled photo; `gr2r train` (a few steps, the
// default U-Net, Poisson-Gaussian estimated: no --noise) and `gr2r denoise` (--mc 1, or --mc J) each in a fresh process under
// /usr/bin/time, which reports the kernel's high-water mark. Or an existing raw file (development data only).
// Run: npx tsx bench/raw-memory.ts [MEGAPIXELS ...] [--file RAW] [--steps N] [--mc J] [--keep]
// (--keep: the inputs, models and outputs stay, for bench/raw-check.ts)
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { writeSyntheticDng } from '../test/helpers/synthetic-dng';
import { syntheticRawScene } from './synthetic-raw-scene';

const root = resolve(import.meta.dirname, '..');

function timed(args: string[]): { rss: number; seconds: number; ok: boolean; tail: string } {
  const start = Date.now();
  const r = spawnSync('/usr/bin/time', ['-v', 'node', join(root, 'bin/gr2r.js'), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  const tail = r.stderr
    .split(/[\r\n]/)
    .filter((l) => l.trim() && !/^\t/.test(l))
    .slice(-2)
    .join(' | ');
  return { rss, seconds: (Date.now() - start) / 1000, ok: r.status === 0, tail };
}

async function syntheticRaw(dir: string, megapixels: number): Promise<string> {
  const rgb = await syntheticRawScene(megapixels);
  const file = join(dir, `synthetic-${megapixels}mp.dng`);
  await writeSyntheticDng(file, rgb, {
    fullWell: 400,
    readNoise: 8,
    layout: { bits: 14, compression: 'ljpeg', tile: 256 },
  });
  return file;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const fileAt = args.indexOf('--file');
  const stepsAt = args.indexOf('--steps');
  const steps = stepsAt >= 0 ? args[stepsAt + 1]! : '10';
  const mcAt = args.indexOf('--mc');
  const mc = mcAt >= 0 ? args[mcAt + 1]! : '1';
  const sizes = args.filter((a, i) => /^\d+$/.test(a) && i !== stepsAt + 1 && i !== mcAt + 1).map(Number);
  const work = await mkdtemp(join(tmpdir(), 'gr2r-raw-memory-'));
  const inputs: string[] = [];
  if (fileAt >= 0) inputs.push(resolve(args[fileAt + 1]!));
  for (const mp of sizes.length > 0 || fileAt >= 0 ? sizes : [24]) inputs.push(await syntheticRaw(work, mp));
  console.log('| input | MiB | train peak RSS MiB | train s | denoise peak RSS MiB | denoise s |');
  console.log('|---|---|---|---|---|---|');
  for (const input of inputs) {
    const dir = join(work, `run-${basename(input)}`);
    await mkdir(join(dir, 'data'), { recursive: true });
    // A copy, not a link: training skips links that lead outside the folder.
    await copyFile(input, join(dir, 'data', basename(input)));
    const train = timed([
      'train',
      '--data',
      join(dir, 'data'),
      '--steps',
      steps,
      '--backend',
      'wasm',
      '--out',
      join(dir, 'model'),
    ]);
    const denoise = timed([
      'denoise',
      '--model',
      join(dir, 'model'),
      '--input',
      join(dir, 'data'),
      '--output',
      join(dir, 'out'),
      '--mc',
      mc,
    ]);
    const size = (await stat(input)).size / 2 ** 20;
    console.log(
      `| ${basename(input)} | ${size.toFixed(0)} | ${train.rss.toFixed(0)} | ${train.seconds.toFixed(0)} | ${denoise.rss.toFixed(0)} | ${denoise.seconds.toFixed(0)} |`,
    );
    if (!train.ok || !denoise.ok) console.log(`  failed: ${train.ok ? denoise.tail : train.tail}`);
  }
  if (args.includes('--keep')) console.log(`kept in ${work}`);
  else await rm(work, { recursive: true, force: true });
}

await main();
