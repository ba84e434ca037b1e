import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);

/** The `electronFuses:` block of electron-builder.yml, as name -> value (flat `key: true|false` lines). */
async function fusesInConfig(): Promise<Record<string, boolean>> {
  const lines = (await readFile(new URL('electron-builder.yml', root), 'utf8')).split('\n');
  const start = lines.indexOf('electronFuses:');
  expect(start, 'electron-builder.yml has an electronFuses block').toBeGreaterThan(-1);
  const fuses: Record<string, boolean> = {};
  for (const line of lines.slice(start + 1)) {
    const match = /^ {2}(\w+): (true|false)$/.exec(line);
    if (!match) break;
    fuses[match[1]!] = match[2] === 'true';
  }
  return fuses;
}

describe("the packaged app's Electron fuses", () => {
  it('close every way to run the binary as plain Node or load code from outside app.asar', async () => {
    expect(await fusesInConfig()).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('are options this electron-builder knows (a misspelt fuse would be ignored or refused at packaging)', async () => {
    const require = createRequire(new URL('package.json', root));
    const schemePath = require.resolve('app-builder-lib/scheme.json');
    const scheme = JSON.parse(await readFile(schemePath, 'utf8')) as {
      properties: Record<string, unknown>;
      definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
    };
    expect(scheme.properties).toHaveProperty('electronFuses');
    for (const name of Object.keys(await fusesInConfig()))
      expect(scheme.definitions.FuseOptionsV1.properties).toHaveProperty(name);
  });

  it('leave the worker startable: it is a utilityProcess, which needs no RunAsNode', async () => {
    const main = await readFile(new URL('main/electron/index.ts', root), 'utf8');
    expect(main).toMatch(/utilityWorker\(utilityProcess\.fork/);
  });
});
