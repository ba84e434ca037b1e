import type { Predictor } from '../engine/predictor';

export type Ort = typeof import('onnxruntime-node');

/** Loads onnxruntime-node; throws when the package or its native library is missing. */
export async function loadOrt(): Promise<Ort> {
  const mod = (await import('onnxruntime-node')) as Ort & { default?: Ort };
  const ort = mod.default ?? mod;
  if (typeof ort.InferenceSession?.create !== 'function')
    throw new Error('onnxruntime-node loaded without an InferenceSession');
  return ort;
}

export interface OrtSession {
  readonly predict: Predictor;
  /** The execution providers the session was created with, in order of preference. */
  readonly providers: readonly string[];
  /** Why the GPU providers asked for were dropped for the CPU one, when they were. */
  readonly fellBack?: string;
  release(): Promise<void>;
}

export interface OrtOptions {
  /** Execution providers in order ('cuda', 'dml', 'coreml', ...); 'cpu' is always the last resort. */
  readonly providers?: readonly string[];
  /** Threads for one operator; onnxruntime's default is one per physical core. */
  readonly threads?: number;
}

/**
 * Session entries for every onnxruntime session: its worker threads sleep instead of spinning between
 * operators. Spinning keeps a core busy while one thread waits for another; when other processes share the
 * cores it takes their time and the waiting thread's own, and measured here it cost about 40% more CPU for the
 * same work (docs/speed.md).
 */
export const noSpinning = { session: { intra_op: { allow_spinning: '0' } } } as const;

async function createSession(ort: Ort, bytes: Uint8Array, providers: readonly string[], threads?: number) {
  return ort.InferenceSession.create(bytes, {
    executionProviders: [...providers],
    graphOptimizationLevel: 'all',
    ...(threads !== undefined && { intraOpNumThreads: threads }),
    extra: noSpinning,
  });
}

/** An onnxruntime session on an exported model (main/engine/onnx), as a Predictor; GPU providers fall back to CPU. */
export async function ortSession(ort: Ort, bytes: Uint8Array, options: OrtOptions = {}): Promise<OrtSession> {
  let providers = [...(options.providers ?? []).filter((p) => p !== 'cpu'), 'cpu'];
  let fellBack: string | undefined;
  const session = await createSession(ort, bytes, providers, options.threads).catch((error: unknown) => {
    fellBack = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
    providers = ['cpu'];
    return createSession(ort, bytes, providers, options.threads);
  });
  const [inputName] = session.inputNames;
  const [outputName] = session.outputNames;
  if (!inputName || !outputName) throw new Error('the exported model has no input or no output');
  const predict: Predictor = async (input, shape) => {
    const result = await session.run({ [inputName]: new ort.Tensor('float32', input, [...shape]) });
    const out = result[outputName]!;
    if (out.type !== 'float32') throw new Error(`onnxruntime returned ${out.type}, not float32`);
    return out.data as Float32Array;
  };
  return { predict, providers, ...(fellBack !== undefined && { fellBack }), release: () => session.release() };
}
