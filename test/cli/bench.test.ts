import { describe, expect, it } from 'vitest';
import type { BenchReport } from '../../main/tasks/bench/types';
import type { SweepRow } from '../../main/tasks/bench/sweep';
import { runCli } from './run-cli';

const tiny = ['--budget', 'quick', '--steps', '3', '--backend', 'wasm'];

describe('gr2r bench on a tiny budget (bundled clean samples)', () => {
  it('prints one table with every column: noisy, J=1, J=5, supervised, gap, estimated and true PSNR', async () => {
    const { code, stdout } = await runCli(['bench', ...tiny, '--family', 'poisson:0.05']);
    expect(code).toBe(0);
    const [names, units, ...rows] = stdout.trim().split('\n');
    for (const column of ['noise', 'method', 'noisy', 'J=1', 'J=5', 'supervised', 'gap', 'est.', 'true'])
      expect(names).toContain(column);
    expect(units).toContain('PSNR SSIM');
    expect(rows.map((r) => r.split(/\s{2,}/)[1])).toEqual(['GR2R-MSE', 'GR2R-NLL']);
    for (const row of rows) expect(row.match(/-?\d+\.\d+/g)).toHaveLength(14);
  });

  it('--json gives the rows as data, with PSNR and SSIM in range', async () => {
    const { code, stdout } = await runCli(['bench', ...tiny, '--family', 'gaussian:0.1', '--mc', '2', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as BenchReport;
    expect(report.testImages).toBe(4);
    const [row] = report.rows;
    expect(row).toMatchObject({ noise: { family: 'gaussian', sigma: 0.1 }, method: 'GR2R-MSE', mc: 2, steps: 3 });
    for (const score of [row!.noisy, row!.single, row!.averaged, row!.supervised]) {
      expect(score.psnr).toBeGreaterThan(10);
      expect(score.ssim).toBeGreaterThan(0);
      expect(score.ssim).toBeLessThanOrEqual(1);
    }
    expect(row!.noisy.psnr).toBeCloseTo(20, 0);
    expect(row!.gap).toBeCloseTo(row!.averaged.psnr - row!.supervised.psnr, 10);
  });

  it('--sweep mc scores J = 1 to 20 from one model', async () => {
    const { code, stdout } = await runCli(['bench', ...tiny, '--family', 'gaussian:0.05', '--sweep', 'mc', '--json']);
    expect(code).toBe(0);
    const rows = (JSON.parse(stdout) as { rows: SweepRow[] }).rows;
    expect(rows.map((r) => r.mc)).toEqual([1, 2, 3, 5, 10, 20]);
  });

  it('names a bad flag value in one line', async () => {
    const { code, stderr } = await runCli(['bench', '--budget', 'huge']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--budget must be one of quick, full/);
  });
});

describe('gr2r bench help', () => {
  it("--speed --help shows the speed bench's flags, --help alone the quality bench's", async () => {
    const speed = await runCli(['bench', '--speed', '--help']);
    expect(speed.code).toBe(0);
    expect(speed.stdout).toMatch(/^Usage: gr2r bench --speed/);
    expect(speed.stdout).toMatch(/--warmup N/);
    const quality = await runCli(['bench', '--help']);
    expect(quality.stdout).toMatch(/^Usage: gr2r bench \[--budget/);
    expect(quality.stdout).not.toMatch(/--warmup/);
  });
});
