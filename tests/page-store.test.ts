import { describe, expect, it } from 'vitest';
import { limitChoices } from '../src/bot/command';
import type { Reply } from '../src/core/reply';
import { PageStore } from '../src/discord/page-store';

const reply = (text: string): Reply => ({ private: false, pages: [{ text: [text] }, { text: [text] }] });

describe('the page store behind "More results"', () => {
  it('keeps a reply for its owner until it expires', () => {
    let now = 0;
    const store = new PageStore(1_000, 10, () => now);
    const key = store.put(reply('a'), 'user-1');
    expect(store.get(key)?.userId).toBe('user-1');
    now = 1_001;
    expect(store.get(key)).toBeUndefined();
  });

  it('stays within its count and size, dropping the oldest first', () => {
    const byCount = new PageStore(60_000, 3);
    const keys = ['a', 'b', 'c', 'd'].map((text) => byCount.put(reply(text), 'u'));
    expect(byCount.size).toBe(3);
    expect(byCount.get(keys[0]!)).toBeUndefined();
    expect(byCount.get(keys[3]!)).toBeDefined();

    const bySize = new PageStore(60_000, 1_000, Date.now, 5_000);
    const big = Array.from({ length: 20 }, () => bySize.put(reply('x'.repeat(1_000)), 'u'));
    expect(bySize.size).toBeLessThanOrEqual(2);
    expect(bySize.get(big.at(-1)!)).toBeDefined();
  });
});

describe('autocomplete choices', () => {
  it('are at most 25, unique, 1–100 characters, and never end in half an emoji', () => {
    const choices = limitChoices([
      { name: '', value: 'empty name' },
      ...Array.from({ length: 40 }, (_, i) => ({ name: `${'x'.repeat(99)}😀${i}`, value: `${'y'.repeat(99)}😀${i}` })),
    ]);
    expect(choices.length).toBe(1); // the 40 share their first 99 characters once cut
    expect(choices[0]!.name).toBe('x'.repeat(99));
    const many = limitChoices(Array.from({ length: 40 }, (_, i) => ({ name: `choice ${i}`, value: `value ${i}` })));
    expect(many.length).toBe(25);
  });
});
