import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../main/services/create-services';
import { RootChooser } from '../../main/services/root-chooser';
import { silentWorker } from './services-fixture';

const testServices = async (dir: string) =>
  createServices({
    mode: 'browser',
    version: '0.0.0-test',
    dataDir: join(dir, 'data'),
    chooser: await RootChooser.create(dir),
    spawnWorker: silentWorker,
  });

describe('the previews folder of --data', () => {
  it('never deletes a previews folder the app did not make', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gr2r-previews-'));
    await mkdir(join(dir, 'data', 'previews', 'holiday'), { recursive: true });
    await writeFile(join(dir, 'data', 'previews', 'holiday', 'mine.txt'), 'user data');
    const services = await testServices(dir);
    expect(await readFile(join(dir, 'data', 'previews', 'holiday', 'mine.txt'), 'utf8')).toBe('user data');
    expect(services.notes.join('\n')).toMatch(/previews was not made by GR2R Studio: left as it is/);
    services.jobs.dispose();
  });

  it('empties its own previews folder at start-up', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gr2r-previews-'));
    const first = await testServices(dir);
    first.jobs.dispose();
    const previews = join(dir, 'data', 'previews');
    await writeFile(join(previews, 'crop-1.png'), 'old crop');
    const second = await testServices(dir);
    expect(await readdir(previews)).toEqual(['.gr2r-previews']);
    expect(second.notes).toEqual([]);
    second.jobs.dispose();
  });
});
