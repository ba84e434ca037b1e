import sharp from 'sharp';
import { FileError } from './file-error';
import { targetSpace } from './decode-with-sharp';
import type { ImageProbe } from './probe-image';

/**
 * Decodes an 8 or 16-bit PNG, JPEG or TIFF into an uncompressed strip TIFF at `temp`, in one sequential
 * libvips pass: the same pixels decodeWithSharp gives (upright, gray or sRGB, no ICC conversion, CMYK to RGB),
 * which can then be read a band at a time. libvips cannot seek inside PNG or JPEG: asked for a window with
 * `extract`, it decodes the whole image into memory each time (docs/files.md, "Reading").
 * Only an EXIF rotation by 90 degrees makes libvips hold the whole image, as it must.
 */
export async function decodeToStrips(probe: ImageProbe, temp: string, maxPixels: number): Promise<void> {
  try {
    const decoder = sharp(probe.file, {
      failOn: 'warning',
      limitInputPixels: maxPixels,
      autoOrient: true,
      sequentialRead: true,
    });
    await (probe.space === 'cmyk' ? decoder : decoder.keepIccProfile())
      .toColourspace(targetSpace(probe))
      .tiff({ compression: 'none' })
      .toFile(temp);
  } catch (error) {
    const why = (error as Error).message.trim().split('\n')[0];
    throw new FileError(probe.file, `cannot decode the image; it may be truncated or damaged (${why})`, {
      cause: error,
    });
  }
}
