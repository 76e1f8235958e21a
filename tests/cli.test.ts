/**
 * The command-line programs, run in this process through their `main(argv, io)` (what `npm run …`
 * runs, minus starting node), and each once as a real process the way npm starts it.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { main as askMain } from '../src/cli/ask';
import { main as checkMain } from '../src/cli/check-knowledge';
import type { CliIo } from '../src/cli/io';
import { main as startMain } from '../src/main';
import { capture } from './support/capture';
import { temporaryDir } from './support/temporary-dir';
import { warmCache } from './support/warm-cache';

const CACHE_DIR = temporaryDir('cli-cache-');
const ENV = { ...process.env, CACHE_DIR, LOG_LEVEL: 'warn', DISCORD_TOKEN: '' };
// As after an earlier run: what is tested is the programs, not the first build of the cache.
beforeAll(() => warmCache(CACHE_DIR));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program's main in this process, with standard input and the environment given. */
async function inProcess(main: (argv: string[], io: CliIo) => Promise<number>, args: string[], input = '', env: NodeJS.ProcessEnv = ENV, now?: () => Date): Promise<Run> {
  const stdout = capture();
  const stderr = capture();
  const code = await main(args, { stdin: Readable.from(input ? [input] : []), stdout: stdout.stream, stderr: stderr.stream, env, ...(now ? { now } : {}) });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** Runs a program as a real process, the way npm does (scripts/run.mjs: compiled, one node process), with optional standard input. */
function asProcess(script: string, args: string[], input?: string, env: NodeJS.ProcessEnv = ENV) {
  return new Promise<Run>((resolve) => {
    const child = spawn(process.execPath, ['scripts/run.mjs', script, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

const ask = (args: string[], input?: string) => inProcess(askMain, args, input);
const start = (input: string, env: NodeJS.ProcessEnv = ENV) => inProcess((_argv, io) => startMain(io), [], input, env);

describe('npm run ask', () => {
  it('prints the passage that answers, quoted as published, with its citation (a real process)', async () => {
    const { code, stdout } = await asProcess('src/cli/ask.ts', ['Who signed the memorandum?']);
    expect(code).toBe(0);
    expect(stdout).toContain('The MOU was signed by Yersayin Nagaspayev, Kazakhstan’s Minister of Industry and Construction, and US Secretary of Commerce Howard Lutnick.');
    expect(stdout).toContain('Kazakhstan and US Ink MOU on Critical Minerals Agreement');
    expect(stdout).toContain('El-Balad · 2025-11-06');
    expect(stdout).toContain('https://www.el-balad.com/6757916');
  });

  it('says plainly when the articles do not answer', async () => {
    const { code, stdout } = await ask(['What is the capital of France?']);
    expect(code).toBe(0);
    expect(stdout).toContain('could not find that in the knowledge base');
    expect(stdout).not.toContain('“');
  });

  it('prints one JSON object with --json', async () => {
    const { code, stdout } = await ask(['--json', 'How much tungsten does Kazakhstan have?']);
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer).toMatchObject({ question: 'How much tungsten does Kazakhstan have?', answered: true });
    expect(answer.results.length).toBeGreaterThan(0);
    expect(answer.results.length).toBeLessThanOrEqual(5);
    expect(answer.results[0].text).toContain('Kazakhstan is estimated to have over 2 million tonnes of tungsten reserves.');
    expect(answer.results[0].article).toEqual({
      title: 'Kazakhstan and US Ink MOU on Critical Minerals Agreement',
      publisher: 'El-Balad',
      published: '2025-11-06',
      url: 'https://www.el-balad.com/6757916',
      file: '2025-11-06-kazakhstan-us-ink-mou-critical-minerals.md',
    });
    expect(answer.results[0].section).toBe('Tungsten Opportunities');
    const scores = answer.results.map((r: { score: number }) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('answers one question per line of standard input with --json, in order', async () => {
    const { code, stdout } = await ask(['--json'], 'Who signed the memorandum?\nWhat is the capital of France?\n\n/help\n');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((l) => [l.question, l.answered])).toEqual([
      ['Who signed the memorandum?', true],
      ['What is the capital of France?', false],
      ['', false],
      ['/help', false],
    ]);
    expect(lines[2].error).toMatch(/empty/);
    expect(lines[3]).toMatchObject({ results: [], error: expect.stringContaining('--json answers questions') });
  });

  it('answers with --json as the bot replies: "what\'s new?", a link alone or a greeting is not searched for, and its reply comes as text', async () => {
    const { stdout } = await ask(['--json'], "what's new?\nhttps://www.el-balad.com/6757916\nHello!\nHello, who signed the MOU?\n");
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((l) => [l.question, l.answered, l.results.length > 0])).toEqual([
      ["what's new?", false, false],
      ['https://www.el-balad.com/6757916', false, false],
      ['Hello!', false, false],
      ['Hello, who signed the MOU?', true, true],
    ]);
    // "what's new?" quoted a passage with the word "new" in it.
    expect(lines[0].reply).toMatch(/^The newest articles/);
    expect(lines[1].reply).toMatch(/^That link is an article in the knowledge base/);
    expect(lines[2].reply).toMatch(/^Hello! Ask me a question/);
    expect(lines[3].results[0].text).toMatch(/^The MOU was signed by Yersayin Nagaspayev/);
  });

  it('refuses a slash command with --json, saying how to run it, instead of searching for its words', async () => {
    const { code, stdout, stderr } = await ask(['--json', '/who signed']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--json answers questions; a slash command prints its reply for a person (leave out --json)');
  });

  it('runs slash commands as Discord writes them', async () => {
    const signed = await ask(['/who signed']);
    expect(signed.code).toBe(0);
    expect(signed.stdout).toMatch(/Signatories:\n {2}Yersayin Nagaspayev — Kazakhstan’s Minister of Industry and Construction\n {2}Howard Lutnick — US Secretary of Commerce/);
    const gallium = await ask(['/minerals mineral:gallium']);
    expect(gallium.stdout).toContain('supply of aluminum, scandium, and gallium');
    const unknown = await ask(['/nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("I don't know the command /nope");
  });

  it('refuses an empty or too long question with exit code 2 and a clear message', async () => {
    const empty = await ask(['   ']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('The question is empty');
    const long = await ask(['--json', 'x'.repeat(501)]);
    expect(long.code).toBe(2);
    expect(long.stderr).toContain('the limit is 500');
    expect(long.stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  });

  it('answers from another folder with --knowledge, and names a missing one as the problem', async () => {
    const dir = temporaryDir('kb-');
    writeFileSync(join(dir, 'a.md'), '---\ntitle: Gallium news\npublished: 2026-01-01\n---\n\nGallium exports from Pavlodar rose sharply.\n');
    const { stdout } = await ask(['--json', '--knowledge', dir, 'gallium exports']);
    expect(JSON.parse(stdout).results[0].article.title).toBe('Gallium news');
    // A mistyped folder is named, in words, not answered as an empty library ("no articles yet: add one").
    for (const json of [['--json'], []]) {
      const missing = await ask([...json, '--knowledge', join(dir, 'nope'), 'gallium']);
      expect(missing.code).toBe(1);
      expect(missing.stdout).toBe('');
      expect(missing.stderr).toBe(`No knowledge folder at ${join(dir, 'nope')} (--knowledge): check the path.\n`);
    }
  });

  it('saves the cache after answering when files changed since it was written, so the next run reads none again', async () => {
    const dir = temporaryDir('kb-changed-');
    const cacheDir = temporaryDir('kb-changed-cache-');
    const env = { ...ENV, CACHE_DIR: cacheDir, LOG_LEVEL: 'debug' };
    const article = (body: string) => `---\ntitle: Gallium news\npublished: 2026-01-01\n---\n\n${body}\n`;
    writeFileSync(join(dir, 'a.md'), article('Gallium exports from Pavlodar rose sharply.'));
    writeFileSync(join(dir, 'b.md'), article('Tungsten prices at Boguty held steady.').replace('Gallium news', 'Tungsten news'));
    const askHere = (question: string) => inProcess(askMain, ['--json', '--knowledge', dir, question], '', env);
    const loaded = (run: Run) => run.stderr.split('\n').filter((line) => line.includes('knowledge base loaded')).map((line) => JSON.parse(line));
    expect(loaded(await askHere('gallium exports'))).toMatchObject([{ index: 'worker' }]);

    writeFileSync(join(dir, 'a.md'), article('Gallium exports from Pavlodar rose sharply. Germanium output doubled at Ekibastuz.'));
    const changed = await askHere('germanium output');
    expect(JSON.parse(changed.stdout).results[0].text).toContain('Germanium output doubled');
    expect(loaded(changed)).toMatchObject([{ index: 'cache', changedSinceCache: 1 }]);
    expect(changed.stderr).toContain('cache: saved');

    const next = await askHere('germanium output');
    expect(JSON.parse(next.stdout).results[0].text).toContain('Germanium output doubled');
    expect(loaded(next)).toMatchObject([{ index: 'cache', changedSinceCache: 0, unchangedButReadAgain: 0 }]);
    expect(next.stderr).not.toContain('cache: saved');
  });

  it('handles control characters, binary and right-to-left text without a stack trace', async () => {
    const { code, stdout, stderr } = await ask(['--json', '\u0007\u202e\u200b']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('The question is empty');
    const binary = await ask(['--json'], '\u0000\u0001\ufffd\ufffd\n');
    expect(binary.code).toBe(0);
    expect(JSON.parse(binary.stdout)).toMatchObject({ answered: false, results: [] });
    const rtl = await ask(['--json', 'tungsten \u202ereserves\u200b']);
    expect(JSON.parse(rtl.stdout).answered).toBe(true);
  });
});

describe('npm run check-knowledge', () => {
  it('fails on an invalid file and names it', async () => {
    const dir = temporaryDir('kb-');
    writeFileSync(join(dir, 'good.md'), '---\ntitle: Good\n---\n\nText.\n');
    writeFileSync(join(dir, 'bad.md'), '---\ntitle: Bad\npublished: yesterday\n---\n\nText.\n');
    const { code, stderr, stdout } = await inProcess(checkMain, ['--knowledge', dir]);
    expect(code).toBe(1);
    expect(stderr).toContain('bad.md has invalid front matter: published must be a date written YYYY-MM-DD');
    expect(stdout).toContain('1 article valid');
  });

  it('warns of an article dated after tomorrow (it would head every newest-first list), without failing on it', async () => {
    const dir = temporaryDir('kb-');
    writeFileSync(join(dir, 'future.md'), '---\ntitle: Future\npublished: 2099-01-04\n---\n\nText.\n');
    writeFileSync(join(dir, 'tomorrow.md'), '---\ntitle: Tomorrow\npublished: 2026-12-02\n---\n\nText.\n');
    const { code, stderr, stdout } = await inProcess(checkMain, ['--knowledge', dir], '', { ...ENV }, () => new Date('2026-12-01T12:00:00Z'));
    expect(code).toBe(0);
    expect(stderr).toContain('⚠ future.md is dated 2099-01-04, after tomorrow');
    expect(stderr).not.toContain('tomorrow.md');
    expect(stdout).toContain('2 articles valid');
  });

  it('passes on the knowledge folder (a real process)', async () => {
    const { code } = await asProcess('src/cli/check-knowledge.ts', []);
    expect(code).toBe(0);
  });
});

describe('npm start without a token', () => {
  it('says it runs without Discord and answers each line of piped input, then exits (a real process)', async () => {
    const { code, stdout, stderr } = await asProcess('src/main.ts', [], 'Who signed the memorandum?\n/help\n');
    expect(code).toBe(0);
    expect(stderr).toContain('Running without Discord (no DISCORD_TOKEN)');
    expect(stdout).toContain('Yersayin Nagaspayev');
    expect(stdout).toContain('/who signed — Who signed an agreement');
  });

  it('exits 1 with one line naming a bad setting', async () => {
    const { code, stderr } = await start('', { ...ENV, DISCORD_GUILD_ID: 'not-an-id' });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('Setting DISCORD_GUILD_ID is invalid: must be a Discord ID (17 to 20 digits). See .env.example.');
  });
});

