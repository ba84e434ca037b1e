import { sizeMultiple, type NetConfig } from '../../engine/nets/config';
import { effectivePatchSize } from '../../engine/patches';
import type { LoadedImage } from '../dataset';

/** Says so when the patch size asked for is not the one trained: a multiple of the network's, within every image. */
export function patchNote(
  images: readonly LoadedImage[],
  net: NetConfig,
  patch: number,
  asked: number | undefined,
  note: (m: string) => void,
): void {
  if (asked === undefined) return;
  const multiple = sizeMultiple(net);
  const used = effectivePatchSize(
    images.map(({ file, image }) => ({ name: file, image })),
    patch,
    multiple,
  );
  if (used === asked) return;
  const why =
    used < Math.floor(asked / multiple) * multiple
      ? 'the smallest image is no larger'
      : `a multiple of ${multiple}, the network's size multiple`;
  note(`patches of ${used} pixels a side, not ${asked}: ${why}`);
}
