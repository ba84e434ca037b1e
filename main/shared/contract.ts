import { z } from 'zod';
import {
  datasetSummarySchema,
  fileNameSchema,
  folderIdSchema,
  folderListingSchema,
  folderPurposes,
  folderRefSchema,
  scanProgressSchema,
} from './dataset';
import { jobRequestSchema, jobUpdateSchema } from './job-contract';
import { modelIdSchema, modelSummarySchema } from './library';
import { resultSchema } from './result';
import { backendReportSchema, settingsPatchSchema, userSettingsSchema } from './settings';

const none = z.object({}).strict();

export const appInfoSchema = z.object({
  version: z.string(),
  /** 'electron': native dialogs and shell; 'browser': served by `gr2r serve`, folders picked inside its root. */
  mode: z.enum(['electron', 'browser']),
  canOpenFolders: z.boolean(),
  backend: backendReportSchema.nullable(),
  /** A dataset folder given on the command line or by the OS, to open at start. */
  startDataset: folderRefSchema.nullable().optional(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

function channel<Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res) {
  return { request, response: resultSchema(response) };
}

/**
 * Every request -> response channel. The preload, main's IPC handlers and the HTTP server are all typed and
 * checked from this table; a response is `{ ok: true, value }` or `{ ok: false, error: { code, message } }`.
 */
export const invokeChannels = {
  'app:info': channel(none, appInfoSchema),
  'settings:get': channel(none, userSettingsSchema),
  'settings:update': channel(settingsPatchSchema, userSettingsSchema),
  /** Electron: a native dialog (path ignored). Browser: `path` names a folder inside the served root. */
  'folder:choose': channel(
    z.object({ purpose: z.enum(folderPurposes), path: z.string().max(4096).optional() }).strict(),
    folderRefSchema.nullable(),
  ),
  /** Browser only: the folders inside the served root, for the in-page folder picker. */
  'folder:browse': channel(z.object({ path: z.string().max(4096) }).strict(), folderListingSchema),
  'folder:open': channel(z.object({ folderId: folderIdSchema }).strict(), z.null()),
  'dataset:scan': channel(z.object({ folderId: folderIdSchema }).strict(), datasetSummarySchema),
  /** Datasets opened before that still exist (and, in a browser, lie inside the served root). */
  'dataset:recent': channel(none, z.array(folderRefSchema)),
  'models:list': channel(none, z.array(modelSummarySchema)),
  'models:import': channel(z.object({ folderId: folderIdSchema }).strict(), modelSummarySchema),
  'models:rename': channel(
    z.object({ modelId: modelIdSchema, name: z.string().min(1).max(100) }).strict(),
    modelSummarySchema,
  ),
  'models:export': channel(z.object({ modelId: modelIdSchema, folderId: folderIdSchema }).strict(), folderRefSchema),
  'jobs:start': channel(jobRequestSchema, z.object({ jobId: z.string() })),
  'jobs:cancel': channel(z.object({ jobId: z.string().max(64) }).strict(), z.object({ cancelled: z.boolean() })),
} as const;

/** A dataset opened from outside the page: a drop, or a folder the OS gave a running app; `files`: those dropped. */
export const openedDatasetSchema = z.object({ folder: folderRefSchema, files: z.array(fileNameSchema).max(100_000) });
export type OpenedDataset = z.infer<typeof openedDatasetSchema>;

/**
 * Drag and drop in Electron: the preload turns the dropped File objects into paths (webUtils.getPathForFile) and
 * sends them here. The page's `invoke` cannot reach this channel, so a page never names a path; main checks the
 * sender and the paths (services/dropped-paths.ts).
 */
export const dropChannel = {
  name: 'folder:drop',
  request: z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(100_000) }).strict(),
  response: resultSchema(openedDatasetSchema),
} as const;
export type DropResponse = z.output<typeof dropChannel.response>;

/** What the application menu asks the page to do. */
export const menuCommands = [
  'choose-dataset',
  'show-dataset',
  'show-noise',
  'show-train',
  'show-compare',
  'open-settings',
  'start-training',
  'stop-training',
  'preview-visible',
  'denoise-all',
] as const;
export type MenuCommand = (typeof menuCommands)[number];

/** Every main -> renderer event and its payload. */
export const eventChannels = {
  'job:update': jobUpdateSchema,
  'app:backend': backendReportSchema,
  'app:command': z.enum(menuCommands),
  'dataset:progress': scanProgressSchema,
  /** A folder the OS gave the running app (a second launch with a folder, a file opened with it): open it. */
  'dataset:open': openedDatasetSchema,
} as const;

export type InvokeChannel = keyof typeof invokeChannels;
export type EventChannel = keyof typeof eventChannels;
export type RequestOf<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['request']>;
export type ParsedRequestOf<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['request']>;
export type ResponseOf<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['response']>;
export type ValueOf<C extends InvokeChannel> = Extract<ResponseOf<C>, { ok: true }>['value'];
export type EventOf<E extends EventChannel> = z.output<(typeof eventChannels)[E]>;

export const invokeChannelNames = Object.keys(invokeChannels) as InvokeChannel[];
export const eventChannelNames = Object.keys(eventChannels) as EventChannel[];

export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && Object.hasOwn(invokeChannels, name);
}

export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && Object.hasOwn(eventChannels, name);
}

/** The bridge the preload exposes as `window.gr2r` (and the HTTP client mirrors). */
export interface Gr2rBridge {
  invoke<C extends InvokeChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  on<E extends EventChannel>(event: E, listener: (payload: EventOf<E>) => void): () => void;
  /** Electron only: files and folders dropped on the window, opened as a dataset (a browser gives no paths). */
  drop?(files: readonly File[]): Promise<DropResponse>;
}
