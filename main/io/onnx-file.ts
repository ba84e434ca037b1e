import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file';

/** The ONNX export kept beside a model's tfjs files, for onnxruntime and other ONNX tools. */
export const ONNX_FILE = 'model.onnx';

/** Writes (or replaces) model.onnx in a model folder, atomically. */
export async function writeOnnxFile(dir: string, bytes: Uint8Array): Promise<string> {
  return writeFileAtomic(join(dir, ONNX_FILE), [bytes], { overwrite: true });
}
