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

/** Every pixel has the same value in all its channels: a gray image stored as colour (false for one channel). */
export function isGrayAsColour(image: ImageF32): boolean {
  const c = image.channels;
  if (c < 2) return false;
  for (let p = 0; p < image.data.length; p += c) {
    for (let k = 1; k < c; k++) if (image.data[p + k] !== image.data[p]) return false;
  }
  return true;
}

/** Channel k of an image, as a one-channel image. */
export function channelOf(image: ImageF32, k: number): ImageF32 {
  const out = new Float32Array(image.height * image.width);
  for (let p = 0; p < out.length; p++) out[p] = image.data[p * image.channels + k]!;
  return makeImage(image.height, image.width, 1, out);
}
