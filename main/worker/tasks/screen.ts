import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ScreenImages } from '../../tasks/preview/screen-image';
import type { WorkerResult, WorkerTask } from '../../shared/worker-messages';

const images = new ScreenImages();
let counter = 0;

/** An image for the screen: main reads the PNG written into `out` (a message would copy megabytes through IPC). */
export async function runScreen(task: Extract<WorkerTask, { kind: 'screen' }>): Promise<WorkerResult<'screen'>> {
  const shown = await images.render(task.file, task.size, task.rangeOf, {
    stretch: task.stretch ?? 'auto',
    ratio: task.ratio ?? false,
  });
  if ('asIs' in shown) return { asIs: shown.asIs };
  const png = join(task.out, `screen-${process.pid}-${Date.now()}-${++counter}.png`);
  await writeFile(png, shown.png);
  return { png };
}
