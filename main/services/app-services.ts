import type { JobManager } from '../app/jobs';
import type { SettingsStore } from '../app/settings';
import type { EventHub } from './events';
import type { FolderChooser } from './folder-chooser';
import type { FolderRegistry } from './folders';
import type { ImageService } from './image-response';
import type { JobService } from './job-service';
import type { ModelLibrary } from './models';

/** Everything the channel handlers use; Electron main and `gr2r serve` build it with their own chooser and worker. */
export interface AppServices {
  readonly mode: 'electron' | 'browser';
  readonly version: string;
  readonly settings: SettingsStore;
  readonly folders: FolderRegistry;
  readonly chooser: FolderChooser;
  readonly models: ModelLibrary;
  readonly jobs: JobManager;
  readonly jobService: JobService;
  readonly images: ImageService;
  readonly hub: EventHub;
  /** Shows a folder in the system's file manager (Electron only). */
  readonly openFolder?: (path: string) => Promise<void>;
  /** A dataset folder given on the command line, opened when the page starts. */
  readonly startDataset?: string;
}
