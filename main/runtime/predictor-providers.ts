import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The GPU execution providers to try first, and why those (shown beside what ran). */
export interface ProviderPlan {
  readonly providers: string[];
  readonly why: string;
}

/** Whether onnxruntime-node's install script put the CUDA provider library beside its binding (Linux x64). */
export function cudaInstalled(): boolean {
  try {
    const root = dirname(createRequire(import.meta.url).resolve('onnxruntime-node/package.json'));
    return existsSync(join(root, 'bin', 'napi-v6', 'linux', process.arch, 'libonnxruntime_providers_cuda.so'));
  } catch {
    return false;
  }
}

/**
 * onnxruntime's GPU execution providers for a platform: DirectML on Windows and CoreML on macOS (onnxruntime-node
 * ships both), CUDA on Linux when its files were installed (the install script downloads them; skipped offline).
 * GR2R_ORT_PROVIDERS overrides (comma-separated, e.g. "cuda"; "cpu" alone turns GPUs off). Whatever is asked,
 * a session that fails to start or to match tfjs falls back to the CPU provider.
 */
export function providerPlan(
  platform: string = process.platform,
  env: Readonly<Record<string, string | undefined>> = process.env,
  cuda: () => boolean = cudaInstalled,
): ProviderPlan {
  const asked = env.GR2R_ORT_PROVIDERS?.split(',')
    .map((p) => p.trim())
    .filter((p) => p && p !== 'cpu');
  if (asked !== undefined) return { providers: asked, why: `GR2R_ORT_PROVIDERS=${env.GR2R_ORT_PROVIDERS}` };
  if (platform === 'win32') return { providers: ['dml'], why: 'DirectML, shipped for Windows' };
  if (platform === 'darwin') return { providers: ['coreml'], why: 'CoreML, shipped for macOS' };
  if (platform === 'linux' && cuda()) return { providers: ['cuda'], why: 'CUDA provider installed' };
  return {
    providers: [],
    why: platform === 'linux' ? 'no GPU: the CUDA provider files are not installed' : `no GPU provider for ${platform}`,
  };
}
