import { describe, expect, it } from 'vitest';
import type { ImageF32 } from '../../main/engine/image';
import { makeImage } from '../../main/engine/image';
import { imageSsim } from '../../main/engine/ssim';

const H = 24;
const W = 20;

/** A deterministic image: `pixel(i, j)` gives the channel values at row i, column j. */
function image(pixel: (i: number, j: number) => number[]): ImageF32 {
  const channels = pixel(0, 0).length;
  const data = new Float32Array(H * W * channels);
  for (let i = 0; i < H; i++) for (let j = 0; j < W; j++) data.set(pixel(i, j), (i * W + j) * channels);
  return makeImage(H, W, channels, data);
}

const x = (i: number, j: number) => 0.5 + 0.3 * Math.sin(i / 3) * Math.cos(j / 5);
const y = (i: number, j: number) => x(i, j) + 0.1 * (((i * 7 + j * 13) % 11) / 10 - 0.5);
const c = (i: number, j: number) => 0.5 + 0.4 * Math.cos(i / 4 + j / 7);

// Reference values: scikit-image 0.19.3 structural_similarity(gaussian_weights=True, sigma=1.5,
// use_sample_covariance=False, data_range=1.0; channel_axis=-1 for RGB) on the same float32 images.
describe('SSIM (Wang et al. 2004: Gaussian window 11, sigma 1.5)', () => {
  it('matches scikit-image on a gray image with structured noise', () => {
    expect(
      imageSsim(
        image((i, j) => [y(i, j)]),
        image((i, j) => [x(i, j)]),
      ),
    ).toBeCloseTo(0.9108481372675836, 5);
  });

  it('matches scikit-image under a change of contrast and brightness', () => {
    expect(
      imageSsim(
        image((i, j) => [0.5 * x(i, j) + 0.2]),
        image((i, j) => [x(i, j)]),
      ),
    ).toBeCloseTo(0.8187201696088311, 5);
  });

  it('matches scikit-image per channel, averaged, on RGB', () => {
    const clean = image((i, j) => [x(i, j), 1 - x(i, j), c(i, j)]);
    const estimate = image((i, j) => [y(i, j), 1 - x(i, j) + 0.05 * Math.sin(i * j), 0.8 * c(i, j)]);
    expect(imageSsim(estimate, clean)).toBeCloseTo(0.9210656325327918, 5);
  });

  it('is 1 for identical images and (2ab + C1) / (a^2 + b^2 + C1) for two constants', () => {
    expect(
      imageSsim(
        image((i, j) => [x(i, j)]),
        image((i, j) => [x(i, j)]),
      ),
    ).toBeCloseTo(1, 10);
    const c1 = 0.01 ** 2;
    expect(
      imageSsim(
        image(() => [0.3]),
        image(() => [0.6]),
      ),
    ).toBeCloseTo((2 * 0.18 + c1) / (0.09 + 0.36 + c1), 6);
  });
});
