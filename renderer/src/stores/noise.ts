import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { EstimateReport } from '../../../main/shared/estimate';
import { pooledNoiseSpec } from '../../../main/shared/estimate';
import type { FamilyChoice, NoiseChoice } from '../../../main/shared/noise';
import { noiseChoiceSchema } from '../../../main/shared/noise';
import { familyInfo, specValues } from '../noise-families';
import { useAppStore } from './app';
import { useJobsStore } from './jobs';

export type SarDomain = 'intensity' | 'amplitude';

/** The parameters of a family taken from an estimate (Poisson-Gaussian reads the Poisson fit's a and b). */
function fromReport(family: FamilyChoice, report: EstimateReport): Record<string, number> | null {
  const pooled = report.pooled;
  if (family === 'poissongaussian' && pooled.family === 'poisson') return { a: pooled.a, b: Math.max(0, pooled.b) };
  return pooled.family === family ? specValues(pooledNoiseSpec(pooled)) : null;
}

/** The noise model GR2R trains with: a family and its parameters, estimated from the data or set by hand. */
export const useNoiseStore = defineStore('noise', () => {
  const family = ref<FamilyChoice>('auto');
  const params = ref<Partial<Record<FamilyChoice, Record<string, number>>>>({});
  const origin = ref<Partial<Record<FamilyChoice, 'estimate' | 'manual'>>>({});
  const reports = ref<Partial<Record<FamilyChoice, EstimateReport>>>({});
  const sarDomain = ref<SarDomain>('intensity');
  const estimateJob = ref<string | null>(null);

  // L estimated on intensities is not the looks of the same data read as amplitudes: a new domain needs a new estimate.
  watch(sarDomain, () => {
    delete reports.value.gamma;
    if (origin.value.gamma === 'estimate') {
      delete params.value.gamma;
      delete origin.value.gamma;
    }
  });

  const info = computed(() => familyInfo[family.value]);
  const values = computed(() => params.value[family.value] ?? {});
  const report = computed(() => reports.value[family.value] ?? null);
  const estimated = computed(() => (report.value ? fromReport(family.value, report.value) : null));
  /** What training is asked for: a full spec, or (automatic, correlated) a choice measured when it starts. */
  const spec = computed<NoiseChoice | null>(() => {
    const parsed = noiseChoiceSchema.safeParse({ family: family.value, ...values.value });
    return parsed.success ? parsed.data : null;
  });
  const problem = computed(() => {
    const missing = info.value.parameters.find((q) => values.value[q.key] === undefined);
    if (missing) return `Set the ${missing.label} (${missing.symbol}) or estimate it from the dataset.`;
    if (!spec.value) return `These values are not valid for ${info.value.label} noise.`;
    return null;
  });
  const estimating = computed(() => estimateJob.value !== null);

  function setValue(key: string, next: number | null): void {
    const current = { ...values.value };
    if (next === null || !Number.isFinite(next)) delete current[key];
    else current[key] = next;
    params.value[family.value] = current;
    origin.value[family.value] = 'manual';
  }

  /** Four significant digits: the estimate's standard error is a few percent. */
  function useEstimate(): void {
    if (!estimated.value) return;
    params.value[family.value] = Object.fromEntries(
      Object.entries(estimated.value).map(([k, v]) => [k, Number(v.toPrecision(4))]),
    );
    origin.value[family.value] = 'estimate';
  }

  async function runEstimate(datasetId: string): Promise<void> {
    const estimateAs = info.value.estimateAs;
    if (!estimateAs) return;
    const jobs = useJobsStore();
    const forFamily = family.value;
    const id = await jobs.start({
      kind: 'estimate',
      datasetId,
      family: estimateAs,
      amplitude: sarDomain.value === 'amplitude',
    });
    if (!id) return;
    estimateJob.value = id;
    const job = await jobs.settled(id);
    estimateJob.value = null;
    if (job.result?.kind === 'estimate') {
      reports.value[forFamily] = job.result.report;
      if (family.value === forFamily && origin.value[forFamily] !== 'manual') useEstimate();
    } else if (job.error) useAppStore().notify('error', job.error.message);
  }

  return {
    family,
    params,
    origin,
    reports,
    sarDomain,
    info,
    values,
    report,
    estimated,
    spec,
    problem,
    estimating,
    setValue,
    useEstimate,
    runEstimate,
  };
});
