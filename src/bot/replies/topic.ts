import { notFound, quotePage, withAsked, type Reply, type RichText } from '../../core/reply';
import type { AnswerResult } from '../../core/types';
import type { Library } from '../../library/library';
import { whatToTry, type OfferedCommand } from '../suggestions';

/** A name someone typed (an agreement, a person, a mineral) is echoed back cut to this many characters when nothing goes by it. */
export const NAME_SHOWN = 100;

/**
 * A topic's passages as a reply (one page each), or a polite "not in the knowledge base" (not
 * offering `command` again, the one that found nothing); either way an answer to `question` (what
 * the person asked, or what the command searched for).
 */
export function topicReply(library: Library, question: string, results: AnswerResult[], missing: string, heading?: RichText, command?: OfferedCommand): Reply {
  if (results.length === 0) return withAsked(notFound(whatToTry(library, { command }), missing), question, []);
  return withAsked({ private: false, content: heading, pages: results.map((result) => quotePage(result, library.engine.analyzer)) }, question, results);
}
