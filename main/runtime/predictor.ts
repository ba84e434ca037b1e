import type * as tfl from '@tensorflow/tfjs-layers';
import { netArtifacts } from '../engine/checkpoint';
import { exportOnnx } from '../engine/onnx';
import type { Predictor } from '../engine/predictor';
import { tfjsPredictor } from '../engine/predictor';
import { disagreement } from './predictor-check';
import type { Ort, OrtOptions, OrtSession } from './predictor-ort';
import { loadOrt, ortSession } from './predictor-ort';
import { providerPlan } from './predictor-providers';
import { appVersion } from './version';

export type InferenceEngine = 'onnxruntime' | 'tfjs';

/** What runs the network when denoising, and why onnxruntime was not used when it was not. */
export interface ChosenPredictor {
  readonly engine: InferenceEngine;
  readonly predict: Predictor;
  readonly providers: readonly string[];
  readonly skipped?: string;
  /** Why these providers: the GPU plan, or why a GPU provider asked for was dropped. */
  readonly why?: string;
  release(): Promise<void>;
}

export interface PredictorChoice extends OrtOptions {
  /** 'auto' (default): onnxruntime when it loads and the network exports, else tfjs. */
  readonly prefer?: 'auto' | InferenceEngine;
  /** How onnxruntime is loaded (tests inject a failing loader). */
  readonly loadOrt?: () => Promise<Ort>;
}

function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
}

/** Tolerance of the start-up check, on outputs of order 1 (inputs are divided by the model's scale). */
const AGREEMENT = 1e-3;

async function checkAgainst(session: OrtSession, tfjs: Predictor, net: tfl.LayersModel): Promise<void> {
  const channels = net.inputs[0]?.shape[3];
  if (typeof channels !== 'number') throw new Error('the network input has no channel count');
  const worst = await disagreement(session.predict, tfjs, channels);
  if (worst > AGREEMENT) {
    await session.release();
    throw new Error(`the ONNX export differs from tfjs by up to ${worst.toPrecision(2)}`);
  }
}

/** A session that starts and matches tfjs: on the GPU providers asked for, else on the CPU provider, and why. */
async function checkedSession(
  ort: Ort,
  bytes: Uint8Array,
  choice: PredictorChoice,
  tfjs: Predictor,
  net: tfl.LayersModel,
): Promise<OrtSession & { why: string }> {
  const plan = choice.providers ? { providers: [...choice.providers], why: 'asked for' } : providerPlan();
  let failure: unknown;
  for (const providers of plan.providers.length > 0 ? [plan.providers, []] : [[]]) {
    try {
      const session = await ortSession(ort, bytes, { ...choice, providers });
      await checkAgainst(session, tfjs, net);
      const dropped = failure ? reason(failure) : session.fellBack;
      return { ...session, why: dropped !== undefined ? `${plan.providers.join(', ')} skipped: ${dropped}` : plan.why };
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}

/** The network as a Predictor: onnxruntime on its ONNX export (faster on CPU, GPU providers), tfjs as the fallback. */
export async function choosePredictor(net: tfl.LayersModel, choice: PredictorChoice = {}): Promise<ChosenPredictor> {
  const tfjs: ChosenPredictor = { engine: 'tfjs', predict: tfjsPredictor(net), providers: [], release: async () => {} };
  if (choice.prefer === 'tfjs') return tfjs;
  try {
    const ort = await (choice.loadOrt ?? loadOrt)();
    const bytes = exportOnnx(await netArtifacts(net), { producerVersion: appVersion });
    return { engine: 'onnxruntime', ...(await checkedSession(ort, bytes, choice, tfjs.predict, net)) };
  } catch (error) {
    if (choice.prefer === 'onnxruntime') throw new Error(`onnxruntime is not available: ${reason(error)}`);
    return { ...tfjs, skipped: reason(error) };
  }
}

export function describePredictor(p: ChosenPredictor): string {
  if (p.engine === 'onnxruntime')
    return `inference onnxruntime (${p.providers.join(', ')}${p.why ? `; ${p.why}` : ''})`;
  return `inference tfjs${p.skipped ? ` (onnxruntime skipped: ${p.skipped})` : ''}`;
}
