#!/usr/bin/env node
// Runs the TypeScript command line directly: no build step between a checkout and `npx gr2r`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/cli/index.ts');

// Ctrl-C once: stop after the current step (training saves a checkpoint to resume from); twice: quit now.
const controller = new AbortController();
process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(130);
  const what = { train: ' after this step', denoise: ' after this tile', serve: ' the server' }[process.argv[2]] ?? '';
  process.stderr.write(`\nstopping${what} (Ctrl-C again to quit now)\n`);
  controller.abort();
});
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
});
process.exit();
