import { spawn } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeLeftovers } from '../../main/io';
import { tempFolder } from './helpers';

// A writer that stops for good between writing its bytes and naming the file, as a crash would.
const child = `
import { writeFileAtomic } from './main/io/atomic-file.ts';
const parts = Array.from({ length: 32 }, () => new Uint8Array(1 << 20).fill(7));
await writeFileAtomic(process.argv[1], parts, {}, async () => {
  console.log('written');
  await new Promise(() => undefined);
});
`;

describe('a kill during a write', () => {
  it('leaves no file under the output name, and removeLeftovers cleans up after it', async () => {
    const dir = await tempFolder();
    const target = join(dir, 'result.tif');
    const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child, target], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      proc.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('written')) resolve();
      });
      proc.on('exit', (code) => reject(new Error(`the writer exited early (${code})`)));
    });
    proc.kill('SIGKILL');
    await new Promise((resolve) => proc.on('exit', resolve));
    const names = await readdir(dir);
    expect(names).toHaveLength(1);
    expect(names.every((n) => n.startsWith('.result.tif.') && n.endsWith('.tmp'))).toBe(true);

    // A model folder moved aside by the same writer just before it died comes back.
    const aside = join(dir, `.model.old-${proc.pid}-0123abcd`);
    await mkdir(aside);
    await writeFile(join(aside, 'gr2r.json'), '{}');
    const alive = join(dir, `.other.${process.pid}-0123abcd.tmp`);
    await writeFile(alive, 'a write of this process, in progress');
    expect((await removeLeftovers(dir)).sort()).toEqual([`removed ${names[0]}`, 'restored model']);
    expect((await readdir(dir)).sort()).toEqual([`.other.${process.pid}-0123abcd.tmp`, 'model']);
  });
});
