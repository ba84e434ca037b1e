import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IfdEntry } from '../tiff-ifd';
import { unpackedPath } from '../unpacked-path';
import type { TiffDirectory } from './tiff-directories';

/**
 * Proprietary raw files (CR2, CR3, NEF, ARW, RAF, ORF, RW2, PEF...) through LibRaw built for WebAssembly
 * (libraw-wasm, ISC; LibRaw itself LGPL 2.1 / CDDL): offline, in this process. Its package entry point runs LibRaw
 * in a browser Worker, so the Emscripten module is loaded directly with its wasm bytes (its own fetch fails in Node).
 */
interface LibRawInstance {
  open(data: Uint8Array, settings: Record<string, unknown>): void;
  metadata(full: boolean): LibRawMetadata;
  rawImageData(): { raw_width: number; raw_height: number; data: Uint16Array } | undefined;
  /** Frees the C++ object (embind): without it every file's buffers stay in the wasm heap. */
  delete?(): void;
}

interface LibRawMetadata {
  width: number;
  height: number;
  top_margin: number;
  left_margin: number;
  flip: number;
  camera_make: string;
  camera_model: string;
  iso_speed: number;
  filters?: number;
  colors?: number;
  color_data?: {
    black: number;
    maximum: number;
    cam_mul: number[];
    cam_xyz: number[][];
    UniqueCameraModel?: string;
  };
}

type LibRawModule = { LibRaw: new () => LibRawInstance };

let loaded: Promise<LibRawModule> | undefined;

async function libRaw(): Promise<LibRawModule> {
  loaded ??= (async () => {
    // Packaged, both files lie in app.asar.unpacked (electron-builder.yml): an ES module loads from a file URL there.
    const dist = unpackedPath(dirname(createRequire(import.meta.url).resolve('libraw-wasm')));
    const factory = (await import(pathToFileURL(join(dist, 'libraw.js')).href)) as {
      default: (o: object) => Promise<LibRawModule>;
    };
    return factory.default({
      wasmBinary: await readFile(join(dist, 'libraw.wasm')),
      print: () => {},
      printErr: () => {},
    });
  })();
  return loaded;
}

/** What a native raw file gives: its mosaic and a DNG directory describing it (camera, colour, levels, layout). */
export interface NativeRaw {
  readonly raster: Uint16Array;
  readonly directory: TiffDirectory;
}

/** LibRaw's 2x2 pattern word: colour of (row, col) is (filters >> (((row << 1 & 14) | (col & 1)) << 1)) & 3. */
function bayerPattern(filters: number): number[] {
  const out: number[] = [];
  for (let row = 0; row < 2; row++) {
    for (let col = 0; col < 2; col++) out.push([0, 1, 2, 1][(filters >>> ((((row << 1) & 14) | (col & 1)) << 1)) & 3]!);
  }
  return out;
}

/** EXIF/TIFF orientation from LibRaw's flip (0 none, 3 180 degrees, 5 90 CCW, 6 90 CW). */
function orientation(flip: number): number {
  return ({ 0: 1, 3: 3, 5: 8, 6: 6 } as Record<number, number>)[flip] ?? 1;
}

function rationals(values: readonly number[], denominator = 10000): number[] {
  return values.flatMap((v) => [Math.round(v * denominator), denominator]);
}

/**
 * Black level of each cell of the 2x2 pattern. libraw-wasm gives LibRaw's common black but not its per-channel part
 * (cblack), where LibRaw keeps most cameras' black: when the common one is 0, the black is measured as LibRaw does
 * for Canon, the median of each cell over the masked (optical black) border, if there is one of 4 pixels or more.
 */
function blackLevels(meta: LibRawMetadata, raster: Uint16Array, width: number): number[] {
  const common = Math.max(0, Math.round(meta.color_data?.black ?? 0));
  if (common > 0 || (meta.left_margin < 4 && meta.top_margin < 4)) return [common];
  const cells: number[][] = [[], [], [], []];
  const height = raster.length / width;
  for (let i = 0; i < height; i++) {
    for (let j = 0; j < width; j++) {
      if (i >= meta.top_margin && j >= meta.left_margin) continue;
      // The pattern repeats from the active area's origin.
      const cell = (((i - meta.top_margin) & 1) << 1) | ((j - meta.left_margin) & 1);
      if (cells[cell]!.length < 200000) cells[cell]!.push(raster[i * width + j]!);
    }
  }
  return cells.map((c) => (c.length === 0 ? 0 : c.sort((a, b) => a - b)[c.length >> 1]!));
}

function entries(meta: LibRawMetadata, width: number, height: number, black: number[]): IfdEntry[] {
  const color = meta.color_data;
  const make = meta.camera_make || 'Unknown';
  const model = meta.camera_model || 'camera';
  const top = meta.top_margin;
  const left = meta.left_margin;
  const out: IfdEntry[] = [
    { tag: 271, type: 'ascii', values: make },
    { tag: 272, type: 'ascii', values: model },
    { tag: 274, type: 'short', values: [orientation(meta.flip)] },
    { tag: 33421, type: 'short', values: [2, 2] },
    { tag: 33422, type: 'byte', values: bayerPattern(meta.filters ?? 0x94949494) },
    { tag: 50706, type: 'byte', values: [1, 4, 0, 0] },
    { tag: 50707, type: 'byte', values: [1, 1, 0, 0] },
    { tag: 50708, type: 'ascii', values: color?.UniqueCameraModel || `${make} ${model}` },
    { tag: 50710, type: 'byte', values: [0, 1, 2] },
    { tag: 50711, type: 'short', values: [1] },
    ...(black.length === 4 ? [{ tag: 50713, type: 'short' as const, values: [2, 2] }] : []),
    { tag: 50714, type: 'long', values: black },
    { tag: 50717, type: 'long', values: [Math.round(color?.maximum ?? 65535)] },
    {
      tag: 50829,
      type: 'long',
      values: [top, left, Math.min(height, top + meta.height), Math.min(width, left + meta.width)],
    },
  ];
  // LibRaw's cam_xyz is XYZ (D65) to camera, DNG's ColorMatrix1; the first three rows are R, G, B.
  const matrix = color?.cam_xyz.slice(0, 3).flat() ?? [];
  if (matrix.length === 9 && matrix.some((v) => v !== 0)) {
    out.push({ tag: 50721, type: 'srational', values: rationals(matrix) }, { tag: 50778, type: 'short', values: [21] });
  }
  const mul = color?.cam_mul ?? [];
  if (mul[0]! > 0 && mul[1]! > 0 && mul[2]! > 0) {
    out.push({ tag: 50728, type: 'rational', values: rationals([mul[1]! / mul[0]!, 1, mul[1]! / mul[2]!], 1000000) });
  }
  if (meta.iso_speed > 0)
    out.push({ tag: 34855, type: 'short', values: [Math.min(65535, Math.round(meta.iso_speed))] });
  return out;
}

/** Decodes a proprietary raw file's mosaic with LibRaw, with a DNG directory of what it knows of the camera. */
export async function readNativeRaw(data: Uint8Array): Promise<NativeRaw> {
  const processor = new (await libRaw()).LibRaw();
  try {
    return decodeWith(processor, data);
  } finally {
    processor.delete?.();
  }
}

function decodeWith(processor: LibRawInstance, data: Uint8Array): NativeRaw {
  try {
    processor.open(data, {});
  } catch (error) {
    throw new Error(`LibRaw cannot open it (${error instanceof Error ? error.message : String(error)})`, {
      cause: error,
    });
  }
  const mosaic = processor.rawImageData();
  const meta = processor.metadata(true);
  if (!mosaic) throw new Error('LibRaw finds no single-channel raw mosaic in it (a linear or Foveon raw file)');
  if (meta.filters === 9) {
    throw new Error(
      "a Fujifilm X-Trans mosaic: LibRaw's WebAssembly build does not give its 6x6 layout; convert it to DNG with Adobe DNG Converter, which this app reads",
    );
  }
  if (!meta.filters || (meta.colors ?? 3) !== 3)
    throw new Error(`an unusual colour filter array (LibRaw filters ${meta.filters}, ${meta.colors} colours)`);
  const width = mosaic.raw_width;
  const height = mosaic.raw_height;
  const raster = mosaic.data.slice(0, width * height);
  const dir = new Map<number, IfdEntry>(
    entries(meta, width, height, blackLevels(meta, raster, width)).map((e) => [e.tag, e]),
  );
  dir.set(256, { tag: 256, type: 'long', values: [width] });
  dir.set(257, { tag: 257, type: 'long', values: [height] });
  dir.set(258, { tag: 258, type: 'short', values: [16] });
  dir.set(262, { tag: 262, type: 'short', values: [32803] });
  dir.set(277, { tag: 277, type: 'short', values: [1] });
  return { raster, directory: { entries: dir, subIfds: [] } };
}
