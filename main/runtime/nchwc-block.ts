import { encodeModel } from '../engine/onnx/encode';
import { GraphBuilder } from '../engine/onnx/graph';
import { reorderInput } from '../engine/onnx/train/nchwc';
import type { Ort } from './predictor-ort';
import { appVersion } from './version';

/**
 * onnxruntime's NCHWc block size on this CPU (16 with AVX-512, 8 with AVX2), or undefined where it has no
 * blocked convolutions: ReorderInput pads 4 channels up to one block, so its output's channel count is the block.
 */
export async function nchwcBlockSize(ort: Ort): Promise<number | undefined> {
  try {
    const graph = new GraphBuilder();
    reorderInput(graph, 'x', 'y');
    const bytes = encodeModel(
      graph.build('nchwc_block', [{ name: 'x', dims: [1, 4, 1, 1] }], [{ name: 'y', dims: [1, 'block', 1, 1] }]),
      { producerVersion: appVersion },
    );
    const session = await ort.InferenceSession.create(bytes, { executionProviders: ['cpu'] });
    try {
      const { y } = await session.run({ x: new ort.Tensor('float32', new Float32Array(4), [1, 4, 1, 1]) });
      const block = y?.dims[1];
      // MLAS's blocks are 8 or 16 floats; 4 (nothing padded) means it has no blocked kernels here.
      return block !== undefined && block >= 8 && block % 4 === 0 ? block : undefined;
    } finally {
      await session.release();
    }
  } catch {
    return undefined;
  }
}
