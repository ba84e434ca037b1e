import { encodeIfd, ifdByteLength, type IfdEntry } from '../../main/io/tiff-ifd';

export interface StripTiffSpec {
  readonly width: number;
  readonly height: number;
  readonly bands?: number;
  /** TIFF SampleFormat: 1 unsigned, 2 signed, 3 float, 5 complex integer, 6 complex float. */
  readonly sampleFormat: number;
  /** Bits of one sample (both parts for complex). */
  readonly bitsPerSample: number;
  readonly rowsPerStrip?: number;
  readonly compression?: number;
  readonly tags?: readonly IfdEntry[];
}

/** A little-endian stripped TIFF of the given samples, written by hand for sample types encoders do not write. */
export function stripTiff(spec: StripTiffSpec, samples: ArrayBufferView): Buffer {
  const { width, height, bands = 1, rowsPerStrip = height } = spec;
  const bytes = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  const rowBytes = bytes.length / height;
  const strips = Math.ceil(height / rowsPerStrip);
  const tags = (at: number): IfdEntry[] => [
    { tag: 256, type: 'long', values: [width] },
    { tag: 257, type: 'long', values: [height] },
    { tag: 258, type: 'short', values: new Array<number>(bands).fill(spec.bitsPerSample) },
    { tag: 259, type: 'short', values: [spec.compression ?? 1] },
    { tag: 262, type: 'short', values: [1] },
    { tag: 273, type: 'long', values: Array.from({ length: strips }, (_, s) => at + s * rowsPerStrip * rowBytes) },
    { tag: 277, type: 'short', values: [bands] },
    { tag: 278, type: 'long', values: [rowsPerStrip] },
    {
      tag: 279,
      type: 'long',
      values: Array.from({ length: strips }, (_, s) => Math.min(rowsPerStrip, height - s * rowsPerStrip) * rowBytes),
    },
    { tag: 284, type: 'short', values: [1] },
    { tag: 339, type: 'short', values: new Array<number>(bands).fill(spec.sampleFormat) },
    ...(spec.tags ?? []),
  ];
  const at = 8 + ifdByteLength(tags(0));
  return Buffer.concat([Buffer.from([0x49, 0x49, 42, 0, 8, 0, 0, 0]), encodeIfd(tags(at), 8), bytes]);
}
