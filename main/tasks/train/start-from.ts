import type { TrainOptions } from '../../engine/train/options';
import { trainDefaults } from '../../shared/defaults';
import type { NoiseSpec } from '../../shared/noise';
import type { LoadedImage } from '../dataset';
import { defaultInit } from './builtin-models';
import type { InitChoice, InitRequest } from './init-model';

export interface StartRequest {
  readonly init?: InitRequest;
  readonly noise?: NoiseSpec;
  /** Supervised runs (clean targets) start from random weights unless told otherwise. */
  readonly target?: string;
  readonly options: Partial<Pick<TrainOptions, 'net'>>;
}

/** What a new run starts from: the init asked for, with 'default' decided on the images read (defaultInit). */
export function startFrom(
  request: StartRequest,
  images: readonly LoadedImage[],
  note: (m: string) => void,
): InitChoice | undefined {
  if (request.init !== 'default') return request.init;
  if (!request.noise || request.target) return undefined;
  const channels = Math.max(...images.map((image) => image.image.channels));
  return defaultInit(request.noise, request.options.net ?? trainDefaults.net, channels, note);
}
