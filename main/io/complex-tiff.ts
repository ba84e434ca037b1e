import { open } from 'node:fs/promises';
import { fromFile } from 'geotiff';
import { intensityOf, type ComplexRows } from '../engine/sar/complex-rows';

type Component = 'int16' | 'int32' | 'float32' | 'float64';

/** Where the samples of an uncompressed, stripped complex (SAR SLC) TIFF are. */
export interface ComplexLayout {
  readonly width: number;
  readonly height: number;
  readonly component: Component;
  readonly littleEndian: boolean;
  readonly rowsPerStrip: number;
  readonly offsets: readonly number[];
}

// SampleFormat 5 is complex integer, 6 complex float; BitsPerSample counts both parts.
const COMPONENTS: Readonly<Record<string, Component>> = {
  '5:32': 'int16',
  '5:64': 'int32',
  '6:64': 'float32',
  '6:128': 'float64',
};
const BYTES: Readonly<Record<Component, number>> = { int16: 2, int32: 4, float32: 4, float64: 8 };

async function tagValue(
  dir: { hasTag(tag: number): boolean; loadValue(tag: number): Promise<unknown> },
  tag: number,
): Promise<unknown> {
  return dir.hasTag(tag) ? dir.loadValue(tag) : undefined;
}

/** The layout of a complex TIFF, null for any other TIFF; an error names a complex layout that cannot be read. */
export async function complexLayout(file: string): Promise<ComplexLayout | null> {
  const tiff = await fromFile(file);
  try {
    const image = await tiff.getImage(0);
    const format = image.getSampleFormat(0);
    if (format !== 5 && format !== 6) return null;
    const bits = image.getBitsPerSample(0);
    const component = COMPONENTS[`${format}:${bits}`];
    if (!component)
      throw new Error(`complex samples of ${bits} bits are not supported (CInt16, CInt32, CFloat32 and CFloat64 are)`);
    if (image.getSamplesPerPixel() !== 1) throw new Error('complex TIFFs with more than one band are not supported');
    const dir = image.fileDirectory;
    if (((await tagValue(dir, 259)) ?? 1) !== 1)
      throw new Error('compressed complex TIFFs are not supported (uncompressed ones, as Sentinel-1 SLC, are)');
    if (dir.hasTag(322)) throw new Error('tiled complex TIFFs are not supported (stripped ones are)');
    const offsets = Array.from((await tagValue(dir, 273)) as ArrayLike<number>, Number);
    const height = image.getHeight();
    const rowsPerStrip = Number((await tagValue(dir, 278)) ?? height);
    return { width: image.getWidth(), height, component, littleEndian: image.littleEndian, rowsPerStrip, offsets };
  } finally {
    await tiff.close();
  }
}

function reader(layout: ComplexLayout, view: DataView): (at: number) => number {
  const le = layout.littleEndian;
  switch (layout.component) {
    case 'int16':
      return (at) => view.getInt16(at, le);
    case 'int32':
      return (at) => view.getInt32(at, le);
    case 'float32':
      return (at) => view.getFloat32(at, le);
    case 'float64':
      return (at) => view.getFloat64(at, le);
  }
}

/** The complex samples of rows [top, top + rows), read strip by strip from the file. */
export async function readComplexRows(
  file: string,
  layout: ComplexLayout,
  top: number,
  rows: number,
): Promise<ComplexRows> {
  const part = BYTES[layout.component];
  const rowBytes = layout.width * 2 * part;
  const re = new Float32Array(rows * layout.width);
  const im = new Float32Array(rows * layout.width);
  const handle = await open(file, 'r');
  try {
    for (let row = top; row < top + rows;) {
      const strip = Math.floor(row / layout.rowsPerStrip);
      const count = Math.min(top + rows, (strip + 1) * layout.rowsPerStrip) - row;
      const bytes = new Uint8Array(count * rowBytes);
      const offset = layout.offsets[strip]! + (row - strip * layout.rowsPerStrip) * rowBytes;
      const { bytesRead } = await handle.read(bytes, 0, bytes.length, offset);
      if (bytesRead < bytes.length)
        throw new Error(`the complex samples end early at row ${row}; the file may be truncated`);
      const read = reader(layout, new DataView(bytes.buffer));
      const base = (row - top) * layout.width;
      for (let k = 0; k < count * layout.width; k++) {
        re[base + k] = read(2 * k * part);
        im[base + k] = read((2 * k + 1) * part);
      }
      row += count;
    }
    return { re, im, rows, width: layout.width };
  } finally {
    await handle.close();
  }
}

/** Intensity |z|^2 = re^2 + im^2 of rows [top, top + rows), as stored (not whitened). */
export async function readIntensityRows(
  file: string,
  layout: ComplexLayout,
  top: number,
  rows: number,
): Promise<Float32Array> {
  return intensityOf(await readComplexRows(file, layout, top, rows));
}

export const COMPLEX_NOTE =
  'complex (SLC) samples read as intensity |z|² = re² + im²; the output is that intensity (float32)';
