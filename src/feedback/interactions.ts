import { noteModal, NOTE_INPUT_ID, parseCustomId, type NoteModal } from './custom-ids';
import type { VoteResult } from './feedback-log';
import type { Vote } from './records';

/**
 * What the bot does when a feedback button is pressed or the modal is submitted, as neutral
 * values: a private reply, or the modal to show. The Discord adapter only turns them into
 * discord.js calls. Never throws: a forged, malformed or stale custom id gets a polite reply.
 */

/** The part of FeedbackLog the handlers need. */
export interface FeedbackVotes {
  vote(answerId: string, userId: string, vote: Vote, note?: string): VoteResult;
}

export type FeedbackResponse =
  /** A private (ephemeral) reply. */
  | { kind: 'reply'; text: string; outcome: 'recorded' | 'changed' | 'unchanged' | 'stale' | 'invalid' }
  /** Show this modal as the response (Not helpful: the vote is already counted; dismissing it keeps the vote). */
  | { kind: 'modal'; modal: NoteModal; outcome: 'recorded' | 'changed' | 'unchanged' };

export const FEEDBACK_TEXT = {
  thanks: 'Thanks — noted.',
  changedToHelpful: 'Thanks — noted. Your vote is now “Helpful”.',
  changedToNotHelpful: 'Thanks — noted. Your vote is now “Not helpful”.',
  stale: 'Thanks, but that answer is too old to rate now. Ask again and rate the new answer.',
  invalid: 'That button is not one I recognise, so nothing was recorded.',
} as const;

function outcomeOf(result: Extract<VoteResult, { ok: true }>): 'recorded' | 'changed' | 'unchanged' {
  if (!result.changed) return 'unchanged';
  return result.previous ? 'changed' : 'recorded';
}

/**
 * A press on Helpful or Not helpful. Helpful: a private "Thanks — noted". Not helpful: the vote is
 * counted and the optional "What were you looking for?" modal is the response. Returns null for a
 * custom id that is not a feedback button (another handler's).
 */
export function onFeedbackButton(votes: FeedbackVotes, customId: string, userId: string): FeedbackResponse | null {
  const parsed = parseCustomId(customId);
  if (!parsed.ok) return parsed.problem === 'not-feedback' ? null : { kind: 'reply', text: FEEDBACK_TEXT.invalid, outcome: 'invalid' };
  if (parsed.action === 'note') return { kind: 'reply', text: FEEDBACK_TEXT.invalid, outcome: 'invalid' };
  const result = votes.vote(parsed.answerId, userId, parsed.action);
  if (!result.ok) return { kind: 'reply', text: FEEDBACK_TEXT.stale, outcome: 'stale' };
  const outcome = outcomeOf(result);
  if (parsed.action === 'not-helpful') return { kind: 'modal', modal: noteModal(parsed.answerId), outcome };
  return { kind: 'reply', text: outcome === 'changed' ? FEEDBACK_TEXT.changedToHelpful : FEEDBACK_TEXT.thanks, outcome };
}

/**
 * The modal submitted. `field` reads a text input by its custom id (discord.js:
 * `(id) => interaction.fields.getTextInputValue(id)`); an empty text keeps the vote without one.
 * Returns null for a modal that is not ours.
 */
export function onFeedbackModal(votes: FeedbackVotes, customId: string, field: (inputId: string) => string | null | undefined, userId: string): FeedbackResponse | null {
  const parsed = parseCustomId(customId);
  if (!parsed.ok) return parsed.problem === 'not-feedback' ? null : { kind: 'reply', text: FEEDBACK_TEXT.invalid, outcome: 'invalid' };
  if (parsed.action !== 'note') return { kind: 'reply', text: FEEDBACK_TEXT.invalid, outcome: 'invalid' };
  let text: string;
  try {
    text = String(field(NOTE_INPUT_ID) ?? '');
  } catch {
    text = '';
  }
  const result = votes.vote(parsed.answerId, userId, 'not-helpful', text.trim() || undefined);
  if (!result.ok) return { kind: 'reply', text: FEEDBACK_TEXT.stale, outcome: 'stale' };
  const outcome = outcomeOf(result);
  return { kind: 'reply', text: outcome === 'changed' ? FEEDBACK_TEXT.changedToNotHelpful : FEEDBACK_TEXT.thanks, outcome };
}
