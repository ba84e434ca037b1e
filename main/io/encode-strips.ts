import { open } from 'node:fs/promises';
import sharp from 'sharp';
import type { SharpTarget } from './encode-with-sharp';

function space(bands: number, bitDepth: 8 | 16): 'b-w' | 'grey16' | 'srgb' | 'rgb16' {
  if (bands <= 2) return bitDepth === 16 ? 'grey16' : 'b-w';
  return bitDepth === 16 ? 'rgb16' : 'srgb';
}

/**
 * Re-encodes an uncompressed strip TIFF of 8 or 16-bit samples as PNG, JPEG or TIFF in one sequential libvips
 * pass, file to file, then flushes the result to the disk. Options as encodeWithSharp, except JPEG's Huffman
 * optimisation, which is off: it makes libjpeg hold every coefficient of the image for files a few percent
 * smaller (docs/files.md, "Writing").
 */
export async function encodeStrips(strips: string, into: string, bands: number, target: SharpTarget): Promise<void> {
  const pipeline = sharp(strips, { sequentialRead: true, limitInputPixels: false }).toColourspace(
    space(bands, target.bitDepth),
  );
  if (target.format === 'png') {
    await pipeline.png({ compressionLevel: 6 }).toFile(into);
  } else if (target.format === 'jpeg') {
    const chroma = target.chromaSubsampling?.startsWith('4:4:4') ? '4:4:4' : '4:2:0';
    await pipeline
      .jpeg({ quality: target.quality ?? 95, chromaSubsampling: chroma, optimiseCoding: false })
      .toFile(into);
  } else {
    await pipeline.tiff({ compression: target.tiffCompression ?? 'deflate', predictor: 'horizontal' }).toFile(into);
  }
  const handle = await open(into, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
