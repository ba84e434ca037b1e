import { basename } from 'node:path';
import { estimateImage } from '../../engine/estimate';
import { poolEstimates } from '../../engine/estimate/pool';
import { readImage, reasonOf } from '../../io';
import type { ImageEstimate } from '../../shared/estimate';
import { listImages } from '../../tasks/dataset';
import type { WorkerResult, WorkerTask } from '../messages';
import type { TaskContext } from '../task-context';

/**
 * Blind estimate of the noise parameter over the dataset (main/engine/estimate), one image at a time so that
 * memory holds one image and cancel is answered between images. Unreadable files are named in the warnings.
 */
export async function runEstimate(task: Extract<WorkerTask, { kind: 'estimate' }>, context: TaskContext): Promise<WorkerResult<'estimate'>> {
  const { files, failures } = await listImages(task.data);
  const estimates: ImageEstimate[] = [];
  const warnings = failures.map((f) => `${basename(f.file)} was skipped: ${f.reason}`);
  for (const file of files) {
    if (context.signal.aborted) throw new Error('cancelled');
    try {
      const { image } = await readImage(file);
      const one = estimateImage(basename(file), image, task.family, { amplitude: task.amplitude });
      estimates.push(one.estimate);
      warnings.push(...one.warnings);
    } catch (error) {
      const reason = reasonOf(error);
      warnings.push(reason.startsWith(basename(file)) ? reason : `${basename(file)} was skipped: ${reason}`);
    }
  }
  if (estimates.length === 0) throw new Error(`no image could be measured${warnings[0] ? ` (${warnings[0]})` : ''}`);
  const { pooled, warnings: pooledWarnings } = poolEstimates(estimates, task.family);
  return { images: estimates, pooled, warnings: [...warnings, ...pooledWarnings] };
}
