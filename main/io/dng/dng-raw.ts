import { numbers, reals, type TiffDirectory } from './tiff-directories';

export const TAG = {
  newSubfileType: 254,
  width: 256,
  height: 257,
  bitsPerSample: 258,
  compression: 259,
  photometric: 262,
  samplesPerPixel: 277,
  cfaRepeatPatternDim: 33421,
  cfaPattern: 33422,
  dngVersion: 50706,
  linearizationTable: 50712,
  blackLevelRepeatDim: 50713,
  blackLevel: 50714,
  blackLevelDeltaH: 50715,
  blackLevelDeltaV: 50716,
  whiteLevel: 50717,
  activeArea: 50829,
  sampleFormat: 339,
} as const;

const CFA = 32803;
const LINEAR_RAW = 34892;

/** Where a DNG's raw pixels are and how to read them as linear values in [0, 1]. */
export interface DngRaw {
  /** The directory holding the raw image (IFD0 or one of its SubIFDs). */
  readonly dir: TiffDirectory;
  readonly kind: 'cfa' | 'linear';
  /** The stored raster, masked borders included. */
  readonly width: number;
  readonly height: number;
  readonly samplesPerPixel: number;
  readonly bitsPerSample: number;
  /** top, left, bottom, right of the pixels that see light (ActiveArea; the whole raster if absent). */
  readonly active: readonly [number, number, number, number];
  /** Black level per position of its repeat pattern (rows x cols x samples), and the white level per sample. */
  readonly black: { readonly rows: number; readonly cols: number; readonly values: readonly number[] };
  /** BlackLevelDeltaH (one per active column) and BlackLevelDeltaV (one per active row), added to the black level. */
  readonly blackDelta: { readonly cols: readonly number[]; readonly rows: readonly number[] };
  /** The colour filter array's repeat pattern (rows x cols; 1 x 1 for linear raw). */
  readonly cfa: { readonly rows: number; readonly cols: number };
  readonly white: readonly number[];
  readonly linearization?: readonly number[];
}

function allDirectories(ifds: readonly TiffDirectory[]): TiffDirectory[] {
  return ifds.flatMap((d) => [d, ...allDirectories(d.subIfds)]);
}

function isRaw(dir: TiffDirectory): boolean {
  const photometric = numbers(dir, TAG.photometric)[0];
  return (numbers(dir, TAG.newSubfileType)[0] ?? 0) === 0 && (photometric === CFA || photometric === LINEAR_RAW);
}

/** Compressions of the raw image that are decoded, and what to say about others. */
const DECODED = new Set([1, 7, 8]);
function compressionProblem(compression: number): string | undefined {
  if (DECODED.has(compression)) return undefined;
  if (compression === 9) {
    return (
      'a GoPro GPR (a DNG whose raw image is VC-5 compressed, compression 9) cannot be decoded here; convert it to ' +
      "a plain DNG with GoPro's gpr_tools (gpr_tools -i IN.GPR -o OUT.DNG) or Adobe DNG Converter, and use that"
    );
  }
  if (compression === 34892)
    return "a lossy DNG (JPEG-compressed raw data, compression 34892) is not raw sensor data; use the camera's original raw file or a lossless DNG";
  if (compression === 52546)
    return 'a JPEG XL compressed DNG (compression 52546) cannot be decoded here; convert it to an uncompressed or lossless JPEG DNG with Adobe DNG Converter';
  return `compression ${compression} of the raw data is not supported (uncompressed, lossless JPEG and deflate are)`;
}

function area(dir: TiffDirectory): number {
  return (numbers(dir, TAG.width)[0] ?? 0) * (numbers(dir, TAG.height)[0] ?? 0);
}

/** The full-size raw image of a DNG, or a reason it cannot be read as one. */
export function findDngRaw(ifds: readonly TiffDirectory[]): DngRaw | string {
  if (!ifds[0] || numbers(ifds[0], TAG.dngVersion).length === 0) return 'not a DNG (no DNGVersion tag)';
  const raw = allDirectories(ifds)
    .filter(isRaw)
    .sort((a, b) => area(b) - area(a))[0];
  if (!raw) return 'the DNG holds no full-size raw image (CFA or linear raw)';
  const width = numbers(raw, TAG.width)[0]!;
  const height = numbers(raw, TAG.height)[0]!;
  const samplesPerPixel = numbers(raw, TAG.samplesPerPixel)[0] ?? 1;
  const bitsPerSample = numbers(raw, TAG.bitsPerSample)[0] ?? 1;
  const kind = numbers(raw, TAG.photometric)[0] === CFA ? 'cfa' : 'linear';
  const [cfaRows = 2, cfaCols = 2] = kind === 'cfa' ? numbers(raw, TAG.cfaRepeatPatternDim) : [1, 1];
  if (kind === 'cfa' && (samplesPerPixel !== 1 || cfaRows * cfaCols > 64))
    return `a ${cfaRows}x${cfaCols} colour filter array of ${samplesPerPixel} samples is not supported`;
  const problem = compressionProblem(numbers(raw, TAG.compression)[0] ?? 1);
  if (problem) return problem;
  if ((numbers(raw, TAG.sampleFormat)[0] ?? 1) !== 1 || bitsPerSample < 8 || bitsPerSample > 16) {
    return `${bitsPerSample}-bit ${numbers(raw, TAG.sampleFormat)[0] === 3 ? 'floating-point ' : ''}raw samples are not supported (8 to 16-bit integers are)`;
  }
  const [top = 0, left = 0, bottom = height, right = width] = numbers(raw, TAG.activeArea);
  const [rows = 1, cols = 1] = numbers(raw, TAG.blackLevelRepeatDim);
  const blackValues = reals(raw, TAG.blackLevel);
  const white = numbers(raw, TAG.whiteLevel);
  const linearization = numbers(raw, TAG.linearizationTable);
  return {
    dir: raw,
    kind,
    width,
    height,
    samplesPerPixel,
    bitsPerSample,
    active: [top, left, bottom, right],
    black: { rows, cols, values: blackValues.length > 0 ? blackValues : [0] },
    blackDelta: { cols: reals(raw, TAG.blackLevelDeltaH), rows: reals(raw, TAG.blackLevelDeltaV) },
    cfa: { rows: cfaRows, cols: cfaCols },
    white: white.length > 0 ? white : [2 ** bitsPerSample - 1],
    ...(linearization.length > 0 && { linearization }),
  };
}
