import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { forkWorker } from '../app/fork-worker';
import { appPaths, defaultDataDir, sourceRoot } from '../app/paths';
import { ensureRendererBuilt } from '../server/renderer-build';
import { startServer } from '../server/http-server';
import { createServices, warmUp } from '../services/create-services';
import { datasetFromDrop } from '../services/dropped-paths';
import { createHandlers } from '../services/handlers';
import { RootChooser } from '../services/root-chooser';
import { appVersion } from '../runtime/version';
import type { Command, CommandIO } from './command';
import { UsageError } from './command';
import { parseNumber } from './noise-flags';

const help = `Usage: gr2r serve [--port P] [--root DIR] [--data DIR] [DATASET_DIR]

Runs GR2R Studio's services on http://127.0.0.1 (never another interface) for a browser: the same interface
as the desktop app, for a remote GPU machine (through an SSH tunnel: ssh -L P:127.0.0.1:P host) or tests.
The address printed carries a random token; requests without it are refused.

Options:
  --port P     port to listen on (default 0: a free one)
  --root DIR   the only folder whose images and subfolders the page can choose (default: the current folder)
  --data DIR   settings, trained models and previews (default: the desktop app's, ${defaultDataDir()})
  DATASET_DIR  a folder of noisy images (inside --root), or one of its images, opened as the dataset when the
               page starts
`;

function untilStopped(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((done) => {
    if (signal) signal.addEventListener('abort', () => done(), { once: true });
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
}

/** DATASET_DIR checked up front (as a drop is): a page could not open a missing folder, nor one outside --root. */
async function datasetArgument(arg: string, chooser: RootChooser, root: string): Promise<string> {
  const { folder } = await datasetFromDrop([resolve(arg)]).catch((error: unknown) => {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  });
  if (!chooser.allows(await realpath(folder)))
    throw new UsageError(`${folder} is outside --root ${resolve(root)}: the page can only open folders inside it`);
  return folder;
}

async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, root: { type: 'string' }, data: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  const port = values.port === undefined ? 0 : parseNumber('port', values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0 to 65535, got ${values.port}`);
  const chooser = await RootChooser.create(resolve(values.root ?? '.'));
  const startDataset =
    positionals[0] === undefined ? undefined : await datasetArgument(positionals[0], chooser, values.root ?? '.');
  const paths = appPaths(sourceRoot, false);
  await ensureRendererBuilt(sourceRoot, paths.renderer, (line) => io.stderr.write(`${line}\n`));
  const services = await createServices({
    mode: 'browser',
    version: appVersion,
    dataDir: resolve(values.data ?? defaultDataDir()),
    chooser,
    spawnWorker: forkWorker(paths.worker),
    ...(startDataset !== undefined && { startDataset }),
  });
  for (const note of services.notes) io.stderr.write(`${note}\n`);
  warmUp(services);
  const server = await startServer({ services, handlers: createHandlers(services), rendererDir: paths.renderer, port });
  io.stdout.write(`GR2R Studio is ready at ${server.url}\n`);
  io.stderr.write('Open that address in a browser on this machine (Ctrl+C stops).\n');
  await untilStopped(io.signal);
  await server.close();
  services.jobs.dispose();
  return 0;
}

export const serveCommand: Command = { name: 'serve', summary: 'serve the app to a browser on 127.0.0.1', help, run };
