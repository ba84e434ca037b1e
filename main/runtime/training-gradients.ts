import type { BackendName } from '../engine/backend';
import type { GradientWorkers, ShardSetup, StartGradientWorkers } from '../engine/train/gradients';
import { gradientDisagreement } from './gradient-check';
import { OrtGradients } from './ort-gradients';
import type { Ort } from './predictor-ort';
import { loadOrt } from './predictor-ort';
import { providerPlan } from './predictor-providers';

export type GradientEngine = 'onnxruntime' | 'tfjs';

export interface GradientChoice {
  /** 'auto' (default): onnxruntime on CPU backends when it loads and agrees with tfjs, else tfjs. */
  readonly prefer?: 'auto' | GradientEngine;
  readonly backend: BackendName;
  /** onnxruntime's threads for one operator (default: one per core). */
  readonly threads?: number;
  /** GPU execution providers to try first; the platform's plan (providerPlan) when absent. */
  readonly providers?: readonly string[];
  readonly loadOrt?: () => Promise<Ort>;
  readonly onNote?: (message: string) => void;
}

/** Relative tolerance of the start-up check against tfjs (float32 sums in another order differ by about 1e-6). */
const AGREEMENT = 1e-3;

function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
}

async function startOn(
  ort: Ort,
  setup: ShardSetup,
  choice: GradientChoice,
  providers: readonly string[],
  allowBlocked = true,
): Promise<GradientWorkers> {
  const gradients = new OrtGradients(ort, setup, choice.threads, providers, allowBlocked);
  try {
    const worst = await gradientDisagreement(gradients.compute, setup);
    if (!(worst <= AGREEMENT)) throw new Error(`its gradients differ from tfjs by ${worst.toPrecision(2)} (relative)`);
    return { computers: [gradients.compute], close: () => gradients.release() };
  } catch (error) {
    const blocked = await gradients.blocked().catch(() => false);
    await gradients.release();
    // The blocked layout is onnxruntime's internal one: where it misbehaves, the plain graph before tfjs.
    if (blocked) return startOn(ort, setup, choice, providers, false);
    throw error;
  }
}

/** onnxruntime on the planned GPU providers, else on its CPU kernels; with the note saying which and why. */
async function startOrt(
  setup: ShardSetup,
  choice: GradientChoice,
): Promise<{ workers: GradientWorkers; label: string }> {
  const ort = await (choice.loadOrt ?? loadOrt)();
  const plan = choice.providers ? { providers: [...choice.providers], why: 'asked for' } : providerPlan();
  if (plan.providers.length > 0) {
    try {
      const workers = await startOn(ort, setup, choice, plan.providers);
      return { workers, label: `${plan.providers.join(', ')}, cpu; ${plan.why}` };
    } catch (error) {
      const workers = await startOn(ort, setup, choice, []);
      return { workers, label: `cpu; ${plan.providers.join(', ')} skipped: ${reason(error)}` };
    }
  }
  return { workers: await startOn(ort, setup, choice, []), label: `cpu; ${plan.why}` };
}

/**
 * Who computes the training gradients: onnxruntime's CPU kernels (faster than tfjs wasm,
 * docs/speed.md), or tfjs on this thread (undefined). Native tfjs backends keep tfjs: they use
 * every core or the GPU already.
 */
export function chooseGradients(choice: GradientChoice): StartGradientWorkers | undefined {
  const prefer = choice.prefer ?? 'auto';
  const note = choice.onNote ?? (() => {});
  const cpuBackend = choice.backend === 'wasm' || choice.backend === 'cpu';
  if (prefer === 'tfjs' || (prefer === 'auto' && !cpuBackend)) return undefined;
  return async (setup) => {
    try {
      const { workers, label } = await startOrt(setup, choice);
      note(`training gradients: onnxruntime (${label})`);
      return workers;
    } catch (error) {
      if (prefer === 'onnxruntime') throw new Error(`onnxruntime training is not available: ${reason(error)}`);
      note(`training gradients: tfjs ${choice.backend} (onnxruntime skipped: ${reason(error)})`);
      return undefined;
    }
  };
}
