import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { scanFolder } from '../../io';
import type { WorkerResult, WorkerTask } from '../messages';

/** The images of a folder from their headers: sizes, channels, bit depth; unreadable files with the reason. */
export async function scanTask(task: Extract<WorkerTask, { kind: 'scan' }>): Promise<WorkerResult<'scan'>> {
  const scan = await scanFolder(task.folder);
  const images = await Promise.all(scan.images.map(async (probe) => ({
    file: basename(probe.file),
    format: probe.format,
    width: probe.width,
    height: probe.height,
    channels: probe.channels,
    bitDepth: probe.bitDepth,
    bytes: (await stat(probe.file)).size,
  })));
  const failures = scan.failures.map((f) => ({ file: basename(f.file), reason: f.reason }));
  return { images, failures, ignored: scan.ignored.length };
}
