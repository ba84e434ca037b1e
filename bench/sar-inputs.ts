// Real SAR development files turned into what GR2R Studio reads, in a temporary folder (never into the repository):
//   MSTAR chips (ASCII "Phoenix" header, then big-endian float32 magnitude and phase planes) -> CFloat32 complex TIFF;
//   a float32 TIFF in dB (name containing "_db") -> linear intensity 10^(v/10), float32, geo tags kept.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { makeImage } from '../main/engine/image';
import { readImage, writeImage } from '../main/io';
import { stripTiff } from '../test/helpers/strip-tiff';

/** The complex samples of an MSTAR chip: z = magnitude e^{i phase}, row-major. */
export function parseMstar(
  bytes: Buffer,
  file: string,
): { width: number; height: number; re: Float32Array; im: Float32Array } {
  const head = bytes.subarray(0, 4096).toString('latin1');
  const field = (name: string) => Number(new RegExp(`${name}=\\s*(\\d+)`).exec(head)?.[1]);
  const [headerLength, width, height] = [field('PhoenixHeaderLength'), field('NumberOfColumns'), field('NumberOfRows')];
  if (!(headerLength > 0 && width > 0 && height > 0)) throw new Error(`${file}: not an MSTAR Phoenix chip`);
  const n = width * height;
  if (bytes.length < headerLength + 8 * n)
    throw new Error(`${file}: ${bytes.length} bytes, fewer than the header says`);
  const view = new DataView(bytes.buffer, bytes.byteOffset + headerLength, 8 * n);
  const re = new Float32Array(n);
  const im = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const magnitude = view.getFloat32(4 * k, false);
    const phase = view.getFloat32(4 * (n + k), false);
    re[k] = magnitude * Math.cos(phase);
    im[k] = magnitude * Math.sin(phase);
  }
  return { width, height, re, im };
}

/** Writes the converted files into `out`; `complex: false` writes MSTAR as its unwhitened intensity |z|^2 instead. */
export async function prepareSarInputs(dir: string, out: string, complex = true): Promise<string[]> {
  const written: string[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const file = join(dir, name);
    if (/^mstar_/i.test(name)) {
      const z = parseMstar(await readFile(file), file);
      const target = join(out, `${basename(name).replace(/\./g, '_')}.tif`);
      if (complex) {
        const iq = new Float32Array(2 * z.re.length);
        z.re.forEach((v, k) => {
          iq[2 * k] = v;
          iq[2 * k + 1] = z.im[k]!;
        });
        await writeFile(
          target,
          stripTiff({ width: z.width, height: z.height, sampleFormat: 6, bitsPerSample: 64, rowsPerStrip: 16 }, iq),
        );
      } else {
        const intensity = Float32Array.from(z.re, (v, k) => v * v + z.im[k]! ** 2);
        const source = {
          file,
          format: 'tiff' as const,
          bitDepth: 32 as const,
          width: z.width,
          height: z.height,
          channels: 1,
          notes: [],
        };
        await writeImage(target, makeImage(z.height, z.width, 1, intensity), source);
      }
      written.push(target);
    } else if (/_db.*\.tiff?$/i.test(name)) {
      const { image, source } = await readImage(file);
      const linear = makeImage(
        image.height,
        image.width,
        1,
        Float32Array.from(image.data, (v) => 10 ** (v / 10)),
      );
      const target = join(out, name.replace(/_db/i, '_linear'));
      await writeImage(target, linear, source);
      written.push(target);
    }
  }
  return written;
}
