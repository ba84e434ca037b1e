import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../io/atomic-file';
import type { SettingsPatch, UserSettings } from '../shared/settings';
import { userSettingsSchema } from '../shared/settings';

export const SETTINGS_VERSION = 1;

const boundsSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400),
  height: z.number().int().min(300),
  maximized: z.boolean(),
});
export type WindowBounds = z.infer<typeof boundsSchema>;

/** The settings file in userData. Recent folders and window bounds stay in main: the renderer never sees paths. */
const storedSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  user: userSettingsSchema.default(userSettingsSchema.parse({})),
  recentDatasets: z.array(z.string()).max(8).default([]),
  window: boundsSchema.optional(),
});
type Stored = z.infer<typeof storedSchema>;

function defaults(): Stored {
  return storedSchema.parse({ version: SETTINGS_VERSION });
}

/** Brings an older file up to the current version; newer or unknown versions are refused (and kept aside). */
function migrate(raw: unknown): Stored {
  const version = (raw as { version?: unknown } | null)?.version;
  if (version !== SETTINGS_VERSION) throw new Error(`settings version ${String(version)} is not ${SETTINGS_VERSION}`);
  return storedSchema.parse(raw);
}

/** Main's one owner of settings: loaded and validated once, changed only through `update`, written atomically. */
export class SettingsStore {
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private stored: Stored,
    readonly notes: readonly string[],
  ) {}

  static async open(file: string): Promise<SettingsStore> {
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (text === undefined) return new SettingsStore(file, defaults(), []);
    try {
      return new SettingsStore(file, migrate(JSON.parse(text)), []);
    } catch (error) {
      const aside = `${file}.invalid-${Date.now()}`;
      await rename(file, aside);
      const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
      return new SettingsStore(file, defaults(), [
        `settings were reset to defaults (${why}); the old file is ${aside}`,
      ]);
    }
  }

  get user(): UserSettings {
    return this.stored.user;
  }

  get recentDatasets(): readonly string[] {
    return this.stored.recentDatasets;
  }

  get window(): WindowBounds | undefined {
    return this.stored.window;
  }

  async update(patch: SettingsPatch): Promise<UserSettings> {
    const user = userSettingsSchema.parse({ ...this.stored.user, ...patch });
    await this.save({ ...this.stored, user });
    return user;
  }

  async rememberDataset(path: string): Promise<void> {
    const recent = [path, ...this.stored.recentDatasets.filter((p) => p !== path)].slice(0, 8);
    await this.save({ ...this.stored, recentDatasets: recent });
  }

  async setWindow(bounds: WindowBounds): Promise<void> {
    await this.save({ ...this.stored, window: boundsSchema.parse(bounds) });
  }

  /** Writes run one after another, so the file always ends with the latest settings. */
  private save(next: Stored): Promise<void> {
    this.stored = next;
    const bytes = new TextEncoder().encode(`${JSON.stringify(next, null, 2)}\n`);
    const write = async () => {
      await mkdir(dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, [bytes], { overwrite: true });
    };
    this.writing = this.writing.then(write, write);
    return this.writing;
  }
}
