import type { Catalog } from '../core/catalog';
import { MESSAGE_LIMITS } from '../core/reply';
import type { Library } from '../library/library';
import type { Choice } from './command';

const STARTERS = [
  'Who signed the memorandum?',
  'How much tungsten does Kazakhstan have?',
  'Which critical minerals does Kazakhstan offer the US?',
  'How many exploration licenses has Kazakhstan granted?',
  'What share of tungsten production does China have?',
];

/** Made once per state of the catalog (it is made anew when the articles change). */
const candidatesOf = new WeakMap<Catalog, string[]>();

/** Questions the knowledge base can answer, drawn from what it covers. */
function candidateQuestions(library: Library): string[] {
  const { catalog } = library.engine;
  let candidates = candidatesOf.get(catalog);
  if (!candidates) {
    candidates = [
      ...STARTERS,
      ...catalog.people.map((person) => `Who is ${person.name}?`),
      ...catalog.minerals.map((mineral) => `What do the articles say about ${mineral.name}?`),
      ...catalog.agreements.map((agreement) => `Who signed: ${agreement.article.title}`),
      ...catalog.sections,
    ];
    candidatesOf.set(catalog, candidates);
  }
  return candidates;
}

/** Whether each suggested question is answered, per state of the catalog: one the bot would decline is never suggested. */
const answeredOf = new WeakMap<Catalog, Map<string, boolean>>();

/** Suggestions worked out per keystroke at most (an answer each, about 1–3 ms; remembered): autocomplete has 3 s, and many keystrokes. */
const NEW_CHECKS_PER_CALL = 40;

/**
 * Suggestions for what a person is typing: their own words first, then known questions containing
 * every word typed that the knowledge base answers, as many as Discord shows.
 */
export function suggestQuestions(library: Library, typed: string): Choice[] {
  const text = typed.replace(/\s+/g, ' ').trim();
  const words = text.toLowerCase().split(' ').filter(Boolean);
  const own = text ? [{ name: text, value: text }] : [];
  const { engine } = library;
  let answered = answeredOf.get(engine.catalog);
  if (!answered) answeredOf.set(engine.catalog, (answered = new Map()));
  const suggested: Choice[] = [];
  let checks = 0;
  for (const question of candidateQuestions(library)) {
    if (own.length + suggested.length >= MESSAGE_LIMITS.choices) break;
    const lower = question.toLowerCase();
    if (!words.every((word) => lower.includes(word))) continue;
    let verdict = answered.get(question);
    if (verdict === undefined) {
      if (checks++ === NEW_CHECKS_PER_CALL) break;
      verdict = engine.answer(question).answered;
      answered.set(question, verdict);
    }
    if (verdict) suggested.push({ name: question, value: question });
  }
  return [...own, ...suggested];
}
