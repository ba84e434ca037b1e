import type { BrowserWindow, Dialog } from 'electron';
import type { FolderChooser } from '../services/folder-chooser';
import type { FolderPurpose } from '../shared/dataset';
import { AppFailure } from '../shared/result';

const titles: Record<FolderPurpose, { title: string; button: string }> = {
  dataset: { title: 'Choose the folder of noisy images', button: 'Use this folder' },
  output: { title: 'Choose where denoised images go', button: 'Choose' },
  'import-model': { title: 'Choose a GR2R model folder to load', button: 'Load' },
  'export-model': { title: 'Choose where to save a copy of the model', button: 'Save here' },
};

/** Folders come from the system dialog, run by main; the page only ever gets back an id. */
export class DialogChooser implements FolderChooser {
  readonly native = true;

  constructor(
    private readonly dialog: Pick<Dialog, 'showOpenDialog'>,
    private readonly window: () => BrowserWindow | undefined,
  ) {}

  async choose(purpose: FolderPurpose): Promise<string | null> {
    const { title, button } = titles[purpose];
    const options = {
      title,
      buttonLabel: button,
      properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[],
    };
    const owner = this.window();
    const result = owner ? await this.dialog.showOpenDialog(owner, options) : await this.dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  }

  async browse(): Promise<never> {
    throw new AppFailure('unsupported', 'folders are chosen with the system dialog');
  }

  allows(): boolean {
    return true;
  }
}
