import { lossGrowth } from '../engine/gr2r';
import { noiseModel } from '../engine/noise';
import { encodeModel } from '../engine/onnx/encode';
import type { TrainingGraph } from '../engine/onnx/train/training-graph';
import { trainingGraph } from '../engine/onnx/train/training-graph';
import type { BatchShape, GradientComputer, ShardGradients, ShardSetup } from '../engine/train/gradients';
import { nchwcBlockSize } from './nchwc-block';
import { noSpinning, type Ort } from './predictor-ort';
import { appVersion } from './version';

type Session = Awaited<ReturnType<Ort['InferenceSession']['create']>>;
type Tensor = InstanceType<Ort['Tensor']>;

interface ShapeSession {
  readonly session: Session;
  readonly graph: TrainingGraph;
}

function scaled(values: Float32Array, scale: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]! / scale;
  return out;
}

/**
 * Training gradients from onnxruntime: the network's forward pass, the MSE loss and the backward pass as one
 * ONNX graph (main/engine/onnx/train), run by onnxruntime: on the GPU providers given, else its CPU kernels on every core. One session per batch
 * shape, made on first use. The same contract as a gradient worker: weights in, the batch's loss and gradients out.
 */
export class OrtGradients {
  private readonly sessions = new Map<string, Promise<ShapeSession>>();
  private block?: Promise<number | undefined>;

  constructor(
    private readonly ort: Ort,
    private readonly setup: ShardSetup,
    private readonly threads?: number,
    /** GPU execution providers to ask for first (cpu is always last). */
    private readonly providers: readonly string[] = [],
    /** Whether convolutions may run in onnxruntime's blocked layout on the CPU (engine/onnx/train/nchwc.ts). */
    private readonly allowBlocked = true,
  ) {
    if (setup.loss === 'nll') throw new Error('the NLL loss has no onnxruntime training graph (MSE and supervised do)');
  }

  readonly compute: GradientComputer = async (weights, input, target, shape) => {
    const { session, graph } = await this.session(shape);
    const { Tensor } = this.ort;
    const feeds: Record<string, Tensor> = {
      [graph.input]: new Tensor('float32', scaled(input, this.setup.scale), [...shape]),
      [graph.target]: new Tensor('float32', scaled(target, this.setup.scale), [...shape]),
    };
    let offset = 0;
    for (const w of graph.weights) {
      const size = w.shape.reduce((a, b) => a * b, 1);
      if (offset + size > weights.length) throw new Error(`expected more than ${weights.length} weight values`);
      feeds[w.input] = new Tensor('float32', weights.subarray(offset, offset + size), [...w.shape]);
      offset += size;
    }
    if (offset !== weights.length) throw new Error(`expected ${offset} weight values, got ${weights.length}`);
    return collect(graph, await session.run(feeds), weights.length);
  };

  private session(shape: BatchShape): Promise<ShapeSession> {
    const key = shape.join('x');
    let found = this.sessions.get(key);
    if (!found) {
      found = this.create(shape);
      this.sessions.set(key, found);
    }
    return found;
  }

  private async create(shape: BatchShape): Promise<ShapeSession> {
    // Blocked convolutions on the CPU provider only (the GPU providers have their own layouts).
    const gpus = this.providers.filter((p) => p !== 'cpu');
    const block = gpus.length === 0 && this.allowBlocked ? await (this.block ??= nchwcBlockSize(this.ort)) : undefined;
    if (block !== undefined) {
      try {
        return await this.start(shape, block);
      } catch {
        // An onnxruntime without the blocked operators: the plain graph below.
      }
    }
    return this.start(shape, undefined);
  }

  private async start(shape: BatchShape, block: number | undefined): Promise<ShapeSession> {
    const growth = lossGrowth(this.setup.loss, noiseModel(this.setup.noise));
    const weights = this.setup.loss === 'mse' ? this.setup.channelWeights : undefined;
    const graph = trainingGraph(this.setup.artifacts, shape, growth, weights, block);
    const bytes = encodeModel(graph.graph, { producerVersion: appVersion });
    const session = await this.ort.InferenceSession.create(bytes, {
      executionProviders: [...this.providers.filter((p) => p !== 'cpu'), 'cpu'],
      extra: noSpinning,
      graphOptimizationLevel: 'all',
      ...(this.threads !== undefined && { intraOpNumThreads: this.threads }),
    });
    return { session, graph };
  }

  /** Whether its graphs run blocked convolutions (known once a session is made). */
  async blocked(): Promise<boolean> {
    const sessions = await Promise.all(this.sessions.values());
    return sessions.some(({ graph }) => graph.blocked);
  }

  async release(): Promise<void> {
    const sessions = await Promise.allSettled([...this.sessions.values()]);
    this.sessions.clear();
    await Promise.all(sessions.map((s) => (s.status === 'fulfilled' ? s.value.session.release() : undefined)));
  }
}

function collect(graph: TrainingGraph, result: Record<string, Tensor>, total: number): ShardGradients {
  const gradients = new Float32Array(total);
  let offset = 0;
  for (const w of graph.weights) {
    const data = result[w.gradient]?.data;
    if (!(data instanceof Float32Array)) throw new Error(`onnxruntime returned no float gradient for ${w.input}`);
    gradients.set(data, offset);
    offset += data.length;
  }
  const loss = result[graph.loss]?.data;
  if (!(loss instanceof Float32Array) || loss.length !== 1) throw new Error('onnxruntime returned no loss');
  return { loss: loss[0]!, gradients };
}
