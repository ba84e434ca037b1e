import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
  it('leaves no file under the output name, only a hidden temp file', async () => {
    const dir = await tempFolder();
    const target = join(dir, 'result.tif');
    const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child, target], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      proc.stdout.on('data', (chunk: Buffer) => { if (chunk.toString().includes('written')) resolve(); });
      proc.on('exit', (code) => reject(new Error(`the writer exited early (${code})`)));
    });
    proc.kill('SIGKILL');
    await new Promise((resolve) => proc.on('exit', resolve));
    const names = await readdir(dir);
    expect(names).toHaveLength(1);
    expect(names.every((n) => n.startsWith('.result.tif.') && n.endsWith('.tmp'))).toBe(true);
  });
});
