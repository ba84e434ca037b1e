import { parseArgs } from 'node:util';
import type { BackendName } from '../engine/backend';
import { backendOrder } from '../engine/backend';
import { denoiseDefaults, netOf, trainDefaults } from '../shared/defaults';
import type { SpeedSettings } from '../tasks/bench/speed-plan';
import type { SpeedRequest } from '../tasks/bench/speed';
import { UsageError } from './command';

/** Speed bench defaults: a few timed steps after warm-up; the big image at the app's J (issue 22: 24 MP at J = 5). */
const speed = { steps: 5, warmup: 2, runs: 3, size: 512, mp: 24, mc: denoiseDefaults.mc } as const;

export const speedHelp = `Usage: gr2r bench --speed [--json] [--torch] [options]

Training step time (median after warm-up) per tfjs backend present, inference time per megapixel with
onnxruntime and each tfjs backend, and a big image's denoise time and peak memory; each in its own process.

  --torch        also run main/tasks/bench/torch_unet.py (Debian python3-torch) and print ours / PyTorch ratios
  --backend B    only this tfjs backend: ${backendOrder.join(' | ')}
  --steps N (${speed.steps})  --warmup N (${speed.warmup})  --runs N (${speed.runs})  --size S (${speed.size})
  --mp MP (${speed.mp})  the big image in megapixels, 3:2 (0: none)
  --tile T (${denoiseDefaults.tile})  --mc J (${speed.mc})
  --net unet|dncnn --width W --depth D   the network (default ${trainDefaults.net.kind})
  --json         the report as JSON on stdout
  With --torch, also --rounds N (3) alternations of: gr2r denoise --mc 1 on float TIFFs of 256 and --file-size S
  (2048) px against PyTorch's --size pass, per megapixel; then training steps, ours against PyTorch's.
`;

const flags = {
  speed: { type: 'boolean' },
  json: { type: 'boolean' },
  torch: { type: 'boolean' },
  backend: { type: 'string' },
  steps: { type: 'string' },
  warmup: { type: 'string' },
  runs: { type: 'string' },
  size: { type: 'string' },
  mp: { type: 'string' },
  tile: { type: 'string' },
  mc: { type: 'string' },
  net: { type: 'string' },
  width: { type: 'string' },
  depth: { type: 'string' },
  rounds: { type: 'string' },
  'file-size': { type: 'string' },
} as const;

function whole<T extends number | undefined>(raw: string | undefined, fallback: T, name: string, min = 1): number | T {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number >= ${min}, got ${raw}`);
  return n;
}

/** `gr2r bench --speed ...` flags as the speed bench's settings. */
export function parseSpeedFlags(argv: string[]): SpeedRequest {
  const { values: v } = parseArgs({ args: argv, options: flags, strict: true });
  const backend = backendOrder.find((b) => b === v.backend);
  if (v.backend !== undefined && !backend) throw new UsageError(`--backend must be one of ${backendOrder.join(', ')}`);
  const kind = v.net ?? trainDefaults.net.kind;
  if (kind !== 'unet' && kind !== 'dncnn') throw new UsageError('--net must be unet or dncnn');
  const net = netOf(kind, { width: whole(v.width, undefined, 'width'), depth: whole(v.depth, undefined, 'depth') });
  const mp = whole(v.mp, speed.mp, 'mp', 0);
  const settings: SpeedSettings = {
    net,
    backend: backend as BackendName | undefined,
    steps: whole(v.steps, speed.steps, 'steps'),
    warmup: whole(v.warmup, speed.warmup, 'warmup', 0),
    runs: whole(v.runs, speed.runs, 'runs'),
    size: whole(v.size, speed.size, 'size'),
    tile: whole(v.tile, denoiseDefaults.tile, 'tile'),
    mc: whole(v.mc, speed.mc, 'mc'),
    // 24 MP is 6000 x 4000, a full-frame camera's photo; other sizes keep its 3:2.
    bigHeight: Math.round(Math.sqrt((mp * 1e6) / 1.5)),
    bigWidth: Math.round(Math.sqrt(mp * 1e6 * 1.5)),
  };
  return {
    settings,
    json: v.json ?? false,
    torch: v.torch ?? false,
    rounds: whole(v.rounds, 3, 'rounds'),
    fileSize: whole(v['file-size'], 2048, 'file-size', 512),
  };
}
