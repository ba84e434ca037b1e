import { z } from 'zod';

/** Folder ids are opaque tokens main hands out; the renderer never sends a path to be opened. */
export const folderIdSchema = z.string().regex(/^[a-z0-9-]{6,40}$/);

/** A name inside a chosen folder, as listed by main: no separators, no parent steps. */
export const fileNameSchema = z
  .string()
  .min(1)
  .max(255)
  .refine((n) => !/[\\/]/.test(n) && n !== '.' && n !== '..', 'a file name, not a path');

export const folderPurposes = ['dataset', 'output', 'import-model', 'export-model'] as const;
export type FolderPurpose = (typeof folderPurposes)[number];

export const folderRefSchema = z.object({
  id: folderIdSchema,
  name: z.string(),
  /** For display only. */
  path: z.string(),
});
export type FolderRef = z.infer<typeof folderRefSchema>;

/** An image the renderer may show: served by main's read-only image protocol, never opened from a path. */
export const imageRefSchema = z.object({ folderId: folderIdSchema, file: fileNameSchema });
export type ImageRef = z.infer<typeof imageRefSchema>;

export const fileFailureSchema = z.object({ file: z.string(), reason: z.string() });

export const imageEntrySchema = z.object({
  file: fileNameSchema,
  format: z.enum(['png', 'jpeg', 'tiff', 'dng']),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  channels: z.number().int().positive(),
  bitDepth: z.union([z.literal(8), z.literal(16), z.literal(32)]),
  bytes: z.number().int().nonnegative(),
});
export type ImageEntry = z.infer<typeof imageEntrySchema>;

/** The Dataset step decodes every file before anything else runs: how far it is. */
export const scanProgressSchema = z.object({
  folderId: folderIdSchema,
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  file: z.string(),
});
export type ScanProgress = z.infer<typeof scanProgressSchema>;

export const datasetSummarySchema = z.object({
  folder: folderRefSchema,
  images: z.array(imageEntrySchema),
  failures: z.array(fileFailureSchema),
  /** Files that are not images (text, sidecars), left alone. */
  ignored: z.number().int().nonnegative(),
  /** Images held out for the estimated PSNR (none below four images: validation then reuses training images). */
  heldOut: z.number().int().nonnegative(),
});
export type DatasetSummary = z.infer<typeof datasetSummarySchema>;

/** The engine's split (engine/train/data.ts): about 10% held out, at least one, from four images up. */
export function heldOutCount(images: number): number {
  return images < 4 ? 0 : Math.max(1, Math.round(images * 0.1));
}

export const folderListingSchema = z.object({
  /** The served root's own name. */
  root: z.string(),
  /** Relative to the served root; '' is the root itself. */
  path: z.string(),
  parent: z.string().nullable(),
  folders: z.array(z.object({ name: z.string(), path: z.string() })),
  images: z.number().int().nonnegative(),
});
export type FolderListing = z.infer<typeof folderListingSchema>;
