import { describe, expect, it } from 'vitest';
import { UsageError } from '../../main/cli/command';
import { parseNoise } from '../../main/cli/noise-flags';

describe('--noise poissongaussian --a A --b B', () => {
  it('parses both parameters into the spec', () => {
    expect(parseNoise({ noise: 'poissongaussian', a: '0.01', b: '0.0004' })).toEqual({
      family: 'poissongaussian',
      spec: { family: 'poissongaussian', a: 0.01, b: 0.0004 },
    });
  });

  it('trains in the Anscombe domain when asked (--anscombe)', () => {
    expect(parseNoise({ noise: 'poissongaussian', a: '0.01', b: '0.0004', anscombe: true }).spec).toEqual({
      family: 'poissongaussian',
      a: 0.01,
      b: 0.0004,
      method: 'anscombe',
    });
  });

  it('needs both, and names a bad value', () => {
    expect(() => parseNoise({ noise: 'poissongaussian', a: '0.01' })).toThrow(/needs both --a .* and --b/);
    expect(parseNoise({ noise: 'poissongaussian' })).toEqual({ family: 'poissongaussian' });
    expect(() => parseNoise({ noise: 'poissongaussian', a: '0.01', b: '-1' })).toThrow(UsageError);
  });
});
