import type { FolderListing, FolderPurpose } from '../shared/dataset';

/** How the user picks a folder: a native dialog in Electron, a picker limited to a root folder in a browser. */
export interface FolderChooser {
  readonly native: boolean;
  /** The absolute path chosen, or null when the user cancelled. `path` is the browser picker's choice. */
  choose(purpose: FolderPurpose, path?: string): Promise<string | null>;
  /** The browser picker's listing of a folder inside the root. */
  browse(path: string): Promise<FolderListing>;
  /** Whether main may create folders in `path` on the user's behalf (outputs beside a dataset). */
  allows(path: string): boolean;
}
