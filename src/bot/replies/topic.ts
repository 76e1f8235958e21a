import type { Engine } from '../../core/engine';
import { notFound, quotePage, type Reply, type RichText } from '../../core/reply';
import type { AnswerResult } from '../../core/types';

/** A topic's passages as a reply (one page each), or a polite "not in the knowledge base". */
export function topicReply(engine: Engine, results: AnswerResult[], missing: string, heading?: RichText): Reply {
  if (results.length === 0) return notFound(missing);
  return { private: false, content: heading, pages: results.map((result) => quotePage(result, engine.analyzer)) };
}
