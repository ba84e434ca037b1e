import type { ImageF32 } from '../../engine/image';
import { imagePsnr } from '../../engine/metrics';
import { imageSsim } from '../../engine/ssim';
import type { Score } from './types';

/** Mean PSNR and mean SSIM over the images (peak 1: the bench's images are in [0, 1]). */
export function scoreImages(estimates: readonly ImageF32[], clean: readonly ImageF32[]): Score {
  let psnr = 0;
  let ssim = 0;
  estimates.forEach((estimate, i) => {
    psnr += imagePsnr(estimate, clean[i]!);
    ssim += imageSsim(estimate, clean[i]!);
  });
  return { psnr: psnr / estimates.length, ssim: ssim / estimates.length };
}
