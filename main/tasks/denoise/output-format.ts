import type { WriteOptions } from '../../io';
import type { OutputFormat } from '../../shared/output-format';
import { DEFAULT_JPEG_QUALITY } from '../../shared/output-format';

/** The writer's options for a batch's format choice: `keep` leaves format and depth to each input. */
export function writeOptionsFor(
  format: OutputFormat | undefined,
): Pick<WriteOptions, 'format' | 'bitDepth' | 'quality'> {
  switch (format?.kind ?? 'keep') {
    case 'keep':
      return {};
    case 'png':
      return { format: 'png' };
    case 'tiff16':
      return { format: 'tiff', bitDepth: 16 };
    case 'tiff32':
      return { format: 'tiff', bitDepth: 32 };
    case 'jpeg':
      return { format: 'jpeg', bitDepth: 8, quality: format?.quality ?? DEFAULT_JPEG_QUALITY };
  }
}
