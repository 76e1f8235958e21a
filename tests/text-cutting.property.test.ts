/**
 * Cutting text to a length (`src/util/text.ts`): a cut stays within its length and never splits a
 * surrogate pair (half an emoji), whatever the text; the one-line cut also leaves no line break,
 * control, zero-width or bidirectional character.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutAtSentence, cutAtWord, cutToLine, cutWhole } from '../src/util/text';

/** A high surrogate not followed by a low one, or a low one not after a high one. */
const HALF_PAIR = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const unit = fc.oneof(
  fc.constantFrom('😀', '👩‍👩‍👧', '𝔸', '🇰🇿', ' ', '\n', '\t', '. ', 'é', '\u200b', '\u202e', '\u0007'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  fc.constantFrom('tungsten', 'Kazakhstan', 'a', 'memorandum'),
);
const text = fc.string({ unit, maxLength: 80 });
const max = fc.integer({ min: 2, max: 120 });

const CUTS = { cutWhole, cutAtWord, cutAtSentence, cutToLine };

describe('cutting text', () => {
  for (const [name, cut] of Object.entries(CUTS)) {
    it(`${name} stays within its length and never splits a surrogate pair`, () => {
      fc.assert(
        fc.property(text, max, (input, length) => {
          const result = cut(input, length);
          expect(result.length).toBeLessThanOrEqual(length);
          expect(result).not.toMatch(HALF_PAIR);
        }),
        { numRuns: 500 },
      );
    });
  }

  it('cutToLine leaves one line with no control, zero-width or bidirectional character', () => {
    fc.assert(
      fc.property(text, max, (input, length) => {
        expect(cutToLine(input, length)).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/u);
      }),
      { numRuns: 500 },
    );
  });

  it('cutToLine keeps short text whole and cuts long text at a word, with "…"', () => {
    expect(cutToLine('  Who   signed\nthe memorandum?  ', 40)).toBe('Who signed the memorandum?');
    expect(cutToLine('Who signed the memorandum on tungsten?', 20)).toBe('Who signed the…');
    expect(cutToLine('😀'.repeat(10), 6)).toBe('😀😀…');
  });
});
