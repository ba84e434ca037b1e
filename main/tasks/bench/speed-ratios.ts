import type { SpeedRow } from './speed-types';
import { engineName, trainerName } from './speed-types';
import type { Alternation } from './speed-rounds';
import type { TorchResult } from './speed-torch';

/** Issue 7's targets, measured side by side with PyTorch CPU on the same machine in the same run. */
export const TARGETS = { train: 1.0, infer: 0.7, bigPeakBytes: 1.5e9, bigSeconds: 180, endToEnd: 0.7 } as const;

export interface Ratio {
  readonly what: string;
  readonly value: number;
  readonly target: number;
  readonly met: boolean;
}

type Measured = SpeedRow & { result: { ok: true; ms: number; cpuMs: number } };

/** The first row that ran: the backend or engine the app itself would use. */
function chosen(rows: readonly SpeedRow[]): Measured | undefined {
  return rows.find((r): r is Measured => r.result.ok);
}

function label(row: SpeedRow): string {
  if (row.job.kind === 'file') return 'gr2r denoise';
  return row.job.kind === 'train' ? trainerName(row.job) : engineName(row.job.engine);
}

function ratio(what: string, ours: number, theirs: number, target: number): Ratio {
  return { what, value: ours / theirs, target, met: ours / theirs <= target };
}

/** Wall-clock ratios (issue 7's check), then the same in CPU time (an idle machine's view, see speed-clock.ts). */
function torchRatios(t: Measured | undefined, i: Measured | undefined, torch: TorchResult): Ratio[] {
  const train = t && `training step, ${label(t)} / pytorch ${torch.threads} thread(s)`;
  const infer =
    i && `inference ${torch.inferSize}², ${label(i)} / pytorch ${torch.inferThreads ?? torch.threads} thread(s)`;
  return [
    ...(t && train ? [ratio(train, t.result.ms, torch.trainStepMs, TARGETS.train)] : []),
    ...(i && infer ? [ratio(infer, i.result.ms, torch.inferMs, TARGETS.infer)] : []),
    ...(t && train ? [ratio(`CPU time: ${train}`, t.result.cpuMs, torch.trainStepCpuMs, TARGETS.train)] : []),
    ...(i && infer ? [ratio(`CPU time: ${infer}`, i.result.cpuMs, torch.inferCpuMs, TARGETS.infer)] : []),
  ];
}

function alternationRatios(a: Alternation): Ratio[] {
  const n = `median of ${a.denoise.length}`;
  return [
    ...(a.denoiseRatio !== undefined
      ? [ratio(`gr2r denoise --mc 1 s/MP / pytorch pass s/MP (${n})`, a.denoiseRatio, 1, TARGETS.endToEnd)]
      : []),
    ...(a.trainRatio !== undefined
      ? [ratio(`training step / pytorch (median of ${a.train.length})`, a.trainRatio, 1, TARGETS.train)]
      : []),
  ];
}

export function speedRatios(
  train: readonly SpeedRow[],
  infer: readonly SpeedRow[],
  denoise: SpeedRow | undefined,
  torch: TorchResult | undefined,
  alternation?: Alternation,
): Ratio[] {
  const i = chosen(infer.filter((r) => r.job.kind === 'infer' && r.job.size === torch?.inferSize));
  const ratios = torch ? torchRatios(chosen(train), i, torch) : [];
  if (alternation) ratios.push(...alternationRatios(alternation));
  if (denoise?.result.ok && denoise.job.kind === 'file') {
    const peak = denoise.result.peakRssBytes;
    const [height, width] = denoise.job.sizes[0]!;
    const what = `${((height * width) / 1e6).toFixed(1)} MP JPEG, J = ${denoise.job.mc}`;
    ratios.push({
      what: `time (s), ${what}`,
      value: denoise.result.ms / 1000,
      target: TARGETS.bigSeconds,
      met: denoise.result.ms / 1000 <= TARGETS.bigSeconds,
    });
    ratios.push({
      what: `peak memory (GB), ${what}`,
      value: peak / 1e9,
      target: TARGETS.bigPeakBytes / 1e9,
      met: peak < TARGETS.bigPeakBytes,
    });
  }
  return ratios;
}
