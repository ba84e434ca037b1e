import sharp, { type OutputInfo } from 'sharp';
import { FileError } from './file-error';
import type { ImageProbe } from './probe-image';
import { splitAlpha, type Decoded } from './split-alpha';

export function targetSpace(probe: ImageProbe): 'b-w' | 'grey16' | 'srgb' | 'rgb16' {
  if (probe.channels === 1) return probe.bitDepth === 16 ? 'grey16' : 'b-w';
  return probe.bitDepth === 16 ? 'rgb16' : 'srgb';
}

export function readingNotes(probe: ImageProbe): string[] {
  const notes: string[] = [];
  if (probe.space === 'cmyk') notes.push('CMYK converted to RGB');
  if (probe.orientation && probe.orientation !== 1)
    notes.push(`EXIF orientation ${probe.orientation} applied: pixels turned upright`);
  if (probe.pages > 1) notes.push(`only the first of ${probe.pages} pages was read`);
  return notes;
}

function ushortView(data: Buffer): Uint16Array {
  const aligned = data.byteOffset % 2 === 0 ? data : Buffer.from(data);
  return new Uint16Array(aligned.buffer, aligned.byteOffset, aligned.length / 2);
}

/** Decodes an 8 or 16-bit PNG, JPEG or TIFF, upright, in sRGB or gray, alpha kept aside. */
export async function decodeWithSharp(probe: ImageProbe, maxPixels: number): Promise<Decoded> {
  const depth = probe.bitDepth === 16 ? 'ushort' : 'uchar';
  let raw: { data: Buffer; info: OutputInfo };
  try {
    const decoder = sharp(probe.file, { failOn: 'warning', limitInputPixels: maxPixels, autoOrient: true });
    // Values stay in the file's own colour space (no ICC conversion), except CMYK, which becomes RGB.
    raw = await (probe.space === 'cmyk' ? decoder : decoder.keepIccProfile())
      .toColourspace(targetSpace(probe))
      .raw({ depth })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    const why = (error as Error).message.trim().split('\n')[0];
    throw new FileError(probe.file, `cannot decode the image; it may be truncated or damaged (${why})`, {
      cause: error,
    });
  }
  const bands = probe.channels + (probe.hasAlpha ? 1 : 0);
  // libvips' 8-bit gray ('b-w') drops the alpha of a gray + alpha PNG: it is read on its own and put back.
  if (probe.hasAlpha && raw.info.channels === bands - 1) raw = await withAlpha(probe, raw, depth, maxPixels);
  const { data, info } = raw;
  if (info.channels !== bands || info.width !== probe.width || info.height !== probe.height) {
    throw new FileError(
      probe.file,
      `decoded ${info.width}x${info.height}x${info.channels}, ` +
        `but the header says ${probe.width}x${probe.height}x${bands}`,
    );
  }
  const samples = probe.bitDepth === 16 ? ushortView(data) : new Uint8Array(data.buffer, data.byteOffset, data.length);
  const split = splitAlpha(samples, info.height, info.width, bands, probe.hasAlpha, probe.bitDepth);
  return { ...split, notes: readingNotes(probe) };
}

/** `colour` (one band less than the file) with the file's alpha band appended to every pixel. */
async function withAlpha(
  probe: ImageProbe,
  colour: { data: Buffer; info: OutputInfo },
  depth: 'uchar' | 'ushort',
  maxPixels: number,
): Promise<{ data: Buffer; info: OutputInfo }> {
  const alpha = await sharp(probe.file, { failOn: 'warning', limitInputPixels: maxPixels, autoOrient: true })
    .extractChannel('alpha')
    .raw({ depth })
    .toBuffer({ resolveWithObject: true });
  const bytes = depth === 'ushort' ? 2 : 1;
  const c = colour.info.channels;
  const pixels = colour.info.width * colour.info.height;
  if (alpha.info.channels !== 1 || alpha.data.length !== pixels * bytes) return colour;
  const data = Buffer.alloc(pixels * (c + 1) * bytes);
  for (let p = 0; p < pixels; p++) {
    colour.data.copy(data, p * (c + 1) * bytes, p * c * bytes, (p + 1) * c * bytes);
    alpha.data.copy(data, (p * (c + 1) + c) * bytes, p * bytes, (p + 1) * bytes);
  }
  return { data, info: { ...colour.info, channels: (c + 1) as OutputInfo['channels'], size: data.length } };
}
