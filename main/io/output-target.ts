import { extname } from 'node:path';
import { isRawName } from './sniff-format';
import type { BitDepth, ImageFormat, SourceInfo } from './source-info';

export interface OutputChoice {
  /** Defaults to the input's format. */
  readonly format?: ImageFormat;
  /** Defaults to the input's depth, or the deepest the chosen format holds. */
  readonly bitDepth?: BitDepth;
}

const DEPTHS: Readonly<Record<ImageFormat, readonly BitDepth[]>> = {
  jpeg: [8],
  png: [8, 16],
  tiff: [8, 16, 32],
  dng: [16],
};
const EXTENSIONS: Readonly<Record<ImageFormat, readonly string[]>> = {
  jpeg: ['.jpg', '.jpeg'],
  png: ['.png'],
  tiff: ['.tif', '.tiff'],
  dng: ['.dng'],
};

/** The format and depth to write, with a note when the input's depth cannot be kept. */
export function outputTarget(
  source: SourceInfo,
  choice: OutputChoice,
): { format: ImageFormat; bitDepth: BitDepth; notes: string[] } {
  const format = choice.format ?? source.format;
  if ((source.format === 'dng') !== (format === 'dng')) {
    throw new Error(
      source.format === 'dng'
        ? `camera raw data is written as DNG, not ${format.toUpperCase()}: its planes are not a picture until a raw developer demosaics them`
        : 'only a DNG input can be written as DNG',
    );
  }
  const allowed = DEPTHS[format];
  if (choice.bitDepth !== undefined) {
    if (!allowed.includes(choice.bitDepth)) {
      throw new Error(
        `${format.toUpperCase()} cannot hold ${choice.bitDepth}-bit data (it holds ${allowed.join(' or ')}-bit)`,
      );
    }
    return { format, bitDepth: choice.bitDepth, notes: [] };
  }
  if (allowed.includes(source.bitDepth)) return { format, bitDepth: source.bitDepth, notes: [] };
  const bitDepth = allowed[allowed.length - 1];
  return {
    format,
    bitDepth,
    notes: [`${source.bitDepth}-bit input written as ${bitDepth}-bit ${format.toUpperCase()}`],
  };
}

/** `path` with an extension that says `format` (photo.png written as TIFF becomes photo.tif). */
export function pathForFormat(path: string, format: ImageFormat): string {
  const ext = extname(path);
  if (EXTENSIONS[format].includes(ext.toLowerCase())) return path;
  // A proprietary raw file's output is a DNG of the same name (shot.NEF gives shot.dng).
  const known = Object.values(EXTENSIONS).some((list) => list.includes(ext.toLowerCase())) || isRawName(path);
  return `${known ? path.slice(0, -ext.length) : path}${EXTENSIONS[format][0]}`;
}
