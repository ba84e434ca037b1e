import { stat } from 'node:fs/promises';
import type { Checkpoint } from '../../engine/checkpoint';
import type { BestWeights } from '../../engine/train/best-keeper';
import { freeSibling, sameDataset } from './dataset-fingerprint';
import { loadForResume } from './kept-model';
import type { TrainTaskInput } from './train-task';

/** A new run's folder must not exist yet; a resumed one's must. Checked again by resumeFrom. */
export async function checkOutFolder(out: string, resume: boolean | undefined): Promise<void> {
  const exists = await stat(out).then(
    () => true,
    () => false,
  );
  if (!resume && exists)
    throw new Error(`${out}: already exists; pass --resume to continue that run, or choose another --out`);
  if (resume && !exists) throw new Error(`${out}: no model to resume from`);
}

/** The checkpoint a run resumes from (`--resume`), or none for a new run, whose folder must not exist yet. */
export async function resumeFrom(
  input: TrainTaskInput,
): Promise<{ resume: Checkpoint; best?: BestWeights } | undefined> {
  await checkOutFolder(input.out, input.resume);
  if (!input.resume) return undefined;
  const found = await loadForResume(input.out);
  if (!found.resume.optimizer)
    throw new Error(`${input.out}: holds no optimiser state, so training cannot resume from it`);
  return found;
}

/**
 * Where a run writes. A new run: its own folder. A resume on the images the model was trained on: the same
 * folder, replaced only at the end. A resume on other images: a new folder, so the model resumed stays as it was.
 */
export async function resumeTarget(
  input: TrainTaskInput,
  resume: Checkpoint | undefined,
  files: readonly string[],
  fingerprint: string,
  note: (m: string) => void,
): Promise<{ out: string; inPlace: boolean }> {
  if (!resume) return { out: input.out, inPlace: false };
  if (resume.meta.fingerprint === undefined || (await sameDataset(resume.meta.fingerprint, files, fingerprint)))
    return { out: input.out, inPlace: true };
  const out = input.forkTo ?? (await freeSibling(input.out));
  note(
    `${input.data} is not the data ${input.out} was trained on: training continues into a new model, ${out}; ${input.out} is left as it was`,
  );
  return { out, inPlace: false };
}
