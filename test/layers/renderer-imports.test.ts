import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const renderer = join(import.meta.dirname, '../../renderer');

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)])),
  );
  return nested.flat().filter((f) => /\.(ts|vue)$/.test(f));
}

/** ESLint checks the .ts files of the renderer; this holds the .vue files to the same layer rule. */
describe('the renderer layer', () => {
  it('imports only vue, pinia, zod, its own modules and main/shared', async () => {
    const offending: string[] = [];
    for (const file of await files(renderer)) {
      const text = await readFile(file, 'utf8');
      for (const [, source] of text.matchAll(/\bfrom\s+'([^']+)'/g)) {
        const own =
          source!.startsWith('.') && !source!.includes('/main/') ? true : /\.\.\/main\/shared\//.test(source!);
        if (!own && !['vue', 'pinia', 'zod'].includes(source!))
          offending.push(`${relative(renderer, file)}: ${source}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
