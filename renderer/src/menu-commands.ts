import type { MenuCommand } from '../../main/shared/contract';
import { on } from './api';
import { useAppStore } from './stores/app';
import { useDatasetStore } from './stores/dataset';
import { useSettingsStore } from './stores/settings';

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
