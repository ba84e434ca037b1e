import type { GeoTIFFImage } from 'geotiff';
import { FileError } from './file-error';

/** libvips depths of TIFF samples that are read as float32 values (not rescaled), and their usual names. */
export const CONVERTED_TYPES: Readonly<Record<string, string>> = {
  char: 'int8',
  short: 'int16',
  uint: 'uint32',
  int: 'int32',
  double: 'float64',
};

export function convertedNote(type: string): string {
  const precision = type === 'float64' ? ' (about 7 significant digits kept)' : '';
  return `${type} samples read as float32 values, not rescaled${precision}; the output is float32 TIFF`;
}

/** Every band of the same sample type, and that type float32 unless the file was probed as converted. */
export function checkBands(image: GeoTIFFImage, file: string, converted: boolean): void {
  const kind = (b: number): string => `${image.getSampleFormat(b)}:${image.getBitsPerSample(b)}`;
  for (let b = 0; b < image.getSamplesPerPixel(); b++) {
    if (kind(b) !== kind(0))
      throw new FileError(
        file,
        `band ${b + 1} has another sample type than band 1; mixed sample types are not supported`,
      );
  }
  if (!converted && kind(0) !== '3:32') throw new FileError(file, 'the samples are not 32-bit float');
}

/** Samples as float32 (a float32 array is returned as it is, without a copy). */
export function asFloat32(samples: ArrayLike<number>): Float32Array {
  return samples instanceof Float32Array ? samples : Float32Array.from(samples);
}
