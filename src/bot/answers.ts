import type { Passage } from '../core/types';
import type { Snapshot } from './library';
import { answerReply, notFound, notice, quotePage, type Reply } from './reply';
import { checkQuestion } from '../core/question';

/** Answers a question typed by a person (checked first), as a reply. */
export function replyToQuestion(snapshot: Snapshot, question: unknown, heading?: (question: string) => string): Reply {
  const check = checkQuestion(question);
  if (!check.ok) return notice(check.message);
  const answer = snapshot.engine.answer(check.question);
  return answerReply(answer, snapshot.engine.analyzer, heading?.(check.question));
}

/**
 * The best passages for a question among those that pass `keep` (a topic's passages): the search's
 * order first, then the topic's remaining passages, so that a topic with passages always shows some.
 */
export function passagesAbout(snapshot: Snapshot, question: string, keep: (passage: Passage) => boolean, fallback: Passage[] = [], limit = 5) {
  const { engine } = snapshot;
  const answer = engine.answer(question, { limit: 50 });
  const ranked = answer.results.filter((result) => keep(result.passage));
  const seen = new Set(ranked.map((result) => result.passage.id));
  const matchedTerms = engine.analyzer.queryTerms(question);
  for (const passage of fallback) {
    if (!seen.has(passage.id)) ranked.push({ passage, score: 0, matchedTerms });
  }
  return ranked.slice(0, limit);
}

export function topicReply(snapshot: Snapshot, results: ReturnType<typeof passagesAbout>, missing: string, content?: string): Reply {
  if (results.length === 0) return notFound(missing);
  return { private: false, content, pages: results.map((result) => quotePage(result, snapshot.engine.analyzer)) };
}
