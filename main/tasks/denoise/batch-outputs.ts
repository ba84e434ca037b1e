import { stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { ImageFormat } from '../../io';
import { probeImage } from '../../io';
import { pathForFormat } from '../../io/output-target';

/**
 * Where a batch's outputs go (the output folder mirrors the input tree), and which inputs are already done.
 * An input is done when its output's name exists, is a file, and is not older than the input: outputs are written
 * to a hidden temp file and renamed only once whole (atomic-file.ts), so a name that exists is a complete output,
 * and a stopped batch run again picks up where it stopped. An input changed since is denoised again.
 */
export class BatchOutputs {
  private constructor(
    readonly root: string,
    readonly output: string,
  ) {}

  /** A recursive batch refuses an output folder inside its input tree (its outputs would be read as inputs). */
  static async open(input: string, output: string, recursive: boolean): Promise<BatchOutputs> {
    const isFile = (await stat(input)).isFile();
    const root = isFile ? dirname(input) : input;
    const inside = relative(resolve(root), resolve(output));
    if (recursive && !isFile && (inside === '' || (!inside.startsWith('..') && !inside.startsWith(sep)))) {
      throw new Error(
        `${output}: the output folder is inside the input folder ${input}; with --recursive its outputs would be read as inputs`,
      );
    }
    return new BatchOutputs(root, output);
  }

  /** The folder an input's output goes to: its sub-folder mirrored under the output folder. */
  folderOf(file: string): string {
    return join(this.output, relative(this.root, dirname(file)));
  }

  /** The output already written for this input (under the name it would get now), or undefined. */
  async doneOutput(file: string, format: ImageFormat | undefined): Promise<string | undefined> {
    const written = format ?? (await probeImage(file).catch(() => undefined))?.format;
    if (!written) return undefined;
    const target = pathForFormat(join(this.folderOf(file), basename(file)), written);
    const [out, input] = await Promise.all([stat(target).catch(() => undefined), stat(file)]);
    return out?.isFile() && out.size > 0 && out.mtimeMs >= input.mtimeMs ? target : undefined;
  }
}
