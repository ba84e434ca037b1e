import type { BackendName } from '../engine/backend';
import type { NetworkEngines } from '../shared/settings';
import { loadOrt } from './predictor-ort';

/**
 * What runs the network on this backend, as the jobs choose it: onnxruntime's kernels wherever onnxruntime loads
 * for denoising (choosePredictor), and for training on the CPU backends only (native TensorFlow uses every core or
 * the GPU already: chooseGradients); the TensorFlow.js backend otherwise. The status bar says it, not only the
 * backend that holds the models.
 */
export async function networkEngines(
  backend: BackendName,
  load: () => Promise<unknown> = loadOrt,
): Promise<NetworkEngines> {
  const ort = await load().then(
    () => true,
    () => false,
  );
  const cpu = backend === 'wasm' || backend === 'cpu';
  return { training: ort && cpu ? 'onnxruntime' : backend, inference: ort ? 'onnxruntime' : backend };
}
