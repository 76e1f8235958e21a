import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Engine } from './engine';
import { extractPeople, type Person } from './people';
import type { Article, Passage } from './types';

const topicsSchema = z.object({
  minerals: z.array(z.object({ name: z.string().min(1).max(100), words: z.array(z.string().min(1)).min(1) })),
  agreementWords: z.array(z.string().min(1)),
});

const TOPICS_FILE = fileURLToPath(new URL('../../data/topics.json', import.meta.url));
let topics: z.infer<typeof topicsSchema> | undefined;
function loadTopics() {
  topics ??= topicsSchema.parse(JSON.parse(readFileSync(TOPICS_FILE, 'utf8')));
  return topics;
}

export interface MineralEntry {
  name: string;
  /** Analysed terms that mention it. */
  terms: string[];
  /** Passages that mention it, in knowledge-base order. */
  passages: Passage[];
}

export interface AgreementEntry {
  /** The article that reports the agreement. */
  article: Article;
  /** Passages of that article about signing it. */
  passages: Passage[];
}

export interface PersonEntry extends Person {
  passages: Passage[];
}

/** What the knowledge base covers: minerals, agreements and people, found in its passages. */
export interface Catalog {
  minerals: MineralEntry[];
  agreements: AgreementEntry[];
  people: PersonEntry[];
  mineral(name: string): MineralEntry | undefined;
  passageMentions(passage: Passage, terms: readonly string[]): boolean;
}

export function buildCatalog(engine: Engine): Catalog {
  const { analyzer, passages } = engine;
  const termsOf = new Map<number, Set<string>>();
  const passageTerms = (passage: Passage) => {
    let terms = termsOf.get(passage.id);
    if (!terms) termsOf.set(passage.id, (terms = new Set(analyzer.indexTerms(`${passage.section ?? ''} ${passage.text}`))));
    return terms;
  };
  const passageMentions = (passage: Passage, terms: readonly string[]) => terms.some((term) => passageTerms(passage).has(term));

  const { minerals: mineralTopics, agreementWords } = loadTopics();
  const minerals = mineralTopics
    .map((topic) => {
      const terms = [...new Set(topic.words.flatMap((word) => analyzer.queryTerms(word)))];
      return { name: topic.name, terms, passages: passages.filter((passage) => passageMentions(passage, terms)) };
    })
    .filter((entry) => entry.passages.length > 0)
    .sort((a, b) => b.passages.length - a.passages.length || a.name.localeCompare(b.name));

  const agreementTerms = [...new Set(agreementWords.flatMap((word) => analyzer.queryTerms(word)))];
  const signTerms = analyzer.queryTerms('signed');
  const agreements: AgreementEntry[] = [];
  for (const article of engine.articles) {
    const about = passages.filter(
      (passage) => passage.article === article && passageMentions(passage, agreementTerms) && passageMentions(passage, signTerms),
    );
    if (about.length) agreements.push({ article, passages: about });
  }
  agreements.sort((a, b) => (b.article.published ?? '').localeCompare(a.article.published ?? ''));

  const people = new Map<string, PersonEntry>();
  for (const passage of passages) {
    for (const person of extractPeople(passage.text)) {
      const known = [...people.values()].find((entry) => entry.name === person.name || entry.name.endsWith(` ${person.name}`));
      if (known) {
        known.passages.push(passage);
        known.role ??= person.role;
      } else {
        people.set(person.name, { ...person, passages: [passage] });
      }
    }
  }

  return {
    minerals,
    agreements,
    people: [...people.values()],
    mineral: (name) => minerals.find((entry) => entry.name.toLowerCase() === name.trim().toLowerCase()),
    passageMentions,
  };
}
