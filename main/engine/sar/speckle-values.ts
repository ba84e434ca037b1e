/**
 * Why these values cannot be speckle intensities, or null. Speckle is a positive intensity (or amplitude) and its
 * model multiplies it; mostly negative values are almost always decibels (10 log10 of intensity, commonly -40 to
 * +10 dB for backscatter), which read as "no data" to the positive-only estimators and pass through denoising
 * unchanged. Values that are not finite, or equal to the file's no-data value, are left out; zeros count as no data.
 */
export function speckleValuesProblem(data: ArrayLike<number>, noData?: number): string | null {
  let negative = 0;
  let held = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!Number.isFinite(v) || v === noData || v === 0) continue;
    held++;
    if (v < 0) negative++;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  if (held === 0 || negative <= 0.5 * held) return null;
  const range = `${+min.toPrecision(3)} to ${+max.toPrecision(3)}`;
  const decibels = min >= -100 && max <= 60;
  return (
    `${((100 * negative) / held).toFixed(0)}% of the values are negative (${range}): speckle data are linear ` +
    `intensities (or amplitudes, with --amplitude)` +
    (decibels ? '; these look like decibels: convert them to intensity, 10^(dB / 10), first' : '')
  );
}
