import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { type BatchRecord, batchRecordSchema } from '../../shared/batch-record';
import { writeFileAtomic } from '../../io/atomic-file';

/** The batch record in each output folder: hidden, so never read as an input. */
export const BATCH_RECORD = '.gr2r-batch.json';

/**
 * Where a batch's outputs go (the output folder mirrors the input tree), and which inputs are already done.
 * Each output folder holds a hidden record of what its outputs were made from. An input is done when that record
 * says an output was made from it as it is now (same path, size and time) by the same model and settings, and the
 * output is still there, whole (outputs are written to a hidden temp file and renamed only once whole:
 * atomic-file.ts). So a stopped batch run again picks up where it stopped; an input changed since, or asked for
 * with another model, amount or format, is denoised again into a new name; and a file that merely has the output's
 * name (another input's numbered output, a copy put there) never counts as done.
 */
export class BatchOutputs {
  private readonly records = new Map<string, BatchRecord>();

  private constructor(
    readonly root: string,
    readonly output: string,
    private readonly run: string,
  ) {}

  /**
   * `run` identifies what makes the outputs (runKey). A recursive batch refuses an output folder inside its input
   * tree (its outputs would be read as inputs).
   */
  static async open(input: string, output: string, recursive: boolean, run: string): Promise<BatchOutputs> {
    const isFile = (await stat(input)).isFile();
    const root = isFile ? dirname(input) : input;
    const inside = relative(resolve(root), resolve(output));
    if (recursive && !isFile && (inside === '' || (!inside.startsWith('..') && !inside.startsWith(sep)))) {
      throw new Error(
        `${output}: the output folder is inside the input folder ${input}; with --recursive its outputs would be read as inputs`,
      );
    }
    return new BatchOutputs(root, output, run);
  }

  /** The folder an input's output goes to: its sub-folder mirrored under the output folder. */
  folderOf(file: string): string {
    return join(this.output, relative(this.root, dirname(file)));
  }

  /** The output this run already made from this input as it is now, or undefined. */
  async doneOutput(file: string): Promise<string | undefined> {
    const folder = this.folderOf(file);
    const [input, record] = await Promise.all([stat(file), this.recordOf(folder)]);
    const path = resolve(file);
    for (const [name, r] of Object.entries(record.outputs)) {
      if (r.input !== path || r.run !== this.run || r.size !== input.size || r.mtimeMs !== input.mtimeMs) continue;
      const out = await stat(join(folder, name)).catch(() => undefined);
      if (out?.isFile() && out.size === r.outputSize) return join(folder, name);
    }
    return undefined;
  }

  /** Records that `output` (in the input's output folder) was made from `file` by this run; atomically replaced. */
  async written(file: string, output: string): Promise<void> {
    const folder = dirname(output);
    const [input, out, record] = await Promise.all([stat(file), stat(output), this.recordOf(folder)]);
    const name = basename(output);
    const path = resolve(file);
    const outputs = Object.fromEntries(
      Object.entries(record.outputs).filter(([key, r]) => key !== name && !(r.input === path && r.run === this.run)),
    );
    outputs[name] = { input: path, size: input.size, mtimeMs: input.mtimeMs, run: this.run, outputSize: out.size };
    const next: BatchRecord = { version: 1, outputs };
    this.records.set(folder, next);
    const text = new TextEncoder().encode(`${JSON.stringify(next, null, 1)}\n`);
    await writeFileAtomic(join(folder, BATCH_RECORD), [text], { overwrite: true });
  }

  private async recordOf(folder: string): Promise<BatchRecord> {
    const known = this.records.get(folder);
    if (known) return known;
    const record = await readRecord(folder);
    this.records.set(folder, record);
    return record;
  }
}

/** A folder's record; none (or one this version cannot read) is an empty one: nothing in it counts as done. */
async function readRecord(folder: string): Promise<BatchRecord> {
  const text = await readFile(join(folder, BATCH_RECORD), 'utf8').catch(() => undefined);
  if (text === undefined) return { version: 1, outputs: {} };
  try {
    return batchRecordSchema.parse(JSON.parse(text));
  } catch {
    return { version: 1, outputs: {} };
  }
}
