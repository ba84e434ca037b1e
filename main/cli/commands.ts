import type { Command } from './command';

/** Every `gr2r` sub-command, in the order `gr2r --help` lists them. */
export const commands: Command[] = [];
