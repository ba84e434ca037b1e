import { mkdir } from 'node:fs/promises';
import { removeLeftovers } from '../../io';
import { checkOutputFolder } from '../../io/output-guard';

/**
 * The output folder of a run, made ready before anything is written: refused if it is, holds or sits inside
 * an input folder; created; and cleared of the temp files a killed earlier run left (only the app's own
 * temp names, only from before this process started). Returns what was cleared.
 */
export async function prepareOutputFolder(inputs: readonly string[], output: string): Promise<string[]> {
  await checkOutputFolder(inputs, output);
  await mkdir(output, { recursive: true });
  return removeLeftovers(output, { olderThan: processStart() });
}

/** When this process started, in ms since the epoch: a temp file newer than that may be another run's. */
export function processStart(): number {
  return Date.now() - process.uptime() * 1000;
}
