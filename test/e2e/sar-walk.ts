import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { LOOKS } from './speckled-folder';

/**
 * The SAR analyst's walk, on the served root's `sar` folder (speckled-folder.ts): choose it, estimate the looks,
 * train a few steps, look at it in dB, preview (ENL before and after), export with the ratio image and view it.
 */
export async function walkAsSarAnalyst(
  page: Page,
  nav: (name: RegExp) => Locator,
  setField: (id: string, value: string) => Promise<void>,
  shot: (name: string) => Promise<unknown>,
): Promise<void> {
  await nav(/Dataset/).click();
  await page.getByRole('button', { name: 'Choose another folder…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'sar' }).click();
  await page.getByRole('button', { name: 'Choose this folder' }).click();
  await expect
    .poll(() => page.locator('.stat', { hasText: 'Bit depth' }).innerText(), { timeout: 60_000 })
    .toMatch(/^(?![\s\S]*16-bit)[\s\S]*32-bit float/);
  // Choosing another dataset left nothing of the photos' steps behind.
  expect(await page.getByRole('list', { name: 'Files that cannot be read' }).count()).toBe(0);
  await shot('11-sar-dataset');
  await nav(/Noise model/).click();
  await page.getByRole('radio', { name: 'Gamma (speckle)' }).click();
  await page.getByRole('button', { name: 'Estimate' }).click();
  await page.locator('.summary .headline').waitFor({ timeout: 60_000 });
  const looks = Number(await page.locator('#noise-looks').inputValue());
  expect(looks).toBeGreaterThan(LOOKS * 0.75);
  expect(looks).toBeLessThan(LOOKS * 1.3);
  await shot('12-sar-noise');
  await nav(/Train/).click();
  await setField('t-steps', '60');
  await page.getByRole('button', { name: 'Start training' }).click();
  await page.getByText('Finished', { exact: true }).waitFor({ timeout: 110_000 });
  // No PSNR for speckle: the looks, and the ratio check to come.
  expect(await page.locator('.stat', { hasText: 'Speckle (ENL)' }).innerText()).toMatch(/\d+\.\d looks/);
  expect(await page.locator('.chart figcaption').innerText()).not.toMatch(/PSNR/);
  await shot('13-sar-trained');
  await nav(/Compare/).click();
  // Float intensities: the display stretch, dB here; before and after drawn under it.
  await page.getByRole('radiogroup', { name: 'Display stretch' }).getByRole('radio', { name: 'dB' }).click();
  await expect
    .poll(() => page.locator('img[alt="Original"]').first().getAttribute('src'), { timeout: 10_000 })
    .toMatch(/stretch=db/);
  await page.getByRole('button', { name: 'Preview visible area' }).click();
  const enl = page.locator('[data-test="preview-enl"]');
  await page
    .locator('img[alt="Denoised"]')
    .first()
    .waitFor({ timeout: 60_000 })
    .finally(() => shot('14-sar-preview-db'));
  await enl.waitFor({ timeout: 10_000 });
  const [before, after] = (await enl.innerText()).match(/\d+\.\d/g)!.map(Number) as [number, number];
  expect(before).toBeGreaterThan(LOOKS * 0.75);
  expect(after).toBeGreaterThan(before * 2);
  await page.getByRole('checkbox', { name: 'Write the ratio image noisy / denoised' }).check();
  await page.getByRole('checkbox', { name: 'Scale each output so that its ratio image averages 1' }).check();
  expect(await page.locator('[data-test="unit-ratio-note"]').innerText()).toMatch(/local mean \(17 x 17\)/);
  // The photos' 16-bit TIFF is remembered: said to clip float intensities before anything is written.
  expect(await page.locator('[data-test="format-clips"]').innerText()).toMatch(
    /TIFF 16-bit keeps only \[0, 1\][\s\S]*would be clipped/,
  );
  await page.locator('#export-format').selectOption('keep');
  await expect.poll(() => page.locator('[data-test="format-clips"]').count(), { timeout: 10_000 }).toBe(0);
  await page.getByRole('button', { name: 'Denoise all' }).click();
  await page.getByText('Done', { exact: true }).waitFor({ timeout: 110_000 });
  // The outputs scaled by the local mean of their ratio image: the check reads 1 (0.93 here without the scaling).
  const check = await page.getByText(/Ratio check: mean \d\.\d{3}/).innerText();
  expect(Number(/mean (\d\.\d{3})/.exec(check)![1])).toBeCloseTo(1, 1);
  await page.getByRole('checkbox', { name: 'Show the ratio image' }).check();
  const ratio = page.locator('img[alt="Ratio image"]').first();
  await expect
    .poll(() => ratio.evaluate((i) => (i as unknown as { naturalWidth: number }).naturalWidth), { timeout: 30_000 })
    .toBe(96);
  expect(await ratio.getAttribute('src')).toMatch(/\.ratio\.tif\?ratio=1$/);
  expect(await page.locator('[data-test="ratio-shown"]').innerText()).toMatch(/mean \d\.\d{3}, variance \d\.\d{3}/);
  await shot('15-sar-ratio-image');
}
