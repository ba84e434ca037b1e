import { plural } from '../shared/plural';
import { parseArgs } from 'node:util';
import { describeBackend } from '../engine/backend';
import { denoiseDefaults } from '../shared/defaults';
import { denoiseTask } from '../tasks/denoise/denoise-task';
import type { Command, CommandIO } from './command';
import { UsageError } from './command';
import { parseNumber } from './noise-flags';
import { failureLine, printable } from './printable';
import { ProgressLine } from './progress';
import { parseBackend } from './train';
import type { OutputFormat } from '../shared/output-format';
import { parseOutputFormat } from '../shared/output-format';
import { BATCH_RECORD } from '../tasks/denoise/batch-outputs';
import { stat } from 'node:fs/promises';

const help = `Usage: gr2r denoise --model MODEL_DIR --input FILE_OR_DIR --output DIR [options]

Denoises an image or every image in a folder with a trained model, into DIR (created if needed).
Each output keeps its input's name, format and bit depth; an existing file is never overwritten
(a numbered name is used) unless --overwrite is given. Files that fail are listed; the rest go on, and the
exit status is 1.
Run again into the same DIR, a file already denoised there by the same model and settings is skipped (each output
folder keeps a hidden record, ${BATCH_RECORD}, of what its outputs were made from; outputs are written whole or not at
all), so a stopped batch resumes where it was; an input changed since, or another model, --amount, --format or --mc,
is denoised again into a new numbered name: nothing is overwritten without --overwrite.

Options:
  --mc J         Monte Carlo samples: the mean over J recorruptions in mirrored pairs (default ${denoiseDefaults.mc};
                 supervised models use 1 pass on y); 0: one pass on the noisy image itself, several times faster
                 for a little less denoising (docs/quality.md)
  --tile T       tile size in pixels (default ${denoiseDefaults.tile}): memory is bounded by it
  --seed S       seed of the recorruptions (default ${denoiseDefaults.seed})
  --amount A     strength in percent, 0-100 (default 100): each value is original + A/100 x (denoised - original),
                 in the file's own units (amplitude files as amplitude), before the output is encoded;
                 a value between 0 and 1 (0.5) is read as a fraction (50%)
  --format F     keep (default: each input's format and depth) | png | tiff16 | tiff32 | jpeg[:QUALITY] (default 95)
  --recursive    include sub-folders; DIR mirrors the input tree (DIR must not be inside the input folder)
  --redo         denoise again files already done (into new numbered names; --overwrite replaces them)
  --overwrite    replace existing outputs
SAR (float32 GeoTIFF; no-data and, for speckle models, zero borders are left untouched):
  --amplitude    the files hold amplitudes: squared to intensity for the model, written back as amplitudes
                 (the default when the model was trained with --amplitude; --intensity says otherwise)
  --db           write 10 log10(intensity) as float32 TIFF
  --ratio        write the ratio image noisy/denoised beside each output (NAME.ratio.tif) and print its
                 mean and variance: about 1 and 1/L for speckle of L looks removed without removing structure
  --unit-ratio   multiply each output by the local mean (17x17) of the ratio image, so that its mean is 1; on
                 textured scenes the output's mean then falls (3-12% on real chips: docs/quality.md, Real SAR)
  --backend NAME tensorflow-gpu | tensorflow | wasm | cpu
`;

const options = {
  model: { type: 'string' },
  input: { type: 'string' },
  output: { type: 'string' },
  mc: { type: 'string' },
  tile: { type: 'string' },
  seed: { type: 'string' },
  overwrite: { type: 'boolean' },
  backend: { type: 'string' },
  amount: { type: 'string' },
  format: { type: 'string' },
  recursive: { type: 'boolean' },
  redo: { type: 'boolean' },
  amplitude: { type: 'boolean' },
  intensity: { type: 'boolean' },
  db: { type: 'boolean' },
  ratio: { type: 'boolean' },
  'unit-ratio': { type: 'boolean' },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof options }>>['values'];

function sarOptions(flags: Flags): { amplitude?: boolean; db?: boolean; ratio?: boolean; unitRatio?: boolean } {
  if (flags.amplitude && flags.intensity) throw new UsageError('--amplitude and --intensity cannot both be given');
  const amplitude = flags.amplitude ? true : flags.intensity ? false : undefined;
  return {
    ...(amplitude !== undefined && { amplitude }),
    db: flags.db,
    ratio: flags.ratio,
    ...(flags['unit-ratio'] && { unitRatio: true }),
  };
}

function wholeNumber(flag: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = parseNumber(flag, raw);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${flag} must be a whole number >= ${min}, got ${raw}`);
  return n;
}

/**
 * --amount in percent: '50' or '50%'. A plain value strictly between 0 and 1 ('0.5') is read as a fraction
 * (50%): a strength under 1% is no use, and 0.5 meaning half is the other common convention.
 */
export function parseAmount(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim();
  const percent = text.endsWith('%');
  const n = Number(percent ? text.slice(0, -1) : text);
  if (text === '' || !Number.isFinite(n) || n < 0 || n > 100)
    throw new UsageError(`--amount must be a percentage from 0 to 100, got ${raw}`);
  return !percent && n > 0 && n < 1 ? n * 100 : n;
}

function formatOf(raw: string | undefined): OutputFormat | undefined {
  if (raw === undefined) return undefined;
  try {
    return parseOutputFormat(raw);
  } catch (error) {
    throw new UsageError(`--format: ${(error as Error).message}`);
  }
}

async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values: flags } = parseArgs({ args: argv, options, strict: true });
  if (!flags.model) throw new UsageError('--model MODEL_DIR is required');
  if (!flags.input) throw new UsageError('--input FILE_OR_DIR is required');
  if (!flags.output) throw new UsageError('--output DIR is required');
  await checkOutputArgument(flags.output);
  const progress = new ProgressLine(io, 1);
  const result = await denoiseTask({
    model: flags.model,
    input: flags.input,
    output: flags.output,
    mc: wholeNumber('mc', flags.mc, 0),
    tile: wholeNumber('tile', flags.tile, 16),
    seed: wholeNumber('seed', flags.seed, 0),
    overwrite: flags.overwrite,
    backend: parseBackend(flags.backend),
    sar: sarOptions(flags),
    signal: io.signal,
    amount: parseAmount(flags.amount),
    format: formatOf(flags.format),
    recursive: flags.recursive,
    redo: flags.redo,
    onProgress: (p) => p.fileFraction === 0 && progress.update(p.fileIndex, p.fileCount, printable(p.file), p.etaMs),
  });
  for (const w of result.written) {
    io.stdout.write(`${printable(w.output)}${w.notes.length ? ` (${printable(w.notes.join('; '))})` : ''}\n`);
    if (w.ratio)
      io.stdout.write(
        `ratio ${printable(w.ratio.file)}: mean ${w.ratio.mean.toFixed(4)}, variance ${w.ratio.variance.toFixed(4)} over ${w.ratio.count} values\n`,
      );
  }
  for (const s of result.skipped)
    io.stdout.write(`skipped ${printable(s.input)}: already denoised as ${printable(s.output)}\n`);
  for (const f of result.failures) io.stderr.write(`${failureLine('failed', f)}\n`);
  const skipped = result.skipped.length > 0 ? `, ${result.skipped.length} skipped (already done)` : '';
  io.stderr.write(
    `denoised ${plural(result.written.length, 'file')}${skipped}, ${result.failures.length} failed; ${result.inference}; ${describeBackend(result.backend)}\n`,
  );
  if (result.cancelled) return 130;
  return result.failures.length > 0 ? 1 : 0;
}

export const denoiseCommand: Command = {
  name: 'denoise',
  summary: 'denoise an image or a folder with a trained model',
  help,
  run,
};

/** --output is a folder: an existing file, or a name that does not exist yet and reads as an image file, is refused. */
async function checkOutputArgument(output: string): Promise<void> {
  const found = await stat(output).catch(() => undefined);
  if (found && !found.isDirectory())
    throw new UsageError(`--output ${output} is a file; give the folder to write the outputs into`);
  if (!found && /\.(png|jpe?g|tiff?|dng)$/i.test(output))
    throw new UsageError(
      `--output ${output} looks like a file name; give the folder to write the outputs into (each keeps its input's name)`,
    );
}
