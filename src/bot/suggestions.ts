import type { Catalog } from '../core/catalog';
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

/** Suggestions for what a person is typing: their own words first, then known questions containing every word typed. */
export function suggestQuestions(library: Library, typed: string): Choice[] {
  const text = typed.replace(/\s+/g, ' ').trim();
  const words = text.toLowerCase().split(' ').filter(Boolean);
  const matches = candidateQuestions(library).filter((question) => {
    const lower = question.toLowerCase();
    return words.every((word) => lower.includes(word));
  });
  const own = text ? [{ name: text, value: text }] : [];
  return [...own, ...matches.map((question) => ({ name: question, value: question }))];
}
