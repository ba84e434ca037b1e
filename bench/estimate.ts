// Blind noise estimation error table: `npx tsx bench/estimate.ts [--size 512] [--seed 1] [--family gaussian]`.
// Clean sample images + synthetic noise from the app's own noise models, estimated blind; prints Markdown.
import { parseArgs } from 'node:util';
import { estimateImage, parameterOf } from '../main/engine/estimate';
import type { EstimateFamily } from '../main/shared/estimate';
import type { NoiseSpec } from '../main/shared/noise';
import { addNoise, loadClean } from '../test/engine/estimate/synth';

const images = [
  'camera.png',
  'astronaut.png',
  'brick.png',
  'grass.png',
  'gravel.png',
  'coffee.png',
  'chelsea.png',
  'rocket.jpg',
  'hubble_deep_field.jpg',
];
const levels: Record<EstimateFamily, number[]> = {
  gaussian: [0.01, 0.02, 0.05, 0.1, 0.2],
  poisson: [0.005, 0.01, 0.02, 0.05, 0.1, 0.2],
  gamma: [1, 2, 4, 8, 16],
};

function spec(family: EstimateFamily, level: number): NoiseSpec {
  if (family === 'gaussian') return { family, sigma: level };
  return family === 'poisson' ? { family, gain: level } : { family, looks: level };
}

const { values } = parseArgs({
  options: { size: { type: 'string' }, seed: { type: 'string' }, family: { type: 'string' } },
});
const size = Number(values.size ?? 512);
const seed = Number(values.seed ?? 1);
const families = (values.family ? [values.family] : ['gaussian', 'poisson', 'gamma']) as EstimateFamily[];

console.log(`Crops of at most ${size}x${size}, seed ${seed}. error = estimate / true - 1; "texture" = few flat areas.`);
console.log(
  'own sigma: the estimate on the clean image itself (its grain and quantisation; texture where it has few flat areas).',
);
console.log('Poisson: the gain from the noise variance (before the lattice step replaces it).\n');
for (const family of families) {
  const own = family === 'gaussian';
  console.log(`| ${family} |${own ? ' own sigma |' : ''} ${levels[family].map((l) => `${l}`).join(' | ')} |`);
  console.log(`|---|${own ? '---:|' : ''}${levels[family].map(() => '---:').join('|')}|`);
  const worst: number[] = levels[family].map(() => 0);
  for (const file of images) {
    const clean = await loadClean(file, size);
    const cells = levels[family].map((level, k) => {
      const noisy = addNoise(clean, spec(family, level), seed + k);
      const { estimate } = estimateImage(file, noisy, family);
      // Poisson: the gain from the noise variance; the exact lattice step would hide its error.
      const value = estimate.family === 'poisson' ? estimate.crossChecks.variance : parameterOf(estimate);
      const error = value / level - 1;
      worst[k] = Math.max(worst[k], Math.abs(error));
      return `${error >= 0 ? '+' : ''}${(100 * error).toFixed(1)}%${estimate.flat ? '' : ' texture'}`;
    });
    const floor = own ? ` ${parameterOf(estimateImage(file, clean, family).estimate).toFixed(4)} |` : '';
    console.log(`| ${file} |${floor} ${cells.join(' | ')} |`);
  }
  console.log(`| worst abs |${own ? ' |' : ''} ${worst.map((w) => `${(100 * w).toFixed(1)}%`).join(' | ')} |\n`);
}
