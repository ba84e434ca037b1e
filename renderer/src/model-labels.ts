import type { ModelSummary } from '../../main/shared/library';
import { describeSpec } from './noise-families';

export function netLabel(net: ModelSummary['net']): string {
  return net.kind === 'unet' ? `U-Net ${net.width}×${net.depth}` : `DnCNN ${net.width}×${net.depth}`;
}

export function noiseLabel(noise: ModelSummary['noise']): string {
  return describeSpec(noise, 4);
}

export function modelDate(model: ModelSummary): string {
  const date = new Date(model.createdAt);
  return Number.isNaN(date.getTime()) ? model.createdAt : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
