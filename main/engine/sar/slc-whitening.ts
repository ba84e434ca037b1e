import type { ComplexRows } from './complex-rows';
import { intensityOf } from './complex-rows';
import type { SpectrumSums } from './spectral-envelope';
import type { WhiteningFilter } from './whitening-filter';
import { filterColumns, filterRows, whiteningFilter } from './whitening-filter';

/** The separable whitening of an SLC image: one filter along rows (range), one along columns (azimuth). */
export interface SlcWhitening {
  readonly range: WhiteningFilter;
  readonly azimuth: WhiteningFilter;
}

/**
 * The two filters from the measured spectra, calibrated on the sample blocks the spectra came from: the filters are
 * linear, so scaling the range taps by sqrt(mean |z|^2 / mean |whitened z|^2) makes the whitened intensity keep the
 * data's mean exactly there (the spectral normalisation alone leaves a few percent, from leakage at the band edges).
 */
export function slcWhitening(sums: SpectrumSums, blocks: readonly ComplexRows[]): SlcWhitening {
  if (sums.rangeLines === 0 || sums.azimuthLines === 0) throw new Error('no complete line to measure the spectrum on');
  const raw = { range: whiteningFilter(sums.range), azimuth: whiteningFilter(sums.azimuth) };
  let before = 0,
    after = 0;
  for (const block of blocks) {
    before += sum(intensityOf(block));
    after += sum(whitenedIntensity(raw, block, 0, 0, block.rows, block.rows));
  }
  if (!(before > 0 && after > 0)) return raw;
  const scale = Math.sqrt(before / after);
  const range = { ...raw.range, re: raw.range.re.map((v) => v * scale), im: raw.range.im.map((v) => v * scale) };
  return { range, azimuth: raw.azimuth };
}

function sum(values: Float32Array): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** Rows of complex data a band [top, top + rows) needs: the azimuth filter's margin either side, inside the image. */
export function whiteningSpan(
  whitening: SlcWhitening,
  top: number,
  rows: number,
  height: number,
): { top: number; rows: number } {
  const from = Math.max(0, top - whitening.azimuth.radius);
  return { top: from, rows: Math.min(height, top + rows + whitening.azimuth.radius) - from };
}

/**
 * Whitened intensity of rows [top, top + rows) of an image `height` rows high, from the complex rows `block` starting
 * at image row `blockTop` (whiteningSpan's rows): range filter, azimuth filter (phase kept), then |z|^2.
 */
export function whitenedIntensity(
  whitening: SlcWhitening,
  block: ComplexRows,
  blockTop: number,
  top: number,
  rows: number,
  height: number,
): Float32Array {
  const ranged = filterRows(block, whitening.range);
  return intensityOf(filterColumns(ranged, whitening.azimuth, blockTop, top, rows, height));
}

export function describeWhitening(w: SlcWhitening): string {
  const pct = (f: WhiteningFilter) => `${Math.round(100 * f.band)}%`;
  return `complex samples spectrally whitened (range and azimuth envelopes divided out) before intensity; band ${pct(w.range)} of range, ${pct(w.azimuth)} of azimuth frequencies`;
}
