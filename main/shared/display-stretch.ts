import { z } from 'zod';

/**
 * How float data (SAR intensity, counts) is mapped to the screen; integer images always show as stored. 'auto':
 * linear between the 0.5 and 99.5 percentiles; 'p2-98': linear between the 2 and 98 percentiles (more contrast,
 * bright scatterers clipped); 'db': 10 log10 of the values between their 0.5 and 99.5 percentiles, the usual way
 * to look at SAR intensity. A result is shown with its input's stretch and range, so before and after compare.
 */
export const displayStretches = ['auto', 'p2-98', 'db'] as const;
export const displayStretchSchema = z.enum(displayStretches);
export type DisplayStretch = z.infer<typeof displayStretchSchema>;

export const displayStretchLabels: Record<DisplayStretch, string> = { auto: 'Linear', 'p2-98': '2–98%', db: 'dB' };
