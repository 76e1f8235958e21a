import type { Passage } from './types';

/**
 * Every kind of question the answer code treats apart (see answer-type.ts and answer.ts), made
 * from a passage's words (`w`) and a capitalized word of it (`name`). The code is compiled for the
 * kinds it has run: a kind first met in a person's question sends it back to slow code and to be
 * compiled again, which costs that question, and the next few, several times their usual time.
 */
const KINDS: readonly ((w: string, name: string) => string)[] = [
  (w) => `Who ${w}?`,
  (w) => `When did ${w}?`,
  (w) => `Where is ${w}?`,
  (w) => `How many ${w}?`,
  (w) => `Why did ${w}?`,
  (w) => `What is ${w}?`,
  (w) => `Which ${w}?`,
  (w) => `What happened to ${w}?`,
  (w, name) => `What did ${name} say about ${w}?`,
  (_w, name) => `What does ${name.slice(0, 3).toUpperCase()} stand for in ${name}?`,
  (w) => `Which ${w} did not happen?`,
  (w) => `What is the name of ${w}?`,
  (_w, name) => `Who is the president of ${name}?`,
  (w) => `When was ${w} signed?`,
  (w) => `How much does ${w} cost?`,
  (w) => w,
];
/**
 * Questions in Russian, the other language of Kazakhstan's press, one of each kind the answer code
 * reads apart in Russian (a first one cost 10–13 ms, against 1.5 ms when asked again).
 */
export const RUSSIAN_WARM_UP: readonly string[] = [
  'Кто подписал меморандум?',
  'Где находится месторождение вольфрама?',
  'Когда был подписан меморандум?',
  'Сколько вольфрама в Казахстане?',
  'Почему Казахстан подписал меморандум?',
  'Что заявил Токаев о редкоземельных металлах?',
  'Как расшифровывается МОУ?',
  'Что вчера подписали в Вашингтоне?',
];
/**
 * Words of a passage a question takes: from 3 to 11, varied from question to question. All of
 * one length (7, until 30 November 2026), the questions left the compiled code unready for lists
 * and objects people's questions make: traced with --trace-deopt, the first real questions sent
 * answerQuestion, candidateIds and scoreTable back to slower code ("wrong map"), to be compiled again.
 */
const WORDS = { least: 3, kinds: 9 };
/** Every this many questions, half the words come from a passage far from the first (a question no single passage answers). */
const MIXED_EVERY = 4;

function wordsOf(text: string): string[] {
  return text
    .split(/\s+/)
    .filter((word) => /^\p{L}/u.test(word))
    .map((word) => word.replace(/[^\p{L}\p{N}'’-]+$/u, ''));
}

/**
 * Questions made from the library's own text, asked at start-up (see Engine.warmUp) and thrown away: the code
 * that answers is compiled by the JavaScript engine only after it has run a few times, and the
 * posting lists of common words are decoded on first use, so without this the first questions
 * people ask would wait several times longer than the next ones. Passages spread over the whole
 * library, every kind of question, of every length (see WORDS), some with words of two passages,
 * and a misspelt word in every third (the typo search); then the Russian ones above.
 */
export function warmUpQuestions(passages: readonly Passage[], count: number): string[] {
  if (passages.length === 0) return [];
  const questions: string[] = [];
  for (let i = 0; i < count; i++) {
    const passage = passages[Math.floor((i * passages.length) / count)]!;
    const all = wordsOf(passage.text);
    const length = WORDS.least + ((i * 5) % WORDS.kinds);
    let words = all.slice(i % 3, (i % 3) + length);
    if (i % MIXED_EVERY === MIXED_EVERY - 1) {
      const other = passages[Math.floor(((i + count / 2) * passages.length) / count) % passages.length]!;
      words = [...words.slice(0, Math.ceil(length / 2)), ...wordsOf(other.text).slice(0, Math.floor(length / 2))];
    }
    if (i % 3 === 2) {
      const long = words.findIndex((word) => word.length >= 6);
      if (long >= 0) words[long] = misspelt(words[long]!);
    }
    let name = all.slice(1).find((word) => /^\p{Lu}\p{Ll}/u.test(word)) ?? 'Kazakhstan';
    if (Math.floor(i / KINDS.length) % 2 === 1) {
      // Every other round of the kinds with a typographic apostrophe ("Kazakhstan’s", as phones
      // write it): a text with a character beyond Latin-1 is held in two bytes a character, and each
      // regular expression is compiled again for those (about 25 ms over a first such question).
      if (words.length) words[0] += '’s';
      name += '’s';
    }
    questions.push(KINDS[i % KINDS.length]!(words.join(' '), name));
  }
  return [...questions, ...RUSSIAN_WARM_UP];
}

/** The word with two letters in its middle swapped ("tungsten" → "tunsgten"). */
function misspelt(word: string): string {
  const at = Math.floor(word.length / 2);
  return word.slice(0, at - 1) + word[at] + word[at - 1] + word.slice(at + 1);
}

/**
 * An article with passages of every kind the reading code treats apart (names, dates, amounts,
 * reasons, places, a list, a section, Russian), read at start-up into a throwaway engine, never
 * into the library (see Engine.warmUp). Twice: as plain ASCII, and with typographic quotes and
 * Russian, the two ways strings are held (each regular expression is compiled for each).
 */
const WARM_UP_ARTICLE = `---
title: Warm-up sample {n}
publisher: Warm-up
published: 2026-01-15
url: https://example.org/warm-up-{n}
tags: [warm-up]
---
The memorandum was signed in Washington on 6 November 2025 by Minister Aidar Samplov and Secretary Jane Example, because both sides wanted stable supplies of tungsten.

## The deposits

The agreement covers two deposits near Almaty. Officials said the project would create 1,200 jobs and cost about $1 billion.

- The first deposit holds 2 million tonnes of ore.
- Production could start in 2027, the ministry said on Monday.
`;
const RUSSIAN_PARAGRAPH = '\nМинистр Айдар Самплов подписал меморандум в Вашингтоне 6 ноября 2025 года, потому что стороны хотели стабильных поставок.\n';
export const WARM_UP_ARTICLES: readonly string[] = [
  WARM_UP_ARTICLE.replaceAll('{n}', '1'),
  WARM_UP_ARTICLE.replaceAll('{n}', '2').replace('both sides', '“both sides”').replace('the ministry said', 'the ministry’s spokesman said') + RUSSIAN_PARAGRAPH,
];
