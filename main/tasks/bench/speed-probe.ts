// A child process that runs one SpeedJob and prints its SpeedResult as the last line of stdout; one process per
// measurement, so each peak memory (getrusage's maxrss) belongs to that measurement alone.
import { initBackend } from '../../engine/backend';
import type { Sample } from './speed-clock';
import { fileDenoiseTimes } from './speed-file';
import { inferTimes } from './speed-infer';
import { trainStepTimes } from './speed-train';
import type { SpeedJob, SpeedResult } from './speed-types';
import { median } from './speed-types';

async function samples(job: SpeedJob): Promise<Sample[]> {
  if (job.kind === 'train') return trainStepTimes(job.net, job.warmup, job.steps, job.gradients);
  if (job.kind === 'infer') return inferTimes(job.engine, job.net, job.size, job.warmup, job.runs);
  return fileDenoiseTimes(job.net, job.sizes, job.mc, job.format, job.tile);
}

async function measure(job: SpeedJob): Promise<SpeedResult> {
  const backend =
    job.kind === 'train' ? job.backend : job.kind === 'file' || job.engine === 'onnxruntime' ? 'cpu' : job.engine;
  try {
    await initBackend(backend);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  const baseRssBytes = process.memoryUsage().rss;
  const times = await samples(job);
  const wall = times.map((t) => t.wallMs);
  const cpu = times.map((t) => t.cpuMs);
  return {
    ok: true,
    ms: median(wall),
    samplesMs: wall,
    cpuMs: median(cpu),
    cpuSamplesMs: cpu,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    baseRssBytes,
  };
}

const job = JSON.parse(process.argv[2] ?? '{}') as SpeedJob;
measure(job).then(
  (result) => process.stdout.write(`\n${JSON.stringify(result)}\n`),
  (error: unknown) => {
    process.stdout.write(
      `\n${JSON.stringify({ ok: false, reason: error instanceof Error ? error.message : String(error) })}\n`,
    );
    process.exitCode = 1;
  },
);
