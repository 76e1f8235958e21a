import { TOPIC_QUESTIONS, tungstenPassages } from '../../core/queries';
import { notice, strong, type Reply } from '../../core/reply';
import type { Library } from '../../library/library';
import { cutAtWord } from '../../util/text';
import { QUESTION_SHOWN } from './ask';
import { topicReply } from './topic';

/** /tungsten: the overview (reserves, deposits, market share), or a question answered from tungsten passages. */
export function tungstenReply(library: Library, question?: string): Reply {
  const found = tungstenPassages(library.engine, question);
  if ('problem' in found) return notice(found.problem);
  if (found.question === undefined) {
    return topicReply(library, TOPIC_QUESTIONS.tungsten, found.results, 'The knowledge base has nothing on tungsten yet.', [strong('Tungsten'), ' in the articles:'], 'tungsten');
  }
  return topicReply(library, found.question, found.results, 'No tungsten passage answers that.', [strong('Tungsten:'), ` ${cutAtWord(found.question, QUESTION_SHOWN)}`]);
}
