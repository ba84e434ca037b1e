import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { OpenedDataset } from '../../../main/shared/contract';
import type { DatasetSummary, FolderRef, ScanProgress } from '../../../main/shared/dataset';
import { call, dropFiles, on } from '../api';
import { useAppStore } from './app';
import { useFolderPickerStore } from './folder-picker';

/** The noisy images to learn from: the folder chosen, what main found in it, and what it could not read. */
export const useDatasetStore = defineStore('dataset', () => {
  const summary = ref<DatasetSummary | null>(null);
  const scanning = ref(false);
  const recent = ref<FolderRef[]>([]);
  /** The check of the files being decoded, one after another, in the worker. */
  const checking = ref<ScanProgress | null>(null);

  const totals = computed(() => {
    const images = summary.value?.images ?? [];
    const unique = <T>(values: T[]) => [...new Set(values)].sort();
    return {
      count: images.length,
      bytes: images.reduce((sum, i) => sum + i.bytes, 0),
      pixels: images.reduce((sum, i) => sum + i.width * i.height, 0),
      bitDepths: unique(images.map((i) => i.bitDepth)),
      channels: unique(images.map((i) => i.channels)),
      smallest: images.reduce<[number, number] | null>(
        (m, i) => (!m || i.width * i.height < m[0] * m[1] ? [i.width, i.height] : m),
        null,
      ),
      largest: images.reduce<[number, number] | null>(
        (m, i) => (!m || i.width * i.height > m[0] * m[1] ? [i.width, i.height] : m),
        null,
      ),
    };
  });

  const ready = computed(() => (summary.value?.images.length ?? 0) > 0);
  const folderId = computed(() => summary.value?.folder.id ?? null);

  async function scan(id: string): Promise<void> {
    scanning.value = true;
    checking.value = null;
    const stop = on('dataset:progress', (progress) => {
      if (progress.folderId === id) checking.value = progress;
    });
    try {
      const result = useAppStore().take(await call('dataset:scan', { folderId: id }));
      if (result) summary.value = result;
    } finally {
      stop();
      scanning.value = false;
      checking.value = null;
    }
  }

  async function loadRecent(): Promise<void> {
    const result = await call('dataset:recent', {});
    if (result.ok) recent.value = result.value;
  }

  async function choose(): Promise<void> {
    const folder = await useFolderPickerStore().pick('dataset');
    if (folder) await scan(folder.id);
  }

  /** A dataset opened from outside the page (a drop, the OS): shown on the Dataset step, scanned like a choice. */
  async function open(opened: OpenedDataset): Promise<void> {
    const app = useAppStore();
    app.view = 'dataset';
    await scan(opened.folder.id);
    if (opened.files.length === 0 || summary.value?.folder.id !== opened.folder.id) return;
    // A dataset is a folder (training, estimation and export read it whole): say so when files were dropped.
    const count = summary.value.images.length;
    app.notify(
      'info',
      `Opened ${opened.folder.name}, the folder of the ${opened.files.length === 1 ? 'file' : `${opened.files.length} files`} dropped: the dataset is the whole folder (${count} image${count === 1 ? '' : 's'}).`,
    );
  }

  /** Files or a folder dropped on the window. A browser cannot say where they are: its picker opens instead. */
  async function drop(files: readonly File[]): Promise<void> {
    const result = await dropFiles(files);
    if (result.ok) return open(result.value);
    useAppStore().notify('error', result.error.message);
    if (result.error.code === 'unsupported') await choose();
  }

  return { summary, scanning, checking, recent, totals, ready, folderId, scan, choose, loadRecent, open, drop };
});
