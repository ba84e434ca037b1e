import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { readImage, reasonOf, scanFolder } from '../../io';
import type { WorkerResult, WorkerTask } from '../../shared/worker-messages';
import type { TaskContext } from '../task-context';

type Entry = WorkerResult<'scan'>['images'][number];

/**
 * The images of a folder: headers first (sizes, channels, bit depth), then every file decoded once, one at a time,
 * so that a damaged body (a truncated PNG) is listed with its reason here, before estimation or training.
 */
export async function scanTask(
  task: Extract<WorkerTask, { kind: 'scan' }>,
  context?: TaskContext,
): Promise<WorkerResult<'scan'>> {
  const scan = await scanFolder(task.folder);
  const failures = scan.failures.map((f) => ({ file: basename(f.file), reason: f.reason }));
  const images: Entry[] = [];
  const total = scan.images.length;
  for (const [index, probe] of scan.images.entries()) {
    const file = basename(probe.file);
    context?.progress({ kind: 'scan', progress: { done: index, total, file } });
    if (context?.signal.aborted) throw new Error('cancelled');
    try {
      await readImage(probe.file);
      const bytes = (await stat(probe.file)).size;
      images.push({
        file,
        format: probe.format,
        width: probe.width,
        height: probe.height,
        channels: probe.channels,
        bitDepth: probe.bitDepth,
        bytes,
      });
    } catch (error) {
      failures.push({ file, reason: reasonOf(error) });
    }
  }
  context?.progress({ kind: 'scan', progress: { done: total, total, file: '' } });
  failures.sort((a, b) => a.file.localeCompare(b.file));
  return { images, failures, ignored: scan.ignored.length };
}
