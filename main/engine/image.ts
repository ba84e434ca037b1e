/** An image as the engine sees it: float32, height x width x channels, in the units of the noise model. */
export interface ImageF32 {
  readonly data: Float32Array;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

export function makeImage(height: number, width: number, channels: number, data?: Float32Array): ImageF32 {
  const size = height * width * channels;
  if (data && data.length !== size) {
    throw new Error(`image data has ${data.length} values, expected ${height}x${width}x${channels} = ${size}`);
  }
  return { data: data ?? new Float32Array(size), height, width, channels };
}
