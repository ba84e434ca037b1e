import { watch } from 'vue';
import { useCompareStore } from './compare';
import { useDatasetStore } from './dataset';
import { useNoiseStore } from './noise';

/**
 * Every later step belongs to the dataset it was made for: when another folder is chosen, the noise estimates
 * (and the parameters taken from them), the previews and the last export are cleared. Models stay in the library;
 * the ones made on other data are flagged where they are used (model-fit.ts). Returns the stop function.
 */
export function followDataset(): () => void {
  const dataset = useDatasetStore();
  return watch(
    () => dataset.folderId,
    (now, before) => {
      if (before === null || before === undefined || now === before) return;
      const noise = useNoiseStore();
      for (const family of Object.keys(noise.reports) as (keyof typeof noise.reports)[]) {
        delete noise.reports[family];
        if (noise.origin[family] === 'estimate') {
          delete noise.params[family];
          delete noise.origin[family];
        }
      }
      const compare = useCompareStore();
      compare.previews = {};
      compare.otherPreviews = {};
      compare.lastRun = null;
      compare.denoiseJob = null;
      compare.file = null;
    },
  );
}
