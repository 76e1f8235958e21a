import { randomBytes } from 'node:crypto';

/**
 * Answer ids and the custom ids of the feedback buttons and modal. Pure: a custom id that is not
 * exactly one of ours comes back as a value saying why, never as an exception.
 *
 *   fb:up:<answer id>      the Helpful button
 *   fb:down:<answer id>    the Not helpful button
 *   fb:note:<answer id>    the "What were you looking for?" modal
 *
 * An answer id is 8 characters of base64url (48 random bits). The custom id carries only the answer
 * id; what the answer was is found in the feedback record, which outlives a restart.
 */

export const FEEDBACK_PREFIX = 'fb:';
/** Discord's limit for a custom id. */
export const MAX_CUSTOM_ID_LENGTH = 100;
export const ANSWER_ID = /^[A-Za-z0-9_-]{8}$/;
/** The modal's one text input. */
export const NOTE_INPUT_ID = 'looking-for';
/** Discord allows up to 4000 characters in a text input; we keep 300. */
export const NOTE_MAX_LENGTH = 300;

const FEEDBACK_ID = /^fb:(up|down|note):([A-Za-z0-9_-]{8})$/;

/** A new answer id: 8 characters of base64url from 6 random bytes. */
export function newAnswerId(random: (size: number) => Buffer = randomBytes): string {
  return random(6).toString('base64url');
}

export function isAnswerId(value: string): boolean {
  return ANSWER_ID.test(value);
}

export type FeedbackAction = 'helpful' | 'not-helpful' | 'note';

export type ParsedCustomId =
  | { ok: true; action: FeedbackAction; answerId: string }
  /** not-feedback: not ours (another button); too-long: over Discord's 100 characters; malformed: ours in name only. */
  | { ok: false; problem: 'not-feedback' | 'too-long' | 'malformed' };

const ACTION_OF = { up: 'helpful', down: 'not-helpful', note: 'note' } as const;
const CODE_OF = { helpful: 'up', 'not-helpful': 'down', note: 'note' } as const;

/** True when the dispatcher should hand this custom id to the feedback handlers. */
export function isFeedbackCustomId(customId: unknown): boolean {
  return typeof customId === 'string' && customId.startsWith(FEEDBACK_PREFIX);
}

export function parseCustomId(customId: unknown): ParsedCustomId {
  if (!isFeedbackCustomId(customId)) return { ok: false, problem: 'not-feedback' };
  const text = customId as string;
  if (text.length > MAX_CUSTOM_ID_LENGTH) return { ok: false, problem: 'too-long' };
  const match = FEEDBACK_ID.exec(text);
  if (!match) return { ok: false, problem: 'malformed' };
  return { ok: true, action: ACTION_OF[match[1] as keyof typeof ACTION_OF], answerId: match[2]! };
}

/** The custom id for an action on an answer. Throws only on an answer id this module did not make (a programming error). */
export function customIdOf(action: FeedbackAction, answerId: string): string {
  if (!isAnswerId(answerId)) throw new Error(`feedback: "${answerId}" is not an answer id`);
  return `${FEEDBACK_PREFIX}${CODE_OF[action]}:${answerId}`;
}

/** The two buttons every answer carries, as neutral data (the Discord adapter makes them secondary buttons). */
export function feedbackButtons(answerId: string): { customId: string; label: string }[] {
  return [
    { customId: customIdOf('helpful', answerId), label: 'Helpful' },
    { customId: customIdOf('not-helpful', answerId), label: 'Not helpful' },
  ];
}

export interface NoteModal {
  customId: string;
  /** At most 45 characters (Discord). */
  title: string;
  input: {
    customId: string;
    /** At most 45 characters (Discord). */
    label: string;
    /** At most 100 characters (Discord). */
    placeholder: string;
    style: 'paragraph';
    required: false;
    maxLength: number;
  };
}

/** The title of the modal: the acknowledgement of the vote too, since a dismissed modal gets no other reply. */
const NOTE_MODAL_TITLE = 'Not helpful — noted, thanks';

/** The optional "What were you looking for?" modal that Not helpful opens. */
export function noteModal(answerId: string): NoteModal {
  return {
    customId: customIdOf('note', answerId),
    title: NOTE_MODAL_TITLE,
    input: {
      customId: NOTE_INPUT_ID,
      label: 'What were you looking for?',
      placeholder: 'Optional: what the answer should have said, or which article',
      style: 'paragraph',
      required: false,
      maxLength: NOTE_MAX_LENGTH,
    },
  };
}
