import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppInfo } from '../../../main/shared/contract';
import type { Result } from '../../../main/shared/result';
import type { BackendReportData } from '../../../main/shared/settings';
import { call, on } from '../api';

export type ViewName = 'dataset' | 'noise' | 'train' | 'compare';

export interface Notice {
  readonly id: number;
  readonly kind: 'error' | 'info';
  readonly text: string;
}

let nextNotice = 1;

/** The app as a whole: what main says about itself, the backend in use, the current view, and notices. */
export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null);
  const backend = ref<BackendReportData | null>(null);
  const view = ref<ViewName>('dataset');
  const notices = ref<Notice[]>([]);

  function notify(kind: Notice['kind'], text: string): void {
    const notice = { id: nextNotice++, kind, text };
    notices.value = [...notices.value.slice(-3), notice];
    if (kind === 'info') window.setTimeout(() => dismiss(notice.id), 5000);
  }

  function dismiss(id: number): void {
    notices.value = notices.value.filter((n) => n.id !== id);
  }

  /** The value of a result, or undefined after showing its error. */
  function take<T>(result: Result<T>): T | undefined {
    if (result.ok) return result.value;
    notify('error', result.error.message);
    return undefined;
  }

  async function load(): Promise<void> {
    on('app:backend', (report) => (backend.value = report));
    const loaded = take(await call('app:info', {}));
    if (!loaded) return;
    info.value = loaded;
    backend.value ??= loaded.backend;
  }

  return { info, backend, view, notices, notify, dismiss, take, load };
});
