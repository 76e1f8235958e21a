export const MAX_QUESTION_LENGTH = 500;

export type QuestionCheck =
  | { ok: true; question: string }
  | { ok: false; problem: 'empty' | 'too-long' | 'not-text'; message: string };

// Control characters, zero-width characters and bidirectional overrides: they carry no meaning for
// search and can make a quoted question display differently from what it says.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

/** Cleans a question typed by a person and checks that it can be searched. Never throws. */
export function checkQuestion(raw: unknown): QuestionCheck {
  const text = typeof raw === 'string' ? raw : '';
  const cleaned = text.replace(LONE_SURROGATE, '').replace(INVISIBLE, ' ').replace(/\s+/gu, ' ').trim();
  if (cleaned === '') {
    return { ok: false, problem: 'empty', message: 'The question is empty. Ask something like "Who signed the memorandum?"' };
  }
  if (cleaned.length > MAX_QUESTION_LENGTH) {
    return {
      ok: false,
      problem: 'too-long',
      message: `The question is ${cleaned.length} characters long; the limit is ${MAX_QUESTION_LENGTH}. Ask it in fewer words.`,
    };
  }
  const replacement = (cleaned.match(/\uFFFD/gu) ?? []).length;
  if (!/[\p{L}\p{N}$%]/u.test(cleaned) || replacement > cleaned.length / 4) {
    return { ok: false, problem: 'not-text', message: 'That does not look like a question: it has no words to search for.' };
  }
  return { ok: true, question: cleaned };
}
