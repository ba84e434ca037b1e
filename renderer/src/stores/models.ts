import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ModelSummary } from '../../../main/shared/library';
import { call } from '../api';
import { useAppStore } from './app';
import { useFolderPickerStore } from './folder-picker';

/** The models library: every training run's folder, the one in use, import and export. */
export const useModelsStore = defineStore('models', () => {
  const list = ref<ModelSummary[]>([]);
  const selectedId = ref<string | null>(null);
  const selected = computed(() => list.value.find((m) => m.id === selectedId.value) ?? null);

  async function refresh(): Promise<void> {
    const models = useAppStore().take(await call('models:list', {}));
    if (!models) return;
    list.value = models;
    if (selectedId.value && !selected.value) selectedId.value = null;
  }

  function select(id: string | null): void {
    selectedId.value = id;
  }

  function upsert(model: ModelSummary): void {
    list.value = [model, ...list.value.filter((m) => m.id !== model.id)].sort((a, b) =>
      b.createdAt.localeCompare(a.createdAt),
    );
  }

  async function importModel(): Promise<void> {
    const folder = await useFolderPickerStore().pick('import-model');
    if (!folder) return;
    const model = useAppStore().take(await call('models:import', { folderId: folder.id }));
    if (!model) return;
    upsert(model);
    selectedId.value = model.id;
  }

  async function exportModel(id: string): Promise<void> {
    const folder = await useFolderPickerStore().pick('export-model');
    if (!folder) return;
    const app = useAppStore();
    const written = app.take(await call('models:export', { modelId: id, folderId: folder.id }));
    if (written) app.notify('info', `Model saved to ${written.path}`);
  }

  /** A new name for a model folder (letters, digits, . _ -); the selection follows it. */
  async function rename(id: string, name: string): Promise<boolean> {
    const model = useAppStore().take(await call('models:rename', { modelId: id, name }));
    if (!model) return false;
    list.value = list.value.filter((m) => m.id !== id);
    upsert(model);
    if (selectedId.value === id) selectedId.value = model.id;
    return true;
  }

  return { list, selectedId, selected, refresh, select, upsert, importModel, exportModel, rename };
});
