import { describe, expect, it } from 'vitest';
import { parseWorkers } from '../../main/cli/train';
import { resolveWorkers } from '../../main/tasks/worker-count';

describe('how many gradient workers a run uses', () => {
  it('auto: two on wasm with two cores and an even batch, else one', () => {
    expect(resolveWorkers('auto', 'wasm', 8, 2)).toBe(2);
    expect(resolveWorkers('auto', 'wasm', 8, 16)).toBe(2);
    expect(resolveWorkers('auto', 'wasm', 8, 1)).toBe(1);
    expect(resolveWorkers('auto', 'wasm', 7, 2)).toBe(1);
    expect(resolveWorkers('auto', 'tensorflow', 8, 2)).toBe(1);
  });

  it('an explicit count that cannot work is an error with the fix', () => {
    expect(resolveWorkers(1, 'tensorflow', 7, 2)).toBe(1);
    expect(resolveWorkers(4, 'wasm', 8, 2)).toBe(4);
    expect(() => resolveWorkers(3, 'wasm', 8, 2)).toThrow(/multiple of 3/);
    expect(() => resolveWorkers(2, 'tensorflow', 8, 2)).toThrow(/needs the wasm backend/);
  });

  it('--workers takes auto or a positive whole number', () => {
    expect(parseWorkers(undefined)).toBeUndefined();
    expect(parseWorkers('auto')).toBe('auto');
    expect(parseWorkers('2')).toBe(2);
    expect(() => parseWorkers('0')).toThrow(/positive whole number/);
    expect(() => parseWorkers('two')).toThrow(/positive whole number/);
  });
});
