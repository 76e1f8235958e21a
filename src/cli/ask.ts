import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Library } from '../bot/library';
import { parseLine } from '../bot/parse-slash';
import { startBot } from '../bot/start';
import { checkQuestion } from '../core/question';
import type { Answer } from '../core/types';
import { createLogger } from '../logger';
import { ANSI, PLAIN, renderText } from '../terminal/render-text';
import { settingsOrExit } from './env';

const USAGE = `Usage:
  npm run --silent ask -- "QUESTION"             the answer, for a person
  npm run --silent ask -- "/who signed"          a slash command, options as Discord writes them (/minerals mineral:gallium)
  npm run --silent ask -- --json "QUESTION"      one JSON object
  npm run --silent ask -- --json < questions.txt one JSON object per line of standard input
Options:
  --knowledge DIR   answer from another folder of article files (or set KNOWLEDGE_DIR)
  --help            this text`;

export function answerToJson(answer: Answer) {
  return {
    question: answer.question,
    answered: answer.answered,
    results: answer.results.map(({ passage, score }) => ({
      text: passage.text,
      score: Math.round(score * 1000) / 1000,
      section: passage.section,
      article: {
        title: passage.article.title,
        publisher: passage.article.publisher,
        published: passage.article.published,
        url: passage.article.url,
        file: passage.article.file,
      },
    })),
  };
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, knowledge: { type: 'string' }, help: { type: 'boolean', default: false } },
    });
  } catch (err) {
    fail(`${(err as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const settings = settingsOrExit(values.knowledge ? { KNOWLEDGE_DIR: values.knowledge } : {});
  const log = createLogger(process.env.LOG_LEVEL ? settings.LOG_LEVEL : 'warn');
  const question = positionals.join(' ');

  if (values.json) {
    const library = await Library.open(settings.KNOWLEDGE_DIR, settings.CACHE_DIR, log);
    const engine = library.current.engine;
    const answerLine = (line: string) => {
      const check = checkQuestion(line);
      if (!check.ok) return { question: line, answered: false, results: [], error: check.message };
      return answerToJson(engine.answer(check.question));
    };
    if (positionals.length) {
      const check = checkQuestion(question);
      if (!check.ok && check.problem !== 'not-text') fail(check.message);
      process.stdout.write(`${JSON.stringify(answerLine(question))}\n`);
      return;
    }
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
      process.stdout.write(`${JSON.stringify(answerLine(line))}\n`);
    }
    return;
  }

  if (!positionals.length) fail(`Ask a question.\n\n${USAGE}`);
  const check = checkQuestion(question);
  if (!check.ok && check.problem !== 'not-text') fail(check.message);
  const { runner, commands } = await startBot(settings, log);
  const line = parseLine(question, commands);
  if (!line.ok) fail(line.message);
  const reply = await runner.run(line.request);
  process.stdout.write(`${renderText(reply, process.stdout.isTTY ? ANSI : PLAIN)}\n`);
}

await main();
