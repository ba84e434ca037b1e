import type { BackendName } from '../../engine/backend';
import { backendOrder } from '../../engine/backend';
import type { NetConfig } from '../../engine/nets';
import type { InferEngine, SpeedJob } from './speed-types';

export interface SpeedSettings {
  readonly net: NetConfig;
  /** Only this tfjs backend (onnxruntime is still measured for inference). */
  readonly backend?: BackendName;
  readonly warmup: number;
  readonly steps: number;
  readonly runs: number;
  readonly size: number;
  /** Height and width of the big image (24 MP: 4000 x 6000); 0 leaves it out. */
  readonly bigHeight: number;
  readonly bigWidth: number;
  readonly tile: number;
  readonly mc: number;
}

/** The cpu backend is minutes per 256 x 256 image: measured smaller, once, and reported per megapixel. */
const CPU_SIZE = 128;

export function tfjsBackends(settings: SpeedSettings): BackendName[] {
  return settings.backend ? [settings.backend] : [...backendOrder];
}

/**
 * Training never runs on cpu (minutes a step) unless that backend is asked for by name. On wasm the app's
 * default (gradients from onnxruntime) comes first, then tfjs's own gradients.
 */
export function trainJobs(settings: SpeedSettings): SpeedJob[] {
  const { net, warmup, steps } = settings;
  return tfjsBackends(settings)
    .filter((backend) => backend !== 'cpu' || settings.backend === 'cpu')
    .flatMap((backend) =>
      (backend === 'wasm' || backend === 'cpu' ? (['onnxruntime', 'tfjs'] as const) : (['tfjs'] as const)).map(
        (gradients) => ({ kind: 'train', backend, net, warmup, steps, gradients }) as const,
      ),
    );
}

export function inferJobs(settings: SpeedSettings): SpeedJob[] {
  const engines: InferEngine[] = ['onnxruntime', ...tfjsBackends(settings)];
  return engines.map((engine) =>
    engine === 'cpu'
      ? { kind: 'infer', engine, net: settings.net, size: Math.min(CPU_SIZE, settings.size), warmup: 0, runs: 1 }
      : { kind: 'infer', engine, net: settings.net, size: settings.size, warmup: 1, runs: settings.runs },
  );
}

/** The big image as a user has it: an 8-bit RGB JPEG through `gr2r denoise` (the band path above 16 MP). */
export function denoiseJob(settings: SpeedSettings): SpeedJob {
  const { net, bigHeight: height, bigWidth: width, tile, mc } = settings;
  return { kind: 'file', net, sizes: [[height, width]], mc, format: 'jpeg', tile };
}
