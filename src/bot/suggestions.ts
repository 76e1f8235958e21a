import type { Choice } from './command';
import type { Snapshot } from './library';

const STARTERS = [
  'Who signed the memorandum?',
  'How much tungsten does Kazakhstan have?',
  'Which critical minerals does Kazakhstan offer the US?',
  'How many exploration licenses has Kazakhstan granted?',
  'What share of tungsten production does China have?',
];

/** Questions the knowledge base can answer, drawn from what it covers. */
function candidateQuestions(snapshot: Snapshot): string[] {
  const { catalog, engine } = snapshot;
  const sections = new Set(engine.passages.map((passage) => passage.section).filter((section): section is string => !!section));
  return [
    ...STARTERS,
    ...catalog.people.map((person) => `Who is ${person.name}?`),
    ...catalog.minerals.map((mineral) => `What do the articles say about ${mineral.name}?`),
    ...catalog.agreements.map((agreement) => `Who signed: ${agreement.article.title}`),
    ...sections,
  ];
}

/** Suggestions for what a person is typing: their own words first, then known questions containing every word typed. */
export function suggestQuestions(snapshot: Snapshot, typed: string): Choice[] {
  const text = typed.replace(/\s+/g, ' ').trim();
  const words = text.toLowerCase().split(' ').filter(Boolean);
  const matches = candidateQuestions(snapshot).filter((question) => {
    const lower = question.toLowerCase();
    return words.every((word) => lower.includes(word));
  });
  const own = text ? [{ name: text, value: text }] : [];
  return [...own, ...matches.map((question) => ({ name: question, value: question }))];
}
