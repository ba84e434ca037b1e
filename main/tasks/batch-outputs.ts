import { stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { DoneList } from '../io';
import type { ModelMeta } from '../shared/model';

/** Where a batch's outputs go: the output folder mirrors the input tree; what is already done is skipped. */
export class BatchOutputs {
  private constructor(
    readonly root: string, readonly output: string, private readonly done: DoneList, private readonly settings: string,
  ) {}

  /**
   * `settings` names what makes an output (model, passes, amount, format...): a file done with other settings is
   * denoised again, into a new name. A recursive batch refuses an output folder inside its input tree.
   */
  static async open(input: string, output: string, recursive: boolean, settings: unknown): Promise<BatchOutputs> {
    const isFile = (await stat(input)).isFile();
    const root = isFile ? dirname(input) : input;
    const inside = relative(resolve(root), resolve(output));
    if (recursive && !isFile && (inside === '' || (!inside.startsWith('..') && !inside.startsWith(sep)))) {
      throw new Error(`${output}: the output folder is inside the input folder ${input}; with --recursive its outputs would be read as inputs`);
    }
    return new BatchOutputs(root, output, await DoneList.open(output), JSON.stringify(settings));
  }

  /** The input's path below the input folder (its key in the list of done files). */
  key(file: string): string {
    return relative(this.root, file).split(sep).join('/');
  }

  /** The folder an input's output goes to: its sub-folder mirrored under the output folder. */
  folderOf(file: string): string {
    return join(this.output, relative(this.root, dirname(file)));
  }

  /** The output already written for this input with these settings, or undefined. */
  async doneOutput(file: string): Promise<string | undefined> {
    const out = await this.done.done(this.key(file), file, this.settings, this.output);
    return out === undefined ? undefined : join(this.output, out);
  }

  async markDone(file: string, output: string): Promise<void> {
    await this.done.add(this.key(file), file, this.settings, this.output, relative(this.output, output));
  }
}

/** What identifies a model's weights for the list of done files: its run, step and creation time. */
export function modelIdentity(meta: ModelMeta): string {
  return `${meta.createdAt}@${meta.step}/${meta.seed}`;
}
