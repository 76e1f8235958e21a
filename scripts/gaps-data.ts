/**
 * Synthetic feedback for the gaps bench and the grouping tests: questions the way a team asks
 * them, many topics, each asked in several wordings (a term added or dropped, words reordered),
 * by many people, over a week. Deterministic for a seed.
 */
import type { AnswerEvent, FeedbackEvent, VoteEvent } from '../src/feedback/records';

/** A small seeded generator (mulberry32): the same seed, the same data. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMON = ['kazakhstan', 'us', 'miner', 'critic', 'agreement', 'cooper', 'export', 'deposit', 'invest', 'product'];

/** Terms like the analyzer's: a few common words the whole library shares, and many rarer ones. */
function vocabulary(size: number): string[] {
  const words: string[] = [...COMMON];
  for (let i = 0; words.length < size; i++) words.push(`w${i.toString(36)}`);
  return words;
}

export interface SyntheticOptions {
  questions: number;
  topics?: number;
  people?: number;
  seed?: number;
  /** Share of answers that were declined (the rest answered; some of those voted Not helpful). */
  declinedShare?: number;
  now?: Date;
}

/** `questions` answer events over the 7 days before `now`, with votes on some answered ones. */
export function syntheticFeedback(options: SyntheticOptions): FeedbackEvent[] {
  const random = seeded(options.seed ?? 1);
  const topics = options.topics ?? Math.max(1, Math.round(options.questions / 5));
  const people = options.people ?? 200;
  const declinedShare = options.declinedShare ?? 0.5;
  const now = (options.now ?? new Date('2026-11-23T12:00:00Z')).getTime();
  const words = vocabulary(Math.max(100, topics * 2));
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  // A topic: 2 to 5 terms, mostly rare, sometimes a common one.
  const topicTerms: string[][] = [];
  for (let t = 0; t < topics; t++) {
    const size = 2 + Math.floor(random() * 4);
    const terms = new Set<string>();
    while (terms.size < size) terms.add(random() < 0.25 ? pick(COMMON) : pick(words));
    topicTerms.push([...terms]);
  }
  const events: FeedbackEvent[] = [];
  for (let i = 0; i < options.questions; i++) {
    // Popular topics are asked more often (a rough Zipf).
    const topic = Math.min(topics - 1, Math.floor(topics * random() ** 2));
    const terms = [...topicTerms[topic]!];
    const variant = random();
    if (variant < 0.15 && terms.length > 2) terms.splice(Math.floor(random() * terms.length), 1);
    else if (variant < 0.3) terms.push(pick(COMMON));
    if (random() < 0.5) terms.reverse();
    const id = `q${i.toString(36).padStart(7, '0')}`;
    const at = new Date(now - Math.floor(random() * 6.9 * 24 * 3600 * 1000)).toISOString();
    const declined = random() < declinedShare;
    const answer: AnswerEvent = {
      v: 1,
      type: 'answer',
      id,
      at,
      command: random() < 0.8 ? 'ask' : 'tungsten',
      user: `u${Math.floor(random() * people)}`,
      question: `What about ${terms.join(' ')}?`,
      terms,
      answered: !declined,
      passage: declined ? null : { id: topic, file: `article-${topic % 50}.md`, title: `Article ${topic % 50}`, section: null, position: topic % 7 },
    };
    events.push(answer);
    if (!declined && random() < 0.3) {
      const vote: VoteEvent = { v: 1, type: 'vote', answer: id, at, user: `u${Math.floor(random() * people)}`, vote: random() < 0.6 ? 'helpful' : 'not-helpful' };
      events.push(vote);
    }
  }
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return events;
}
