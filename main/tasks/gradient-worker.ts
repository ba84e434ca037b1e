// A data-parallel gradient worker: a worker thread with its own TensorFlow.js and wasm instance (see parallel-workers.ts).
import { parentPort } from 'node:worker_threads';
import { initBackend } from '../engine/backend';
import { ShardModel } from '../engine/parallel/shard-model';
import type { FromGradientWorker, ToGradientWorker } from './gradient-messages';

if (!parentPort) throw new Error('gradient-worker.ts runs as a worker thread');
const port = parentPort;
let model: ShardModel | undefined;

async function answer(message: ToGradientWorker): Promise<void> {
  if (message.kind === 'setup') {
    await initBackend(message.backend);
    model?.dispose();
    model = await ShardModel.create(message.setup);
    port.postMessage({ kind: 'ready' } satisfies FromGradientWorker);
    return;
  }
  if (!model) throw new Error('a step came before the setup');
  const { loss, gradients } = model.compute(message.weights, message.input, message.target, message.shape);
  port.postMessage({ kind: 'gradients', loss, gradients } satisfies FromGradientWorker, [gradients.buffer as ArrayBuffer]);
}

port.on('message', (message: ToGradientWorker) => {
  answer(message).catch((error: unknown) => {
    const text = error instanceof Error ? error.message : String(error);
    port.postMessage({ kind: 'error', message: text } satisfies FromGradientWorker);
  });
});
