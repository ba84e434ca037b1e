import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { FolderListing, FolderPurpose, FolderRef } from '../../../main/shared/dataset';
import { call } from '../api';
import { useAppStore } from './app';

/**
 * Choosing a folder: Electron's native dialog, or in a browser the in-page picker over the folders inside
 * `gr2r serve --root` (main refuses anything outside it).
 */
export const useFolderPickerStore = defineStore('folderPicker', () => {
  const purpose = ref<FolderPurpose | null>(null);
  const listing = ref<FolderListing | null>(null);
  const error = ref<string | null>(null);
  let resolver: ((folder: FolderRef | null) => void) | undefined;

  async function browse(path: string): Promise<void> {
    const result = await call('folder:browse', { path });
    if (result.ok) {
      listing.value = result.value;
      error.value = null;
    } else error.value = result.error.message;
  }

  function close(folder: FolderRef | null): void {
    purpose.value = null;
    listing.value = null;
    resolver?.(folder);
    resolver = undefined;
  }

  async function pick(forPurpose: FolderPurpose): Promise<FolderRef | null> {
    const app = useAppStore();
    if (app.info?.mode === 'electron') return app.take(await call('folder:choose', { purpose: forPurpose })) ?? null;
    resolver?.(null);
    purpose.value = forPurpose;
    await browse('');
    return new Promise((resolve) => (resolver = resolve));
  }

  async function confirm(): Promise<void> {
    if (!purpose.value || !listing.value) return;
    const result = await call('folder:choose', { purpose: purpose.value, path: listing.value.path });
    if (result.ok) close(result.value);
    else error.value = result.error.message;
  }

  return { purpose, listing, error, pick, browse, confirm, cancel: () => close(null) };
});
