import type { Engine } from '../../core/engine';
import { notFound, quotePage, withAsked, type Reply, type RichText } from '../../core/reply';
import type { AnswerResult } from '../../core/types';

/** A name someone typed (an agreement, a person, a mineral) is echoed back cut to this many characters when nothing goes by it. */
export const NAME_SHOWN = 100;

/**
 * A topic's passages as a reply (one page each), or a polite "not in the knowledge base"; either
 * way an answer to `question` (what the person asked, or what the command searched for).
 */
export function topicReply(engine: Engine, question: string, results: AnswerResult[], missing: string, heading?: RichText): Reply {
  if (results.length === 0) return withAsked(notFound(missing), question, []);
  return withAsked({ private: false, content: heading, pages: results.map((result) => quotePage(result, engine.analyzer)) }, question, results);
}
