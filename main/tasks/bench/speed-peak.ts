import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** The CPU's fp32 peak, and how it was found. */
export interface CpuPeak {
  readonly flops: number;
  readonly how: string;
}

/**
 * cores x clock x fp32 FLOP a cycle: 32 with AVX2 and FMA or AVX-512 (two 8-wide FMAs, or one 16-wide: 2 x 16),
 * else 8 (SSE: 4-wide add and multiply). The clock is Linux's "cpu MHz" (Node reports 0 on some VMs); a turbo
 * clock above it would raise the peak.
 */
export function cpuPeak(): CpuPeak | undefined {
  let text: string;
  try {
    text = readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    return undefined;
  }
  const mhz = Number(/cpu MHz\s*:\s*([\d.]+)/.exec(text)?.[1] ?? cpus()[0]?.speed ?? 0);
  if (!(mhz > 0)) return undefined;
  const flags = /flags\s*:(.*)/.exec(text)?.[1]?.split(/\s+/) ?? [];
  const wide = flags.includes('avx512f') || (flags.includes('avx2') && flags.includes('fma'));
  const perCycle = wide ? 32 : 8;
  const cores = cpus().length;
  return {
    flops: cores * mhz * 1e6 * perCycle,
    how: `${cores} cores x ${(mhz / 1000).toFixed(2)} GHz x ${perCycle} FLOP a cycle`,
  };
}
