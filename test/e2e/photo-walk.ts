import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { expect } from 'vitest';

/**
 * The photographer's walk on 8-bit photos (photo-folder.ts), after the SAR analyst's: the cut JPEG listed up front,
 * the noise estimated and a model trained on these photos, the SAR model flagged, and 8-bit JPEG and PNG written
 * back as they came.
 */
export async function walkAsPhotographer(
  page: Page,
  nav: (name: RegExp) => Locator,
  setField: (id: string, value: string) => Promise<void>,
  shot: (name: string) => Promise<unknown>,
  root: string,
): Promise<void> {
  await nav(/Dataset/).click();
  await page.getByRole('button', { name: 'Choose another folder…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'photos' }).click();
  await page.getByRole('button', { name: 'Choose this folder' }).click();
  const failures = page.getByRole('list', { name: 'Files that cannot be read' });
  await failures.waitFor({ timeout: 60_000 });
  expect(await failures.innerText()).toMatch(/IMG_0005\.jpg[\s\S]*(truncated|damaged)/);
  expect(await page.locator('.stat', { hasText: 'Bit depth' }).innerText()).toMatch(/8-bit/);
  await shot('16-photos-dataset');
  // The SAR model still selected cannot take photos, and says why.
  await nav(/Compare/).click();
  expect(await page.locator('[data-test="model-fit"]').innerText()).toMatch(
    /cannot be used here[\s\S]*float data as stored/,
  );
  await nav(/Noise model/).click();
  await page.getByRole('radio', { name: 'Gaussian', exact: true }).click();
  await page.getByRole('button', { name: 'Estimate' }).click();
  await page.locator('.summary .headline').waitFor({ timeout: 60_000 });
  await nav(/Train/).click();
  await setField('t-steps', '40');
  await page.getByRole('button', { name: 'Start training' }).click();
  await page.getByText('Finished', { exact: true }).waitFor({ timeout: 110_000 });
  expect(await page.locator('.stat', { hasText: 'Estimated gain' }).innerText()).toMatch(/[+-]\d+\.\d dB/);
  await nav(/Compare/).click();
  await expect.poll(() => page.locator('[data-test="model-fit"]').count(), { timeout: 10_000 }).toBe(0);
  await page.locator('#export-format').selectOption('keep');
  await page.getByRole('button', { name: 'Denoise all' }).click();
  await page.getByText('Done', { exact: true }).waitFor({ timeout: 110_000 });
  // Done is a full bar, not where the last progress event left it.
  expect(await page.getByRole('progressbar', { name: 'Denoising progress' }).getAttribute('aria-valuenow')).toBe('100');
  const output = join(root, 'photos-denoised');
  const written = (await readdir(output)).filter((f) => !f.startsWith('.')).sort();
  expect(written).toEqual(['IMG_0001.jpg', 'IMG_0002.jpg', 'IMG_0003.jpg', 'IMG_0004.png']);
  expect((await sharp(join(output, 'IMG_0004.png')).metadata()).depth).toBe('uchar');
  expect((await sharp(join(output, 'IMG_0001.jpg')).metadata()).format).toBe('jpeg');
  await shot('17-photos-exported');
}
