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

/** The folder an input names, and whether it was named as a file (then only that folder holds inputs). */
async function inputFolder(input: string): Promise<{ folder: string; file: boolean }> {
  const real = await realPathToBe(input);
  const info = await stat(real).catch(() => undefined);
  return info?.isFile() ? { folder: dirname(real), file: true } : { folder: real, file: false };
}

/**
 * Refuses an output folder that is an input folder, sits inside one or holds one (links followed): outputs
 * written there could replace an original (--overwrite) or be read again as inputs by the next run. A single
 * input file only forbids its own folder: a folder below or above it holds no other input of the run.
 */
export async function checkOutputFolder(inputs: readonly string[], output: string): Promise<void> {
  const out = await realPathToBe(output);
  for (const input of inputs) {
    const { folder, file } = await inputFolder(input);
    const clash =
      out === folder
        ? 'is the input folder'
        : file
          ? undefined
          : isWithin(folder, out)
            ? 'is inside the input folder'
            : isWithin(out, folder)
              ? 'holds the input folder'
              : undefined;
    if (clash) {
      throw new Error(
        `the output folder ${output} ${clash} ${folder}: choose a folder outside it, so that no original is ever replaced and outputs are never read back as inputs`,
      );
    }
  }
}
