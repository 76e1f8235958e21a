import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { parseLine } from '../bot/parse-slash';
import { askReply } from '../bot/replies/ask';
import { openLibrary, startBot } from '../bot/start';
import { checkQuestion } from '../core/question';
import type { AnswerResult } from '../core/types';
import { createLogger } from '../util/logger';
import { ANSI, PLAIN, renderText } from '../terminal/render-text';
import { isEntry, knowledgeFolderIsThere, readSettings, runMain, writeOut, type CliIo } from './io';

const USAGE = `Usage:
  npm run --silent ask -- "QUESTION"             the answer, for a person
  npm run --silent ask -- "/who signed"          a slash command, options as Discord writes them (/minerals mineral:gallium)
  npm run --silent ask -- --json "QUESTION"      one JSON object
  npm run --silent ask -- --json < questions.txt one JSON object per line of standard input
Options:
  --knowledge DIR   answer from another folder of article files (or set KNOWLEDGE_DIR)
  --help, -h        this text`;

/** Exit code for a question or command line that cannot be asked (empty, too long, unknown command). */
const BAD_INPUT = 2;

const JSON_TAKES_QUESTIONS = '--json answers questions; a slash command prints its reply for a person (leave out --json)';

const isSlashCommand = (line: string) => line.trim().startsWith('/');

export function answerToJson(answer: { question: string; answered: boolean; results: readonly AnswerResult[] }) {
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

/** `npm run ask`: answers a question (or a slash command) from the knowledge folder, for a person or as JSON. Returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const fail = (message: string) => {
    io.stderr.write(`${message}\n`);
    return BAD_INPUT;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, knowledge: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (err) {
    return fail(`${(err as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const settings = readSettings(io, values.knowledge ? { KNOWLEDGE_DIR: values.knowledge } : {});
  if (!settings) return 1;
  const question = positionals.join(' ');
  if (!values.json && !positionals.length) return fail(`Ask a question.\n\n${USAGE}`);
  if (positionals.length) {
    const check = checkQuestion(question);
    if (!check.ok && check.problem !== 'not-text') return fail(check.message);
    if (values.json && isSlashCommand(question)) return fail(`${JSON_TAKES_QUESTIONS}.\n\n${USAGE}`);
  }
  if (!knowledgeFolderIsThere(io, settings, Boolean(values.knowledge))) return 1;

  const log = createLogger(io.env.LOG_LEVEL ? settings.LOG_LEVEL : 'warn', io.stderr === process.stderr ? 2 : { write: (line: string) => void io.stderr.write(line) });
  // A one-shot command: the cache is rewritten only after the answers are out, and only if files
  // changed since it was written. A question needs only the knowledge base; a slash command the
  // whole bot (its commands, the state for /digest preview).
  const slash = !values.json && isSlashCommand(question);
  const bot = slash ? await startBot(settings, log, { cacheRewriteDelayMs: 0 }) : undefined;
  const library = bot?.library ?? (await openLibrary(settings, log, { cacheRewriteDelayMs: 0 }));
  try {
    if (values.json) {
      const answerLine = (line: string) => {
        const check = checkQuestion(line);
        if (!check.ok) return { question: line, answered: false, results: [], error: check.message };
        if (isSlashCommand(line)) return { question: line, answered: false, results: [], error: JSON_TAKES_QUESTIONS };
        // As the bot replies: a greeting, "what's new?" or a link alone is not searched for; its reply is given as text.
        const reply = askReply(library, check.question);
        return reply.asked ? answerToJson(reply.asked) : { question: check.question, answered: false, results: [], reply: renderText(reply, PLAIN) };
      };
      if (positionals.length) {
        await writeOut(io.stdout, `${JSON.stringify(answerLine(question))}\n`);
        return 0;
      }
      const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
      let waits = 0;
      const waiting = () => {
        if (waits++ === 0) log.debug('output: the reader is slower than the answers; each question is read once the answers before it are taken');
      };
      for await (const line of lines) {
        // Waits while a slow reader catches up; stops quietly when it has gone (… | head).
        if (!(await writeOut(io.stdout, `${JSON.stringify(answerLine(line))}\n`, waiting))) break;
      }
      if (waits) log.debug({ waits }, 'output: waited for the reader');
      lines.close();
      return 0;
    }
    let reply;
    if (bot) {
      const line = parseLine(question, bot.commands);
      if (!line.ok) return fail(line.message);
      reply = await bot.runner.run(line.request);
    } else {
      reply = askReply(library, question);
    }
    await writeOut(io.stdout, `${renderText(reply, io.stdout.isTTY ? ANSI : PLAIN)}\n`);
    return 0;
  } finally {
    await library.saveCache();
    await library.close();
  }
}

if (isEntry(import.meta.url)) runMain(main);
