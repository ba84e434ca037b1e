import { NoFileLeft } from '../tasks/each-file';
import type { CommandIO } from './command';
import { failureLine } from './printable';

/**
 * Runs a task; when it stops because every file failed, each file is named on its own line first (a single
 * file's error is already the one line the command prints).
 */
export async function namingFailures<T>(io: CommandIO, verb: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof NoFileLeft && error.failures.length > 1) {
      for (const failure of error.failures) io.stderr.write(`${failureLine(verb, failure)}\n`);
    }
    throw error;
  }
}
