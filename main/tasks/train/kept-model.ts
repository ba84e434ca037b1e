import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Checkpoint } from '../../engine/checkpoint';
import type { BestWeights } from '../../engine/train/best-keeper';
import { loadModel, saveModel } from '../../io';
import type { ModelMeta } from '../../shared/model';
import { modelMetaSchema } from '../../shared/model';

/** The last step's resumable checkpoint, inside the model folder, when the weights kept are an earlier step's. */
export const CHECKPOINT_FOLDER = 'checkpoint';

const parseMeta = (json: unknown): ModelMeta => modelMetaSchema.parse(json);

/** The model to keep: the last step's, unless an earlier step had a better estimated PSNR. */
export function keptCheckpoint(
  last: Checkpoint,
  best: BestWeights | undefined,
  earlyStopped?: ModelMeta['earlyStopped'],
): Checkpoint {
  const withStop = { ...last.meta, ...(earlyStopped && { earlyStopped }) };
  if (!best || best.step === last.meta.step) return { ...last, meta: withStop };
  const meta: ModelMeta = { ...withStop, step: best.step, estPsnr: best.estPsnr, trainedSteps: last.meta.step };
  return { meta, artifacts: best.artifacts };
}

/**
 * Saves the model folder: the kept weights (what denoising uses), and, when those are an earlier step's,
 * the last step's checkpoint (network and optimiser) in `checkpoint/` so that --resume continues the same run.
 */
export async function saveKept(out: string, last: Checkpoint, kept: Checkpoint): Promise<void> {
  const sameStep = kept.meta.step === last.meta.step;
  await saveModel(out, kept.artifacts, kept.meta, sameStep ? last.optimizer : undefined, { overwrite: true });
  if (!sameStep)
    await saveModel(join(out, CHECKPOINT_FOLDER), last.artifacts, last.meta, last.optimizer, { overwrite: true });
}

/** The checkpoint to resume from (`checkpoint/` when the kept weights are older) and the best weights so far. */
export async function loadForResume(out: string): Promise<{ resume: Checkpoint; best?: BestWeights }> {
  const model = await loadModel(out, parseMeta);
  const inner = join(out, CHECKPOINT_FOLDER);
  const hasInner =
    model.meta.trainedSteps !== undefined &&
    (await stat(join(inner, 'gr2r.json')).then(
      () => true,
      () => false,
    ));
  const resume = hasInner ? await loadModel(inner, parseMeta) : model;
  const best =
    model.meta.estPsnr === null
      ? undefined
      : { step: model.meta.step, estPsnr: model.meta.estPsnr, artifacts: model.artifacts };
  return { resume: { ...resume, meta: { ...resume.meta, trainedSteps: undefined, earlyStopped: undefined } }, best };
}
