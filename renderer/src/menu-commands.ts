import type { MenuCommand } from '../../main/shared/contract';
import { on } from './api';
import { useAppStore } from './stores/app';
import { useDatasetStore } from './stores/dataset';
import { useSettingsStore } from './stores/settings';
import { useCompareStore } from './stores/compare';
import { useTrainingStore } from './stores/training';

/** Asks the Compare view (which knows what is on screen) to preview the visible area. */
export const PREVIEW_EVENT = 'gr2r:preview-visible';

/** What each item of Electron's application menu does in the page. */
export function runMenuCommand(command: MenuCommand): void {
  const app = useAppStore();
  switch (command) {
    case 'choose-dataset':
      app.view = 'dataset';
      void useDatasetStore().choose();
      return;
    case 'open-settings':
      useSettingsStore().open = true;
      return;
    case 'start-training':
      app.view = 'train';
      if (!useTrainingStore().running) void useTrainingStore().start();
      return;
    case 'stop-training':
      if (useTrainingStore().running) void useTrainingStore().cancel();
      return;
    case 'preview-visible':
      app.view = 'compare';
      // The view may only now be mounting: let it render, then ask.
      setTimeout(() => window.dispatchEvent(new Event(PREVIEW_EVENT)), 0);
      return;
    case 'denoise-all':
      app.view = 'compare';
      void useCompareStore().denoiseAll();
      return;
    case 'show-dataset':
    case 'show-noise':
    case 'show-train':
    case 'show-compare':
      app.view = command.slice('show-'.length) as typeof app.view;
  }
}

export function listenToMenu(): () => void {
  return on('app:command', runMenuCommand);
}
