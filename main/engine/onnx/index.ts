// Export of our tf.layers networks to ONNX, for fast inference in onnxruntime; pure: bytes in, bytes out.
export { exportOnnx, onnxGraph } from './export';
export { IR_VERSION, OPSET, type ModelInfo } from './encode';
export type { OnnxGraph, OnnxNode, OnnxTensor, OnnxValue } from './graph';
