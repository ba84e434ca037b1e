import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Gr2rBridge } from '../../main/shared/contract';

const root = join(import.meta.dirname, '../..');

/** Why the smoke test cannot run here, or null when it can. */
function unavailable(): string | null {
  let binary: string;
  try {
    binary = createRequire(import.meta.url)('electron') as unknown as string;
  } catch (error) {
    return `no Electron binary (${(error as Error).message.split('\n')[0]}); installs with ELECTRON_SKIP_BINARY_DOWNLOAD=1 have none`;
  }
  if (!existsSync(binary)) return `no Electron binary at ${binary}`;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return 'no display (run under xvfb-run to include it)';
  return null;
}

const why = unavailable();
if (why) console.warn(`Electron smoke test skipped: ${why}`);

describe.skipIf(why !== null)('GR2R Studio in Electron', () => {
  it('starts one secure window with the page and the typed bridge, and no Node in the page', async () => {
    execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
      cwd: root,
    });
    execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/build-electron.ts')], { cwd: root });
    const app = await _electron.launch({ args: [root], cwd: root });
    try {
      const page = await app.firstWindow();
      await page.getByRole('heading', { name: 'Dataset' }).waitFor();
      expect(await page.title()).toBe('GR2R Studio');
      const page_ = page as unknown as { evaluate<T>(f: () => T): Promise<Awaited<T>> };
      expect(
        await page_.evaluate(() => [
          typeof (globalThis as { require?: unknown }).require,
          typeof (globalThis as { process?: unknown }).process,
        ]),
      ).toEqual(['undefined', 'undefined']);
      // Functions passed to evaluate run in the page: each names the bridge itself.
      expect(
        await page_.evaluate(() => Object.keys((globalThis as unknown as { gr2r: Gr2rBridge }).gr2r).sort()),
      ).toEqual(['invoke', 'on']);
      expect(
        await page_.evaluate(() => (globalThis as unknown as { gr2r: Gr2rBridge }).gr2r.invoke('app:info', {})),
      ).toMatchObject({ ok: true, value: { mode: 'electron' } });
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
      await mkdir(join(root, 'test-output/electron'), { recursive: true });
      await page.screenshot({ path: join(root, 'test-output/electron/window.png') });
    } finally {
      await app.close();
    }
  });
});
