#!/usr/bin/env node
// Runs the TypeScript command line directly: no build step between a checkout and `npx gr2r`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/cli/index.ts');
process.exitCode = await main(process.argv.slice(2));
