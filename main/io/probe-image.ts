import { open } from 'node:fs/promises';
import { fromFile } from 'geotiff';
import sharp, { type Metadata } from 'sharp';
import { asFileError, FileError } from './file-error';
import { complexLayout, type ComplexLayout } from './complex-tiff';
import { openDng } from './dng/read-dng';
import { CONVERTED_TYPES } from './float-samples';
import { SNIFF_BYTES, sniffFormat } from './sniff-format';
import type { BitDepth, EmbeddedMetadata, ImageFormat } from './source-info';

/** sharp's own default: 0x3fff x 0x3fff, about 268 megapixels. */
export const DEFAULT_MAX_PIXELS = 0x3fff * 0x3fff;

export interface ReadOptions {
  /** Refuse images with more pixels than this before decoding them (decompression bombs). */
  readonly maxPixels?: number;
}

/** What a file holds, from its header only. */
export interface ImageProbe {
  readonly file: string;
  readonly format: ImageFormat;
  /** Upright size, after the EXIF orientation is applied. */
  readonly width: number;
  readonly height: number;
  /** Channels the engine will see: alpha excluded, CMYK counted as RGB. */
  readonly channels: number;
  readonly hasAlpha: boolean;
  readonly bitDepth: BitDepth;
  /** libvips colour space name: b-w, grey16, srgb, rgb16, cmyk, ... */
  readonly space: string;
  readonly orientation?: number;
  readonly pages: number;
  readonly chromaSubsampling?: string;
  readonly embedded: readonly EmbeddedMetadata[];
  /** A TIFF of another sample type (int16, float64...), read as float32 values. */
  readonly converted?: string;
  /** A complex (SAR SLC) TIFF, read as intensity. */
  readonly complex?: ComplexLayout;
}

const DEPTHS: Readonly<Record<string, BitDepth>> = { uchar: 8, ushort: 16, float: 32 };

async function readHead(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) throw new FileError(file, 'the file is empty (0 bytes)');
    const head = new Uint8Array(SNIFF_BYTES);
    await handle.read(head, 0, SNIFF_BYTES, 0);
    return head;
  } finally {
    await handle.close();
  }
}

async function readHeader(file: string): Promise<Metadata> {
  try {
    return await sharp(file, { limitInputPixels: false, limitInputChannels: false }).metadata();
  } catch (error) {
    throw new FileError(
      file,
      `cannot read the image header; it may be truncated or damaged (${(error as Error).message.trim()})`,
      { cause: error },
    );
  }
}

function checkPixels(file: string, width: number, height: number, maxPixels: number): void {
  if (width * height <= maxPixels) return;
  const mp = (n: number): string => `${(n / 1e6).toFixed(1)} megapixels`;
  throw new FileError(
    file,
    `the image is ${width}x${height} (${mp(width * height)}), over the limit of ${mp(maxPixels)}; ` +
      'raise maxPixels to read it',
  );
}

async function probeDng(file: string, maxPixels: number): Promise<ImageProbe> {
  const { raw, size } = await openDng(file);
  checkPixels(file, raw.width, raw.height, maxPixels);
  return { file, format: 'dng', bitDepth: 16, space: 'raw', hasAlpha: false, ...size, pages: 1, embedded: ['exif'] };
}

/** A complex TIFF (libvips cannot read those as such): one band of float32 intensity. */
async function complexProbe(file: string, maxPixels: number): Promise<ImageProbe | undefined> {
  let layout: ComplexLayout | null;
  try {
    layout = await complexLayout(file);
  } catch (error) {
    // Complex but unreadable: say why. Anything geotiff cannot parse at all is left to libvips to describe.
    if (error instanceof Error && error.message.includes('complex'))
      throw new FileError(file, error.message, { cause: error });
    return undefined;
  }
  if (!layout) return undefined;
  checkPixels(file, layout.width, layout.height, maxPixels);
  return {
    file,
    format: 'tiff',
    bitDepth: 32,
    space: 'complex',
    hasAlpha: false,
    width: layout.width,
    height: layout.height,
    channels: 1,
    pages: 1,
    embedded: [],
    complex: layout,
  };
}

/** A float64 TIFF, which libvips refuses (it reads samples of at most 32 bits): read through geotiff as float32. */
async function float64Probe(file: string, maxPixels: number): Promise<ImageProbe | undefined> {
  const tiff = await fromFile(file).catch(() => undefined);
  try {
    const image = await tiff?.getImage(0);
    if (!image || image.getSampleFormat(0) !== 3 || image.getBitsPerSample(0) !== 64) return undefined;
    checkPixels(file, image.getWidth(), image.getHeight(), maxPixels);
    return {
      file,
      format: 'tiff',
      bitDepth: 32,
      space: 'float64',
      hasAlpha: false,
      width: image.getWidth(),
      height: image.getHeight(),
      channels: image.getSamplesPerPixel(),
      pages: 1,
      embedded: [],
      converted: 'float64',
    };
  } finally {
    await tiff?.close();
  }
}

/** Format, size, channels and depth of an image file, reading only its header (all of a DNG's directories). */
export async function probeImage(file: string, options: ReadOptions = {}): Promise<ImageProbe> {
  try {
    const sniffed = sniffFormat(await readHead(file), file);
    if (sniffed.kind === 'unknown') throw new FileError(file, 'not an image (the content is not PNG, JPEG or TIFF)');
    if (sniffed.kind === 'unsupported') {
      throw new FileError(
        file,
        `${sniffed.name} is not supported (PNG, JPEG, TIFF and DNG are)${sniffed.hint ? `: ${sniffed.hint}` : ''}`,
      );
    }
    if (sniffed.format === 'dng') return await probeDng(file, options.maxPixels ?? DEFAULT_MAX_PIXELS);
    const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
    const header = await readHeader(file).then(
      (meta) => ({ meta }),
      (error: unknown) => ({ error }),
    );
    // geotiff only where libvips cannot say what the samples are (complex, float64), not on every TIFF.
    if (
      sniffed.format === 'tiff' &&
      ('error' in header || header.meta.depth === 'complex' || header.meta.depth === 'dpcomplex')
    ) {
      const wide = (await complexProbe(file, maxPixels)) ?? (await float64Probe(file, maxPixels));
      if (wide) return wide;
    }
    if ('error' in header) throw header.error;
    const { meta } = header;
    checkPixels(file, meta.width, meta.height, maxPixels);
    const converted = sniffed.format === 'tiff' ? CONVERTED_TYPES[meta.depth] : undefined;
    const bitDepth = converted ? 32 : DEPTHS[meta.depth];
    if (!bitDepth || (bitDepth === 32 && sniffed.format !== 'tiff')) {
      throw new FileError(file, `${meta.depth} samples are not supported (8 or 16-bit integer, or 32-bit float TIFF)`);
    }
    const colour = meta.channels - (meta.hasAlpha ? 1 : 0);
    return {
      file,
      format: sniffed.format,
      bitDepth,
      space: meta.space,
      hasAlpha: meta.hasAlpha,
      width: meta.autoOrient.width,
      height: meta.autoOrient.height,
      channels: meta.space === 'cmyk' ? 3 : colour,
      orientation: meta.orientation,
      pages: meta.pages ?? 1,
      chromaSubsampling: meta.chromaSubsampling,
      embedded: (['exif', 'icc', 'xmp', 'iptc'] as const).filter((kind) => meta[kind] !== undefined),
      ...(converted && { converted }),
    };
  } catch (error) {
    throw asFileError(file, error);
  }
}
