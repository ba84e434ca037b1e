import { basename } from 'node:path';
import { planeCorrelations } from '../../engine/estimate/plane-correlation';
import type { NoiseSpec } from '../../shared/noise';
import { pooledCorrelated, profileImages } from './noise-profile-task';

/**
 * Raw noise whose lag-1 correlation within the CFA planes (the mean over planes, median over files) is above this is
 * not the sensor's own (independent from photosite to photosite): lossy in-camera coding (GoPro's VC-5) or processing.
 * Pixel-independent raws measure 0.01 (docs/files.md).
 */
export const rawCorrelationLimit = 0.1;

/**
 * Fewer flat blocks than this (planes under about 0.2 MP) leave texture in the flattest blocks, which reads as
 * correlation (0.2-0.7 on 96 x 96 planes of independent noise): such files are not measured.
 */
export const rawCorrelationBlocks = 200;

/** Raw noise's spread grows as the signal's square root (shot noise), whatever else the camera did to it. */
const rawNoiseGrowth = 0.5;

/**
 * For a folder of camera raw files trained without a noise model: measures each file's noise correlation per CFA
 * plane (engine/estimate/noise-profile.ts on the planes) and, where it is correlated, the spec to train with:
 * correlated recorruption with a level by brightness, measured per image (docs/real-noise.md). Undefined where the
 * noise is independent (Poisson-Gaussian then holds), said in a note either way.
 */
export async function correlatedRawSpec(
  data: string,
  note: (message: string) => void,
  recursive = false,
): Promise<NoiseSpec | undefined> {
  const { images } = await profileImages(data, recursive);
  const measured = images.flatMap((i) =>
    i.profile && (i.blocks ?? 0) >= rawCorrelationBlocks
      ? [{ file: i.file, planes: planeCorrelations(i.profile) }]
      : [],
  );
  if (measured.length === 0) {
    note(
      `raw noise taken as independent between photosites: no file is large enough to measure its correlation (${rawCorrelationBlocks} flat 16x16 blocks of its CFA planes)`,
    );
    return undefined;
  }
  const means = measured.map((m) => m.planes.reduce((s, v) => s + v, 0) / m.planes.length).sort((a, b) => a - b);
  const median = means[Math.floor((means.length - 1) / 2)]!;
  const example = measured[0]!;
  const said = `${basename(example.file)}: ${example.planes.map((v) => v.toFixed(2)).join(', ')}${measured.length > 1 ? `; median over ${measured.length} files ${median.toFixed(2)}` : ''}`;
  if (median <= rawCorrelationLimit) {
    note(
      `raw noise independent between neighbouring photosites (lag-1 correlation per CFA plane ${said}; at most ${rawCorrelationLimit}): shot + read noise`,
    );
    return undefined;
  }
  const { spec: pooled, note: profiled } = pooledCorrelated(images);
  // Shot noise grows as x^(1/2): the loss weighted as the Poisson-Gaussian default is (engine/loss-weights.ts).
  const spec: NoiseSpec = pooled.family === 'correlated' ? { ...pooled, noiseGrowth: rawNoiseGrowth } : pooled;
  note(
    `raw noise correlated between neighbouring photosites (lag-1 correlation per CFA plane ${said}; over ${rawCorrelationLimit}: lossy coding or processing in the camera), so training recorrupts the CFA planes with noise of the same correlation and a level by brightness (correlated; the loss weighted by shot noise), ${profiled}`,
  );
  return spec;
}
