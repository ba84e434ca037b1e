// The raw acceptance check on a noisy raw file and its denoised DNG, both read by dcraw (the independent reader):
// dcraw decodes the output, the global mean of the raw values is kept (within 1%), and the noise in the flattest
// regions of each CFA plane is lowered (at least 2x). Prints one table row per CFA plane.
// Run: npx tsx bench/raw-check.ts NOISY.dng DENOISED.dng [BLACK]
// The flattest regions: 16x16 blocks of a plane whose noisy values have the lowest residual after a plane fit
// (the lowest 5%, blocks with any value at 0 or at the white level left out); noise = the residual's std there.
import { execFileSync } from 'node:child_process';

interface Mosaic {
  readonly width: number;
  readonly height: number;
  readonly values: Uint16Array;
}

// `-t 0`: the mosaic as stored. dcraw's -D still applies the file's Orientation, and a mirrored one (the GoPro's
// "Mirror horizontal") moves each photosite to the other column parity: plane (0,0) would be another colour's.
function dcrawRaw(file: string): Mosaic {
  const pgm = execFileSync('dcraw', ['-D', '-4', '-t', '0', '-c', file], { maxBuffer: 1 << 30 });
  const header = /^P5\s+(\d+)\s+(\d+)\s+65535\s/.exec(pgm.toString('latin1', 0, 40));
  if (!header) throw new Error(`dcraw did not decode ${file}`);
  const [width, height] = [Number(header[1]), Number(header[2])];
  const values = new Uint16Array(width * height);
  const body = pgm.subarray(header[0].length);
  for (let i = 0; i < values.length; i++) values[i] = body.readUInt16BE(2 * i);
  return { width, height, values };
}

/** The filter colour of each cell of the 2x2 pattern, as dcraw reads it ("Filter pattern: RG/GB"), or '?'. */
function filterColours(file: string): (dy: number, dx: number) => string {
  const info = execFileSync('dcraw', ['-i', '-v', file]).toString();
  const rows = /Filter pattern: (\w+)\/(\w+)/.exec(info)?.slice(1, 3);
  return (dy, dx) => rows?.[dy]?.[dx] ?? '?';
}

const BLOCK = 16;

/** Residual std after a least-squares plane a + b x + c y over one block of plane (dy, dx) of a 2x2 mosaic. */
function blockResidual(m: Mosaic, dy: number, dx: number, by: number, bx: number, white: number): number | undefined {
  let n = 0;
  let sv = 0;
  let sxv = 0;
  let syv = 0;
  const vals: number[] = [];
  for (let y = 0; y < BLOCK; y++) {
    for (let x = 0; x < BLOCK; x++) {
      const v = m.values[(2 * (by * BLOCK + y) + dy) * m.width + 2 * (bx * BLOCK + x) + dx]!;
      if (v === 0 || v >= white) return undefined;
      vals.push(v);
      const cx = x - (BLOCK - 1) / 2;
      const cy = y - (BLOCK - 1) / 2;
      n++;
      sv += v;
      sxv += cx * v;
      syv += cy * v;
    }
  }
  const sxx = (BLOCK * BLOCK * (BLOCK * BLOCK - 1)) / 12;
  const [a, b, c] = [sv / n, sxv / sxx, syv / sxx];
  let ss = 0;
  vals.forEach((v, k) => {
    const cx = (k % BLOCK) - (BLOCK - 1) / 2;
    const cy = Math.floor(k / BLOCK) - (BLOCK - 1) / 2;
    ss += (v - a - b * cx - c * cy) ** 2;
  });
  return Math.sqrt(ss / (n - 3));
}

function main(): void {
  const [noisyFile, denoisedFile, blackArg] = process.argv.slice(2);
  if (!noisyFile || !denoisedFile) throw new Error('usage: npx tsx bench/raw-check.ts NOISY.dng DENOISED.dng [BLACK]');
  const noisy = dcrawRaw(noisyFile);
  const denoised = dcrawRaw(denoisedFile);
  if (noisy.width !== denoised.width || noisy.height !== denoised.height)
    throw new Error('the two mosaics differ in size');
  const black = Number(blackArg ?? 0);
  const mean = (m: Mosaic): number => m.values.reduce((s, v) => s + v, 0) / m.values.length;
  const [mn, md] = [mean(noisy), mean(denoised)];
  console.log(`dcraw decodes both: ${noisy.width}x${noisy.height}`);
  console.log(
    `global mean (raw DN): noisy ${mn.toFixed(2)}, denoised ${md.toFixed(2)}, change ${(100 * (md / mn - 1)).toFixed(3)}%`,
  );
  console.log(`global mean above black ${black}: change ${(100 * ((md - black) / (mn - black) - 1)).toFixed(3)}%`);
  const white = noisy.values.reduce((m, v) => Math.max(m, v), 0);
  const colour = filterColours(noisyFile);
  console.log('| CFA plane | flat blocks | noise noisy (DN) | noise denoised (DN) | lowered |');
  console.log('|---|---|---|---|---|');
  for (const [dy, dx] of [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ] as const) {
    const blocks: { by: number; bx: number; r: number }[] = [];
    for (let by = 0; by < Math.floor(noisy.height / 2 / BLOCK); by++) {
      for (let bx = 0; bx < Math.floor(noisy.width / 2 / BLOCK); bx++) {
        const r = blockResidual(noisy, dy, dx, by, bx, white);
        if (r !== undefined) blocks.push({ by, bx, r });
      }
    }
    blocks.sort((p, q) => p.r - q.r);
    const flat = blocks.slice(0, Math.max(1, Math.round(blocks.length * 0.05)));
    const median = (xs: number[]): number => xs.sort((p, q) => p - q)[Math.floor(xs.length / 2)]!;
    const before = median(flat.map((f) => f.r));
    const after = median(flat.map((f) => blockResidual(denoised, dy, dx, f.by, f.bx, Infinity) ?? 0));
    console.log(
      `| (${dy},${dx}) ${colour(dy, dx)} | ${flat.length} | ${before.toFixed(2)} | ${after.toFixed(2)} | ${(before / after).toFixed(2)}x |`,
    );
  }
}

main();
