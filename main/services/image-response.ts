import { readFile, stat } from 'node:fs/promises';
import { AppFailure } from '../shared/result';
import type { DisplayRange } from '../tasks/display-image';
import type { FolderRegistry } from './folders';

export interface ImageResponse {
  readonly status: number;
  readonly type: string;
  readonly body: Buffer;
}

const STATUS = { 'not-found': 404, forbidden: 403 } as Partial<Record<AppFailure['code'], number>>;
const MAX_CACHED = 64;

/**
 * The decoders, loaded with the first image rather than with Electron main: sharp, geotiff, utif and exiftool are
 * native or heavy, and one that fails to load must fail that image's request, not keep the window from opening.
 */
async function decoders() {
  const [{ default: sharp }, io, display, raw] = await Promise.all([
    import('sharp'), import('../io'), import('../tasks/display-image'), import('../tasks/display-raw'),
  ]);
  const { probeImage, readImage } = io;
  const { displayRange, encodeDisplayPng } = display;
  return { sharp, probeImage, readImage, displayRange, encodeDisplayPng, rawForScreen: raw.rawForScreen };
}

/**
 * The read-only image service behind Electron's `gr2r://image/` protocol and serve's `/image/`: files only from
 * registered folders; 8-bit PNG/JPEG as they are; anything else (16-bit, float TIFF) as a PNG for the screen,
 * shown with the range of the file named by `like` (a result's input) so that before and after compare.
 */
export class ImageService {
  private readonly cache = new Map<string, Buffer>();
  private readonly ranges = new Map<string, DisplayRange>();

  constructor(private readonly folders: FolderRegistry) {}

  /** `path` is `/<folderId>/<file>`; `size` bounds the longer side (thumbnails); `like` is `<folderId>/<file>`. */
  async respond(path: string, query: URLSearchParams): Promise<ImageResponse> {
    try {
      const [, folderId = '', encoded = ''] = path.split('/');
      const file = await this.folders.file(folderId, decodeURIComponent(encoded));
      const size = query.has('size') ? Math.min(4096, Math.max(16, Number(query.get('size')) || 256)) : undefined;
      const like = query.get('like');
      return await this.render(file, size, like ? await this.likeFile(like) : file);
    } catch (error) {
      const status = error instanceof AppFailure ? STATUS[error.code] ?? 400 : 415;
      const message = error instanceof Error ? error.message : String(error);
      return { status, type: 'text/plain; charset=utf-8', body: Buffer.from(message) };
    }
  }

  private async likeFile(like: string): Promise<string> {
    const cut = like.indexOf('/');
    return this.folders.file(like.slice(0, cut), like.slice(cut + 1));
  }

  private async render(file: string, size: number | undefined, rangeOf: string): Promise<ImageResponse> {
    const { sharp, probeImage } = await decoders();
    const probe = await probeImage(file);
    // Integer images always show as stored, so `like` matters only for float data.
    const plain = probe.bitDepth === 8 && probe.format !== 'tiff';
    if (plain && size === undefined) {
      return { status: 200, type: probe.format === 'png' ? 'image/png' : 'image/jpeg', body: await readFile(file) };
    }
    const key = `${file}:${(await stat(file)).mtimeMs}:${size}:${rangeOf}`;
    let body = this.cache.get(key);
    if (!body) {
      body = plain ? await sharp(file).rotate().resize(size, size, { fit: 'inside', withoutEnlargement: true }).png().toBuffer()
        : await this.convert(file, size, rangeOf);
      this.remember(key, body);
    }
    return { status: 200, type: 'image/png', body };
  }

  private async convert(file: string, size: number | undefined, rangeOf: string): Promise<Buffer> {
    const { readImage, rawForScreen, displayRange, encodeDisplayPng } = await decoders();
    const read = await readImage(file);
    const { source } = read;
    // Raw at full size (one pixel per photosite) for the viewer at 100%; thumbnails from the half-size look.
    const image = source.format === 'dng' ? rawForScreen(read.image, source.rawColour, size === undefined) : read.image;
    const own = displayRange(image, source.bitDepth);
    this.ranges.set(`${file}:${(await stat(file)).mtimeMs}`, own);
    const range = rangeOf === file || source.bitDepth !== 32 ? own : await this.rangeOf(rangeOf);
    return encodeDisplayPng(image, range, size);
  }

  private async rangeOf(file: string): Promise<DisplayRange> {
    const key = `${file}:${(await stat(file)).mtimeMs}`;
    let range = this.ranges.get(key);
    if (!range) {
      const { readImage, displayRange } = await decoders();
      const { image, source } = await readImage(file);
      range = displayRange(image, source.bitDepth);
      this.ranges.set(key, range);
    }
    return range;
  }

  private remember(key: string, body: Buffer): void {
    this.cache.set(key, body);
    if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
  }
}
