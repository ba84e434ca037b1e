// Peak memory (RSS) of reading a big image for estimation and for training: the bounded readers (the central
// crop the estimators measure; a few random crops for training) against reading the whole image, each in a
// fresh process, on one generated 8000 x 8000 RGB PNG (Gaussian noise around mid-gray).
// Run: npx tsx bench/memory-read.ts [--keep]
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { estimateImage } from '../main/engine/estimate';
import { readImage } from '../main/io';
import { readEstimationCrop } from '../main/tasks/estimate/estimation-crop';
import { readForTraining } from '../main/tasks/train/training-crops';

const SIDE = 8000;
const CASES = ['estimate-crop', 'estimate-whole', 'train-crops', 'train-whole'] as const;
type Case = (typeof CASES)[number];

async function child(name: Case, file: string): Promise<void> {
  const startMiB = process.memoryUsage().rss / 2 ** 20;
  const started = performance.now();
  let pixels = 0;
  if (name === 'estimate-crop' || name === 'estimate-whole') {
    const { image } = name === 'estimate-crop' ? await readEstimationCrop(file) : await readImage(file);
    pixels = image.width * image.height;
    estimateImage(file, image, 'gaussian');
  } else if (name === 'train-crops') {
    pixels = (await readForTraining(file)).images.reduce((n, l) => n + l.image.width * l.image.height, 0);
  } else {
    const { image } = await readImage(file);
    pixels = image.width * image.height;
  }
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${JSON.stringify({ peakMiB, startMiB, pixels, seconds: (performance.now() - started) / 1000 })}\n`,
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1] as Case, args[2]!);
  const dir = await mkdtemp(join(tmpdir(), 'gr2r-memory-read-'));
  try {
    const file = join(dir, `noise-${SIDE}x${SIDE}.png`);
    await sharp({
      create: {
        width: SIDE,
        height: SIDE,
        channels: 3,
        background: { r: 128, g: 128, b: 128 },
        noise: { type: 'gaussian', mean: 128, sigma: 12 },
      },
    })
      .png({ compressionLevel: 9 })
      .toFile(file);
    const mib = (await stat(file)).size / 2 ** 20;
    console.log(`| case | input | file MiB | pixels read (MP) | RSS before MiB | peak RSS MiB | time s |`);
    console.log('|---|---|---|---|---|---|---|');
    for (const name of CASES) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', name, file], {
        encoding: 'utf8',
      });
      if (r.status !== 0) throw new Error(`${name} failed:\n${r.stderr}`);
      const m = JSON.parse(r.stdout.trim().split('\n').pop()!) as {
        peakMiB: number;
        startMiB: number;
        pixels: number;
        seconds: number;
      };
      console.log(
        `| ${name} | ${SIDE}x${SIDE} PNG | ${mib.toFixed(1)} | ${(m.pixels / 1e6).toFixed(1)} | ${m.startMiB.toFixed(0)} | ${m.peakMiB.toFixed(0)} | ${m.seconds.toFixed(1)} |`,
      );
    }
  } finally {
    if (!process.argv.includes('--keep')) await rm(dir, { recursive: true, force: true });
  }
}

await main();
