import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gr2r-serve-args-'));
  await mkdir(join(dir, 'root', 'photos'), { recursive: true });
  await mkdir(join(dir, 'elsewhere'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('gr2r serve DATASET_DIR', () => {
  it('refuses, before serving, a folder that does not exist or lies outside --root, naming it', async () => {
    const missing = await runCli([
      'serve',
      '--root',
      join(dir, 'root'),
      '--data',
      join(dir, 'data'),
      join(dir, 'root', 'gone'),
    ]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain(`${join(dir, 'root', 'gone')}: no such file or folder`);
    const outside = await runCli([
      'serve',
      '--root',
      join(dir, 'root'),
      '--data',
      join(dir, 'data'),
      join(dir, 'elsewhere'),
    ]);
    expect(outside.code).not.toBe(0);
    expect(outside.stderr).toContain(`${join(dir, 'elsewhere')} is outside --root ${join(dir, 'root')}`);
    expect(outside.stdout).not.toMatch(/ready at/);
  });
});
