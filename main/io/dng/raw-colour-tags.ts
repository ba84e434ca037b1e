import type { RawColour } from '../../engine/raw-colour';
import type { DngRaw } from './dng-raw';
import { numbers, reals, type TiffDirectory } from './tiff-directories';

const ORIENTATION = 274;
const CFA_PATTERN = 33422;
const AS_SHOT_NEUTRAL = 50728;
const COLOR_MATRIX = [50721, 50722] as const;
const ILLUMINANT = [50778, 50779] as const;
const D65 = 21;

function tag(ifd0: TiffDirectory, raw: DngRaw, code: number): number[] {
  const own = reals(raw.dir, code);
  return own.length > 0 ? own : reals(ifd0, code);
}

/**
 * A DNG's colour: each plane's filter colour (CFAPattern, from the active area's origin as the planes are), the
 * white balance as shot, and the colour matrix for daylight (the one calibrated under D65, else the first); and the
 * orientation a viewer turns it by.
 */
export function rawColourOf(ifd0: TiffDirectory, raw: DngRaw): RawColour {
  const pattern = numbers(raw.dir, CFA_PATTERN);
  const planeColours =
    raw.kind === 'cfa' && pattern.length === raw.cfa.rows * raw.cfa.cols
      ? pattern
      : Array.from({ length: raw.samplesPerPixel }, (_, c) => Math.min(c, 2));
  const neutral = tag(ifd0, raw, AS_SHOT_NEUTRAL);
  const daylight = ILLUMINANT.findIndex((t) => numbers(ifd0, t)[0] === D65 || numbers(raw.dir, t)[0] === D65);
  const matrix = tag(ifd0, raw, COLOR_MATRIX[Math.max(0, daylight)]);
  const orientation = numbers(ifd0, ORIENTATION)[0];
  return {
    planeColours,
    ...(neutral.length === 3 && { neutral }),
    ...(matrix.length === 9 && { cameraFromXyz: matrix }),
    ...(orientation !== undefined && orientation >= 2 && orientation <= 8 && { orientation }),
  };
}
