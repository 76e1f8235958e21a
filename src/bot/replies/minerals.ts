import type { MineralEntry } from '../../core/catalog';
import { TOPIC_QUESTIONS, mineralsNamed, passagesAbout } from '../../core/queries';
import { notFound, quotePage, strong, withAsked, type Reply } from '../../core/reply';
import type { Library } from '../../library/library';
import { capitalized, cutAtWord, plural } from '../../util/text';
import type { Choice } from '../command';
import { whatToTry } from '../suggestions';
import { NAME_SHOWN, topicReply } from './topic';

/** /minerals without a mineral: which minerals the articles cover, and the passage on what Kazakhstan offers. */
export function mineralsOverview(library: Library): Reply {
  const { engine } = library;
  const { minerals } = engine.catalog;
  if (minerals.length === 0) return withAsked(notFound(whatToTry(library, { command: 'minerals' }), 'The knowledge base mentions no critical minerals yet.'), TOPIC_QUESTIONS.offer, []);
  const offered = engine.answer(TOPIC_QUESTIONS.offer, { limit: 1 });
  const best = offered.answered ? offered.results[0] : undefined;
  const page = best ? quotePage(best, engine.analyzer) : {};
  const list = minerals.flatMap((mineral, i) => [...(i ? ['\n'] : []), strong(mineral.name), ` — ${plural(mineral.passages.length, 'passage')}`]);
  const reply: Reply = {
    private: false,
    // The heading announces the passage on what Kazakhstan offers only when there is one to quote.
    content: [strong(`Critical minerals in the knowledge base`), ` (${minerals.length})${best ? '. What Kazakhstan offers:' : ':'}`],
    pages: [{ ...page, fields: [{ name: 'Minerals covered', value: list }] }],
  };
  return withAsked(reply, TOPIC_QUESTIONS.offer, best ? [best] : []);
}

/** /minerals mineral: the passages about one mineral. */
export function mineralReply(library: Library, asked: string): Reply {
  const { engine } = library;
  const meant = mineralsNamed(engine, asked);
  const mineral = meant.length === 1 ? meant[0] : undefined;
  if (!mineral) {
    const typed = `“${cutAtWord(asked, NAME_SHOWN)}”`;
    const instead = whatToTry(library, { command: 'minerals' });
    const question = `What do the articles say about ${asked}?`;
    if (meant.length) return withAsked(notFound(instead, `${typed} names ${meant.length} minerals: ${meant.map((m) => m.name).join(', ')}. Ask for one at a time.`), question, []);
    // Not a critical mineral of data/topics.json ("gold", "iron ore"): the passages naming it as
    // written, its words together, maybe with a plural s ("ti" is not "ties", though both stem to "ti").
    const words = asked.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    const named = new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[\\s\\p{Pd}]+')}s?(?![\\p{L}\\p{N}])`, 'iu');
    const found = words.length ? passagesAbout(engine, asked, (passage) => named.test(passage.text)) : [];
    // Words only of a mineral counted ("earth" in "rare earth metals"): that mineral.
    const within = found.length ? engine.catalog.minerals.find((counted) => found.every((result) => counted.has(result.passage))) : undefined;
    if (within) return passagesOf(library, within);
    if (found.length) return topicReply(library, question, found, '', [strong(capitalized(cutAtWord(asked, NAME_SHOWN))), ' in the articles (not one of the critical minerals /minerals counts):']);
    const known = engine.catalog.minerals.map((m) => m.name).join(', ') || 'none yet';
    return withAsked(notFound(instead, `The articles say nothing about ${typed}. Minerals covered: ${known}.`), question, []);
  }
  return passagesOf(library, mineral);
}

/** The passages about a mineral /minerals counts. */
function passagesOf(library: Library, mineral: MineralEntry): Reply {
  const results = passagesAbout(library.engine, `${mineral.name} Kazakhstan`, (passage) => mineral.has(passage), mineral.passages);
  return topicReply(library, mineral.name, results, `No passage mentions ${mineral.name}.`, [strong(capitalized(mineral.name)), ' in the articles:']);
}

/** The minerals whose name contains what is typed, with their passage counts. */
export function mineralChoices(library: Library, typed: string): Choice[] {
  const wanted = typed.trim().toLowerCase();
  return library.engine.catalog.minerals
    .filter((mineral) => mineral.name.toLowerCase().includes(wanted))
    .map((mineral) => ({ name: `${mineral.name} (${plural(mineral.passages.length, 'passage')})`, value: mineral.name }));
}
