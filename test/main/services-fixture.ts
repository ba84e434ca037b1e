import { join } from 'node:path';
import type { AppServices } from '../../main/services/app-services';
import { createServices } from '../../main/services/create-services';
import { RootChooser } from '../../main/services/root-chooser';
import type { SpawnWorker, WorkerHandle } from '../../main/app/worker-handle';

/** A worker that never answers: for tests that must not start the real one. */
export const silentWorker: SpawnWorker = (): WorkerHandle => ({
  send: () => undefined,
  onMessage: () => undefined,
  onExit: () => undefined,
  kill: () => undefined,
});

/** The app's services over a temp folder (root of the picker and data folder), with a given worker. */
export async function testServices(dir: string, spawnWorker: SpawnWorker = silentWorker): Promise<AppServices> {
  return createServices({
    mode: 'browser',
    version: '0.0.0-test',
    dataDir: join(dir, 'data'),
    chooser: await RootChooser.create(dir),
    spawnWorker,
  });
}
