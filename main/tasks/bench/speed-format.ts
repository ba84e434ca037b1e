import type { Ratio } from './speed-ratios';
import type { Alternation } from './speed-rounds';
import type { SpeedReport } from './speed-report';
import type { SpeedRow } from './speed-types';
import { engineName, trainerName } from './speed-types';

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
const ms = (value: number) => `${value < 100 ? value.toFixed(1) : Math.round(value)} ms`;

function rowName(row: SpeedRow): string {
  if (row.job.kind === 'file') return 'gr2r denoise';
  return row.job.kind === 'train' ? trainerName(row.job) : engineName(row.job.engine);
}

function pixelsOf(job: SpeedRow['job']): number {
  if (job.kind === 'infer') return job.size * job.size;
  return job.kind === 'file' ? job.sizes.reduce((n, [h, w]) => n + h * w, 0) : 0;
}

function rowLine(row: SpeedRow): string {
  const name = `  ${rowName(row).padEnd(20)}`;
  const { job, result } = row;
  if (!result.ok) return `${name} not measured: ${result.reason}`;
  const peak = `peak RSS ${mb(result.peakRssBytes)} (${mb(result.baseRssBytes)} before)`;
  const cpu = `(CPU ${ms(result.cpuMs)})`;
  if (job.kind === 'train') return `${name} ${ms(result.ms).padStart(10)} a step ${cpu.padStart(14)}   ${peak}`;
  const pixels = pixelsOf(job);
  const perMp = `${(result.ms / 1000 / (pixels / 1e6)).toFixed(2)} s/MP`;
  const size = job.kind === 'infer' ? `  (${job.size} x ${job.size}, ${job.runs} run${job.runs > 1 ? 's' : ''})` : '';
  return `${name} ${ms(result.ms).padStart(10)} ${cpu.padStart(16)}   ${perMp.padStart(11)}   ${peak}${size}`;
}

function ratioLine(r: Ratio): string {
  const unit = r.what.startsWith('peak') ? ' GB' : r.what.startsWith('time') ? ' s' : '';
  return `  ${r.what.padEnd(52)} ${r.value.toFixed(2)}${unit} (target ${r.what.startsWith('peak') ? '<' : '<='} ${r.target}${unit}): ${r.met ? 'met' : 'NOT met'}`;
}

const gflops = (flops: number | undefined) => (flops === undefined ? '-' : `${(flops / 1e9).toFixed(1)} GFLOP/s`);

function alternationLines(a: Alternation): string[] {
  const [small, big] = a.sides;
  const lines = [
    `Alternating, round by round: gr2r denoise --mc 1 on float32 TIFFs, (${big}^2 - ${small}^2 run) per MP, against PyTorch's ${a.torchSize}^2 pass per MP`,
  ];
  for (const [i, d] of a.denoise.entries()) {
    lines.push(
      `  round ${i + 1}: ours ${d.oursSPerMp.toFixed(2)} s/MP (CPU ${d.oursCpuSPerMp.toFixed(2)}), PyTorch ${d.torchSPerMp.toFixed(2)} s/MP (CPU ${d.torchCpuSPerMp.toFixed(2)}, ${d.torchThreads} thread(s)): ratio ${d.ratio.toFixed(2)}`,
    );
  }
  lines.push(
    `Alternating: training step (8 x 64 x 64 x 3, ${(a.trainFlop / 1e9).toFixed(1)} GFLOP), onnxruntime + wasm against PyTorch`,
  );
  for (const [i, t] of a.train.entries()) {
    lines.push(
      `  round ${i + 1}: ours ${ms(t.oursMs)} (CPU ${ms(t.oursCpuMs)}), PyTorch ${ms(t.torchMs)} (CPU ${ms(t.torchCpuMs)}, ${t.torchThreads} thread(s)): ratio ${t.ratio.toFixed(2)}`,
    );
  }
  const peak = a.peak ? `, CPU fp32 peak ${gflops(a.peak.flops)} (${a.peak.how})` : '';
  const share = (f: number | undefined) =>
    f !== undefined && a.peak ? ` = ${((100 * f) / a.peak.flops).toFixed(0)}%` : '';
  lines.push(
    `  median step: ours ${gflops(a.trainFlops)}${share(a.trainFlops)}, PyTorch ${gflops(a.torchTrainFlops)}${share(a.torchTrainFlops)}${peak}`,
  );
  lines.push(...a.errors.map((e) => `  not measured: ${e}`));
  return lines;
}

/** The report as the table `gr2r bench --speed` prints. */
export function formatSpeedReport(report: SpeedReport): string {
  const { settings: s, machine: m } = report;
  const lines = [
    `${report.net}, ${report.params.toLocaleString('en')} parameters (RGB); ${m.cpus} x ${m.cpuModel}; Node ${m.node}; load average ${m.loadAverage.toFixed(1)} at start`,
    `Training step: batch 8 of 64 x 64 x 3, Adam, GR2R MSE, through the engine's loop; median of ${s.steps} after ${s.warmup} warm-up`,
    ...report.train.map(rowLine),
    `Inference: one image, a single network pass; median after 1 warm-up`,
    ...report.infer.map(rowLine),
  ];
  if (report.denoise) {
    const what = `${((s.bigHeight * s.bigWidth) / 1e6).toFixed(1)} MP RGB JPEG (${s.bigHeight} x ${s.bigWidth}; tiles ${s.tile}, J = ${s.mc})`;
    lines.push(`gr2r denoise on a ${what}, file to file`, rowLine(report.denoise));
  }
  for (const t of report.torchRuns ?? []) {
    lines.push(
      `PyTorch ${t.version} CPU, ${t.threads} thread(s), same U-Net (${t.params.toLocaleString('en')} parameters): training step ${ms(t.trainStepMs)} (CPU ${ms(t.trainStepCpuMs)}), ${t.inferSize} x ${t.inferSize} inference ${ms(t.inferMs)} (CPU ${ms(t.inferCpuMs)}), peak RSS ${mb(t.peakRssBytes)}`,
    );
  }
  if (report.torchError) lines.push(`PyTorch not measured: ${report.torchError}`);
  if (report.alternation) lines.push(...alternationLines(report.alternation));
  if (report.ratios.length > 0)
    lines.push(
      'Ours against PyTorch (its faster thread setting for each), same machine, same run:',
      ...report.ratios.map(ratioLine),
    );
  return `${lines.join('\n')}\n`;
}
