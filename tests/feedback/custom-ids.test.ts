/**
 * Answer ids and the feedback buttons' custom ids: exact format, within Discord's 100 characters,
 * and every wrong one (forged, stale, too long, someone else's) answered with a value, never an
 * exception. Then the handlers: Helpful thanks privately, Not helpful opens the modal, the modal's
 * text is kept, a stale answer gets a polite reply.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  customIdOf,
  feedbackButtons,
  isAnswerId,
  MAX_CUSTOM_ID_LENGTH,
  newAnswerId,
  NOTE_INPUT_ID,
  noteModal,
  parseCustomId,
} from '../../src/feedback/custom-ids';
import { FeedbackLog } from '../../src/feedback/feedback-log';
import { FEEDBACK_TEXT, onFeedbackButton, onFeedbackModal } from '../../src/feedback/interactions';
import { ManualClock } from '../support/manual-clock';
import { temporaryDir } from '../support/temporary-dir';
import { analyze, answeredWith, captureLog, fileLines } from './helpers';
import '../support/unhandled';

describe('answer ids and custom ids', () => {
  it('answer ids are 8 characters of base64url and differ', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newAnswerId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(isAnswerId(id)).toBe(true);
  });

  it('round-trips every action, within Discord’s limits', () => {
    const id = newAnswerId();
    for (const action of ['helpful', 'not-helpful', 'note'] as const) {
      const customId = customIdOf(action, id);
      expect(customId.length).toBeLessThanOrEqual(MAX_CUSTOM_ID_LENGTH);
      expect(parseCustomId(customId)).toEqual({ ok: true, action, answerId: id });
    }
    expect(feedbackButtons(id)).toEqual([
      { customId: `fb:up:${id}`, label: 'Helpful' },
      { customId: `fb:down:${id}`, label: 'Not helpful' },
    ]);
    const modal = noteModal(id);
    expect(modal.customId).toBe(`fb:note:${id}`);
    expect(modal.title).toBe('Not helpful — noted, thanks'); // acknowledges the vote even if the modal is dismissed
    expect(modal.title.length).toBeLessThanOrEqual(45);
    expect(modal.input).toMatchObject({ customId: NOTE_INPUT_ID, label: 'What were you looking for?', required: false, maxLength: 300 });
    expect(modal.input.label.length).toBeLessThanOrEqual(45);
    expect(modal.input.placeholder.length).toBeLessThanOrEqual(100);
  });

  it.each([
    ['another handler’s button', 'page:abc:1', 'not-feedback'],
    ['an unknown action', 'fb:maybe:abcdefgh', 'malformed'],
    ['an answer id too short', 'fb:up:abc', 'malformed'],
    ['an answer id too long', 'fb:up:abcdefghi', 'malformed'],
    ['characters outside base64url', 'fb:up:abc$efgh', 'malformed'],
    ['extra parts', 'fb:up:abcdefgh:extra', 'malformed'],
    ['a trailing newline', 'fb:up:abcdefgh\n', 'malformed'],
    ['over 100 characters', `fb:up:${'a'.repeat(100)}`, 'too-long'],
  ])('says what is wrong with %s', (_what, customId, problem) => {
    expect(parseCustomId(customId)).toEqual({ ok: false, problem });
  });

  it('never throws, whatever arrives (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string().map((s) => `fb:${s}`), fc.anything()), (value) => {
        const parsed = parseCustomId(value);
        if (parsed.ok) expect(customIdOf(parsed.action, parsed.answerId)).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the feedback handlers', () => {
  async function setUp() {
    const dir = temporaryDir('feedback-handlers-');
    const logs = captureLog();
    const feedback = await FeedbackLog.open({ dir, log: logs.log, clock: new ManualClock('2026-11-23T10:00:00Z'), analyze });
    const id = newAnswerId();
    feedback.recordAnswer({ answerId: id, command: 'ask', userId: '1', question: 'Who signed?', answer: answeredWith('mou.md') });
    return { dir, feedback, id, logs };
  }

  it('Helpful: a private thanks; again: unchanged; after Not helpful: changed', async () => {
    const { feedback, id } = await setUp();
    expect(onFeedbackButton(feedback, `fb:up:${id}`, '2')).toEqual({ kind: 'reply', text: FEEDBACK_TEXT.thanks, outcome: 'recorded' });
    expect(onFeedbackButton(feedback, `fb:up:${id}`, '2')).toEqual({ kind: 'reply', text: FEEDBACK_TEXT.thanks, outcome: 'unchanged' });
    expect(onFeedbackButton(feedback, `fb:down:${id}`, '2')).toEqual({ kind: 'modal', modal: noteModal(id), outcome: 'changed' });
    expect(onFeedbackButton(feedback, `fb:up:${id}`, '2')).toEqual({ kind: 'reply', text: FEEDBACK_TEXT.changedToHelpful, outcome: 'changed' });
  });

  it('Not helpful counts at once (a dismissed modal keeps it); the submitted modal adds the text', async () => {
    const { dir, feedback, id } = await setUp();
    expect(onFeedbackButton(feedback, `fb:down:${id}`, '3')).toMatchObject({ kind: 'modal', outcome: 'recorded' });
    expect(onFeedbackModal(feedback, `fb:note:${id}`, (input) => (input === NOTE_INPUT_ID ? 'the date it was signed' : undefined), '3')).toEqual({
      kind: 'reply',
      text: FEEDBACK_TEXT.thanks,
      outcome: 'unchanged',
    });
    // Submitted empty: the vote stays, nothing more is written.
    expect(onFeedbackModal(feedback, `fb:note:${id}`, () => '   ', '3')).toMatchObject({ kind: 'reply', outcome: 'unchanged' });
    await feedback.flush();
    const votes = fileLines(dir, 'feedback-2026-11.jsonl').map((l) => JSON.parse(l)).filter((e) => e.type === 'vote');
    expect(votes.map((v) => [v.vote, v.note])).toEqual([
      ['not-helpful', undefined],
      ['not-helpful', 'the date it was signed'],
    ]);
  });

  it('a stale answer id gets a polite private reply; forged ones too; another handler’s button is not ours', async () => {
    const { feedback } = await setUp();
    expect(onFeedbackButton(feedback, 'fb:up:AAAAAAAA', '2')).toEqual({ kind: 'reply', text: FEEDBACK_TEXT.stale, outcome: 'stale' });
    expect(onFeedbackModal(feedback, 'fb:note:AAAAAAAA', () => 'x', '2')).toEqual({ kind: 'reply', text: FEEDBACK_TEXT.stale, outcome: 'stale' });
    expect(onFeedbackButton(feedback, 'fb:up:<script>', '2')).toEqual({ kind: 'reply', text: FEEDBACK_TEXT.invalid, outcome: 'invalid' });
    expect(onFeedbackButton(feedback, `fb:up:${'x'.repeat(200)}`, '2')).toMatchObject({ outcome: 'invalid' });
    expect(onFeedbackButton(feedback, 'fb:note:AAAAAAAA', '2')).toMatchObject({ outcome: 'invalid' }); // a modal id on a button
    expect(onFeedbackModal(feedback, 'fb:up:AAAAAAAA', () => 'x', '2')).toMatchObject({ outcome: 'invalid' }); // a button id on a modal
    expect(onFeedbackButton(feedback, 'page:abc:1', '2')).toBeNull();
    expect(onFeedbackModal(feedback, 'something-else', () => 'x', '2')).toBeNull();
    expect(onFeedbackModal(feedback, 'fb:note:AAAAAAAA', () => { throw new Error('no such field'); }, '2')).toMatchObject({ outcome: 'stale' });
  });
});
