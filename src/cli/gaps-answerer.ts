import { Library } from '../bot/library';
import type { Settings } from '../config';
import type { AnswerNow } from '../feedback/report';
import type { Logger } from '../logger';

/** The engine `npm run gaps` checks "answered since" against: the knowledge folder, loaded as `npm run ask` loads it. */
export async function openAnswerer(settings: Settings, log: Logger): Promise<AnswerNow> {
  const library = await Library.open(settings.KNOWLEDGE_DIR, settings.CACHE_DIR, log);
  return (question) => library.current.engine.answer(question);
}
