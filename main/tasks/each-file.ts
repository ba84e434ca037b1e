import { FileError, reasonOf } from '../io';
import type { FileFailure } from '../shared/jobs';

/** The one shape of a file that failed: its path and the reason, for every command and the app alike. */
export function fileFailure(file: string, error: unknown): FileFailure {
  const reason = reasonOf(error);
  // Readers often say `path: problem`; the path is already the failure's own field.
  return { file, reason: reason.startsWith(`${file}: `) ? reason.slice(file.length + 2) : reason };
}

/**
 * Runs `work` on each file in turn: a file that fails is added to `failures` with its reason and the others
 * go on (a bad file in a folder never stops the rest). Stops between files once `signal` is aborted.
 */
export async function eachFile<T>(
  files: readonly string[],
  failures: FileFailure[],
  work: (file: string, index: number) => Promise<T>,
  signal?: AbortSignal,
): Promise<T[]> {
  const done: T[] = [];
  for (const [index, file] of files.entries()) {
    if (signal?.aborted) break;
    try {
      done.push(await work(file, index));
    } catch (error) {
      if (signal?.aborted) break;
      failures.push(fileFailure(file, error));
    }
  }
  return done;
}

/**
 * Every file failed: the run stops, carrying each file's reason so that the caller can name them all. With one
 * file only, it is that file's own error.
 */
export class NoFileLeft extends FileError {
  constructor(
    input: string,
    readonly failures: readonly FileFailure[],
    what: string,
  ) {
    super(
      failures.length === 1 ? failures[0]!.file : input,
      failures.length === 1
        ? failures[0]!.reason
        : failures.length === 0
          ? 'no images in this folder'
          : `none of the ${failures.length} files could be ${what}`,
    );
  }
}
