import type { InvokeChannel, ParsedRequestOf, ValueOf } from '../shared/contract';
import { heldOutCount } from '../shared/dataset';
import { AppFailure } from '../shared/result';
import type { WorkerProgress } from '../shared/worker-messages';
import type { AppServices } from './app-services';
import { warmUp } from './create-services';

export type Handlers = { [C in InvokeChannel]: (request: ParsedRequestOf<C>) => Promise<ValueOf<C>> };

async function scanDataset(app: AppServices, folderId: string): Promise<ValueOf<'dataset:scan'>> {
  const folder = app.folders.get(folderId);
  const onProgress = (update: WorkerProgress) => {
    if (update.kind === 'scan') app.hub.emit('dataset:progress', { folderId, ...update.progress });
  };
  const scan = await app.jobs.run({ kind: 'scan', folder: folder.path }, { onProgress }).done;
  await app.settings.rememberDataset(folder.path);
  return { folder: app.folders.ref(folder), ...scan, heldOut: heldOutCount(scan.images.length) };
}

async function recentDatasets(app: AppServices): Promise<ValueOf<'dataset:recent'>> {
  const refs = await Promise.all(
    app.settings.recentDatasets
      .filter((path) => app.chooser.allows(path))
      .map((path) => app.folders.register(path).catch(() => null)),
  );
  return refs.filter((ref) => ref !== null);
}

async function chooseFolder(
  app: AppServices,
  request: ParsedRequestOf<'folder:choose'>,
): Promise<ValueOf<'folder:choose'>> {
  const path = await app.chooser.choose(request.purpose, request.path);
  return path === null ? null : app.folders.register(path);
}

/** The folder given on the command line, if the chooser allows it (under `gr2r serve`: inside --root). */
async function startDataset(app: AppServices): Promise<ValueOf<'app:info'>['startDataset']> {
  if (app.startDataset === undefined || !app.chooser.allows(app.startDataset)) return null;
  return app.folders.register(app.startDataset).catch(() => null);
}

/** One handler per channel of the contract; each gets a request already checked against its schema. */
export function createHandlers(app: AppServices): Handlers {
  return {
    'app:info': async () => ({
      version: app.version,
      mode: app.mode,
      canOpenFolders: app.openFolder !== undefined,
      backend: app.jobs.backend,
      startDataset: await startDataset(app),
    }),
    'settings:get': async () => app.settings.user,
    'settings:update': async (patch) => {
      const before = app.settings.user.backend;
      const user = await app.settings.update(patch);
      app.jobs.setBackendChoice(user.backend);
      if (user.backend !== before) warmUp(app);
      return user;
    },
    'folder:choose': (request) => chooseFolder(app, request),
    'folder:browse': async ({ path }) => {
      if (app.chooser.native) throw new AppFailure('unsupported', 'folders are chosen with the system dialog here');
      return app.chooser.browse(path);
    },
    'folder:open': async ({ folderId }) => {
      if (!app.openFolder) throw new AppFailure('unsupported', 'a browser cannot open folders on this machine');
      await app.openFolder(app.folders.get(folderId).path);
      return null;
    },
    'dataset:scan': ({ folderId }) => scanDataset(app, folderId),
    'dataset:recent': () => recentDatasets(app),
    'models:list': () => app.models.list(),
    'models:import': ({ folderId }) => app.models.import(app.folders.get(folderId).path),
    'models:rename': async ({ modelId, name }) => {
      // A training run writes into its model folder: no renaming under it.
      if ([...app.jobService.running().values()].includes('train'))
        throw new AppFailure('conflict', `rename ${modelId} when training stops`);
      return app.models.rename(modelId, name);
    },
    'models:export': async ({ modelId, folderId }) => {
      return app.folders.register(await app.models.export(modelId, app.folders.get(folderId).path));
    },
    'jobs:start': (request) => app.jobService.start(request),
    'jobs:cancel': async ({ jobId }) => app.jobService.cancel(jobId),
  };
}
