import { stat } from 'node:fs/promises';
import type { ComplexRows } from '../engine/sar/complex-rows';
import {
  describeWhitening,
  slcWhitening,
  whitenedIntensity,
  whiteningSpan,
  type SlcWhitening,
} from '../engine/sar/slc-whitening';
import { lineLength, SpectrumSums } from '../engine/sar/spectral-envelope';
import { COMPLEX_NOTE, readComplexRows, readIntensityRows, type ComplexLayout } from './complex-tiff';

/** The spectra are measured on at most this many complex samples (32 MB), in blocks spread over the image. */
const maxSampled = 1 << 22;
const maxBlocks = 8;
/** Rows whitened at a time when a whole image is read. */
const chunkRows = 512;

/** Central columns [left, left + count) of a block. */
function columns(z: ComplexRows, left: number, count: number): ComplexRows {
  const re = new Float32Array(z.rows * count);
  const im = new Float32Array(z.rows * count);
  for (let i = 0; i < z.rows; i++) {
    re.set(z.re.subarray(i * z.width + left, i * z.width + left + count), i * count);
    im.set(z.im.subarray(i * z.width + left, i * z.width + left + count), i * count);
  }
  return { re, im, rows: z.rows, width: count };
}

/**
 * The whitening filters of an SLC file, measured on blocks of `lineLength` rows spread evenly over its height
 * (central columns only on wide images), so memory stays bounded whatever the size. Undefined when the image is
 * too small (under 32 samples a side) for a spectrum.
 */
async function measureWhitening(file: string, layout: ComplexLayout): Promise<SlcWhitening | undefined> {
  const n = lineLength(layout.height, layout.width);
  if (n === 0) return undefined;
  const count = Math.min(maxBlocks, Math.floor(layout.height / n), Math.max(1, Math.floor(maxSampled / (n * n * 4))));
  const width = Math.max(n, Math.min(layout.width, Math.floor(maxSampled / (count * n) / n) * n));
  const left = (layout.width - width) >> 1;
  const sums = new SpectrumSums(n);
  const blocks: ComplexRows[] = [];
  for (let b = 0; b < count; b++) {
    const top = Math.floor(((layout.height - n) * (b + 0.5)) / count);
    const block = columns(await readComplexRows(file, layout, top, n), left, width);
    sums.add(block);
    blocks.push(block);
  }
  return slcWhitening(sums, blocks);
}

const cache = new Map<string, Promise<SlcWhitening | undefined>>();

/** The file's whitening, measured once per file version (path, size and time) in this process. */
export async function whiteningOf(file: string, layout: ComplexLayout): Promise<SlcWhitening | undefined> {
  const { size, mtimeMs } = await stat(file);
  const key = `${file}\0${size}\0${mtimeMs}`;
  let found = cache.get(key);
  if (!found) {
    found = measureWhitening(file, layout);
    cache.set(key, found);
    found.catch(() => cache.delete(key));
  }
  return found;
}

/**
 * Intensity of rows [top, top + rows) of an SLC file, spectrally whitened (engine/sar/slc-whitening.ts): the complex
 * rows plus the azimuth filter's margin are read, filtered in range then in azimuth, and squared. Same grid.
 */
export async function readSlcIntensityRows(
  file: string,
  layout: ComplexLayout,
  top: number,
  rows: number,
): Promise<Float32Array> {
  const whitening = await whiteningOf(file, layout);
  if (!whitening) return readIntensityRows(file, layout, top, rows);
  const out = new Float32Array(rows * layout.width);
  for (let at = top; at < top + rows; at += chunkRows) {
    const count = Math.min(chunkRows, top + rows - at);
    const span = whiteningSpan(whitening, at, count, layout.height);
    const block = await readComplexRows(file, layout, span.top, span.rows);
    out.set(whitenedIntensity(whitening, block, span.top, at, count, layout.height), (at - top) * layout.width);
  }
  return out;
}

/** What reading did to an SLC file, for the notes. */
export async function slcNote(file: string, layout: ComplexLayout): Promise<string> {
  const whitening = await whiteningOf(file, layout);
  return whitening
    ? `${describeWhitening(whitening)}; the output is that intensity (float32), on the same grid`
    : `${COMPLEX_NOTE} (too small, under 32 samples a side, to measure its spectrum: not whitened)`;
}
