import type { ImageF32 } from '../../engine/image';
import { makeImage } from '../../engine/image';
import { anscombeDomain } from '../../engine/noise/poisson-gaussian';
import { shiftedPoissonDomain } from '../../engine/noise/shifted-poisson';
import type { NamedImage } from '../../engine/train/data';
import type { NoiseSpec } from '../../shared/noise';
import type { BenchCondition } from './conditions';
import type { Readout } from './readout';
import { plainReadout } from './readout';

/** One way of training GR2R on a condition: the noise model it assumes, what it sees of the data, how it is read. */
export interface BenchMethod {
  readonly name: string;
  readonly spec: NoiseSpec;
  readonly loss: 'mse' | 'nll';
  readonly prepare: (image: ImageF32) => ImageF32;
  readonly readout: Readout;
}

const asIs = (image: ImageF32) => image;

/** Output of the Anscombe domain back to image units, squared errors weighted by (dy/dz)^2. */
function anscombeReadout(a: number, b: number): Readout {
  const domain = anscombeDomain(a, b);
  return {
    toImage: (output) => domain.inverse(output),
    errorWeights: (output) => domain.inverse(output).map((x) => domain.errorWeight(x)),
  };
}

/** Poisson-Gaussian data rounded onto the Poisson lattice (gain x counts), as the Poisson family requires. */
function onLattice(gain: number) {
  return (image: ImageF32) =>
    makeImage(
      image.height,
      image.width,
      image.channels,
      image.data.map((v) => gain * Math.max(0, Math.round(v / gain))),
    );
}

/** The single Gaussian sigma that matches the data's average variance a mean(y) + b. */
function matchedSigma(a: number, b: number, train: readonly NamedImage[]): number {
  let sum = 0;
  let count = 0;
  for (const { image } of train) {
    for (const v of image.data) sum += v;
    count += image.data.length;
  }
  return Math.sqrt(a * Math.max(sum / count, 0) + b);
}

/**
 * Plain families: GR2R with each of the condition's losses. Poisson-Gaussian: its two modes (shifted Poisson counts,
 * the default, and the Anscombe domain) against the two families a user might otherwise pick, plain Poisson (data
 * rounded to the gain's lattice, unshifted) and plain Gaussian.
 */
export function benchMethods(condition: BenchCondition, train: readonly NamedImage[]): BenchMethod[] {
  const { spec } = condition;
  if (spec.family !== 'poissongaussian') {
    return condition.losses.map((loss) => ({
      name: `GR2R-${loss.toUpperCase()}`,
      spec,
      loss,
      prepare: asIs,
      readout: plainReadout,
    }));
  }
  const sigma = matchedSigma(spec.a, spec.b, train);
  return [
    {
      name: 'lattice',
      spec: { ...spec, method: 'lattice' },
      loss: 'mse',
      prepare: asIs,
      readout: { toImage: shiftedPoissonDomain(spec.a, spec.b).inverse },
    },
    {
      name: 'Anscombe',
      spec: { ...spec, method: 'anscombe' },
      loss: 'mse',
      prepare: asIs,
      readout: anscombeReadout(spec.a, spec.b),
    },
    {
      name: 'as Poisson',
      spec: { family: 'poisson', gain: spec.a },
      loss: 'mse',
      prepare: onLattice(spec.a),
      readout: plainReadout,
    },
    {
      name: 'as Gauss.',
      spec: { family: 'gaussian', sigma: +sigma.toPrecision(3) },
      loss: 'mse',
      prepare: asIs,
      readout: plainReadout,
    },
  ];
}
