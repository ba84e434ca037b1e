import { describe, expect, it } from 'vitest';
import { failureLine, printable } from '../../main/cli/printable';

describe('names printed to the terminal', () => {
  it('keep one line per name: control characters are escaped, visible text is kept', () => {
    expect(printable('ph\noto ü.png')).toBe('ph\\noto ü.png');
    expect(printable('a\rb\tc')).toBe('a\\rb\\tc');
    expect(printable('\u001b[31mred\u001b[0m')).toBe('\\x1b[31mred\\x1b[0m');
    expect(printable('bell\u0007 del\u007f c1\u009b')).toBe('bell\\x07 del\\x7f c1\\x9b');
    expect(printable('evil\u202egnp.exe')).toBe('evil\\u202egnp.exe');
    expect(printable('line\u2028sep')).toBe('line\\u2028sep');
    expect(printable('日本語 photo (1).png')).toBe('日本語 photo (1).png');
  });

  it('tell an escape from the same characters in a name', () => {
    expect(printable('a\\nb')).toBe('a\\\\nb');
    expect(printable('a\\nb')).not.toBe(printable('a\nb'));
  });

  it('print a failed file on one line', () => {
    const line = failureLine('failed', { file: '/x/two\nlines.png', reason: 'not an image' });
    expect(line).toBe('failed /x/two\\nlines.png: not an image');
    expect(line.split('\n')).toHaveLength(1);
  });
});
