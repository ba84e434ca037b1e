import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { SettingsPatch, UserSettings } from '../../../main/shared/settings';
import { userSettingsSchema } from '../../../main/shared/settings';
import { call } from '../api';
import { useAppStore } from './app';

/** The user's settings as main keeps them; every change goes through main, which validates and saves it. */
export const useSettingsStore = defineStore('settings', () => {
  const values = ref<UserSettings>(userSettingsSchema.parse({}));
  const open = ref(false);

  async function load(): Promise<void> {
    const loaded = useAppStore().take(await call('settings:get', {}));
    if (loaded) values.value = loaded;
  }

  /** Shown at once (a click right after a change must see it), then as main saved it; a refused change is undone. */
  async function update(patch: SettingsPatch): Promise<void> {
    const before = values.value;
    values.value = { ...before, ...patch };
    const saved = useAppStore().take(await call('settings:update', patch));
    values.value = saved ?? before;
  }

  return { values, open, load, update };
});
