import type { Locator, Page } from 'playwright-core';

/** Pairs of visible controls (not nested) whose boxes overlap by more than 2 px each way, as text. */
const OVERLAPS = `(() => {
  const shown = [...document.querySelectorAll('main button, main input, main select, main label, main .hint, main .note')]
    .filter((e) => e.offsetParent !== null && e.getClientRects().length > 0 && !e.closest('details:not([open]) > :not(summary)'));
  const found = [];
  for (let i = 0; i < shown.length; i++) {
    for (let j = i + 1; j < shown.length; j++) {
      const a = shown[i], b = shown[j];
      if (a.contains(b) || b.contains(a)) continue;
      const r = a.getBoundingClientRect(), q = b.getBoundingClientRect();
      const w = Math.min(r.right, q.right) - Math.max(r.left, q.left);
      const h = Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top);
      if (w > 2 && h > 2) found.push(a.tagName + ':' + a.textContent.trim().slice(0, 30) + ' / ' + b.tagName + ':' + b.textContent.trim().slice(0, 30));
    }
  }
  // Controls cut off: text wider than its box, or reaching out of the panel that holds it.
  for (const e of shown) {
    const panel = e.closest('.panel');
    const r = e.getBoundingClientRect();
    const cut = e.tagName !== 'INPUT' && e.tagName !== 'SELECT' && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflow !== 'visible';
    if (cut || (panel && r.right > panel.getBoundingClientRect().right + 1)) found.push('cut: ' + e.tagName + ':' + e.textContent.trim().slice(0, 30));
  }
  return found;
})()`;

/**
 * Every view at 1024x640 (and the Gamma controls of the Noise view), with a screenshot each: the overlapping or
 * cut-off controls found, as '<view>: <pair>' lines (none expected). The viewport is set back to 1440x960.
 */
export async function overlapsAtSmallSize(
  page: Page,
  nav: (name: RegExp) => Locator,
  shot: (name: string) => Promise<unknown>,
): Promise<string[]> {
  const found: string[] = [];
  const check = async (name: string) => {
    await page.waitForTimeout(200);
    await shot(`10-small-${name}`);
    found.push(...((await page.evaluate(OVERLAPS)) as string[]).map((o) => `${name}: ${o}`));
  };
  await page.setViewportSize({ width: 1024, height: 640 });
  for (const [name, view] of [
    ['dataset', /Dataset/],
    ['noise', /Noise model/],
    ['train', /Train/],
    ['compare', /Compare/],
  ] as const) {
    await nav(view).click();
    await check(name);
  }
  // The SAR controls (intensity / amplitude with its help) at the same size.
  await nav(/Noise model/).click();
  await page.getByRole('radio', { name: 'Gamma (speckle)' }).click();
  await check('noise-gamma');
  await page.getByRole('radio', { name: 'Gaussian', exact: true }).click();
  await page.setViewportSize({ width: 1440, height: 960 });
  return found;
}
