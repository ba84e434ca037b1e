import type * as tfl from '@tensorflow/tfjs-layers';
import { netArtifacts } from '../engine/checkpoint';
import { exportOnnx } from '../engine/onnx';
import type { Predictor } from '../engine/predictor';
import { tfjsPredictor } from '../engine/predictor';
import type { Ort, OrtOptions } from './predictor-ort';
import { loadOrt, ortSession } from './predictor-ort';
import { appVersion } from './version';

export type InferenceEngine = 'onnxruntime' | 'tfjs';

/** What runs the network when denoising, and why onnxruntime was not used when it was not. */
export interface ChosenPredictor {
  readonly engine: InferenceEngine;
  readonly predict: Predictor;
  readonly providers: readonly string[];
  readonly skipped?: string;
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

/** The network as a Predictor: onnxruntime on its ONNX export (faster on CPU, GPU providers), tfjs as the fallback. */
export async function choosePredictor(net: tfl.LayersModel, choice: PredictorChoice = {}): Promise<ChosenPredictor> {
  const tfjs: ChosenPredictor = { engine: 'tfjs', predict: tfjsPredictor(net), providers: [], release: async () => {} };
  if (choice.prefer === 'tfjs') return tfjs;
  try {
    const ort = await (choice.loadOrt ?? loadOrt)();
    const bytes = exportOnnx(await netArtifacts(net), { producerVersion: appVersion });
    return { engine: 'onnxruntime', ...(await ortSession(ort, bytes, choice)) };
  } catch (error) {
    if (choice.prefer === 'onnxruntime') throw new Error(`onnxruntime is not available: ${reason(error)}`);
    return { ...tfjs, skipped: reason(error) };
  }
}

export function describePredictor(p: ChosenPredictor): string {
  if (p.engine === 'onnxruntime') return `inference onnxruntime (${p.providers.join(', ')})`;
  return `inference tfjs${p.skipped ? ` (onnxruntime skipped: ${p.skipped})` : ''}`;
}
