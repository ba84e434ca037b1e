import { fromFile, type GeoTIFFImage } from 'geotiff';
import type { BitDepth, GeoTag } from './source-info';

/** The TIFF tags that place a raster on the Earth, and GDAL's no-data and band metadata. */
export const GEO_TAGS: ReadonlyArray<Pick<GeoTag, 'tag' | 'type'> & { readonly name: string }> = [
  { tag: 33550, type: 'double', name: 'ModelPixelScale' },
  { tag: 33922, type: 'double', name: 'ModelTiepoint' },
  { tag: 34264, type: 'double', name: 'ModelTransformation' },
  { tag: 34735, type: 'short', name: 'GeoKeyDirectory' },
  { tag: 34736, type: 'double', name: 'GeoDoubleParams' },
  { tag: 34737, type: 'ascii', name: 'GeoAsciiParams' },
  { tag: 42112, type: 'ascii', name: 'GDAL_METADATA' },
  { tag: 42113, type: 'ascii', name: 'GDAL_NODATA' },
];

function asValues(value: unknown, type: GeoTag['type']): GeoTag['values'] | undefined {
  if (type === 'ascii') return typeof value === 'string' ? value.replace(/\0+$/, '') : undefined;
  if (typeof value === 'number') return [value];
  if (ArrayBuffer.isView(value) || Array.isArray(value)) return Array.from(value as ArrayLike<number>, Number);
  return undefined;
}

/** Copies the geo tags present in a TIFF image, values as they are. */
export async function readGeoTags(image: GeoTIFFImage): Promise<GeoTag[]> {
  const tags: GeoTag[] = [];
  for (const { tag, type } of GEO_TAGS) {
    if (!image.fileDirectory.hasTag(tag)) continue;
    const values = asValues(await image.fileDirectory.loadValue(tag), type);
    if (values !== undefined) tags.push({ tag, type, values });
  }
  return tags;
}

/** The no-data value declared by GDAL_NODATA, if it is a number. */
export function noDataOf(tags: readonly GeoTag[]): number | undefined {
  const text = tags.find((t) => t.tag === 42113)?.values;
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  const value = Number(text.trim());
  return Number.isNaN(value) && text.trim().toLowerCase() !== 'nan' ? undefined : value;
}

/** The geo tags of a TIFF file's first image, reading only its header. */
export async function geoTagsOfFile(file: string): Promise<GeoTag[]> {
  const tiff = await fromFile(file);
  try {
    return await readGeoTags(await tiff.getImage(0));
  } finally {
    await tiff.close();
  }
}

/** GDAL_NODATA as it must read in a file of `bitDepth` (no-data is kept in engine units meanwhile). */
export function noDataText(noData: number, bitDepth: BitDepth): string {
  return bitDepth === 32 ? String(noData) : String(Math.round(noData * (bitDepth === 8 ? 255 : 65535)));
}

/** The source's geo tags for an output of `bitDepth`, no-data restated in that depth's units. */
export function geoTagsFor(tags: readonly GeoTag[], noData: number | undefined, bitDepth: BitDepth): GeoTag[] {
  if (noData === undefined) return [...tags];
  return tags.map((t) => (t.tag === 42113 ? { ...t, values: noDataText(noData, bitDepth) } : t));
}
