import type { ImageF32 } from '../image';

/** One channel of an image, row-major, in float64 for accurate sums. */
export interface Plane {
  readonly data: Float64Array;
  readonly height: number;
  readonly width: number;
}

export function channelPlane(image: ImageF32, channel: number): Plane {
  const { height, width, channels } = image;
  const data = new Float64Array(height * width);
  for (let i = 0; i < data.length; i++) data[i] = image.data[i * channels + channel];
  return { data, height, width };
}

/** One plane per channel; one only when every channel is the same (grey stored as RGB). */
export function channelPlanes(image: ImageF32): Plane[] {
  const count = sameChannels(image) ? 1 : image.channels;
  return Array.from({ length: count }, (_, c) => channelPlane(image, c));
}

function sameChannels(image: ImageF32): boolean {
  const { data, channels } = image;
  for (let p = 0; p < data.length; p += channels) {
    for (let c = 1; c < channels; c++)
      if (data[p + c] !== data[p] && !(Number.isNaN(data[p + c]) && Number.isNaN(data[p]))) return false;
  }
  return true;
}

/** The plane with f applied to every value (for example a log or a square). */
export function mapPlane(plane: Plane, f: (v: number) => number): Plane {
  const data = new Float64Array(plane.data.length);
  for (let i = 0; i < data.length; i++) data[i] = f(plane.data[i]);
  return { data, height: plane.height, width: plane.width };
}
