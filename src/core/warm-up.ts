import type { Passage } from './types';

/** Question openings, so that every kind of question (see answer-type.ts) is asked at least once. */
const OPENINGS = ['Who', 'When did', 'Where is', 'How many', 'Why did', 'What is', 'Which', 'What happened to'];
/** Words of a passage a question takes. */
const WORDS = 7;

/**
 * Questions made from the library's own text, asked once at start-up and thrown away: the code
 * that answers is compiled by the JavaScript engine only after it has run a few times, and the
 * posting lists of common words are decoded on first use, so without this the first questions
 * people ask would wait several times longer than the next ones. Passages spread over the whole
 * library, every kind of opening, and a misspelt word in every third (the typo search).
 */
export function warmUpQuestions(passages: readonly Passage[], count: number): string[] {
  if (passages.length === 0) return [];
  const questions: string[] = [];
  for (let i = 0; i < count; i++) {
    const passage = passages[Math.floor((i * passages.length) / count)]!;
    const words = passage.text.split(/\s+/).filter((word) => /^\p{L}/u.test(word)).slice(i % 3, (i % 3) + WORDS).map((word) => word.replace(/[^\p{L}\p{N}'’-]+$/u, ''));
    if (i % 3 === 2) {
      const long = words.findIndex((word) => word.length >= 6);
      if (long >= 0) words[long] = misspelt(words[long]!);
    }
    questions.push(`${OPENINGS[i % OPENINGS.length]} ${words.join(' ')}?`);
  }
  return questions;
}

/** The word with two letters in its middle swapped ("tungsten" → "tunsgten"). */
function misspelt(word: string): string {
  const at = Math.floor(word.length / 2);
  return word.slice(0, at - 1) + word[at] + word[at - 1] + word.slice(at + 1);
}
