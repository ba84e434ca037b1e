import type * as tfl from '@tensorflow/tfjs-layers';
import { netFromArtifacts } from '../engine/checkpoint';
import { loadModel } from '../io';
import type { ModelMeta } from '../shared/model';
import { modelMetaSchema } from '../shared/model';

export interface LoadedModel {
  readonly net: tfl.LayersModel;
  readonly meta: ModelMeta;
}

/** A model folder made ready to denoise: its network built and its gr2r.json validated. */
export async function openModel(dir: string): Promise<LoadedModel> {
  const folder = await loadModel(dir, (json) => modelMetaSchema.parse(json));
  try {
    return { net: await netFromArtifacts(folder.artifacts), meta: folder.meta };
  } catch (error) {
    throw new Error(
      `${dir}: model.json and weights.bin do not make a network (${error instanceof Error ? error.message : error})`,
    );
  }
}
