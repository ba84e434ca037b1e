import type { SpeedRow } from './speed-types';
import { engineName, trainerName } from './speed-types';
import type { TorchResult } from './speed-torch';

/** Issue 7's targets, measured side by side with PyTorch CPU on the same machine in the same run. */
export const TARGETS = { train: 1.0, infer: 0.7, bigPeakBytes: 1.5e9 } as const;

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
  return row.job.kind === 'train' ? trainerName(row.job) : engineName(row.job.engine);
}

function ratio(what: string, ours: number, theirs: number, target: number): Ratio {
  return { what, value: ours / theirs, target, met: ours / theirs <= target };
}

/** Wall-clock ratios (issue 7's check), then the same in CPU time (an idle machine's view, see speed-clock.ts). */
function torchRatios(t: Measured | undefined, i: Measured | undefined, torch: TorchResult): Ratio[] {
  const train = t && `training step, ${label(t)} / pytorch ${torch.threads} thread(s)`;
  const infer = i && `inference ${torch.inferSize}², ${label(i)} / pytorch ${torch.inferThreads ?? torch.threads} thread(s)`;
  return [
    ...(t && train ? [ratio(train, t.result.ms, torch.trainStepMs, TARGETS.train)] : []),
    ...(i && infer ? [ratio(infer, i.result.ms, torch.inferMs, TARGETS.infer)] : []),
    ...(t && train ? [ratio(`CPU time: ${train}`, t.result.cpuMs, torch.trainStepCpuMs, TARGETS.train)] : []),
    ...(i && infer ? [ratio(`CPU time: ${infer}`, i.result.cpuMs, torch.inferCpuMs, TARGETS.infer)] : []),
  ];
}

export function speedRatios(train: readonly SpeedRow[], infer: readonly SpeedRow[], denoise: SpeedRow | undefined, torch: TorchResult | undefined): Ratio[] {
  const i = chosen(infer.filter((r) => r.job.kind === 'infer' && r.job.size === torch?.inferSize));
  const ratios = torch ? torchRatios(chosen(train), i, torch) : [];
  if (denoise?.result.ok && denoise.job.kind === 'denoise') {
    const peak = denoise.result.peakRssBytes;
    const mp = (denoise.job.height * denoise.job.width) / 1e6;
    ratios.push({ what: `peak memory (GB), ${mp.toFixed(1)} MP denoise, ${label(denoise)}`, value: peak / 1e9, target: TARGETS.bigPeakBytes / 1e9, met: peak < TARGETS.bigPeakBytes });
  }
  return ratios;
}
