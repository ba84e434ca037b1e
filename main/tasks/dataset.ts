import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FileFailure } from '../shared/jobs';
import type { NamedImage } from '../engine/train/data';
import type { SourceInfo } from '../io';
import { readImage, scanFolder } from '../io';
import { eachFile } from './each-file';

export interface LoadedImage extends NamedImage {
  readonly file: string;
  readonly source: SourceInfo;
}

export interface LoadedDataset {
  readonly images: readonly LoadedImage[];
  readonly failures: readonly FileFailure[];
}

/** The image files a path names: itself, or the images in the folder (sorted), with unreadable ones listed. */
export async function listImages(
  input: string,
  recursive = false,
): Promise<{ files: string[]; failures: FileFailure[] }> {
  const info = await stat(input).catch(() => undefined);
  if (!info) throw new Error(`${input}: no such file or folder`);
  if (info.isFile()) return { files: [input], failures: [] };
  const scan = await scanFolder(input, { recursive });
  return { files: scan.images.map((p) => p.file), failures: [...scan.failures] };
}

/** Reads every image a path names; a file that fails is listed with its reason and the rest go on. */
export async function loadDataset(input: string, recursive = false): Promise<LoadedDataset> {
  const { files, failures } = await listImages(input, recursive);
  const images = await eachFile(files, failures, async (file): Promise<LoadedImage> => {
    const { image, source } = await readImage(file);
    return { name: file, file, image, source };
  });
  return { images, failures };
}

/** The peak value for PSNR: 1 for integer files; for float data, 1 if it looks like [0, 1], else its 99.9th percentile. */
export function dataPeak(images: readonly LoadedImage[]): number {
  if (images.every((d) => d.source.bitDepth !== 32)) return 1;
  const sample: number[] = [];
  for (const { image } of images) {
    const step = Math.max(1, Math.floor(image.data.length / 20000));
    for (let i = 0; i < image.data.length; i += step) sample.push(image.data[i]!);
  }
  sample.sort((a, b) => a - b);
  const at = (q: number) => sample[Math.min(sample.length - 1, Math.floor(q * sample.length))]!;
  return at(0.99) <= 1.05 ? 1 : at(0.999);
}

/** Clean targets paired with noisy images by file name (the same name, or the same name before the extension). */
export function pairByName(noisy: readonly LoadedImage[], clean: readonly LoadedImage[]): LoadedImage[] {
  const stem = (file: string) => basename(file).replace(/\.[^.]+$/, '');
  return noisy.map((n) => {
    const match =
      clean.find((c) => basename(c.file) === basename(n.file)) ?? clean.find((c) => stem(c.file) === stem(n.file));
    if (!match) throw new Error(`${n.file}: no clean target with the same name in the target folder`);
    if (match.image.height !== n.image.height || match.image.width !== n.image.width) {
      throw new Error(
        `${match.file}: ${match.image.width}x${match.image.height} does not match ${n.file} (${n.image.width}x${n.image.height})`,
      );
    }
    return match;
  });
}
