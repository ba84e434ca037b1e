import { join } from 'node:path';
import { JobManager } from '../app/jobs';
import { SettingsStore } from '../app/settings';
import type { SpawnWorker } from '../app/worker-handle';
import type { AppServices } from './app-services';
import { EventHub } from './events';
import type { FolderChooser } from './folder-chooser';
import { FolderRegistry } from './folders';
import { ImageService } from './image-response';
import { JobService } from './job-service';
import { ModelLibrary } from './models';
import { freshPreviewsFolder } from './previews-folder';

export interface ServiceOptions {
  readonly mode: AppServices['mode'];
  readonly version: string;
  /** Settings, the models library and preview crops live here (Electron: userData). */
  readonly dataDir: string;
  readonly chooser: FolderChooser;
  readonly spawnWorker: SpawnWorker;
  readonly openFolder?: (path: string) => Promise<void>;
  /** A dataset folder given on the command line (or by the OS), opened when the page starts. */
  readonly startDataset?: string;
}

/** Starts the worker and lets it choose the compute backend, so the app shows it before the first job. */
export function warmUp(app: AppServices): void {
  app.jobs
    .run({ kind: 'backend' })
    .done.catch((error: Error) => process.stderr.write(`gr2r: no compute backend: ${error.message}\n`));
}

export async function createServices(options: ServiceOptions): Promise<AppServices & { notes: readonly string[] }> {
  const settings = await SettingsStore.open(join(options.dataDir, 'settings.json'));
  const folders = new FolderRegistry();
  const notes = [...settings.notes];
  const previewsPath = await freshPreviewsFolder(options.dataDir, (line) => notes.push(line));
  const previews = folders.get((await folders.register(previewsPath)).id);
  const models = new ModelLibrary(join(options.dataDir, 'models'));
  const jobs = new JobManager(options.spawnWorker, settings.user.backend);
  const hub = new EventHub();
  jobs.onBackend((report) => hub.emit('app:backend', report));
  const jobService = new JobService(jobs, hub, {
    folders,
    models,
    settings,
    chooser: options.chooser,
    previews,
    exportsDir: join(options.dataDir, 'exports'),
  });
  return {
    mode: options.mode,
    version: options.version,
    settings,
    folders,
    chooser: options.chooser,
    models,
    jobs,
    jobService,
    images: new ImageService(folders, (request) => jobs.run({ kind: 'screen', ...request, out: previewsPath }).done),
    hub,
    openFolder: options.openFolder,
    notes,
    ...(options.startDataset !== undefined && { startDataset: options.startDataset }),
  };
}
