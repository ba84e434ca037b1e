import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../../main/engine/backend';

describe('initBackend called again while a call is in progress', () => {
  it('gives every caller the one backend chosen, the one tfjs runs on', async () => {
    // As the app starts the backend, an estimate and a training at once.
    const reports = await Promise.all([initBackend(), initBackend(), initBackend()]);
    expect(reports[1]).toBe(reports[0]);
    expect(reports[2]).toBe(reports[0]);
    expect(reports[0]!.name).not.toBe('cpu');
    expect(tf.getBackend()).toBe(reports[0]!.name === 'wasm' ? 'wasm' : 'tensorflow');
  });

  it('lets a forced backend wait for the call in progress, then switch', async () => {
    const [first, forced] = await Promise.all([initBackend(), initBackend('cpu')]);
    expect(forced.name).toBe('cpu');
    expect(first.name).not.toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });
});
