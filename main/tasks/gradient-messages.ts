import type { BackendName } from '../engine/backend';
import type { BatchShape, ShardSetup } from '../engine/parallel/types';

/** Main thread -> gradient worker. */
export type ToGradientWorker =
  | { readonly kind: 'setup'; readonly setup: ShardSetup; readonly backend: BackendName }
  | { readonly kind: 'step'; readonly weights: Float32Array; readonly input: Float32Array; readonly target: Float32Array; readonly shape: BatchShape };

/** Gradient worker -> main thread: one answer per message. */
export type FromGradientWorker =
  | { readonly kind: 'ready' }
  | { readonly kind: 'gradients'; readonly loss: number; readonly gradients: Float32Array }
  | { readonly kind: 'error'; readonly message: string };
