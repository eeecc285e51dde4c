import { describe, expect, it } from 'vitest';
import { lineIndex, lineOfKey, lineOfOffset } from '../../src/model/lines.js';

const text = 'first\nsecond\n\nfourth "key": 1\n';

describe('line numbers of offsets', () => {
  it('places every offset on its 1-based line, line breaks included', () => {
    const lineAt = lineIndex(text);
    // offsets: f=0, \n=5, s=6, \n=12, \n=13, f=14
    expect([0, 5, 6, 12, 13, 14, text.length].map(lineAt)).toEqual([1, 1, 2, 2, 3, 4, 5]);
    expect([0, 5, 6, 12, 13, 14, text.length].map((o) => lineOfOffset(text, o))).toEqual([
      1, 1, 2, 2, 3, 4, 5,
    ]);
  });

  it('clamps offsets outside the text to its first and last line', () => {
    expect(lineOfOffset(text, -1)).toBe(1);
    expect(lineOfOffset(text, 10_000)).toBe(5);
  });

  it('finds the line of the last named key of a validation path, or nothing when it is not in the text', () => {
    expect(lineOfKey(text, ['outer', 0, 'key', 3])).toBe(4);
    expect(lineOfKey(text, ['absent'])).toBeUndefined();
    expect(lineOfKey(text, [0])).toBeUndefined();
  });
});
