import type { Checkpoint } from '../engine/checkpoint';
import { exportOnnx } from '../engine/onnx';
import { writeOnnxFile } from '../io/onnx-file';
import { appVersion } from './version';

const doc =
  'GR2R Studio denoiser. Input and output NHWC float32; divide the image by the metadata "scale" before, multiply after.';

/**
 * Saves model.onnx beside a trained model. Denoising exports afresh from the tfjs weights, so this file is for
 * other tools; a network that does not export, or a failed write, is a note and never fails the training.
 */
export async function saveOnnxBeside(
  dir: string,
  { artifacts, meta }: Checkpoint,
  note: (message: string) => void,
): Promise<void> {
  try {
    const metadata = {
      scale: String(meta.scale),
      channels: String(meta.channels),
      noise: JSON.stringify(meta.noise),
      alpha: String(meta.alpha),
    };
    await writeOnnxFile(dir, exportOnnx(artifacts, { producerVersion: appVersion, docString: doc, metadata }));
  } catch (error) {
    note(`model.onnx not written: ${error instanceof Error ? error.message : String(error)}`);
  }
}
