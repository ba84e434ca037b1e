import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { isWithin } from './confined-path';

/** The real path of `path`, which may not exist yet: its deepest existing folder resolved, the rest appended. */
export async function realPathToBe(path: string): Promise<string> {
  const absolute = resolve(path);
  const real = await realpath(absolute).catch(() => undefined);
  if (real !== undefined) return real;
  const parent = dirname(absolute);
  if (parent === absolute) return absolute;
  return join(await realPathToBe(parent), basename(absolute));
}

/** The folder an input names: itself, or the folder holding the file it names. */
async function inputFolder(input: string): Promise<string> {
  const real = await realPathToBe(input);
  const info = await stat(real).catch(() => undefined);
  return info?.isFile() ? dirname(real) : real;
}

/**
 * Refuses an output folder that is an input folder, sits inside one or holds one (links followed): outputs
 * written there could replace an original (--overwrite) or be read again as inputs by the next run.
 */
export async function checkOutputFolder(inputs: readonly string[], output: string): Promise<void> {
  const out = await realPathToBe(output);
  for (const input of inputs) {
    const folder = await inputFolder(input);
    const clash = out === folder ? 'is the input folder'
      : isWithin(folder, out) ? 'is inside the input folder'
      : isWithin(out, folder) ? 'holds the input folder'
      : undefined;
    if (clash) {
      throw new Error(`the output folder ${output} ${clash} ${folder}: choose a folder outside it, so that no original is ever replaced and outputs are never read back as inputs`);
    }
  }
}
