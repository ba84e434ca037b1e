import { describe, expect, it } from 'vitest';
import { plural } from '../../main/shared/plural';

describe('plural', () => {
  it('puts the noun in the singular for one only', () => {
    expect([0, 1, 2].map((n) => plural(n, 'image'))).toEqual(['0 images', '1 image', '2 images']);
    expect(plural(3, 'faster option')).toBe('3 faster options');
  });
});
