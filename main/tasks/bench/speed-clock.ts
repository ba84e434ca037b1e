/** One timed sample: wall-clock, and the CPU the whole process used (every thread, onnxruntime's included). */
export interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/**
 * Starts a clock; calling the result reads it. CPU time is shown beside wall time because on a shared machine
 * the wall-clock is mostly the other processes' load, while a single thread's CPU time is about what the
 * wall-clock would be on an idle machine.
 */
export function stopwatch(): () => Sample {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { wallMs: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 };
  };
}
