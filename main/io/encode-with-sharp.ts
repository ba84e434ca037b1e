import sharp from 'sharp';

export type TiffCompression = 'deflate' | 'lzw' | 'zstd' | 'packbits' | 'none';

export interface SharpTarget {
  readonly format: 'png' | 'jpeg' | 'tiff';
  readonly bitDepth: 8 | 16;
  /** JPEG quality, 1-100. */
  readonly quality?: number;
  readonly chromaSubsampling?: string;
  /** Never JPEG: JPEG-in-TIFF would turn 16-bit data into 8-bit. */
  readonly tiffCompression?: TiffCompression;
}

export interface RawSamples {
  readonly samples: Uint8Array | Uint16Array;
  readonly width: number;
  readonly height: number;
  /** 1 gray, 2 gray + alpha, 3 RGB, 4 RGBA. */
  readonly bands: 1 | 2 | 3 | 4;
}

function space(bands: number, bitDepth: 8 | 16): 'b-w' | 'grey16' | 'srgb' | 'rgb16' {
  if (bands <= 2) return bitDepth === 16 ? 'grey16' : 'b-w';
  return bitDepth === 16 ? 'rgb16' : 'srgb';
}

/** Encodes 8 or 16-bit samples as PNG, JPEG or TIFF in memory. */
export async function encodeWithSharp(raw: RawSamples, target: SharpTarget): Promise<Buffer> {
  const pipeline = sharp(raw.samples, {
    raw: { width: raw.width, height: raw.height, channels: raw.bands },
  }).toColourspace(space(raw.bands, target.bitDepth));
  if (target.format === 'png') return pipeline.png({ compressionLevel: 6 }).toBuffer();
  if (target.format === 'jpeg') {
    const chroma = target.chromaSubsampling?.startsWith('4:4:4') ? '4:4:4' : '4:2:0';
    return pipeline.jpeg({ quality: target.quality ?? 95, chromaSubsampling: chroma }).toBuffer();
  }
  return pipeline.tiff({ compression: target.tiffCompression ?? 'deflate', predictor: 'horizontal' }).toBuffer();
}
