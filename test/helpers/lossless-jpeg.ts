/**
 * A lossless JPEG (ITU T.81 process 14, SOF3) encoder, as DNG writers store raw data (compression 7): predictor 1
 * (the sample to the left; the first row predicts from the left, the first column from above), one Huffman table
 * whose 17 difference categories all take a 5-bit code. Small and slow: for test files only.
 */
export function encodeLosslessJpeg(
  samples: ArrayLike<number>,
  width: number,
  height: number,
  components: number,
  precision: number,
): Uint8Array {
  const bytes: number[] = [0xff, 0xd8];
  const segment = (marker: number, body: number[]): void => {
    bytes.push(0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body);
  };
  const comps = Array.from({ length: components }, (_, c) => c + 1);
  segment(0xc3, [
    precision,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    components,
    ...comps.flatMap((c) => [c, 0x11, 0]),
  ]);
  const counts = new Array<number>(16).fill(0);
  counts[4] = 17; // 17 codes of 5 bits: category k is code k
  segment(0xc4, [0x00, ...counts, ...Array.from({ length: 17 }, (_, k) => k)]);
  segment(0xda, [components, ...comps.flatMap((c) => [c, 0x00]), 1, 0, 0]);

  let buffer = 0;
  let held = 0;
  const put = (value: number, bits: number): void => {
    for (let b = bits - 1; b >= 0; b--) {
      buffer = (buffer << 1) | ((value >>> b) & 1);
      if (++held === 8) {
        bytes.push(buffer);
        if (buffer === 0xff) bytes.push(0);
        buffer = 0;
        held = 0;
      }
    }
  };
  const row = width * components;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < row; x++) {
      const k = y * row + x;
      const predicted = x >= components ? samples[k - components]! : y > 0 ? samples[k - row]! : 1 << (precision - 1);
      let diff = (samples[k]! - predicted) & 0xffff;
      if (diff >= 0x8000) diff -= 0x10000;
      const category = diff === -0x8000 ? 16 : diff === 0 ? 0 : 32 - Math.clz32(Math.abs(diff));
      put(category, 5);
      if (category > 0 && category < 16) put(diff < 0 ? diff - 1 : diff, category);
    }
  }
  if (held > 0) put(0xff, 8 - held);
  bytes.push(0xff, 0xd9);
  return Uint8Array.from(bytes);
}
