import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { netArtifacts } from '../../engine/checkpoint';
import { makeImage } from '../../engine/image';
import type { NetConfig } from '../../engine/nets';
import { buildNet } from '../../engine/nets';
import { Rng } from '../../engine/random/rng';
import { saveModel, writeImage } from '../../io';
import { denoiseTask } from '../denoise/denoise-task';
import type { Sample } from './speed-clock';
import { stopwatch } from './speed-clock';
import { benchMeta } from './speed-infer';

const CHANNELS = 3;

/** The input files: float32 TIFF (read in windows, no decoding) or an 8-bit JPEG (a camera's photo). */
export type BenchFileFormat = 'tiff' | 'jpeg';

async function writeRandomImage(
  file: string,
  [height, width]: readonly [number, number],
  format: BenchFileFormat,
): Promise<void> {
  const rng = new Rng(height + width);
  const data = new Float32Array(height * width * CHANNELS);
  for (let i = 0; i < data.length; i++) data[i] = rng.uniform();
  const bitDepth = format === 'tiff' ? 32 : 8;
  const source = { file, format, bitDepth, width, height, channels: CHANNELS, notes: [] } as const;
  await writeImage(file, makeImage(height, width, CHANNELS, data), source, { format, bitDepth, metadata: 'strip' });
}

/**
 * Wall and CPU time of `gr2r denoise` on an RGB image of each size in turn, the whole task as the CLI runs it
 * (model loading, the onnxruntime session and its check, decoding, tiles, encoding): the difference of two sizes
 * divided by their difference in megapixels is the cost per megapixel without the fixed start-up. A 64 x 64 image
 * goes first, untimed, so that module loading and JIT are in no sample.
 */
export async function fileDenoiseTimes(
  net: NetConfig,
  sizes: readonly (readonly [number, number])[],
  mc: number,
  format: BenchFileFormat,
  tile?: number,
): Promise<Sample[]> {
  const dir = await mkdtemp(join(tmpdir(), 'gr2r-speed-'));
  try {
    const model = join(dir, 'model');
    const built = buildNet(net, CHANNELS, 1);
    await saveModel(model, await netArtifacts(built), benchMeta(net));
    built.dispose();
    const run = async (size: readonly [number, number], name: string): Promise<Sample> => {
      const input = join(dir, `${name}.${format === 'tiff' ? 'tif' : 'jpg'}`);
      await writeRandomImage(input, size, format);
      const read = stopwatch();
      const done = await denoiseTask({ model, input, output: join(dir, `out-${name}`), mc, ...(tile && { tile }) });
      const sample = read();
      await rm(input);
      if (done.failures.length > 0) throw new Error(done.failures.map((f) => f.reason).join('; '));
      return sample;
    };
    await run([64, 64], 'warm');
    const samples: Sample[] = [];
    for (const [i, size] of sizes.entries()) samples.push(await run(size, `size-${i}`));
    return samples;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
