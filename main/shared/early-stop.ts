/**
 * Early stopping's patience: estimates of the PSNR in a row (one every evalEvery steps) without a better one.
 * The best step's weights are kept whether or not training stops early.
 */
export const DEFAULT_PATIENCE = 4;
