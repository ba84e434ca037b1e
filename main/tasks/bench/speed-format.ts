import type { Ratio } from './speed-ratios';
import type { SpeedReport } from './speed-report';
import type { SpeedRow } from './speed-types';
import { engineName, trainerName } from './speed-types';

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
const ms = (value: number) => `${value < 100 ? value.toFixed(1) : Math.round(value)} ms`;

function rowName(row: SpeedRow): string {
  return row.job.kind === 'train' ? trainerName(row.job) : engineName(row.job.engine);
}

function rowLine(row: SpeedRow): string {
  const name = `  ${rowName(row).padEnd(20)}`;
  const { job, result } = row;
  if (!result.ok) return `${name} not measured: ${result.reason}`;
  const peak = `peak RSS ${mb(result.peakRssBytes)} (${mb(result.baseRssBytes)} before)`;
  const cpu = `(CPU ${ms(result.cpuMs)})`;
  if (job.kind === 'train') return `${name} ${ms(result.ms).padStart(10)} a step ${cpu.padStart(14)}   ${peak}`;
  const pixels = job.kind === 'infer' ? job.size * job.size : job.height * job.width;
  const perMp = `${(result.ms / 1000 / (pixels / 1e6)).toFixed(2)} s/MP`;
  const size = job.kind === 'infer' ? `  (${job.size} x ${job.size}, ${job.runs} run${job.runs > 1 ? 's' : ''})` : '';
  return `${name} ${ms(result.ms).padStart(10)} ${cpu.padStart(16)}   ${perMp.padStart(11)}   ${peak}${size}`;
}

function ratioLine(r: Ratio): string {
  const unit = r.what.startsWith('peak') ? ' GB' : '';
  return `  ${r.what.padEnd(52)} ${r.value.toFixed(2)}${unit} (target ${r.what.startsWith('peak') ? '<' : '<='} ${r.target}${unit}): ${r.met ? 'met' : 'NOT met'}`;
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
    lines.push(`Denoise ${((s.bigHeight * s.bigWidth) / 1e6).toFixed(1)} MP (${s.bigHeight} x ${s.bigWidth} x 3; tiles ${s.tile}, overlap 32, J = ${s.mc}), as gr2r denoise does`, rowLine(report.denoise));
  }
  for (const t of report.torchRuns ?? []) {
    lines.push(`PyTorch ${t.version} CPU, ${t.threads} thread(s), same U-Net (${t.params.toLocaleString('en')} parameters): training step ${ms(t.trainStepMs)} (CPU ${ms(t.trainStepCpuMs)}), ${t.inferSize} x ${t.inferSize} inference ${ms(t.inferMs)} (CPU ${ms(t.inferCpuMs)}), peak RSS ${mb(t.peakRssBytes)}`);
  }
  if (report.torchError) lines.push(`PyTorch not measured: ${report.torchError}`);
  if (report.ratios.length > 0) lines.push('Ours against PyTorch (its faster thread setting for each), same machine, same run:', ...report.ratios.map(ratioLine));
  return `${lines.join('\n')}\n`;
}
