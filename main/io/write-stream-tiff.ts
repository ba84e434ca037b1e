import { open, type FileHandle } from 'node:fs/promises';
import { rowBytes, stripTiffHead, type StripTiffLayout } from './strip-tiff-layout';

type Samples = Uint8Array | Uint16Array | Float32Array;

/** Writes an uncompressed strip TIFF row band by row band into a new file, top to bottom. */
export class StripTiffWriter {
  private rows = 0;

  private constructor(
    private readonly handle: FileHandle,
    readonly file: string,
    readonly layout: StripTiffLayout,
  ) {}

  /** Creates `file` (failing if it exists) and writes the header and directory. */
  static async create(file: string, layout: StripTiffLayout): Promise<StripTiffWriter> {
    const handle = await open(file, 'wx');
    const writer = new StripTiffWriter(handle, file, layout);
    try {
      await writer.put(stripTiffHead(layout));
      return writer;
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  private async put(bytes: Uint8Array): Promise<void> {
    for (let done = 0; done < bytes.length;) done += (await this.handle.write(bytes, done)).bytesWritten;
  }

  /** Appends whole rows of interleaved samples of the layout's depth (Node is little-endian, as the file). */
  async writeRows(samples: Samples): Promise<void> {
    const bytes = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
    const row = rowBytes(this.layout);
    if (bytes.length % row !== 0) throw new Error(`${bytes.length} bytes are not whole rows of ${row} bytes`);
    if (this.rows + bytes.length / row > this.layout.height)
      throw new Error(`more than the ${this.layout.height} rows declared`);
    await this.put(bytes);
    this.rows += bytes.length / row;
  }

  /** Flushes to the disk and closes; fails if rows are missing (the file would be short). */
  async finish(): Promise<void> {
    try {
      if (this.rows !== this.layout.height) throw new Error(`${this.rows} of ${this.layout.height} rows were written`);
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
  }

  /** Closes without checking (the caller removes the file). */
  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}
