import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describedModelName } from '../../main/services/model-name';
import { ModelLibrary } from '../../main/services/models';
import { saveTestModel, testMeta } from '../tasks/helpers';
import { initBackend } from '../../main/engine/backend';

let root: string;
beforeAll(async () => {
  await initBackend('cpu');
  root = await mkdtemp(join(tmpdir(), 'gr2r names-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('model names', () => {
  it('say the family, its parameter, the dataset and the date', () => {
    const date = new Date(2026, 0, 2, 3, 4, 5);
    expect(describedModelName({ family: 'gaussian', sigma: 0.1 }, 'beach photos', date)).toBe(
      'gaussian-sigma0.1-beach-photos-20260102-0304',
    );
    expect(describedModelName({ family: 'gamma', looks: 4.4567 }, 'S1 VV', date)).toBe(
      'gamma-looks4.46-S1-VV-20260102-0304',
    );
  });

  it('can be renamed in the library, never over another model', async () => {
    const library = new ModelLibrary(join(root, 'models'));
    const a = await library.reserve('gaussian-sigma0.1-beach-20260102-0304', true);
    await saveTestModel(a.path, testMeta({ family: 'gaussian', sigma: 0.1 }));
    const b = await library.reserve('other', true);
    await saveTestModel(b.path, testMeta({ family: 'gaussian', sigma: 0.1 }));
    expect((await library.rename(a.id, 'beach best')).id).toBe('beach-best');
    expect((await readdir(join(root, 'models'))).sort()).toEqual(['beach-best', 'other']);
    await expect(library.rename('beach-best', 'other')).rejects.toThrow(/a model named other already exists/);
    await expect(library.rename('beach-best', '***')).rejects.toThrow(/cannot name a model/);
  });
});
