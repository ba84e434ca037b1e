import { readFile } from 'node:fs/promises';
import type { ImageF32 } from '../../engine/image';
import { FileError } from '../file-error';
import { checkExtent, decodeRaster } from './decode-raster';
import { findDngRaw, type DngRaw } from './dng-raw';
import { readNativeRaw } from './libraw-raw';
import { imageSize, rasterToImage } from './raw-planes';
import { readTiffDirectories, type TiffDirectory } from './tiff-directories';

export interface OpenedDng {
  readonly data: Uint8Array;
  readonly ifd0: TiffDirectory;
  readonly raw: DngRaw;
  /** The engine image's size: half-size 4-plane for a Bayer mosaic. */
  readonly size: { width: number; height: number; channels: number };
  /** A proprietary raw file's mosaic, decoded by LibRaw as it was opened (a DNG's is decoded on demand). */
  readonly raster?: Uint16Array;
}

const DNG_NAME = /\.(dng|gpr)$/i;

/** A proprietary raw file as a DNG would hold it: LibRaw's mosaic, and a directory of what it knows. */
async function openNative(file: string, data: Uint8Array): Promise<OpenedDng> {
  let native;
  try {
    native = await readNativeRaw(data);
  } catch (error) {
    throw new FileError(file, `camera raw that cannot be read: ${(error as Error).message}`, { cause: error });
  }
  const raw = findDngRaw([native.directory]);
  if (typeof raw === 'string') throw new FileError(file, raw);
  return { data, ifd0: native.directory, raw, size: imageSize(raw), raster: native.raster };
}

/** Reads a DNG's directories and finds its raw image (the pixels are not decoded yet). */
export async function openDng(file: string): Promise<OpenedDng> {
  const data = new Uint8Array(await readFile(file));
  if (!DNG_NAME.test(file)) return openNative(file, data);
  let parsed;
  try {
    parsed = readTiffDirectories(data);
  } catch (error) {
    throw new FileError(file, `cannot read the DNG's structure (${(error as Error).message})`, { cause: error });
  }
  const raw = findDngRaw(parsed.ifds);
  if (typeof raw === 'string') throw new FileError(file, raw);
  try {
    checkExtent(data, raw);
  } catch (error) {
    throw new FileError(file, (error as Error).message, { cause: error });
  }
  return { data, ifd0: parsed.ifds[0]!, raw, size: imageSize(raw) };
}

/** Decodes the raw pixels as linear values in [0, 1] (black level 0, white level 1). */
export function decodeDng(file: string, dng: OpenedDng): { raster: Uint16Array; image: ImageF32 } {
  try {
    const raster = dng.raster ?? decodeRaster(dng.data, dng.raw);
    return { raster, image: rasterToImage(raster, dng.raw) };
  } catch (error) {
    throw new FileError(file, (error as Error).message, { cause: error });
  }
}

/** What the engine sees of a raw file, said once per file. */
export function dngNote(raw: DngRaw): string {
  const { rows, cols } = raw.cfa;
  const what =
    raw.kind !== 'cfa'
      ? `linear raw, ${raw.samplesPerPixel} channels`
      : rows === 2 && cols === 2
        ? 'Bayer mosaic read as 4 half-size planes'
        : `${rows}x${cols} mosaic read as ${rows * cols} planes, one per position of its pattern`;
  return `camera raw: ${what}, linear (black level 0, white level 1), for a Poisson-Gaussian noise model`;
}
