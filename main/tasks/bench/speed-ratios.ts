import type { SpeedRow } from './speed-types';
import { engineName } from './speed-types';
import type { TorchResult } from './speed-torch';

/** Issue 7's targets, measured side by side with PyTorch CPU on the same machine in the same run. */
export const TARGETS = { train: 1.0, infer: 0.7, bigPeakBytes: 1.5e9 } as const;

export interface Ratio {
  readonly what: string;
  readonly value: number;
  readonly target: number;
  readonly met: boolean;
}

/** The first row that ran: the backend or engine the app itself would use. */
function chosen(rows: readonly SpeedRow[]): (SpeedRow & { result: { ok: true; ms: number } }) | undefined {
  return rows.find((r): r is SpeedRow & { result: { ok: true; ms: number } } => r.result.ok);
}

function label(row: SpeedRow): string {
  return row.job.kind === 'train' ? `tfjs ${row.job.backend}` : engineName(row.job.engine);
}

export function speedRatios(train: readonly SpeedRow[], infer: readonly SpeedRow[], denoise: SpeedRow | undefined, torch: TorchResult | undefined): Ratio[] {
  const ratios: Ratio[] = [];
  const t = chosen(train);
  if (t && torch) ratios.push({ what: `training step, ${label(t)} / pytorch ${torch.threads} thread(s)`, value: t.result.ms / torch.trainStepMs, target: TARGETS.train, met: t.result.ms / torch.trainStepMs <= TARGETS.train });
  const i = chosen(infer.filter((r) => r.job.kind === 'infer' && r.job.size === torch?.inferSize));
  if (i && torch) ratios.push({ what: `inference ${torch.inferSize}², ${label(i)} / pytorch ${torch.inferThreads ?? torch.threads} thread(s)`, value: i.result.ms / torch.inferMs, target: TARGETS.infer, met: i.result.ms / torch.inferMs <= TARGETS.infer });
  if (denoise?.result.ok && denoise.job.kind === 'denoise') {
    const peak = denoise.result.peakRssBytes;
    const mp = (denoise.job.height * denoise.job.width) / 1e6;
    ratios.push({ what: `peak memory (GB), ${mp.toFixed(1)} MP denoise, ${label(denoise)}`, value: peak / 1e9, target: TARGETS.bigPeakBytes / 1e9, met: peak < TARGETS.bigPeakBytes });
  }
  return ratios;
}
