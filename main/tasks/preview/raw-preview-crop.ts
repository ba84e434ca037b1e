import type { ImageF32 } from '../../engine/image';
import type { RawColour } from '../../engine/raw-colour';
import { cropImage, type Region } from './display-image';
import { rawForScreen } from './display-raw';

/** Where a screen region of a raw file lies in its planes, and how the cut planes are shown as that region. */
export interface RawPreviewCrop {
  /** The screen region, clamped to the file's full-size view. */
  readonly region: Region;
  /** The planes to denoise: the region's, with one plane pixel to spare on each side for the demosaic. */
  readonly planes: Region;
  /** The cut planes (denoised or not) as the viewer shows the file (display-raw.ts), cut to `region`. */
  readonly toScreen: (planes: ImageF32) => ImageF32;
}

/**
 * The viewer shows a raw file one screen pixel per photosite (P x P photosites a plane pixel, P the CFA repeat), so
 * the crop it asks a preview of is in photosites: the planes are cut around it, and the result goes through the
 * same full-size look as the "before" image, so both line up pixel for pixel. Undefined where the planes have no
 * full-size look (LinearRaw): those are shown plane for plane, as before.
 */
export function rawPreviewCrop(
  planes: ImageF32,
  colour: RawColour | undefined,
  asked: Region,
): RawPreviewCrop | undefined {
  const side = Math.round(Math.sqrt(planes.channels));
  if (side < 2 || side * side !== planes.channels) return undefined;
  const [width, height] = [planes.width * side, planes.height * side];
  const x = Math.max(0, Math.min(asked.x, width - 1));
  const y = Math.max(0, Math.min(asked.y, height - 1));
  const region = {
    x,
    y,
    width: Math.max(1, Math.min(asked.width, width - x)),
    height: Math.max(1, Math.min(asked.height, height - y)),
  };
  const left = Math.max(0, Math.floor(x / side) - 1);
  const top = Math.max(0, Math.floor(y / side) - 1);
  const right = Math.min(planes.width, Math.ceil((x + region.width) / side) + 1);
  const bottom = Math.min(planes.height, Math.ceil((y + region.height) / side) + 1);
  const cut = { x: left, y: top, width: right - left, height: bottom - top };
  const toScreen = (part: ImageF32): ImageF32 =>
    cropImage(rawForScreen(part, colour, true), {
      x: x - left * side,
      y: y - top * side,
      width: region.width,
      height: region.height,
    }).image;
  return { region, planes: cut, toScreen };
}
