import { z } from 'zod';

/** What a batch writes: the input's own format and depth, or one chosen for all (JPEG with its quality). */
export const outputFormatKinds = ['keep', 'png', 'tiff16', 'tiff32', 'jpeg'] as const;
export const DEFAULT_JPEG_QUALITY = 95;

export const outputFormatSchema = z
  .object({
    kind: z.enum(outputFormatKinds),
    /** JPEG only, 1-100. */
    quality: z.number().int().min(1).max(100).optional(),
  })
  .strict();
export type OutputFormat = z.infer<typeof outputFormatSchema>;

/** `keep`, `png`, `tiff16`, `tiff32`, `jpeg` or `jpeg:QUALITY`; an error message names what is accepted. */
export function parseOutputFormat(text: string): OutputFormat {
  const [kind, quality, extra] = text.trim().toLowerCase().split(':');
  const known = outputFormatKinds.find((k) => k === kind);
  const usage = `use keep, png, tiff16, tiff32, jpeg or jpeg:QUALITY (1-100), got ${text}`;
  if (!known || extra !== undefined || (quality !== undefined && known !== 'jpeg')) throw new Error(usage);
  if (quality === undefined) return { kind: known };
  const q = Number(quality);
  if (!Number.isInteger(q) || q < 1 || q > 100) throw new Error(usage);
  return { kind: known, quality: q };
}

/** How the choice reads back (`jpeg:90`), for logs and the list of done files. */
export function describeOutputFormat(format: OutputFormat): string {
  return format.quality === undefined ? format.kind : `${format.kind}:${format.quality}`;
}
