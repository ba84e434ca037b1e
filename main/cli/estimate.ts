import { parseArgs } from 'node:util';
import type { EstimateFamily, EstimateReport, ImageEstimate, PooledEstimate } from '../shared/estimate';
import { estimateFamilySchema } from '../shared/estimate';
import { estimateTask } from '../tasks/estimate/estimate-task';
import type { Command, CommandIO } from './command';
import { UsageError } from './command';
import { namingFailures } from './name-failures';
import { failureLine, printable } from './printable';
import { chooseFamily } from '../tasks/estimate/resolve-noise';
import type { NoiseFamily } from '../shared/noise';

const help = `Usage: gr2r estimate FILE_OR_DIR [--noise gaussian|poisson|gamma] [--amplitude] [--json]

Estimates the noise parameter from the noisy images themselves: sigma (gaussian), the gain (poisson,
with the Poisson-Gaussian fit var = a * mean + b) or the number of looks (gamma speckle), for each
image and pooled over a folder (images of one sensor), with its uncertainty. Files that cannot be read or
measured are named on stderr (and in --json's "failures"), the others go on, and the exit status is 1.
It also checks what GR2R
assumes: independent pixels (lag-1 noise autocorrelation), no clipping, Poisson values on a lattice of
the gain, and how the variance grows with the mean.

Options:
  --noise FAMILY  gaussian | poisson | gamma. Default: chosen as gr2r train chooses (said on stderr, and as
                  "automatic" in --json): gamma for float TIFF (SAR), poisson for camera raw, gaussian for
                  photos, whose "real noise" line (level, correlation) is what the automatic model trains on
  --amplitude     gamma: the files hold amplitudes (square roots of intensity); square them first
  --recursive     include the images in sub-folders
  --json          print one JSON document on stdout: {"images", "pooled", "warnings", "failures"}
`;

const options = {
  noise: { type: 'string' },
  amplitude: { type: 'boolean' },
  recursive: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

/** The family measured without --noise: the one gr2r train would choose, as an estimable family. */
async function automaticFamily(
  input: string,
  recursive: boolean,
  note: (m: string) => void,
): Promise<{ family: EstimateFamily; chosen: NoiseFamily }> {
  const chosen = await chooseFamily(input, note, recursive);
  const family = chosen === 'gamma' ? 'gamma' : chosen === 'poissongaussian' ? 'poisson' : 'gaussian';
  return { family, chosen };
}

function parseFamily(raw: string): EstimateFamily {
  const parsed = estimateFamilySchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`--noise ${raw} cannot be estimated: use gaussian, poisson or gamma`);
  return parsed.data;
}

async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values: flags, positionals } = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('give one FILE_OR_DIR (see gr2r estimate --help)');
  const notes: string[] = [];
  const automatic = flags.noise
    ? undefined
    : await automaticFamily(positionals[0]!, flags.recursive ?? false, (m) => notes.push(m));
  const family = automatic?.family ?? parseFamily(flags.noise!);
  if (!flags.json) for (const n of notes) io.stderr.write(`${n}\n`);
  if (flags.amplitude && family !== 'gamma') throw new UsageError('--amplitude is for gamma (speckle) data');
  const report = await namingFailures(io, 'skipped', () =>
    estimateTask({
      input: positionals[0],
      family,
      amplitude: flags.amplitude,
      recursive: flags.recursive,
      onImage: flags.json
        ? undefined
        : (file, index, count) => count > 1 && io.stderr.write(`estimating ${index + 1}/${count} ${printable(file)}\n`),
    }),
  );
  for (const failure of report.failures) io.stderr.write(`${failureLine('skipped', failure)}\n`);
  const chosen = automatic && { automatic: { family: automatic.chosen, why: notes.join('; ') } };
  io.stdout.write(flags.json ? `${JSON.stringify({ ...report, ...chosen }, null, 2)}\n` : describeReport(report));
  // As denoise: a file left out is a failure the caller must see, even though the others were measured.
  return report.failures.length > 0 ? 1 : 0;
}

const num = (v: number) => Number(v.toPrecision(4)).toString();
const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

function valueOf(e: ImageEstimate | PooledEstimate): string {
  switch (e.family) {
    case 'gaussian':
      return `sigma ${num(e.sigma)}`;
    case 'poisson':
      return `gain ${num(e.gain)}`;
    case 'gamma':
      return `looks ${num(e.looks)}`;
  }
}

function detailOf(e: ImageEstimate): string {
  const texture = e.flat ? '' : ', few flat areas';
  switch (e.family) {
    case 'gaussian':
      return `(Haar-MAD ${num(e.crossChecks.haarMad)}, Immerkaer ${num(e.crossChecks.immerkaer)}${texture})`;
    case 'poisson':
      return `(from the variance ${num(e.crossChecks.variance)}${e.crossChecks.lattice === null ? '' : ', the value lattice'}; Poisson-Gaussian a ${num(e.a)}, b ${num(e.b)}${texture})`;
    case 'gamma':
      return `(moments ${num(e.crossChecks.moments)}, log ${num(e.crossChecks.log)}${e.amplitude ? ', amplitudes squared' : ''}${texture})`;
  }
}

/** The noise as it is: its level per channel (in /255 for 8/16-bit data) and its lag-1 correlation. */
function realNoiseLine(e: ImageEstimate, width: number): string[] {
  if (!e.realNoise) return [];
  const { std, correlation } = e.realNoise;
  const centre = Math.floor(correlation.length / 2);
  const h = correlation[centre]![centre + 1]!;
  const v = correlation[centre + 1]![centre]!;
  return [
    `${''.padEnd(width)}  real noise: std ${std.map((s) => (255 * s).toFixed(2)).join('/')} /255, lag-1 correlation ${h.toFixed(2)} across, ${v.toFixed(2)} down (the automatic model trains on this)`,
  ];
}

/** The human-readable report: one line per image, the pooled line, then the warnings. */
function describeReport(report: EstimateReport): string {
  const width = Math.max(...report.images.map((e) => printable(e.name).length), 6);
  const lines = report.images.flatMap((e) => [
    `${printable(e.name).padEnd(width)}  ${valueOf(e)} ± ${pct(e.uncertainty)}  ${detailOf(e)}`,
    ...realNoiseLine(e, width),
  ]);
  const p = report.pooled;
  const extra = p.family === 'poisson' ? `; Poisson-Gaussian a ${num(p.a)}, b ${num(p.b)}` : '';
  lines.push(
    `${'pooled'.padEnd(width)}  ${valueOf(p)} ± ${pct(p.uncertainty)}  (${p.count} image${p.count === 1 ? '' : 's'}, spread ${pct(p.spread)}${p.outliers.length ? `, outliers: ${p.outliers.map(printable).join(', ')}` : ''}${extra})`,
  );
  if (report.warnings.length) lines.push('', 'warnings:', ...report.warnings.map((w) => `  - ${printable(w)}`));
  return `${lines.join('\n')}\n`;
}

export const estimateCommand: Command = {
  name: 'estimate',
  summary: 'estimate the noise parameter blind from noisy images',
  help,
  run,
};
