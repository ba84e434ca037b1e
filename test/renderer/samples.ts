import type { DatasetSummary } from '../../main/shared/dataset';
import type { ModelSummary } from '../../main/shared/library';

export const folder = { id: 'folder-0001', name: 'noisy', path: '/photos/noisy' };

export const dataset: DatasetSummary = {
  folder,
  images: [
    { file: 'a.tif', format: 'tiff', width: 64, height: 48, channels: 3, bitDepth: 32, bytes: 40_000 },
    { file: 'b.png', format: 'png', width: 128, height: 96, channels: 3, bitDepth: 16, bytes: 60_000 },
  ],
  failures: [{ file: 'broken.png', reason: 'cannot read the image header; it may be truncated or damaged' }],
  ignored: 1,
  heldOut: 0,
};

export function model(id: string, extra: Partial<ModelSummary> = {}): ModelSummary {
  return {
    id,
    noise: { family: 'gaussian', sigma: 0.1 },
    net: { kind: 'dncnn', width: 8, depth: 3 },
    loss: 'mse',
    alpha: 0.2,
    channels: 3,
    step: 10,
    totalSteps: 10,
    estPsnr: 24.5,
    createdAt: '2026-01-02T03:04:05.000Z',
    canResume: true,
    amplitude: false,
    path: `/models/${id}`,
    units: 'unit',
    ...extra,
  };
}
