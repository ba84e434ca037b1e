import { z } from 'zod';

/**
 * Strength of denoising, in percent: out = original + (amount / 100) (denoised - original), in the data's own
 * units (file units: amplitude stays amplitude), before the output is encoded. 100 is the network's result.
 */
export const DEFAULT_AMOUNT = 100;
export const amountSchema = z.number().min(0).max(100);
