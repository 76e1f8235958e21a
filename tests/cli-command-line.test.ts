/**
 * What every command-line program in src/cli does with its command line, in process: `--help` and
 * `-h` print the usage and exit 0 (before any setting or folder is read), and check-knowledge, like
 * the others, exits 2 with its usage on a wrong command line, so that a script can tell that from
 * exit 1, a bad article file or a missing folder.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main as addArticle } from '../src/cli/add-article';
import { main as ask } from '../src/cli/ask';
import { main as checkKnowledge } from '../src/cli/check-knowledge';
import { main as deployCommands } from '../src/cli/deploy-commands';
import { main as feeds } from '../src/cli/feeds';
import { main as gaps } from '../src/cli/gaps';
import { main as removeArticle } from '../src/cli/remove-article';
import { capture } from './support/capture';
import { temporaryDir } from './support/temporary-dir';

/** Runs a program's main in this process: what it printed and returned. The environment names a folder that is not there, so nothing real is read. */
async function run(main: (argv: string[], io: never) => Promise<number>, argv: string[], env: Record<string, string> = {}) {
  const stdout = capture();
  const stderr = capture();
  const missing = join(temporaryDir('cli-line-'), 'nope');
  const io = { stdin: Readable.from([]), stdout: stdout.stream, stderr: stderr.stream, env: { KNOWLEDGE_DIR: missing, STATE_DIR: missing, CACHE_DIR: missing, LOG_LEVEL: 'warn', ...env } };
  const code = await main(argv, io as never);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const PROGRAMS = { ask, 'check-knowledge': checkKnowledge, gaps, feeds, 'add-article': addArticle, 'remove-article': removeArticle, 'deploy-commands': deployCommands } as const;

describe('--help and -h', () => {
  it.each(Object.keys(PROGRAMS) as (keyof typeof PROGRAMS)[])('%s prints its usage for either, exit 0', async (name) => {
    const long = await run(PROGRAMS[name], ['--help']);
    expect(long).toMatchObject({ code: 0, stderr: '' });
    expect(long.stdout).toMatch(/usage/i);
    expect(await run(PROGRAMS[name], ['-h'])).toEqual(long);
  });
});

describe('npm run deploy-commands, its command line', () => {
  it('an argument is a wrong command line (exit 2 with the usage), not a reason to register the commands', async () => {
    for (const argv of [['--guild'], ['now']]) {
      const { code, stdout, stderr } = await run(deployCommands, argv);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain('Usage:\n  npm run deploy-commands');
    }
  });
});

describe('npm run check-knowledge, its command line', () => {
  it.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['extra'], "Unexpected argument 'extra'"],
    [['--knowledge'], "Option '--knowledge <value>' argument missing"],
  ])('%j is a wrong command line: the problem and the usage, exit 2 (exit 1 is a bad article file)', async (argv, problem) => {
    const { code, stdout, stderr } = await run(checkKnowledge, argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(problem);
    expect(stderr).toContain('Usage:\n  npm run --silent check-knowledge');
  });

  it('a folder that is not there is named as such, not counted as an invalid article (exit 1)', async () => {
    const missing = join(temporaryDir('kb-missing-'), 'nope');
    const flag = await run(checkKnowledge, ['--knowledge', missing]);
    expect(flag).toEqual({ code: 1, stdout: '', stderr: `No knowledge folder at ${missing} (--knowledge): check the path.\n` });
    const setting = await run(checkKnowledge, [], { KNOWLEDGE_DIR: missing });
    expect(setting).toEqual({ code: 1, stdout: '', stderr: `No knowledge folder at ${missing} (KNOWLEDGE_DIR): check the path.\n` });
  });

  it('a file given as the folder is no folder either', async () => {
    const file = join(temporaryDir('kb-file-'), 'article.md');
    writeFileSync(file, '---\ntitle: One\n---\n\nText.\n');
    const { code, stderr } = await run(checkKnowledge, ['--knowledge', file]);
    expect(code).toBe(1);
    expect(stderr).toBe(`No knowledge folder at ${file} (--knowledge): check the path.\n`);
  });
});
