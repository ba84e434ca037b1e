import { basename } from 'node:path';
import { centralCrop, maxEstimatePixels } from '../../engine/estimate/central-crop';
import { imageNoiseSpec } from '../../engine/image-noise';
import { ownScale } from '../../engine/image-scale';
import { openBandReader } from '../../io';
import type { NoiseSpec } from '../../shared/noise';
import { speckleValuesProblem } from '../../engine/sar/speckle-values';
import { squareValues } from '../sar-units';
import { validityMask } from '../valid-pixels';

/**
 * A speckle file whose values are not intensities (decibels) fails here, named, before anything is denoised.
 * A file's own noise spec for speckle estimated per image, and its own scale where the model scales by image
 * (image-scale.ts), measured on a central crop of at most 4 megapixels read as a band of rows (so a big file is never
 * read whole): amplitudes squared, pixels without data zeroed (the looks estimator and the scale skip values that are
 * not positive). Any other spec is returned as it is.
 */
export async function fileNoiseSpec(
  file: string,
  spec: NoiseSpec,
  amplitude: boolean,
  scaleByImage = false,
): Promise<{ spec: NoiseSpec; scale?: number; note?: string }> {
  if (spec.family !== 'gamma') return { spec };
  const reader = await openBandReader(file);
  try {
    const { height, width, noData } = reader.source;
    const rows = Math.min(
      height,
      Math.max(1, Math.floor(maxEstimatePixels / width)),
      Math.ceil(Math.sqrt(maxEstimatePixels)),
    );
    const { image } = await reader.readRows((height - rows) >> 1, rows);
    const problem = speckleValuesProblem(image.data, noData);
    if (problem) throw new Error(problem);
    if (!(spec.perImage || scaleByImage)) return { spec };
    const valid = validityMask(image, { tolerance: 0, positiveOnly: true, ...(noData !== undefined && { noData }) });
    if (valid)
      for (let p = 0; p < valid.length; p++)
        if (!valid[p]) image.data.fill(0, p * image.channels, (p + 1) * image.channels);
    if (amplitude) squareValues(image.data);
    const crop = centralCrop(image);
    const scale = scaleByImage ? { scale: ownScale(crop.data) } : {};
    if (!spec.perImage) return { spec, ...scale };
    const own = imageNoiseSpec(spec, crop);
    const said =
      own === spec
        ? `looks not measurable, the pooled ${spec.looks} used`
        : `its own looks ${own.family === 'gamma' ? own.looks : ''}`;
    const sub = own.family === 'gamma' && own.subsampleCorrelated && own.subsample ? ', on its sub-images' : '';
    return { spec: own, ...scale, note: `${basename(file)}: ${said}${sub}` };
  } finally {
    await reader.close();
  }
}
