/** The previews of /knowledge add waiting for Save or Cancel: their buttons' ids, how long they last, how many are kept. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { draftButtonId, DRAFT_TTL_MS, isDraftButton, parseDraftButton, PendingDrafts } from '../../src/bot/pending-drafts';
import { MESSAGE_LIMITS } from '../../src/core/reply';
import { ManualClock } from '../support/manual-clock';

const draft = (userId = 'u1') => ({ userId, link: 'https://example.org/a', draft: { title: 'A', url: 'https://example.org/a', text: 'Text.' }, fileName: '2026-03-10-a.md', passages: 1 });

describe('preview buttons', () => {
  it('carry the action and the key, within Discord’s 100 characters, and read back', () => {
    const drafts = new PendingDrafts(new ManualClock('2026-03-10T09:00:00Z'));
    const { key } = drafts.put(draft());
    for (const action of ['save', 'cancel'] as const) {
      const id = draftButtonId(action, key);
      expect(id.length).toBeLessThanOrEqual(MESSAGE_LIMITS.customId);
      expect(isDraftButton(id)).toBe(true);
      expect(parseDraftButton(id)).toEqual({ action, key });
    }
  });

  it('anything else is not one of them, whatever it is', () => {
    for (const id of ['ka:save:short', 'ka:delete:AAAAAAAAAAAA', 'ka:save:AAAAAAAAAAAA:x', 'ka:save:AAAAAAAAAAA!', 'fb:up:AAAAAAAA', '']) expect(parseDraftButton(id)).toBeUndefined();
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (id) => {
        const parsed = parseDraftButton(id);
        if (parsed) expect(draftButtonId(parsed.action, parsed.key)).toBe(id);
      }),
    );
  });
});

describe('pending previews', () => {
  it(`last ${DRAFT_TTL_MS / 60_000} minutes, then are gone`, () => {
    const clock = new ManualClock('2026-03-10T09:00:00Z');
    const drafts = new PendingDrafts(clock);
    const { key } = drafts.put(draft());
    clock.advance(DRAFT_TTL_MS - 1);
    expect(drafts.get(key)?.userId).toBe('u1');
    clock.advance(1);
    expect(drafts.get(key)).toBeUndefined();
    expect(drafts.size).toBe(0);
  });

  it('are bounded: the oldest go first', () => {
    const drafts = new PendingDrafts(new ManualClock('2026-03-10T09:00:00Z'), DRAFT_TTL_MS, 3);
    const keys = Array.from({ length: 5 }, (_, i) => drafts.put(draft(`u${i}`)).key);
    expect(drafts.size).toBe(3);
    expect(keys.map((key) => drafts.get(key)?.userId ?? null)).toEqual([null, null, 'u2', 'u3', 'u4']);
  });
});
