import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { SETTINGS_VERSION, SettingsStore } from '../../main/app/settings';
import { DEFAULT_AMOUNT } from '../../main/shared/amount';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gr2r-settings-'));
  file = join(dir, 'userData', 'settings.json');
});

describe('settings, owned by main', () => {
  it('start from defaults and are written, versioned, on the first change', async () => {
    const store = await SettingsStore.open(file);
    expect(store.user).toEqual({
      backend: 'auto',
      monteCarlo: 5,
      tile: 512,
      preset: 'balanced',
      amount: DEFAULT_AMOUNT,
      outputFormat: { kind: 'keep' },
      earlyStop: false,
      startFromBuiltin: true,
    });
    await store.update({ monteCarlo: 8, backend: 'wasm' });
    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(saved).toMatchObject({ version: SETTINGS_VERSION, user: { monteCarlo: 8, backend: 'wasm' } });
    expect((await SettingsStore.open(file)).user.monteCarlo).toBe(8);
  });

  it('refuse values outside their range and leave the file as it was', async () => {
    const store = await SettingsStore.open(file);
    await store.update({ tile: 512 });
    await expect(store.update({ monteCarlo: 0 })).rejects.toThrow();
    expect(store.user.monteCarlo).toBe(5);
    expect(JSON.parse(await readFile(file, 'utf8')).user.tile).toBe(512);
  });

  it('keep a damaged or foreign file aside and start again from defaults, saying so', async () => {
    for (const content of [
      '{ not json',
      JSON.stringify({ version: 99, user: {} }),
      JSON.stringify({ version: 1, user: { monteCarlo: 'many' } }),
    ]) {
      await writeFile(file.replace('userData/', ''), content);
      const store = await SettingsStore.open(file.replace('userData/', ''));
      expect(store.user.monteCarlo).toBe(5);
      expect(store.notes[0]).toMatch(/reset to defaults/);
    }
    const kept = (await readdir(dir)).filter((n) => n.startsWith('settings.json.invalid-'));
    expect(kept.length).toBeGreaterThanOrEqual(1);
  });

  it('remember recent datasets (newest first, no repeats) and window bounds, for main only', async () => {
    const store = await SettingsStore.open(file);
    await store.rememberDataset('/a');
    await store.rememberDataset('/b');
    await store.rememberDataset('/a');
    await store.setWindow({ width: 1200, height: 800, maximized: true });
    const again = await SettingsStore.open(file);
    expect(again.recentDatasets).toEqual(['/a', '/b']);
    expect(again.window).toEqual({ width: 1200, height: 800, maximized: true });
    expect(again.user).not.toHaveProperty('recentDatasets');
  });

  it('end with the last of several changes made at once', async () => {
    const store = await SettingsStore.open(file);
    await Promise.all([1, 2, 3, 4, 5, 6].map((n) => store.update({ monteCarlo: n })));
    expect(JSON.parse(await readFile(file, 'utf8')).user.monteCarlo).toBe(6);
  });
});
