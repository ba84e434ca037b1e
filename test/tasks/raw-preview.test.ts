import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../main/engine/backend';
import { ScreenImages } from '../../main/tasks/preview/screen-image';
import { runPreview } from '../../main/worker/tasks/preview';
import { writeSyntheticDng } from '../helpers/synthetic-dng';
import { saveTestModel, scene, testMeta } from './helpers';

let dir: string;
const context = { signal: new AbortController().signal, backend: 'wasm' as const, progress: () => {}, note: () => {} };
// A region at odd photosites, as a viewer's visible area is: it must fall on the same pixels as the full view.
const region = { x: 21, y: 13, width: 50, height: 40 };

async function rgb(png: Buffer | string): Promise<Buffer> {
  return sharp(png).removeAlpha().raw().toBuffer();
}

beforeAll(async () => {
  await initBackend('wasm');
  dir = await mkdtemp(join(tmpdir(), 'gr2r-raw-preview-'));
  await mkdir(join(dir, 'previews'));
  const exposure = { seed: 5, fullWell: 400, readNoise: 8 };
  await writeSyntheticDng(join(dir, 'shot.dng'), scene(96, 128, 3), exposure);
  // The same photosites, stored for a camera held upright (turned 90 degrees clockwise to view) and mirrored.
  await writeSyntheticDng(join(dir, 'portrait.dng'), scene(96, 128, 3), { ...exposure, orientation: 6 });
  await writeSyntheticDng(join(dir, 'mirrored.dng'), scene(96, 128, 3), { ...exposure, orientation: 2 });
  await saveTestModel(join(dir, 'model'), testMeta({ family: 'poissongaussian', a: 2.5e-3, b: 3e-6 }, 4));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function screenPng(name: string): Promise<Buffer> {
  const file = join(dir, name);
  const screen = await new ScreenImages().render(file, undefined, file);
  if (!('png' in screen)) throw new Error('a raw file is always drawn for the screen');
  return screen.png;
}

async function preview(amount: number, name = 'shot.dng') {
  const task = { kind: 'preview' as const, model: join(dir, 'model'), file: join(dir, name), crop: region };
  return runPreview({ ...task, mc: 1, out: join(dir, 'previews'), tile: 256, amount }, context);
}

describe('Preview of a camera raw file', () => {
  it('shows the crop in colour on the very pixels of the full-size view, and denoised at 100%', async () => {
    const full = sharp(await screenPng('shot.dng'));
    expect((await full.metadata()).width).toBe(128); // one screen pixel per photosite
    const before = await full
      .extract({ left: region.x, top: region.y, width: region.width, height: region.height })
      .removeAlpha()
      .raw()
      .toBuffer();
    // At 0% the preview is the file itself: it must equal the viewer's "before" there, colour and place.
    const original = await preview(0);
    expect(original.crop).toEqual(region);
    expect(await rgb(original.after)).toEqual(before);
    let colour = 0;
    for (let i = 0; i < before.length; i += 3) colour += Math.abs(before[i]! - before[i + 1]!);
    expect(colour / (before.length / 3)).toBeGreaterThan(2);
    const denoised = await rgb((await preview(100)).after);
    expect(denoised).toHaveLength(before.length);
    expect(denoised).not.toEqual(before);
  });

  it('turns the view upright by the file orientation, and the preview with it', async () => {
    const stored = await screenPng('shot.dng');
    // Independent of ours: sharp turns the stored view as the tag says (90 degrees clockwise; mirrored).
    const turned = await sharp(stored).rotate(90).removeAlpha().raw().toBuffer();
    const portrait = sharp(await screenPng('portrait.dng'));
    expect(await portrait.metadata()).toMatchObject({ width: 96, height: 128 });
    expect(await portrait.clone().removeAlpha().raw().toBuffer()).toEqual(turned);
    expect(await rgb(await screenPng('mirrored.dng'))).toEqual(
      await sharp(stored).flop().removeAlpha().raw().toBuffer(),
    );
    const before = await portrait
      .extract({ left: region.x, top: region.y, width: region.width, height: region.height })
      .removeAlpha()
      .raw()
      .toBuffer();
    expect(await rgb((await preview(0, 'portrait.dng')).after)).toEqual(before);
  });
});
