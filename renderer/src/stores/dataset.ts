import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { DatasetSummary, FolderRef, ScanProgress } from '../../../main/shared/dataset';
import { call, on } from '../api';
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
    const unique = <T,>(values: T[]) => [...new Set(values)].sort();
    return {
      count: images.length,
      bytes: images.reduce((sum, i) => sum + i.bytes, 0),
      pixels: images.reduce((sum, i) => sum + i.width * i.height, 0),
      bitDepths: unique(images.map((i) => i.bitDepth)),
      channels: unique(images.map((i) => i.channels)),
      smallest: images.reduce<[number, number] | null>((m, i) => (!m || i.width * i.height < m[0] * m[1] ? [i.width, i.height] : m), null),
      largest: images.reduce<[number, number] | null>((m, i) => (!m || i.width * i.height > m[0] * m[1] ? [i.width, i.height] : m), null),
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

  return { summary, scanning, checking, recent, totals, ready, folderId, scan, choose, loadRecent };
});
