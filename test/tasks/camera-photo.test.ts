import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeImage } from '../../main/engine/image';
import { keptNoiseWarning } from '../../main/engine/kept-noise';
import { imagePsnr } from '../../main/engine/metrics';
import { readImage } from '../../main/io';
import { denoiseTask } from '../../main/tasks/denoise/denoise-task';
import { resolveNoiseSpec } from '../../main/tasks/estimate/resolve-noise';
import { trainTask } from '../../main/tasks/train/train-task';
import { cameraJpeg, readClean } from '../helpers/camera-like';

const work = await mkdtemp(join(tmpdir(), 'gr2r-camera-'));
afterAll(() => rm(work, { recursive: true, force: true }));

describe('camera-like JPEGs (demosaicked, JPEG-compressed noise), the default blind pipeline', () => {
  it('chooses correlated noise and gains over the noisy input on every image (the old failure returned the input)', async () => {
    const noisy = join(work, 'noisy');
    await mkdir(noisy);
    // Photos with flat areas, where the blind profile can be measured: on small, texture-filled crops (a cat's fur
    // at 384 pixels) it reads texture as correlated noise and over-smooths (docs/real-noise.md, Limits).
    const names = ['coffee.png', 'rocket.png'];
    const clean = new Map<string, Awaited<ReturnType<typeof readClean>>>();
    for (const [i, name] of names.entries()) {
      const jpeg = name.replace('.png', '.jpg');
      // The 192-pixel samples enlarged, so that each image has flat areas enough to measure.
      clean.set(jpeg, await readClean(name, 384));
      await cameraJpeg(clean.get(jpeg)!, join(noisy, jpeg), 10 + i);
    }
    const notes: string[] = [];
    const spec = await resolveNoiseSpec({ family: 'auto' }, noisy, (m) => notes.push(m));
    expect(spec.family).toBe('correlated');
    expect(notes.join('\n')).toMatch(/correlated/);
    const model = join(work, 'model');
    const trainNotes: string[] = [];
    await trainTask({
      data: noisy,
      out: model,
      noise: spec,
      options: { steps: 400 },
      onNote: (m) => trainNotes.push(m),
    });
    // A model that denoises is not told it kept the noise (the check measures the noise on the whole image).
    expect(trainNotes.join('\n')).not.toMatch(/learned to keep the noise/);
    const out = join(work, 'out');
    const done = await denoiseTask({ model, input: noisy, output: out, mc: 4 });
    expect(done.failures).toEqual([]);
    expect((await readdir(out)).filter((f) => !f.startsWith('.'))).toHaveLength(names.length);
    const gains: number[] = [];
    for (const w of done.written) {
      const name = w.input.split('/').pop()!;
      const before = (await readImage(w.input)).image;
      const after = (await readImage(w.output)).image;
      const x = clean.get(name)!;
      // The old failure returned the input: every output must move away from it and towards the clean image.
      expect(w.notes.join(' ')).not.toMatch(/learned to keep the noise/);
      gains.push(imagePsnr(after, x) - imagePsnr(before, x));
    }
    // Measured +0.92 and +1.89 dB (400 steps, J = 4); the old failure gave +0.00.
    expect(Math.min(...gains)).toBeGreaterThan(0.4);
    expect(gains.reduce((s, g) => s + g, 0) / gains.length).toBeGreaterThan(0.8);
  }, 600_000);
});

describe('saying when a model kept the noise', () => {
  const meta = { noise: { family: 'gaussian', sigma: 0.05 } as const, alpha: 0.25, loss: 'mse' as const };
  const y = makeImage(
    8,
    8,
    1,
    Float32Array.from({ length: 64 }, (_, i) => 0.5 + 0.05 * Math.sin(i * 12.9898)),
  );

  it('warns when the output is (nearly) the input', () => {
    expect(keptNoiseWarning(y, y, meta)).toMatch(/learned to keep the noise/);
  });

  it('names the likely cause: white recorruption of correlated noise, or a correlated profile measured too weak', () => {
    expect(keptNoiseWarning(y, y, meta)).toMatch(/--noise correlated/);
    const profile = { radius: 0, channels: 1, kernel: [1], levels: [0.5], sigmas: [[0.05]] };
    const correlated = { ...meta, noise: { family: 'correlated' as const, profile } };
    expect(keptNoiseWarning(y, y, correlated)).toMatch(/measured with a weaker correlation or level/);
  });

  it('gives speckle and raw models their own advice, and at denoising the other cause: unlike noise', () => {
    const speckle = { ...meta, noise: { family: 'gamma' as const, looks: 4 } };
    const sar = keptNoiseWarning(y, y, speckle);
    expect(sar).toMatch(/Speckle correlated between neighbours.*sub-images/);
    expect(sar).not.toMatch(/--noise correlated/);
    const raw = keptNoiseWarning(y, y, { ...meta, noise: { family: 'poissongaussian' as const, a: 0.01, b: 1e-4 } });
    expect(raw).toMatch(/correlated between photosites/);
    expect(raw).not.toMatch(/automatic noise model/);
    expect(keptNoiseWarning(y, y, meta)).not.toMatch(/unlike that of the images/);
    expect(keptNoiseWarning(y, y, meta, 'denoise')).toMatch(/unlike that of the images the model was trained on/);
  });

  it('says a nearly clean image may hold little to remove, when the level is under 1.5/255', () => {
    const little = { ...meta, noise: { family: 'gaussian', sigma: 0.5 / 255 } as const };
    expect(keptNoiseWarning(y, y, little)).toMatch(/little noise: the level measured, 0\.50\/255/);
    expect(keptNoiseWarning(y, y, meta)).not.toMatch(/little noise/);
  });

  it('stays quiet when the output removed about the noise given, and for supervised models', () => {
    const flat = makeImage(8, 8, 1, new Float32Array(64).fill(0.5));
    expect(keptNoiseWarning(y, flat, meta)).toBeNull();
    expect(keptNoiseWarning(y, y, { ...meta, loss: 'supervised' })).toBeNull();
  });
});
