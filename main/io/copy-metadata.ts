import { ExifTool } from 'exiftool-vendored';
import { noDataText } from './geo-tags';
import type { BitDepth, SourceInfo } from './source-info';

let tool: ExifTool | undefined;

function exiftool(): ExifTool {
  tool ??= new ExifTool({ maxProcs: 1, taskTimeoutMillis: 30_000 });
  return tool;
}

/** Stops the exiftool process, if one was started (call once at shutdown, and after tests). */
export async function closeMetadataTool(): Promise<void> {
  const running = tool;
  tool = undefined;
  await running?.end();
}

function copyArgs(source: SourceInfo, bitDepth: BitDepth): string[] {
  const args = ['-tagsFromFile', source.file, '-all:all', '-icc_profile'];
  if (source.noData !== undefined) args.push(`-GDALNoData=${noDataText(source.noData, bitDepth)}`);
  // The pixels were converted to RGB: a CMYK profile would describe them wrongly.
  if (source.notes.some((n) => n.startsWith('CMYK'))) args.push('--icc_profile');
  // The pixels were turned upright on reading.
  if (source.orientation !== undefined && source.orientation !== 1) args.push('-Orientation#=1');
  return [...args, '-overwrite_original'];
}

/**
 * Copies EXIF, XMP, IPTC and the ICC profile from the source file into a freshly written file,
 * the tags the encoders drop included. Returns notes: what was copied, or why it was not.
 */
export async function copyMetadata(source: SourceInfo, into: string, bitDepth: BitDepth): Promise<string[]> {
  const kinds = source.embedded ?? [];
  const floatOutput = bitDepth === 32;
  // libvips does not report EXIF held as TIFF tags, so an integer TIFF is always worth a try;
  // a float raster (SAR, science) carries its geo tags already and may be large to rewrite.
  const mayHoldExif = source.format === 'tiff' && !floatOutput;
  if (kinds.length === 0 && !mayHoldExif) return [];
  try {
    await exiftool().write(into, {}, { writeArgs: copyArgs(source, bitDepth) });
    return [`metadata copied (${kinds.length > 0 ? kinds.join(', ') : 'TIFF tags'})`];
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return [`metadata not copied: ${why}`];
  }
}
