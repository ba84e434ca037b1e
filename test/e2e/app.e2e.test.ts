import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectErrors, hasChromium, launchChromium } from './chromium';
import { overlapsAtSmallSize } from './layout-check';
import { makeNoisyFolder } from './noisy-folder';
import { makePhotoFolder } from './photo-folder';
import { walkAsPhotographer } from './photo-walk';
import { walkAsSarAnalyst } from './sar-walk';
import { makeSpeckledFolder } from './speckled-folder';
import type { ServeProcess } from './serve-process';
import { childPids, startServe } from './serve-process';

const shots = join(import.meta.dirname, '../../test-output/e2e');
let dir: string;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
let errors: string[];

const shot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`) });
const nav = (name: RegExp) => page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name });
const stepShown = async () =>
  Number(
    /^(\d+)/.exec((await page.locator('.stat', { hasText: 'Step' }).locator('.value').innerText()).trim())?.[1] ?? 0,
  );

async function setField(id: string, value: string): Promise<void> {
  await page.locator(`#${id}`).fill(value);
  await page.locator(`#${id}`).dispatchEvent('change');
}

if (!hasChromium)
  console.warn('e2e skipped: no Chromium at /usr/bin/chromium (apt-get install -y chromium, or set GR2R_CHROMIUM)');

describe.skipIf(!hasChromium)('the app in Chromium, served by gr2r serve', () => {
  beforeAll(async () => {
    const vite = await import('vite');
    await vite.build({ configFile: join(import.meta.dirname, '../../vite.config.ts'), logLevel: 'warn' });
    dir = await mkdtemp(join(tmpdir(), 'gr2r-e2e-'));
    await makeNoisyFolder(join(dir, 'root', 'noisy'));
    // A PNG cut in half: its header reads, its pixels do not (the Dataset step decodes every file to find it).
    const whole = await readFile(join(dir, 'root', 'noisy', 'chelsea.png'));
    await writeFile(join(dir, 'root', 'noisy', 'truncated.png'), whole.subarray(0, Math.floor(whole.length / 2)));
    await makeSpeckledFolder(join(dir, 'root', 'sar'));
    await makePhotoFolder(join(dir, 'root', 'photos'));
    await mkdir(shots, { recursive: true });
    serve = await startServe(join(dir, 'root'), join(dir, 'data'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 960 } });
    errors = collectErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('opens with the token, and chooses the dataset in the folder picker', async () => {
    await page.goto(serve.url);
    expect(new URL(page.url()).search).toBe('');
    await page.getByRole('heading', { name: 'Dataset' }).waitFor();
    await shot('01-start');
    const openNoisy = async () => {
      await page.getByRole('button', { name: 'Choose folder…' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'noisy' }).click();
    };
    await openNoisy();
    await page.getByText('6 image files in this folder').waitFor();
    // Focus moves into the dialog, and Esc closes it.
    expect(await page.evaluate('document.activeElement?.closest("[role=dialog]") !== null')).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await openNoisy().then(() => page.getByRole('button', { name: 'Choose this folder' }).click());
    const failures = page.getByRole('list', { name: 'Files that cannot be read' });
    await failures.waitFor();
    expect(await failures.innerText()).toMatch(/broken\.png[\s\S]*(header|damaged)/);
    expect(await failures.innerText()).toMatch(/truncated\.png[\s\S]*(truncated|damaged)/);
    const thumbnails = page.locator('figure img');
    await expect
      .poll(() =>
        thumbnails.evaluateAll(
          (imgs) => imgs.filter((i) => (i as unknown as { naturalWidth: number }).naturalWidth > 0).length,
        ),
      )
      .toBe(4);
    expect(await page.locator('.stat', { hasText: 'Bit depth' }).innerText()).toMatch(/16-bit, 32-bit float/);
    await shot('02-dataset');
  });

  it('in a browser, refuses a drop of files, saying why, and opens the picker instead', async () => {
    // What a drag from the file manager delivers: a DataTransfer with files (a page sees names, never paths).
    const drag = await page.evaluateHandle(`(() => {
      const data = new DataTransfer();
      data.items.add(new File(['x'], 'IMG_0001.png', { type: 'image/png' }));
      return data;
    })()`);
    await page.dispatchEvent('.shell', 'dragenter', { dataTransfer: drag });
    await page.locator('[data-test="drop-overlay"]').waitFor();
    await shot('02b-drop-overlay');
    await page.dispatchEvent('.shell', 'drop', { dataTransfer: drag });
    expect(await page.locator('[data-test="drop-overlay"]').count()).toBe(0);
    const refusal = page.getByRole('status').filter({ hasText: 'does not tell the page where dropped files are' });
    await refusal.waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'noisy' }).waitFor();
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await refusal.getByRole('button', { name: 'Dismiss' }).click();
    // The dataset chosen before is still the one open.
    expect(await page.getByRole('list', { name: 'Files that cannot be read' }).innerText()).toMatch(/truncated\.png/);
  });

  it('estimates the noise level blind', async () => {
    await nav(/Noise model/).click();
    // The automatic model is preselected (measured when training starts); a family with a parameter is estimated here.
    expect(await page.getByRole('radio', { name: 'Automatic (recommended)' }).isChecked()).toBe(true);
    // Nothing to enter for it: no parameter field, no "entered by hand" tag.
    await page.getByText('Nothing to set: measured when training starts.').waitFor();
    expect(await page.getByText('entered by hand').count()).toBe(0);
    await page.getByRole('radio', { name: 'Gaussian', exact: true }).click();
    await page.getByText('In the units of the image data.').waitFor();
    await page.getByRole('button', { name: 'Estimate' }).click();
    await page.locator('.summary .headline').waitFor({ timeout: 60_000 });
    const sigma = Number(await page.locator('#noise-sigma').inputValue());
    expect(sigma).toBeGreaterThan(0.085);
    expect(sigma).toBeLessThan(0.115);
    await shot('03-noise');
  });

  it('keeps each step at its own scroll position', async () => {
    await page.setViewportSize({ width: 1440, height: 420 });
    const content = page.locator('main.content');
    const top = () => content.evaluate((el) => el.scrollTop);
    await content.evaluate((el) => (el.scrollTop = 150));
    expect(await top()).toBe(150);
    await nav(/Train/).click();
    await page.getByRole('heading', { name: 'Train' }).waitFor();
    expect(await content.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeGreaterThan(150);
    expect(await top()).toBe(0);
    await nav(/Noise/).click();
    await page.locator('.summary .headline').waitFor();
    expect(await top()).toBe(150);
    await content.evaluate((el) => (el.scrollTop = 0));
    await page.setViewportSize({ width: 1440, height: 960 });
  });

  it('trains a few steps with live progress, stops, and resumes to the end', async () => {
    await nav(/Train/).click();
    await page.getByRole('radio', { name: 'Fast' }).click();
    for (const [id, value] of [
      ['t-width', '8'],
      ['t-depth', '3'],
      ['t-patch', '32'],
      ['t-batch', '2'],
      ['t-steps', '300'],
    ])
      await setField(id!, value!);
    // Edited settings are no preset's: none stays lit beside the 'custom' tag.
    await page.getByText('Edited from Fast').waitFor();
    expect(
      await page.locator('[role="radio"][aria-checked="true"]', { hasText: /Fast|Balanced|Quality/ }).count(),
    ).toBe(0);
    const earlyStop = page.getByRole('checkbox', { name: /Stop early when the estimated PSNR stops improving/ });
    expect(await earlyStop.isChecked()).toBe(false);
    // On by default; the Fast preset's DnCNN has no bundled network, so this run starts from random weights.
    expect(await page.getByRole('checkbox', { name: /Start from the bundled network/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Start training' }).click();
    await expect.poll(stepShown, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(2);
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByText('Stopped: the model is saved and can resume').waitFor({ timeout: 60_000 });
    const stoppedAt = await stepShown();
    // A stopped run is not "Model ready".
    expect(await nav(/Train/).innerText()).toMatch(/Stopped at step \d+ \/ 300/);
    expect(stoppedAt).toBeLessThan(300);
    await shot('04-train-stopped');
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByText('Finished', { exact: true }).waitFor({ timeout: 110_000 });
    expect(await stepShown()).toBe(300);
    // The estimate is shown as the gain over the noisy input, both estimated without a clean image.
    expect(await page.locator('.stat', { hasText: 'Estimated gain' }).innerText()).toMatch(
      /\+\d+\.\d dB[\s\S]*\d+\.\d\d dB estimated, from \d+\.\d\d dB noisy/,
    );
    expect(await page.getByRole('contentinfo').innerText()).toMatch(/Compute: onnxruntime/);
    await shot('05-train-done');
  });

  it('saves a copy of the model and loads it back into the library', async () => {
    const models = page.locator('.list li');
    const before = await models.count();
    await page.getByRole('button', { name: 'Save a copy…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Choose this folder' }).click();
    const saved = page.getByRole('status').filter({ hasText: 'Model saved to' });
    await saved.waitFor();
    const folder = /Model saved to (.+)$/.exec((await saved.innerText()).split('\n')[0]!.trim())![1]!;
    expect(await readdir(folder)).toEqual(expect.arrayContaining(['gr2r.json', 'model.json', 'weights.bin']));
    await page.getByRole('button', { name: 'Load…' }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: basename(folder) })
      .click();
    await page.getByRole('dialog').getByRole('button', { name: 'Choose this folder' }).click();
    await expect.poll(() => models.count()).toBe(before + 1);
    // Trained models are named by family, parameter, dataset and date; any can be renamed.
    expect(await models.first().innerText()).toMatch(/gaussian-sigma0\.\d+-noisy-\d{8}-\d{4}/);
    await page.getByRole('button', { name: 'Rename…' }).click();
    await page.getByLabel('New model name').fill('loaded copy');
    await page.getByRole('button', { name: 'Rename', exact: true }).click();
    await page.locator('.list li .name', { hasText: 'loaded-copy' }).waitFor();
  });

  it('previews the visible crop and compares with the split slider, side by side and held', async () => {
    await nav(/Compare/).click();
    await page.getByRole('button', { name: 'Preview visible area' }).click();
    const after = page.locator('img[alt="Denoised"]');
    await after.first().waitFor({ timeout: 60_000 });
    await expect
      .poll(() => after.first().evaluate((i) => (i as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    // Amount 50%: the worker blends the kept crop again (the same blend as the export), the viewer does not fade it.
    const firstSrc = await after.first().getAttribute('src');
    const amount = page.getByRole('slider', { name: 'Amount' });
    await amount.fill('50');
    await amount.dispatchEvent('change');
    await expect.poll(() => after.first().getAttribute('src'), { timeout: 60_000 }).not.toBe(firstSrc);
    expect(await page.locator('[data-test="export-amount"]').innerText()).toMatch(
      /Amount 50% applies to the files written/,
    );
    await shot('06a-compare-amount-50');
    // A/B: the other model in the library on the same crop, under the same locked zoom and pan.
    await page.locator('#compare-other').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Preview visible area' }).click();
    const b = page.locator('img[alt="Model B"]').first();
    await expect
      .poll(() => b.evaluate((i) => (i as unknown as { naturalWidth: number }).naturalWidth), { timeout: 60_000 })
      .toBeGreaterThan(0);
    expect(await page.locator('.tag.left').first().innerText()).toMatch(/^B: /i);
    await shot('06b-compare-a-b');
    await page.locator('#compare-other').selectOption('');
    const slider = page.getByRole('slider', { name: 'Before and after split' });
    const box = (await page.locator('.pane').first().boundingBox())!;
    const handle = (await slider.boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    expect(Number(await slider.getAttribute('aria-valuenow'))).toBeLessThan(40);
    await page.getByRole('button', { name: '100%' }).click();
    expect(await page.getByLabel('Zoom').innerText()).toBe('100%');
    await page.getByRole('button', { name: 'Fit' }).click();
    await shot('06-compare-split');
    // Split and side by side show one view: switching keeps the zoom.
    await page.getByRole('button', { name: '100%' }).click();
    await page.getByRole('radio', { name: 'Side by side' }).click();
    expect(await page.getByLabel('Zoom').innerText()).toBe('100%');
    await page.getByRole('button', { name: 'Fit' }).click();
    await shot('07-compare-side-by-side');
    await page.getByRole('button', { name: 'Hold for original' }).hover();
    await page.mouse.down();
    expect(await after.count()).toBe(0);
    await page.mouse.up();
    // From the keyboard too: Space held on the focused button.
    const shown = await after.count();
    expect(shown).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Hold for original' }).focus();
    await page.keyboard.down(' ');
    await expect.poll(() => after.count()).toBe(0);
    await page.keyboard.up(' ');
    await expect.poll(() => after.count()).toBe(shown);
  });

  it('denoises the whole folder into a new folder, keeping formats and bit depth', async () => {
    await page
      .getByText('A new folder beside the dataset, each run its own: noisy-denoised, or -1, -2… once that exists')
      .waitFor();
    await page.getByRole('button', { name: 'Denoise all' }).click();
    await page.getByText('Done', { exact: true }).waitFor({ timeout: 110_000 });
    // The truncated PNG was refused when the folder was read (the Dataset step lists it): the four others are written.
    expect(await page.getByText(/4 \/ 4 files/).count()).toBe(1);
    const output = join(dir, 'root', 'noisy-denoised');
    expect((await readdir(output)).filter((f) => !f.startsWith('.')).sort()).toEqual([
      'astronaut.tif',
      'chelsea.png',
      'coffee.tif',
      'rocket.png',
    ]);
    expect((await sharp(join(output, 'chelsea.png')).metadata()).depth).toBe('ushort');
    expect((await sharp(join(output, 'coffee.tif')).metadata()).depth).toBe('float');
    await shot('08-compare-exported');
  });

  it('reports a crash of the compute worker as a failed job, and goes on', async () => {
    await nav(/Train/).click();
    await setField('t-steps', '100000');
    await page.getByRole('button', { name: 'Start training' }).click();
    await page.getByRole('main').getByText('Training', { exact: true }).waitFor({ timeout: 60_000 });
    await expect.poll(stepShown, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(2);
    for (const pid of await childPids(serve.child.pid!)) process.kill(pid, 'SIGKILL');
    await page.getByText(/The compute worker stopped unexpectedly \(signal SIGKILL/).waitFor({ timeout: 30_000 });
    await shot('09-worker-crashed');
    await nav(/Compare/).click();
    // The output format: 16-bit TIFF for every file this time.
    await page.locator('#export-format').selectOption('tiff16');
    await page.getByRole('button', { name: 'Denoise all' }).click();
    const again = join(dir, 'root', 'noisy-denoised-1');
    const written = () =>
      readdir(again).then(
        (f) => f.filter((n) => !n.startsWith('.')).sort(),
        () => [],
      );
    await expect.poll(() => written().then((f) => f.length), { timeout: 60_000 }).toBe(4);
    expect(await written()).toEqual(['astronaut.tif', 'chelsea.tif', 'coffee.tif', 'rocket.tif']);
    expect((await sharp(join(again, 'chelsea.tif')).metadata()).depth).toBe('ushort');
  });

  it('walks a SAR analyst through float speckled intensities: looks, ENL, stretch and the ratio image', async () => {
    await walkAsSarAnalyst(page, nav, setField, shot);
  });

  it('walks a photographer through 8-bit photos: the cut file, a model of their own, formats kept', async () => {
    await walkAsPhotographer(page, nav, setField, shot, join(dir, 'root'));
  });

  it('lays out every view at 1024x640 without overlapping controls', async () => {
    expect(await overlapsAtSmallSize(page, nav, shot)).toEqual([]);
  });

  it('showed no console errors', () => {
    expect(errors).toEqual([]);
  });
});
