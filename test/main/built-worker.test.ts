import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forkWorker } from '../../main/app/fork-worker';
import { JobManager } from '../../main/app/jobs';
import { appPaths, sourceRoot } from '../../main/app/paths';
import { makeNoisyFolder } from '../e2e/noisy-folder';

let jobs: JobManager | undefined;
afterAll(() => jobs?.dispose());

describe('the build for Electron', () => {
  it('makes a worker bundle that runs on its own, with its dependencies left in node_modules', async () => {
    execFileSync(process.execPath, ['--import', 'tsx', join(sourceRoot, 'scripts/build-electron.ts')], {
      cwd: sourceRoot,
      stdio: 'pipe',
    });
    const paths = appPaths(sourceRoot, true);
    expect(paths.worker).toMatch(/out\/worker\/index\.js$/);
    const data = join(await mkdtemp(join(tmpdir(), 'gr2r-built-')), 'noisy');
    await makeNoisyFolder(data, 2);
    jobs = new JobManager(forkWorker(paths.worker), 'wasm');
    const scan = await jobs.run({ kind: 'scan', folder: data }).done;
    expect(scan.images).toHaveLength(2);
    const report = await jobs.run({ kind: 'estimate', data, family: 'gaussian', amplitude: false }).done;
    expect(report.pooled.family).toBe('gaussian');
  });
});
