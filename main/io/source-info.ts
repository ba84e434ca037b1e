import type { RawColour } from '../engine/raw-colour';

/** What a file was, so that its result can be written back the same way. */

/** dng: a camera raw image, read as linear data and written back as DNG. */
export type ImageFormat = 'png' | 'jpeg' | 'tiff' | 'dng';
export type BitDepth = 8 | 16 | 32;
export type EmbeddedMetadata = 'exif' | 'icc' | 'xmp' | 'iptc';

/** The alpha channel, kept aside from the engine and written back unchanged. */
export interface AlphaPlane {
  /** One value per pixel, in the source's integer range (or float for 32-bit). */
  readonly data: Uint8Array | Uint16Array | Float32Array;
  readonly bitDepth: BitDepth;
}

/** A TIFF tag copied verbatim from a GeoTIFF (geo keys, tie points, pixel scale, no-data...). */
export interface GeoTag {
  readonly tag: number;
  readonly type: 'short' | 'double' | 'ascii';
  readonly values: readonly number[] | string;
}

export interface SourceInfo {
  readonly file: string;
  readonly format: ImageFormat;
  readonly bitDepth: BitDepth;
  readonly width: number;
  readonly height: number;
  /** Channels handed to the engine (alpha excluded): 1 gray, 3 RGB, or any band count for float TIFF. */
  readonly channels: number;
  readonly alpha?: AlphaPlane;
  /** The EXIF orientation found in the file (1-8); the pixels were turned upright on reading. */
  readonly orientation?: number;
  /** Metadata blocks found in the file, copied into outputs unless stripped. */
  readonly embedded?: readonly EmbeddedMetadata[];
  /** JPEG chroma subsampling of the source, kept on output. */
  readonly chromaSubsampling?: string;
  /** GeoTIFF tags, written back unchanged on TIFF output. */
  readonly geoTags?: readonly GeoTag[];
  /** The GDAL no-data value, if the file declares one, in the engine's units (as the pixels). */
  readonly noData?: number;
  /** What was done on reading that a user should know (CMYK converted, orientation applied, ...). */
  readonly notes: readonly string[];
  /** Camera raw: each plane's filter colour, white balance as shot and colour matrix, for a quick look. */
  readonly rawColour?: RawColour;
}
