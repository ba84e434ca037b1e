import type { ImageF32 } from '../../engine/image';
import type { RawColour } from '../../engine/raw-colour';
import { storedAt, turnsSideways, upright } from '../../engine/upright';
import { cropImage, type Region } from './display-image';
import { rawLook } from './display-raw';

/** Where a screen region of a raw file lies in its planes, and how the cut planes are shown as that region. */
export interface RawPreviewCrop {
  /** The screen region, clamped to the file's full-size, upright view. */
  readonly region: Region;
  /** The planes to denoise: the region's, with one plane pixel to spare on each side for the demosaic. */
  readonly planes: Region;
  /** The cut planes (denoised or not) as the viewer shows the file (display-raw.ts), cut to `region`. */
  readonly toScreen: (planes: ImageF32) => ImageF32;
}

/**
 * The viewer shows a raw file upright, one screen pixel per photosite (P x P photosites a plane pixel, P the CFA
 * repeat), so the crop it asks a preview of is in upright photosites: it is turned back to the stored grid, the
 * planes are cut around it, and the result goes through the same full-size look and turn as the "before" image, so
 * both line up pixel for pixel. Undefined where the planes have no full-size look (LinearRaw): those are shown plane
 * for plane, as before.
 */
export function rawPreviewCrop(
  planes: ImageF32,
  colour: RawColour | undefined,
  asked: Region,
): RawPreviewCrop | undefined {
  const side = Math.round(Math.sqrt(planes.channels));
  if (side < 2 || side * side !== planes.channels) return undefined;
  const orientation = colour?.orientation;
  const [h, w] = [planes.height * side, planes.width * side];
  const [uh, uw] = turnsSideways(orientation) ? [w, h] : [h, w];
  const x = Math.max(0, Math.min(asked.x, uw - 1));
  const y = Math.max(0, Math.min(asked.y, uh - 1));
  const region = {
    x,
    y,
    width: Math.max(1, Math.min(asked.width, uw - x)),
    height: Math.max(1, Math.min(asked.height, uh - y)),
  };
  // The stored rectangle under the upright one: its two corners turned back.
  const [r0, c0] = storedAt(orientation, h, w, y, x);
  const [r1, c1] = storedAt(orientation, h, w, y + region.height - 1, x + region.width - 1);
  const stored = {
    x: Math.min(c0, c1),
    y: Math.min(r0, r1),
    width: Math.abs(c1 - c0) + 1,
    height: Math.abs(r1 - r0) + 1,
  };
  const left = Math.max(0, Math.floor(stored.x / side) - 1);
  const top = Math.max(0, Math.floor(stored.y / side) - 1);
  const right = Math.min(planes.width, Math.ceil((stored.x + stored.width) / side) + 1);
  const bottom = Math.min(planes.height, Math.ceil((stored.y + stored.height) / side) + 1);
  const cut = { x: left, y: top, width: right - left, height: bottom - top };
  const toScreen = (part: ImageF32): ImageF32 => {
    const look = rawLook(part, colour, true);
    const at = { ...stored, x: stored.x - left * side, y: stored.y - top * side };
    return upright(cropImage(look, at).image, orientation);
  };
  return { region, planes: cut, toScreen };
}
