import { answerReply, notice, strong, type Reply } from '../../core/reply';
import { checkQuestion } from '../../core/question';
import type { Library } from '../../library/library';
import { cutAtWord } from '../../util/text';

/** The question shown above its answer is cut to this many characters. */
const QUESTION_SHOWN = 300;

/** /ask: the question is checked, then answered with the passages that answer it. */
export function askReply(library: Library, question: string | undefined): Reply {
  const check = checkQuestion(question);
  if (!check.ok) return notice(check.message);
  const { engine } = library;
  return answerReply(engine.answer(check.question), engine.analyzer, [strong('Q:'), ` ${cutAtWord(check.question, QUESTION_SHOWN)}`]);
}
