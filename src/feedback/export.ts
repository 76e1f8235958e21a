import type { AnsweredSince, Gap, GapsReport, PassageRef } from './report';

/**
 * The gaps as an evaluation file in the shape of tests/eval/questions.json, so that they can
 * become test questions once an article answers them.
 *
 * The eval's reader (scripts/eval-questions.ts) requires every `answerable` entry to name the
 * passage it should find (`expect`), and these questions have none yet; so they go to a third
 * array, `pending`, which the reader ignores. `answerable` and `unanswerable` are there and empty, so the file reads as a
 * question set as it is. To promote a pending question: move it to `answerable` with an `expect`
 * (a phrase of the passage that answers it; `answeredSince.excerpt` shows the engine's current
 * candidate), or to `unanswerable` (as a plain string) if the bot should keep declining it.
 */

export interface PendingQuestion {
  question: string;
  /** Other wordings of the same question. */
  wordings: string[];
  /** Why it is here: the bot declined it, an answer was marked Not helpful, or both. */
  reason: 'declined' | 'not-helpful' | 'both';
  people: number;
  asked: number;
  lastAsked: string;
  /** The passages marked Not helpful. */
  answeredWith: PassageRef[];
  /** What the people who marked it Not helpful were looking for. */
  lookingFor: string[];
  /** The engine answers it now with this passage (not yet checked by a person). */
  answeredSince: AnsweredSince | null;
}

export interface EvalExport {
  about: string;
  exported: { at: string; firstDay: string; lastDay: string; timeZone: string };
  answerable: { question: string; expect: string }[];
  unanswerable: string[];
  pending: PendingQuestion[];
}

function reasonOf(gap: Gap): PendingQuestion['reason'] {
  if (gap.declined && gap.notHelpful) return 'both';
  return gap.declined ? 'declined' : 'not-helpful';
}

export function toEvalExport(report: GapsReport): EvalExport {
  return {
    about:
      'Questions the bot declined or whose answer was marked Not helpful (npm run gaps -- --export). ' +
      'They have no expected passage yet: move one to "answerable" with "expect" (a phrase of the passage that should answer it) ' +
      'once an article answers it, or to "unanswerable" if the bot should keep declining it. The eval ignores "pending".',
    exported: { at: report.window.until, firstDay: report.window.firstDay, lastDay: report.window.lastDay, timeZone: report.window.timeZone },
    answerable: [],
    unanswerable: [],
    pending: report.gaps.map((gap) => ({
      question: gap.example,
      wordings: gap.wordings,
      reason: reasonOf(gap),
      people: gap.people,
      asked: gap.asked,
      lastAsked: gap.lastAsked,
      answeredWith: gap.answeredWith,
      lookingFor: gap.lookingFor,
      answeredSince: gap.answeredSince,
    })),
  };
}
