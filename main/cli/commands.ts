import type { Command } from './command';
import { denoiseCommand } from './denoise';
import { benchCommand } from './bench';
import { demoCommand } from './demo';
import { estimateCommand } from './estimate';
import { serveCommand } from './serve';
import { trainCommand } from './train';

/** Every `gr2r` sub-command, in the order `gr2r --help` lists them. */
export const commands: Command[] = [
  demoCommand,
  estimateCommand,
  trainCommand,
  denoiseCommand,
  serveCommand,
  benchCommand,
];
