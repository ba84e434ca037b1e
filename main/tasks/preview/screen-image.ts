import { stat } from 'node:fs/promises';
import sharp from 'sharp';
import { probeImage, readImage } from '../../io';
import type { DisplayStretch } from '../../shared/display-stretch';
import { displayRange, encodeDisplayPng, RATIO_RANGE, type DisplayRange } from './display-image';
import { rawForScreen } from './display-raw';

/** What the image service shows for a file: its bytes as they are, or a PNG made for the screen. */
export type ScreenImage = { readonly asIs: 'image/png' | 'image/jpeg' } | { readonly png: Buffer };

/** How float data is shown: a stretch (shared/display-stretch.ts), or the fixed range of a ratio image. */
export interface ScreenView {
  readonly stretch: DisplayStretch;
  readonly ratio: boolean;
}

/**
 * Files as the screen shows them (the image service's decoding, run in the compute worker so that Electron main
 * never decodes): 8-bit PNG/JPEG as they are, or resized for a thumbnail; anything else (16-bit, float TIFF, raw)
 * as an 8-bit PNG shown with the display range of `rangeOf` (a result's input), so that before and after compare.
 * Float data takes the stretch asked for; a ratio image noisy / denoised shows on its fixed range (1 mid-grey).
 */
export class ScreenImages {
  private readonly ranges = new Map<string, DisplayRange>();

  async render(
    file: string,
    size: number | undefined,
    rangeOf: string,
    view: ScreenView = { stretch: 'auto', ratio: false },
  ): Promise<ScreenImage> {
    const probe = await probeImage(file);
    // Integer images always show as stored, so `rangeOf` matters only for float data.
    const plain = probe.bitDepth === 8 && probe.format !== 'tiff';
    if (plain && size === undefined) return { asIs: probe.format === 'png' ? 'image/png' : 'image/jpeg' };
    if (plain)
      return {
        png: await sharp(file)
          .rotate()
          .resize(size, size, { fit: 'inside', withoutEnlargement: true })
          .png()
          .toBuffer(),
      };
    const read = await readImage(file);
    const { source } = read;
    // Raw at full size (one pixel per photosite) for the viewer at 100%; thumbnails from the half-size look.
    const image = source.format === 'dng' ? rawForScreen(read.image, source.rawColour, size === undefined) : read.image;
    if (view.ratio && source.bitDepth === 32) return { png: await encodeDisplayPng(image, RATIO_RANGE, size) };
    const own = displayRange(image, source.bitDepth, view.stretch);
    this.ranges.set(await this.key(file, view.stretch), own);
    const range = rangeOf === file || source.bitDepth !== 32 ? own : await this.rangeOf(rangeOf, view.stretch);
    return { png: await encodeDisplayPng(image, range, size) };
  }

  private async key(file: string, stretch: DisplayStretch): Promise<string> {
    return `${file}:${(await stat(file)).mtimeMs}:${stretch}`;
  }

  private async rangeOf(file: string, stretch: DisplayStretch): Promise<DisplayRange> {
    const key = await this.key(file, stretch);
    let range = this.ranges.get(key);
    if (!range) {
      const { image, source } = await readImage(file);
      range = displayRange(image, source.bitDepth, stretch);
      this.ranges.set(key, range);
    }
    return range;
  }
}
