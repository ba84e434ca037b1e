import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file';

/** Hidden (scans skip dot files), in the output folder's root. */
export const DONE_LIST_NAME = '.gr2r-done.json';

const entrySchema = z.object({
  output: z.string(),
  /** What made the output: model, passes, seed, amount, format... (the caller's text). */
  settings: z.string(),
  inputSize: z.number(),
  inputMtimeMs: z.number(),
  outputSize: z.number(),
});
const listSchema = z.object({ format: z.literal('gr2r-done'), version: z.literal(1), entries: z.record(z.string(), entrySchema) });
type DoneEntries = z.infer<typeof listSchema>['entries'];

/**
 * The files of a batch already written, kept beside them, so that a batch run again (or stopped and started
 * again) skips them. A file counts as done when its entry has the same settings, the input has not changed
 * (size and time), and the output is still there with the size written: outputs are written atomically, so an
 * output that exists is whole; the entry is added only after it is named.
 */
export class DoneList {
  private constructor(private readonly file: string, private readonly entries: DoneEntries) {}

  static async open(outputDir: string): Promise<DoneList> {
    const file = join(outputDir, DONE_LIST_NAME);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    let entries: DoneEntries = {};
    if (text !== undefined) {
      try {
        entries = listSchema.parse(JSON.parse(text)).entries;
      } catch {
        entries = {}; // unreadable: everything is done again, into new names
      }
    }
    return new DoneList(file, entries);
  }

  /** The output (relative to the output folder) of `input` made with `settings`, if it is done; else undefined. */
  async done(key: string, input: string, settings: string, outputDir: string): Promise<string | undefined> {
    const entry = this.entries[key];
    if (!entry || entry.settings !== settings) return undefined;
    const [inStat, outStat] = await Promise.all([stat(input).catch(() => undefined), stat(join(outputDir, entry.output)).catch(() => undefined)]);
    if (!inStat || !outStat || !outStat.isFile()) return undefined;
    if (inStat.size !== entry.inputSize || inStat.mtimeMs !== entry.inputMtimeMs || outStat.size !== entry.outputSize) return undefined;
    return entry.output;
  }

  /** Records an output just written (`output` relative to the output folder), replacing the list atomically. */
  async add(key: string, input: string, settings: string, outputDir: string, output: string): Promise<void> {
    const [inStat, outStat] = await Promise.all([stat(input), stat(join(outputDir, output))]);
    this.entries[key] = { output, settings, inputSize: inStat.size, inputMtimeMs: inStat.mtimeMs, outputSize: outStat.size };
    const text = `${JSON.stringify({ format: 'gr2r-done', version: 1, entries: this.entries }, null, 1)}\n`;
    await writeFileAtomic(this.file, [new TextEncoder().encode(text)], { overwrite: true });
  }
}
