/**
 * onnxruntime's GPU execution providers that onnxruntime-node ships for a platform: DirectML on Windows, CoreML
 * on macOS. CUDA on Linux needs files its install script downloads (skipped offline), so Linux asks for none
 * unless GR2R_ORT_PROVIDERS names them (comma-separated, e.g. "cuda"; "cpu" alone turns GPUs off).
 * Whatever is asked, a session that fails to start or to match tfjs falls back to the CPU provider.
 */
export function defaultProviders(platform: string = process.platform, env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  const asked = env.GR2R_ORT_PROVIDERS?.split(',').map((p) => p.trim()).filter((p) => p && p !== 'cpu');
  if (asked !== undefined) return asked;
  if (platform === 'win32') return ['dml'];
  if (platform === 'darwin') return ['coreml'];
  return [];
}
