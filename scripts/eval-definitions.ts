/**
 * Questions asking what something is ("What is a Turing machine?"), measured on text nobody here
 * wrote. SQuAD has almost none (3 of 626), so the questions are made by a rule from the text itself:
 * "What is X?" for every pair or triple of words (no stop words) occurring at least --min times in
 * the articles. For each, whether the top passage has a sentence saying what X is (definesThing),
 * with the engine's weight for such passages and with none; and every question whose top passage
 * changed, with the sentence now found.
 *
 *   npm run eval:definitions -- [--squad FILE] [--distractors] [--min N]   the SQuAD file's articles (default ../shared/eval/squad2-dev-2titles.json)
 *   npm run eval:definitions -- --brown [--min N]                          the Brown corpus alone
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { definesThing, definitionAsked, type ThingAsked } from '../src/core/answer-type';
import { Engine } from '../src/core/engine';
import { sentencesOf } from '../src/core/sentence-terms';
import type { Answer, ArticleText } from '../src/core/types';
import { loadAnalysis } from '../src/library/analysis-data';
import { loadKnowledge } from '../src/library/knowledge-folder';
import { loadBrownArticles } from './brown';
import { loadSquadArticles, readSquad } from './squad';

const STOP = new Set(
  'the a an of in and or to for by on at as is are was were be with from that this which its their his her it they he she not but also such than more most other into over after before between during one two'.split(' '),
);

/** Word pairs and triples without stop words, occurring at least `min` times, most frequent first. */
export function frequentTerms(paragraphs: readonly string[], min: number): string[] {
  const counts = new Map<string, number>();
  const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const paragraph of paragraphs) {
    const words = paragraph.replace(/[^\p{L}\p{N}\s'-]/gu, ' ').split(/\s+/u).filter(Boolean);
    for (let i = 0; i + 1 < words.length; i++) {
      if (STOP.has(words[i]!.toLowerCase()) || STOP.has(words[i + 1]!.toLowerCase())) continue;
      count(`${words[i]} ${words[i + 1]}`);
      const third = words[i + 2];
      if (third !== undefined && !STOP.has(third.toLowerCase())) count(`${words[i]} ${words[i + 1]} ${third}`);
    }
  }
  return [...counts].filter(([, n]) => n >= min).sort((a, b) => b[1] - a[1]).map(([term]) => term);
}

async function squadArticles(file: string): Promise<{ articles: ArticleText[]; paragraphs: string[] }> {
  const set = readSquad(JSON.parse(readFileSync(file, 'utf8')), file);
  return { articles: (await loadSquadArticles(set, loadKnowledge)).articles, paragraphs: set.articles.flatMap((article) => article.paragraphs) };
}

/** What the rule does for "What is X?" questions made from the paragraphs (see the file's comment). */
export interface DefinitionCheck {
  questions: number;
  /** Questions whose top passage says what X is, without the rule and with it. */
  without: number;
  with: number;
  /** Questions whose top passage changed, with the sentence the top passage now has saying what X is (undefined: none). */
  changed: { question: string; sentence: string | undefined; answered: boolean }[];
}

export function checkDefinitions(engine: Engine, paragraphs: readonly string[], min: number): DefinitionCheck {
  const { analyzer } = engine;
  const says = (answer: Answer, thing: ThingAsked) => {
    const top = answer.answered ? answer.results[0] : undefined;
    return top ? sentencesOf(top.passage.text).find((sentence) => definesThing([{ sentence }], thing, analyzer)) : undefined;
  };
  const check: DefinitionCheck = { questions: 0, without: 0, with: 0, changed: [] };
  for (const term of frequentTerms(paragraphs, min)) {
    const question = `What is ${/^\p{Lu}/u.test(term) ? '' : 'a '}${term}?`;
    const thing = definitionAsked(question, analyzer);
    if (!thing) continue;
    check.questions++;
    const without = engine.answer(question, { settings: { definitionWeight: 0 } });
    const withRule = engine.answer(question);
    if (says(without, thing) !== undefined) check.without++;
    const sentence = says(withRule, thing);
    if (sentence !== undefined) check.with++;
    if (without.results[0]?.passage.id !== withRule.results[0]?.passage.id) check.changed.push({ question, sentence, answered: withRule.answered });
  }
  return check;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      squad: { type: 'string', default: '../shared/eval/squad2-dev-2titles.json' },
      brown: { type: 'boolean', default: false },
      distractors: { type: 'boolean', default: false },
      min: { type: 'string', default: '3' },
      help: { type: 'boolean', default: false },
    },
  });
  const min = Number(values.min);
  if (values.help || !Number.isInteger(min) || min < 2) {
    console.log('usage: npm run eval:definitions -- [--squad FILE] [--distractors] [--min N]\n       npm run eval:definitions -- --brown [--min N]\n  --min: how often a word pair or triple must occur to be asked about (at least 2; default 3)');
    return values.help ? 0 : 2;
  }
  const { analysis } = await loadAnalysis({ cacheDir: '.cache' });
  const brown = values.brown || values.distractors ? loadBrownArticles() : [];
  let source: { articles: ArticleText[]; paragraphs: string[] };
  try {
    source = values.brown ? { articles: brown, paragraphs: brown.flatMap((article) => article.body.split(/\n\s*\n/u)) } : await squadArticles(values.squad);
  } catch (err) {
    console.error(`Cannot read the questions' articles from ${values.squad}: ${(err as Error).message}`);
    return 2;
  }
  const engine = Engine.build(analysis, values.brown ? brown : [...source.articles, ...brown]);
  const check = checkDefinitions(engine, source.paragraphs, min);
  const over = values.brown ? 'the Brown corpus' : `${values.squad}${values.distractors ? ' with the Brown corpus' : ''}`;
  console.log(`"What is X?" for ${check.questions} word pairs and triples occurring at least ${min} times in ${over}`);
  console.log(`top passage says what X is: ${check.without} without the rule, ${check.with} with it; top passage changed for ${check.changed.length}:`);
  for (const { question, sentence, answered } of check.changed) {
    console.log(`  ${question}\n      now: ${sentence ?? (answered ? '(a passage saying nothing of what it is)' : '(declined)')}`);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) process.exitCode = await main();
