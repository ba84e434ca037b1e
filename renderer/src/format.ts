/** Display helpers shared by the views: durations, sizes and numbers as people read them. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function formatNumber(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e5)) return value.toExponential(2);
  return Number(value.toPrecision(digits)).toString();
}

export function bitDepthLabel(depth: 8 | 16 | 32): string {
  return depth === 32 ? '32-bit float' : `${depth}-bit`;
}

export function channelsLabel(channels: number): string {
  return channels === 1 ? 'grey' : channels === 3 ? 'RGB' : `${channels} bands`;
}

export const backendLabels: Readonly<Record<string, string>> = {
  auto: 'Fastest available',
  'tensorflow-gpu': 'TensorFlow GPU (CUDA)',
  tensorflow: 'TensorFlow CPU',
  wasm: 'WebAssembly',
  cpu: 'Plain JavaScript',
  onnxruntime: 'onnxruntime',
};

/** A backend's skip reason as a user reads it: a missing optional package says so plainly. */
export function skipReason(reason: string): string {
  const missing = /Cannot find (?:package|module) '([^']+)'/.exec(reason);
  return missing ? `not installed (optional package ${missing[1]})` : reason;
}
