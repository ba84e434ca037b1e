import { readFile, rm, stat } from 'node:fs/promises';
import { AppFailure } from '../shared/result';
import type { WorkerResult } from '../shared/worker-messages';
import type { DisplayStretch } from '../shared/display-stretch';
import { displayStretchSchema } from '../shared/display-stretch';
import type { FolderRegistry } from './folders';
import { screenType } from './screen-type';

export interface ImageResponse {
  readonly status: number;
  readonly type: string;
  readonly body: Buffer;
}

/** Decodes `file` for the screen in the compute worker (a `screen` task): a PNG path, or "send it as it is". */
export type ScreenRenderer = (request: {
  file: string;
  size?: number;
  rangeOf: string;
  stretch: DisplayStretch;
  ratio: boolean;
}) => Promise<WorkerResult<'screen'>>;

/** How float data is shown: a stretch (shared/display-stretch.ts), or the fixed range of a ratio image. */
interface View {
  readonly stretch: DisplayStretch;
  readonly ratio: boolean;
}

const STATUS = { 'not-found': 404, forbidden: 403 } as Partial<Record<AppFailure['code'], number>>;
const MAX_CACHED = 64;

const text = (status: number, message: string): ImageResponse => ({
  status,
  type: 'text/plain; charset=utf-8',
  body: Buffer.from(message),
});

/**
 * The read-only image service behind Electron's `gr2r://image/` protocol and serve's `/image/`: files only from
 * registered folders; 8-bit PNG/JPEG as they are; anything else (16-bit, float TIFF, raw), and thumbnails, as a
 * PNG the compute worker makes, shown with the range of the file named by `like` (a result's input) so that
 * before and after compare. Float data takes the `stretch` asked for;
 * `ratio=1` shows a ratio image noisy / denoised on its fixed range (1 mid-grey). Main only reads bytes: a big image decoded here would freeze every window.
 */
export class ImageService {
  private readonly cache = new Map<string, Buffer>();

  constructor(
    private readonly folders: FolderRegistry,
    private readonly renderer: ScreenRenderer,
  ) {}

  /** `path` is `/<folderId>/<file>`; `size` bounds the longer side (thumbnails); `like` is `<folderId>/<file>`. */
  async respond(path: string, query: URLSearchParams): Promise<ImageResponse> {
    let file: string;
    let rangeOf: string;
    let view: View;
    try {
      const [, folderId = '', encoded = ''] = path.split('/');
      file = await this.folders.file(folderId, decodeURIComponent(encoded));
      const like = query.get('like');
      rangeOf = like ? await this.likeFile(like) : file;
      view = {
        stretch: displayStretchSchema.catch('auto').parse(query.get('stretch') ?? 'auto'),
        ratio: query.get('ratio') === '1',
      };
    } catch (error) {
      const status = error instanceof AppFailure ? (STATUS[error.code] ?? 400) : 400;
      return text(status, error instanceof Error ? error.message : String(error));
    }
    const size = query.has('size') ? Math.min(4096, Math.max(16, Number(query.get('size')) || 256)) : undefined;
    try {
      return await this.render(file, size, rangeOf, view);
    } catch (error) {
      return text(415, error instanceof Error ? error.message : String(error));
    }
  }

  private async likeFile(like: string): Promise<string> {
    const cut = like.indexOf('/');
    return this.folders.file(like.slice(0, cut), like.slice(cut + 1));
  }

  private async render(file: string, size: number | undefined, rangeOf: string, view: View): Promise<ImageResponse> {
    const seen = await screenType(file);
    if (seen.kind === 'not-image') return text(415, seen.reason);
    if (seen.kind === 'as-is' && size === undefined)
      return { status: 200, type: seen.type, body: await readFile(file) };
    const key = `${file}:${(await stat(file)).mtimeMs}:${size}:${rangeOf}:${view.stretch}:${view.ratio}`;
    const cached = this.cache.get(key);
    if (cached) return { status: 200, type: 'image/png', body: cached };
    const shown = await this.renderer({ file, ...(size !== undefined && { size }), rangeOf, ...view });
    if ('asIs' in shown) return { status: 200, type: shown.asIs, body: await readFile(file) };
    const body = await readFile(shown.png);
    await rm(shown.png, { force: true });
    this.remember(key, body);
    return { status: 200, type: 'image/png', body };
  }

  private remember(key: string, body: Buffer): void {
    this.cache.set(key, body);
    if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
  }
}
