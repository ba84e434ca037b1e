import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBridge } from '../../main/preload/bridge';
import { datasetFromDrop, openDropped } from '../../main/services/dropped-paths';
import { FolderRegistry } from '../../main/services/folders';
import { RootChooser } from '../../main/services/root-chooser';
import { dropChannel, type InvokeChannel } from '../../main/shared/contract';

let dir = '';
const at = (...parts: string[]) => join(dir, ...parts);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gr2r-drop-'));
  await mkdir(at('photos', 'beach'), { recursive: true });
  await mkdir(at('other'));
  await writeFile(at('photos', 'beach', 'a.png'), 'a');
  await writeFile(at('photos', 'beach', 'b.JPG'), 'b');
  await writeFile(at('photos', 'beach', 'notes.txt'), 'notes');
  await writeFile(at('other', 'c.tif'), 'c');
  await symlink(at('other'), at('photos', 'linked'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('what a drop opens', () => {
  it('one folder opens as itself; images from one folder open their folder, naming the files dropped', async () => {
    expect(await datasetFromDrop([at('photos', 'beach')])).toEqual({ folder: at('photos', 'beach'), files: [] });
    expect(
      await datasetFromDrop([
        at('photos', 'beach', 'a.png'),
        at('photos', 'beach', 'b.JPG'),
        at('photos', 'beach', 'notes.txt'),
      ]),
    ).toEqual({ folder: at('photos', 'beach'), files: ['a.png', 'b.JPG'] });
  });

  it('refuses, saying why: several folders, files from several folders, no image, missing or relative paths', async () => {
    await expect(datasetFromDrop([at('photos', 'beach'), at('other')])).rejects.toThrow(
      /2 items dropped, 2 of them folders: drop one folder/,
    );
    await expect(datasetFromDrop([at('photos', 'beach'), at('other', 'c.tif')])).rejects.toThrow(/1 of them folders/);
    await expect(datasetFromDrop([at('photos', 'beach', 'a.png'), at('other', 'c.tif')])).rejects.toThrow(
      /come from 2 folders/,
    );
    await expect(datasetFromDrop([at('photos', 'beach', 'notes.txt')])).rejects.toThrow(
      /notes\.txt: not images GR2R reads/,
    );
    await expect(datasetFromDrop([at('photos', 'gone.png')])).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('gone.png'),
    });
    await expect(datasetFromDrop([relative(process.cwd(), at('photos', 'beach'))])).rejects.toThrow(
      /not an absolute path/,
    );
    await expect(datasetFromDrop([])).rejects.toThrow(/nothing dropped/);
  });

  it('registers the folder as a chosen one, within what the chooser allows; bad payloads are values', async () => {
    const folders = new FolderRegistry();
    const anywhere = {
      folders,
      chooser: {
        native: true,
        allows: () => true,
        choose: async () => null,
        browse: async () => {
          throw new Error('no');
        },
      },
    };
    const opened = await openDropped(anywhere, { paths: [at('photos', 'beach', 'a.png')] });
    expect(opened).toMatchObject({
      ok: true,
      value: { folder: { name: 'beach', path: at('photos', 'beach') }, files: ['a.png'] },
    });
    if (opened.ok) expect(await folders.file(opened.value.folder.id, 'a.png')).toBe(at('photos', 'beach', 'a.png'));
    expect(await openDropped(anywhere, { paths: 'a.png' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(await openDropped(anywhere, { paths: [at('x', 'y.png')] })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    // A root-limited chooser (gr2r serve's) refuses what lies outside its root, links followed.
    const rooted = { folders, chooser: await RootChooser.create(at('photos')) };
    expect(await openDropped(rooted, { paths: [at('photos', 'beach')] })).toMatchObject({ ok: true });
    expect(await openDropped(rooted, { paths: [at('other')] })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await openDropped(rooted, { paths: [at('photos', 'linked')] })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});

describe("the preload's side of a drop", () => {
  it("sends the paths of real files only, on the drop channel, which the page's invoke cannot reach", async () => {
    const sent: { channel: string; payload: unknown }[] = [];
    const ipc = {
      invoke: async (channel: string, payload: unknown) => (sent.push({ channel, payload }), { ok: true, value: null }),
      on: () => ipc,
      removeListener: () => ipc,
    };
    // webUtils.getPathForFile gives '' for a File the page made itself.
    const onDisk = new File(['a'], 'a.png');
    const bridge = createBridge(ipc as never, (file) => (file === onDisk ? at('photos', 'beach', 'a.png') : ''));
    expect(await bridge.drop!([new File(['x'], 'made-up.png')])).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/nothing dropped/) },
    });
    expect(sent).toEqual([]);
    await bridge.drop!([onDisk, new File(['x'], 'made-up.png')]);
    expect(sent).toEqual([{ channel: dropChannel.name, payload: { paths: [at('photos', 'beach', 'a.png')] } }]);
    expect(await bridge.invoke(dropChannel.name as InvokeChannel, {} as never)).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(sent).toHaveLength(1);
    expect(createBridge(ipc as never).drop).toBeUndefined();
  });
});
