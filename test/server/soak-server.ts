// `gr2r serve`'s services and server in a process of their own, with the real compute worker and a stub page:
// what the soak test hammers. Prints the address, then runs until SIGTERM.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { forkWorker } from '../../main/app/fork-worker';
import { appPaths, sourceRoot } from '../../main/app/paths';
import { startServer } from '../../main/server/http-server';
import { createServices } from '../../main/services/create-services';
import { createHandlers } from '../../main/services/handlers';
import { RootChooser } from '../../main/services/root-chooser';

const [root, data] = process.argv.slice(2) as [string, string];
const ui = join(data, 'ui');
await mkdir(ui, { recursive: true });
await writeFile(join(ui, 'index.html'), '<!doctype html><title>GR2R Studio</title>');
const services = await createServices({
  mode: 'browser',
  version: '0.0.0-soak',
  dataDir: data,
  chooser: await RootChooser.create(root),
  spawnWorker: forkWorker(appPaths(sourceRoot, false).worker),
});
const server = await startServer({ services, handlers: createHandlers(services), rendererDir: ui, port: 0 });
process.stdout.write(`ready ${server.port} ${server.token}\n`);
process.once('SIGTERM', () => {
  void server.close().then(() => {
    services.jobs.dispose();
    process.exit(0);
  });
});
