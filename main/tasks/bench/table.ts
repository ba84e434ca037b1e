import type { BenchRow, Score } from './types';

const columns = [
  ['noise', 24],
  ['method', 9],
  ['noisy', 13],
  ['J=1', 13],
  ['J=J', 13],
  ['supervised', 13],
  ['gap', 6],
  ['est.', 6],
  ['true', 6],
  ['est.', 6],
  ['true', 6],
] as const;

const score = (s: Score) => `${s.psnr.toFixed(2)} ${s.ssim.toFixed(3)}`;
const db = (v: number | null) => (v === null ? 'n/a' : v.toFixed(2));

function line(cells: readonly string[]): string {
  return cells.map((cell, i) => (i < 2 ? cell.padEnd(columns[i]![1]) : cell.padStart(columns[i]![1]))).join('  ');
}

/** Two header lines: the column names, and their units. */
export function formatHeader(mc: number): string {
  const names = line(columns.map(([name]) => (name === 'J=J' ? `J=${mc}` : name)));
  return `${names}\n${line(['', '', 'PSNR SSIM', 'PSNR SSIM', 'PSNR SSIM', 'PSNR SSIM', 'dB', 'y1 dB', 'y1 dB', `J=${mc}`, `J=${mc}`])}`;
}

/**
 * One row of the quality table: PSNR (dB) and SSIM of the noisy input, of GR2R with J = 1 and J = mc
 * recorruptions, of the supervised reference; the gap GR2R (J = mc) - supervised; the estimated PSNR (from
 * noisy data alone) and the true PSNR, of one pass f(y1) and of the J-average.
 */
export function formatRow(r: BenchRow): string {
  return line([
    r.condition,
    r.method,
    score(r.noisy),
    score(r.single),
    score(r.averaged),
    score(r.supervised),
    (r.gap >= 0 ? '+' : '') + r.gap.toFixed(2),
    db(r.estimatedPsnr),
    db(r.truePsnr),
    db(r.estimatedOutputPsnr),
    db(r.trueOutputPsnr),
  ]);
}
