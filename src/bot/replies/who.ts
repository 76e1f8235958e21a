import { namesAsTyped } from '../../core/catalog';
import { TOPIC_QUESTIONS, agreementToShow, passagesAbout, signatoriesOf, signingPassages } from '../../core/queries';
import { notFound, strong, withAsked, type Reply, type RichText } from '../../core/reply';
import type { Person } from '../../core/people';
import type { Passage } from '../../core/types';
import type { Library } from '../../library/library';
import { cutAtWord, listed } from '../../util/text';
import { articleChoice, type Choice } from '../command';
import { whatToTry } from '../suggestions';
import { NAME_SHOWN, topicReply } from './topic';

/** What a name could mean, for a reply: "A, B or C", or the first few and how many more. */
function oneOf(names: string[]): string {
  const shown = names.slice(0, NAMES_LISTED).map((name) => `“${cutAtWord(name, NAME_SHOWN)}”`);
  const more = names.length - shown.length;
  if (more > 0) return `${shown.join(', ')} or ${more} more`;
  return listed(shown, 'or');
}

/**
 * How much rarer than everyday English (see Engine.specificTerms) a word of a name typed for /who met
 * must be to be looked for in the passages: "Rollo" 8, "Rice" 3.9, "John" 1.5; "however" 1.0, "may" 0.3.
 */
const NAME_MIN_WEIGHT = 1.5;

/** Names listed when a typed name could mean several. */
const NAMES_LISTED = 5;

function describe(people: Person[]): RichText {
  return people.flatMap((person, i) => [...(i ? ['\n'] : []), strong(person.name), ...(person.role ? [` — ${person.role}`] : [])]);
}

/** /who signed: the passage about signing an agreement (the one named, else see agreementToShow), with its signatories. */
export function whoSigned(library: Library, agreementAsked?: string): Reply {
  const { engine } = library;
  // The one named, or the newest that says who signed it when none is.
  const named = agreementAsked === undefined ? undefined : engine.catalog.agreementsNamed(agreementAsked);
  const agreement = named === undefined ? agreementToShow(engine.catalog.agreements) : named.length === 1 ? named[0] : undefined;
  if (agreementAsked && !agreement) {
    const asked = `“${cutAtWord(agreementAsked, NAME_SHOWN)}”`;
    const several = (named ?? []).map((entry) => entry.article.title);
    const text = several.length ? `${asked} could be ${oneOf(several)}: ask again with its full title.` : `I know of no agreement called ${asked}. Pick one from the list as you type.`;
    return withAsked(notFound(whatToTry(library), text), `Who signed ${agreementAsked}?`, []);
  }
  const results = signingPassages(engine, agreement);
  const question = agreement ? `Who signed ${agreement.article.title}?` : TOPIC_QUESTIONS.signed;
  const reply = topicReply(library, question, results, 'The articles do not say who signed an agreement.');
  const top = results[0];
  if (!top || reply.private) return reply;
  const signatories = signatoriesOf(top.passage);
  reply.content = [strong('Who signed:'), ` ${agreement?.article.title ?? top.passage.article.title}`];
  if (signatories.length) reply.pages[0]!.fields = [{ name: 'Signatories', value: describe(signatories) }];
  return reply;
}

/** /who met: who met a person (their passages about a meeting, else all theirs), or the passages about meetings. */
export function whoMet(library: Library, name?: string): Reply {
  const { engine } = library;
  const named = name ? engine.catalog.peopleNamed(name) : [];
  const person = named.length === 1 ? named[0] : undefined;
  if (name && !person) {
    const asked = `“${cutAtWord(name, NAME_SHOWN)}”`;
    const several = named.map((entry) => entry.name);
    const question = `Who did ${name} meet?`;
    // Someone the articles name without an office ("Rollo") is not among the people the catalog
    // knows; the passages naming them still say whom they met.
    // (Not an everyday word of English, which names no one: "he", "however", "may".)
    if (!several.length && [...engine.specificTerms(name).values()].some((weight) => weight >= NAME_MIN_WEIGHT)) {
      const naming = passagesAbout(engine, question, (passage) => namesAsTyped(passage.text, name));
      if (naming.length) return topicReply(library, question, naming, '', [strong(`Who met ${cutAtWord(name, NAME_SHOWN)}:`)]);
    }
    const text = several.length ? `${asked} could be ${oneOf(several)}: ask again with the full name.` : `No one called ${asked} is named in the articles.`;
    return withAsked(notFound(whatToTry(library), text), question, []);
  }
  const question = person ? `Who did ${person.name} meet?` : TOPIC_QUESTIONS.met;
  const kept = person ? meetingsOf(person.passages, engine.catalog.meetings) : engine.catalog.meetings;
  const results = passagesAbout(engine, question, keptTo(kept, !person), kept);
  return topicReply(library, question, results, 'The articles do not say who met whom.', person ? [strong(`Who met ${person.name}:`)] : [strong('Who met:')]);
}

/** Of a person's passages, those about a meeting ("Tokayev noted …" is not); all of them when none is. */
function meetingsOf(theirs: readonly Passage[], meetings: readonly Passage[]): readonly Passage[] {
  const ids = new Set(meetings.map((passage) => passage.id));
  const met = theirs.filter((passage) => ids.has(passage.id));
  return met.length ? met : theirs;
}

/**
 * Whether a search result is kept: one of `passages` (a person's; the passages about a meeting or a
 * visit naming someone). With `orAny`, when there are none, any: the catalog knows people by their
 * offices, and a library of history has meetings and visits of people without one.
 */
function keptTo(passages: readonly Passage[], orAny: boolean): (passage: Passage) => boolean {
  if (orAny && passages.length === 0) return () => true;
  const ids = new Set(passages.map((passage) => passage.id));
  return (passage) => ids.has(passage.id);
}

/** /who visited: the passages about a visit that name someone (a library of mining reports or history has visits of another kind). */
export function whoVisited(library: Library): Reply {
  const { visits } = library.engine.catalog;
  const results = passagesAbout(library.engine, TOPIC_QUESTIONS.visited, keptTo(visits, true), visits);
  return topicReply(library, TOPIC_QUESTIONS.visited, results, 'The articles mention no visits.', [strong('Who visited:')]);
}

/** Agreements whose title contains what is typed (newest first), for /who signed. */
export function agreementChoices(library: Library, typed: string): Choice[] {
  const wanted = typed.trim().toLowerCase();
  const { catalog } = library.engine;
  const titled = catalog.agreements.filter((agreement) => agreement.article.title.toLowerCase().includes(wanted));
  // Else what the agreement's passages call it: "memo" for the "… Ink MOU …" of a memorandum.
  return (titled.length ? titled : catalog.agreementsNamed(typed)).map((agreement) => articleChoice(agreement.article));
}

/** People whose name or role contains what is typed, for /who met. */
export function personChoices(library: Library, typed: string): Choice[] {
  const wanted = typed.trim().toLowerCase();
  return library.engine.catalog.people
    .filter((person) => person.name.toLowerCase().includes(wanted) || (person.role ?? '').toLowerCase().includes(wanted))
    .map((person) => ({ name: person.role ? `${person.name} (${person.role})` : person.name, value: person.name }));
}
