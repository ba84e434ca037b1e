import type { RealNoise } from '../../shared/estimate';
import type { ImageF32 } from '../image';
import { estimateProfile, profileRadius } from './noise-profile';
import { profileCorrelation } from '../../shared/noise';

/** The image's noise as it is (level, correlation, profile), or undefined where it has too little flat area. */
export function measureRealNoise(image: ImageF32): RealNoise | undefined {
  try {
    const { profile, std } = estimateProfile(image);
    const lags = Array.from({ length: 2 * profileRadius + 1 }, (_, i) => i - profileRadius);
    const correlation = lags.map((dy) => lags.map((dx) => Number(profileCorrelation(profile, dy, dx).toFixed(4))));
    return { std, correlation, profile };
  } catch {
    return undefined;
  }
}
