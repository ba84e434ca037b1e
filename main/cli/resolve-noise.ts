import { estimateFamilySchema, pooledNoiseSpec } from '../shared/estimate';
import type { NoiseFamily, NoiseSpec } from '../shared/noise';
import { describeNoise, noiseParameterName } from '../shared/noise';
import { estimateTask } from '../tasks/estimate-task';
import { UsageError } from './command';

/**
 * The noise spec to train with: the one given, or (when the parameter is missing) the pooled estimate over
 * the training images, said in a note with its uncertainty and the estimate's warnings. On --resume,
 * undefined: the checkpoint's own spec is used. `amplitude`: gamma files hold amplitudes.
 */
export async function resolveNoise(
  noise: { family: NoiseFamily; spec?: NoiseSpec } | undefined,
  data: string,
  note: (message: string) => void,
  amplitude = false,
  recursive = false,
): Promise<NoiseSpec | undefined> {
  if (!noise) return undefined;
  if (noise.spec) return noise.spec;
  const pg = noise.family === 'poissongaussian';
  const family = estimateFamilySchema.safeParse(pg ? 'poisson' : noise.family);
  if (!family.success) throw new UsageError(`the ${noise.family} parameter is required (--${noiseParameterName[noise.family]}): it cannot be estimated blind`);
  const report = await estimateTask({ input: data, family: family.data, amplitude, recursive });
  const spec = pooledNoiseSpec(report.pooled, 4, pg);
  const { count, uncertainty } = report.pooled;
  note(`no ${pg ? '--a/--b' : `--${noiseParameterName[noise.family]}`} given: training with the estimate ${describeNoise(spec)} ± ${(100 * uncertainty).toFixed(1)}%, pooled over ${count} image(s) (see gr2r estimate)`);
  for (const warning of report.warnings) note(`estimate: ${warning}`);
  return spec;
}
