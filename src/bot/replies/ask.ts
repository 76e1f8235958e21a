import { answerReply, notice, smallTalkReply, strong, withAsked, type Reply } from '../../core/reply';
import { checkQuestion, smallTalkOf } from '../../core/question';
import type { Library } from '../../library/library';
import { relatedQuestions } from '../suggestions';
import { cutAtWord } from '../../util/text';

/** The question shown above its answer is cut to this many characters. */
export const QUESTION_SHOWN = 300;

/** /ask: the question is checked, then answered with the passages that answer it. */
export function askReply(library: Library, question: string | undefined): Reply {
  const check = checkQuestion(question);
  if (!check.ok) return notice(check.message);
  const smallTalk = smallTalkOf(check.question);
  if (smallTalk) return smallTalkReply(smallTalk);
  const { engine } = library;
  const answer = engine.answer(check.question);
  const related = answer.answered ? [] : relatedQuestions(library, check.question);
  return withAsked(answerReply(answer, engine.analyzer, [strong('Q:'), ` ${cutAtWord(check.question, QUESTION_SHOWN)}`], related), check.question, answer.results);
}
