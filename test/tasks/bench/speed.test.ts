import { describe, expect, it } from 'vitest';
import { parseSpeedFlags } from '../../../main/cli/bench-speed';
import { denoiseJob, inferJobs, trainJobs } from '../../../main/tasks/bench/speed-plan';
import { formatSpeedReport } from '../../../main/tasks/bench/speed-format';
import { speedRatios } from '../../../main/tasks/bench/speed-ratios';
import { runProbe } from '../../../main/tasks/bench/speed-spawn';
import type { TorchResult } from '../../../main/tasks/bench/speed-torch';
import { fastestTorch } from '../../../main/tasks/bench/speed-torch';
import type { SpeedRow } from '../../../main/tasks/bench/speed-types';

const net = { kind: 'unet' as const, width: 32, depth: 3 };
const timing = (ms: number, peak = 5e8) => ({
  ok: true as const,
  ms,
  samplesMs: [ms],
  cpuMs: ms / 2,
  cpuSamplesMs: [ms / 2],
  peakRssBytes: peak,
  baseRssBytes: 1e8,
});
const torch: TorchResult = {
  version: '1.13',
  threads: 2,
  params: 466595,
  trainStepMs: 300,
  inferMs: 800,
  trainStepCpuMs: 450,
  inferCpuMs: 400,
  inferSize: 512,
  peakRssBytes: 6e8,
};

describe('gr2r bench --speed', () => {
  it('measures the default U-Net, 24 MP as 4000 x 6000, never training on cpu unless asked', () => {
    const { settings } = parseSpeedFlags(['--speed']);
    expect(settings.net).toEqual(net);
    expect([settings.bigHeight, settings.bigWidth]).toEqual([4000, 6000]);
    // On wasm the app's default (gradients from onnxruntime) first, then tfjs's own gradients.
    expect(trainJobs(settings).map((j) => j.kind === 'train' && `${j.backend}/${j.gradients}`)).toEqual([
      'tensorflow-gpu/tfjs',
      'tensorflow/tfjs',
      'wasm/onnxruntime',
      'wasm/tfjs',
    ]);
    expect(inferJobs(settings).map((j) => j.kind === 'infer' && j.engine)).toEqual([
      'onnxruntime',
      'tensorflow-gpu',
      'tensorflow',
      'wasm',
      'cpu',
    ]);
    const cpu = parseSpeedFlags(['--backend', 'cpu', '--mp', '0']).settings;
    expect(trainJobs(cpu).map((j) => j.kind === 'train' && `${j.backend}/${j.gradients}`)).toEqual([
      'cpu/onnxruntime',
      'cpu/tfjs',
    ]);
    expect(cpu.bigHeight).toBe(0);
    expect(() => parseSpeedFlags(['--backend', 'gpu'])).toThrow(/--backend must be one of/);
    expect(parseSpeedFlags(['--net', 'dncnn']).settings.net).toEqual({ kind: 'dncnn', width: 64, depth: 7 });
  });

  it('rates the backend and engine the app would use against PyTorch, and the 24 MP peak against 1.5 GB', () => {
    const { settings } = parseSpeedFlags([]);
    const train: SpeedRow[] = [
      { job: trainJobs(settings)[0]!, result: { ok: false, reason: 'not installed' } },
      { job: trainJobs(settings)[2]!, result: { ok: false, reason: 'onnxruntime is not available' } },
      { job: trainJobs(settings)[3]!, result: timing(450) },
    ];
    const infer: SpeedRow[] = [{ job: inferJobs(settings)[0]!, result: timing(400) }];
    const big: SpeedRow = { job: denoiseJob(settings), result: timing(40_000, 1.2e9) };
    const ratios = speedRatios(train, infer, big, torch);
    expect(ratios.map((r) => [r.what, r.value, r.met])).toEqual([
      ['training step, tfjs wasm / pytorch 2 thread(s)', 1.5, false],
      ['inference 512², onnxruntime / pytorch 2 thread(s)', 0.5, true],
      ['CPU time: training step, tfjs wasm / pytorch 2 thread(s)', 0.5, true],
      ['CPU time: inference 512², onnxruntime / pytorch 2 thread(s)', 0.5, true],
      ['time (s), 24.0 MP JPEG, J = 5', 40, true],
      ['peak memory (GB), 24.0 MP JPEG, J = 5', 1.2, true],
    ]);
    const machine = { node: 'v20', cpus: 2, cpuModel: 'cpu', loadAverage: 1 };
    const text = formatSpeedReport({
      net: 'U-Net',
      params: 466595,
      machine,
      settings,
      train,
      infer,
      denoise: big,
      torch,
      ratios,
    });
    expect(text).toContain('tfjs tensorflow-gpu  not measured: not installed');
    expect(text).toContain('onnxruntime + wasm   not measured: onnxruntime is not available');
    expect(text).toContain('training step, tfjs wasm / pytorch 2 thread(s)');
    expect(text).toMatch(/1\.50 \(target <= 1\): NOT met/);
  });

  it('rates the alternated rounds by their median ratios, and the training step against the CPU peak', () => {
    const { settings } = parseSpeedFlags(['--torch', '--rounds', '3']);
    const d = (ratio: number) => ({
      oursSPerMp: ratio,
      oursCpuSPerMp: 1,
      torchSPerMp: 1,
      torchCpuSPerMp: 1,
      torchThreads: 1,
      ratio,
    });
    const t = (ratio: number) => ({
      oursMs: 100 * ratio,
      oursCpuMs: 1,
      torchMs: 100,
      torchCpuMs: 1,
      torchThreads: 2,
      ratio,
    });
    const alternation = {
      sides: [256, 2048] as const,
      torchSize: 512,
      denoise: [d(0.9), d(0.5), d(0.6)],
      train: [t(1.2), t(0.8), t(0.9)],
      denoiseRatio: 0.6,
      trainRatio: 0.9,
      trainFlop: 19e9,
      trainFlops: 190e9,
      torchTrainFlops: 190e9,
      peak: { flops: 380e9, how: '2 cores' },
      errors: [],
    };
    const ratios = speedRatios([], [], undefined, undefined, alternation);
    expect(ratios.map((r) => [r.value, r.met])).toEqual([
      [0.6, true],
      [0.9, true],
    ]);
    const machine = { node: 'v20', cpus: 2, cpuModel: 'cpu', loadAverage: 1 };
    const text = formatSpeedReport({
      net: 'U-Net',
      params: 466595,
      machine,
      settings,
      train: [],
      infer: [],
      alternation,
      ratios,
    });
    expect(text).toContain('round 2: ours 0.50 s/MP');
    expect(text).toContain('median step: ours 190.0 GFLOP/s = 50%');
  });

  it('compares with PyTorch at its best: the faster thread setting for each timing', () => {
    const one = { ...torch, threads: 1, trainStepMs: 700, inferMs: 2000 };
    const best = fastestTorch([torch, one]);
    expect([best.trainStepMs, best.threads, best.inferMs, best.inferThreads]).toEqual([300, 2, 800, 2]);
    expect(fastestTorch([{ ...torch, trainStepMs: 900 }, one]).threads).toBe(1);
  });

  it('runs a measurement in its own process and reports its peak memory', async () => {
    const job = {
      kind: 'infer' as const,
      engine: 'onnxruntime' as const,
      net: { kind: 'dncnn' as const, width: 4, depth: 2 },
      size: 32,
      warmup: 0,
      runs: 2,
    };
    const result = await runProbe(job, 60_000);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.samplesMs).toHaveLength(2);
      expect(result.peakRssBytes).toBeGreaterThanOrEqual(result.baseRssBytes);
    }
  });
});
