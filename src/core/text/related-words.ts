import { z } from 'zod';
import { parseDataFile } from '../data-file';
import { stemmer } from 'stemmer';
import type { Vocabulary } from './vocabulary';

/**
 * Words that mean the same or come from one root, so that a passage earns credit for a question
 * that names the act or the relation differently: "arriving" and "arrival", "head" and "led",
 * "say" and "told". Made from WordNet by scripts/build-related-words.ts (data/related-words.json):
 * for each analysed term (a Porter stem), the terms of the same word's other forms, then synonyms
 * of its most frequent senses (marked `~` in the file).
 *
 * Looked up per question term: nothing is built per word when an engine starts.
 */
export interface RelatedWordsFile {
  /** One line a stem of an English word, sorted by stem: the stem, then its related stems if any (synonyms marked `~`), space-separated. */
  lines: string;
  /**
   * One line a word of a name or made from one, lower case: the word, then the words it comes from
   * or that come from it ("irish ireland", "european europe"), which are forms of one another.
   * Apart from `lines`, whose words are English's, not names (see RelatedWords.knows).
   */
  names?: string;
  /**
   * One line a country, "|"-separated: the country's name, then the names of its places (cities,
   * states, provinces: "United States|Baton Rouge|Louisiana|Pittsburgh|…"), as written.
   */
  places?: string;
}

export type Relation = 'form' | 'synonym';

export interface RelatedTerm {
  term: string;
  relation: Relation;
}

export interface RelatedWords {
  /** Analysed terms related to an analysed term, forms first; empty when none. */
  of(term: string): readonly RelatedTerm[];
  /** Whether the term is a word of English (WordNet's), as opposed to a name or a word it does not know. */
  knows(term: string): boolean;
}

const NONE: readonly RelatedTerm[] = [];

/**
 * The related-words lookup over the file's data, in the analyzer's terms. The file's stems are what
 * the analyzer makes of plain words; a stem that the vocabulary makes an alias ("talk" → discuss)
 * is looked up and given as the alias term. Pure: the data is passed in.
 */
export function createRelatedWords(file: RelatedWordsFile, vocabulary?: Vocabulary): RelatedWords {
  // Single-word alias forms, by their stem: "talks" is the term "discuss", not "talk".
  const aliasOf = new Map<string, string>();
  for (const alias of vocabulary?.aliases ?? []) {
    for (const form of alias.forms) if (/^\p{Ll}+$/u.test(form)) aliasOf.set(stemmer(form), alias.term);
  }
  const termOf = (stemmed: string) => aliasOf.get(stemmed) ?? stemmed;
  const memo = new Map<string, readonly RelatedTerm[]>();
  const entryOf = lineFinder(file.lines);
  // The file's entries under the stems of an alias's forms, for a question term that is an alias.
  const stemsOfAlias = new Map<string, string[]>();
  for (const [stemmed, term] of aliasOf) stemsOfAlias.set(term, [...(stemsOfAlias.get(term) ?? []), stemmed]);

  return {
    of(term) {
      const known = memo.get(term);
      if (known) return known;
      const found = new Map<string, Relation>();
      const add = (key: string, as?: Relation) => {
        const entry = entryOf(key);
        if (!entry) return [];
        const added: string[] = [];
        for (const item of entry.split(' ')) {
          const synonym = item.startsWith('~');
          if (synonym && as) continue;
          const other = termOf(synonym ? item.slice(1) : item);
          if (other === term || found.get(other) === 'form' || (found.has(other) && as)) continue;
          found.set(other, as ?? (synonym ? 'synonym' : 'form'));
          added.push(synonym ? item.slice(1) : item);
        }
        return added;
      };
      const direct = (stemsOfAlias.get(term) ?? [term]).flatMap((key) => add(key));
      // The other forms of those words too: "say" ~ "tell" → "told", "head" ~ "lead" → "led".
      for (const stem of direct) add(stem, found.get(termOf(stem)));
      const related = found.size ? [...found].map(([other, relation]) => ({ term: other, relation })) : NONE;
      if (memo.size < 50_000) memo.set(term, related);
      return related;
    },
    knows: (term) => entryOf(term) !== undefined,
  };
}

/**
 * Finds a stem's line by binary search over the sorted lines, without splitting them all: only the
 * line starts are listed, on the first look-up. Returns the rest of the line after the stem.
 */
function lineFinder(lines: string): (stem: string) => string | undefined {
  let starts: Uint32Array | undefined;
  const listStarts = () => {
    const found: number[] = [];
    for (let at = 0; at < lines.length; at = lines.indexOf('\n', at) + 1 || lines.length) found.push(at);
    return Uint32Array.from(found);
  };
  const keyAt = (start: number) => {
    const space = lines.indexOf(' ', start);
    const end = lines.indexOf('\n', start);
    return lines.slice(start, space >= 0 && space < end ? space : end);
  };
  return (stem) => {
    starts ??= listStarts();
    let low = 0;
    let high = starts.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const key = keyAt(starts[middle]!);
      if (key === stem) {
        const start = starts[middle]! + key.length + 1;
        const end = lines.indexOf('\n', start - 1);
        return lines.slice(start, Math.max(start, end < 0 ? lines.length : end));
      }
      if (key < stem) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  };
}

/** Checks the shape of related-words.json; throws an error naming the file when it is not one. */
export function parseRelatedWords(json: string, file: string): RelatedWordsFile {
  return parseDataFile(json, file, 'related words', z.object({ lines: z.string(), names: z.string().optional(), places: z.string().optional() }));
}
