/** One horizontal band of an image: the rows it delivers, and the window read around them for context. */
export interface Band {
  readonly index: number;
  /** Rows [top, top + rows) of the output. */
  readonly top: number;
  readonly rows: number;
  /** Rows [windowTop, windowTop + windowRows) read and denoised: the band and its margins, clipped to the image. */
  readonly windowTop: number;
  readonly windowRows: number;
}

export interface BandGeometry {
  /** Output rows per band. */
  readonly rows: number;
  /** Rows of context above and below each band, dropped after denoising: more than the network's reach. */
  readonly margin: number;
}

export const DEFAULT_MARGIN = 48;

function roundDown(value: number, multiple: number): number {
  return Math.floor(value / multiple) * multiple;
}

/** Output pixels per band at most: up to 16384 columns a band keeps its full height, wider images get shorter bands. */
export const BAND_PIXELS = 608 * 16384;

/**
 * Band rows so that a band's window (rows + 2 margins) is three tiles tall with the usual overlap, which tiles
 * with no flush-end tile; kept a multiple of what the network needs, so that every window starts on the same
 * pooling grid as the whole image. Very wide images get fewer rows, so that memory stays bounded (BAND_PIXELS).
 */
export function defaultGeometry(tile: number, overlap: number, multiple: number, width = 0): BandGeometry {
  const margin = Math.ceil(DEFAULT_MARGIN / multiple) * multiple;
  const tall = roundDown(tile + 2 * (tile - overlap) - 2 * margin, multiple);
  const rows = width > 0 ? Math.min(tall, roundDown(BAND_PIXELS / width, multiple)) : tall;
  return { rows: Math.max(rows, Math.ceil(32 / multiple) * multiple), margin };
}

/** The bands covering `height` rows, in order. */
export function planBands(height: number, geometry: BandGeometry): Band[] {
  const { rows, margin } = geometry;
  if (!(rows > 0 && margin >= 0)) throw new Error(`bands need rows > 0 and margin >= 0 (got ${rows} and ${margin})`);
  const bands: Band[] = [];
  for (let top = 0, index = 0; top < height; top += rows, index++) {
    const bottom = Math.min(height, top + rows);
    const windowTop = Math.max(0, top - margin);
    const windowBottom = Math.min(height, bottom + margin);
    bands.push({ index, top, rows: bottom - top, windowTop, windowRows: windowBottom - windowTop });
  }
  return bands;
}
