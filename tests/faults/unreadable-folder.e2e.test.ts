/**
 * Issue 11, item 2: a folder inside the knowledge folder that cannot be read (mode 000) is a
 * rejected entry with its reason, like a bad file; the rest is served and watching goes on. The
 * programs run as the unprivileged user nobody (root reads anything, whatever the mode), as real
 * processes: check-knowledge, ask, and the bot against the local Discord stand-in.
 */
import { chmodSync, chownSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleFile } from '../support/article-file';
import { REPO_KNOWLEDGE_DIR } from '../support/bot-harness';
import { standInForPrograms, startProgram } from '../support/bot-process';
import { dropPrivilegesProblem, NOBODY, unless } from '../support/machine';
import { temporaryDir } from '../support/temporary-dir';
import '../support/unhandled';

const LOCKED_REASON = '(a folder) cannot be read: permission denied (EACCES); the articles in it are not served';

/** A knowledge folder nobody can read, with a subfolder `locked/` (holding an article) that nobody cannot. */
function folderWithLockedSubfolder(): { root: string; knowledge: string } {
  const root = temporaryDir('kz-unreadable-');
  chmodSync(root, 0o755);
  const knowledge = join(root, 'knowledge');
  cpSync(REPO_KNOWLEDGE_DIR, knowledge, { recursive: true });
  lockedFolder(join(knowledge, 'locked'));
  for (const dir of ['cache', 'state']) {
    mkdirSync(join(root, dir));
    chownSync(join(root, dir), NOBODY.uid, NOBODY.gid);
  }
  return { root, knowledge };
}

function lockedFolder(dir: string): void {
  mkdirSync(dir);
  writeFileSync(join(dir, 'hidden.md'), articleFile({ title: 'Hidden', body: 'Nobody can read this.' }));
  chmodSync(dir, 0o000);
}

const settings = (root: string, knowledge: string) => ({ KNOWLEDGE_DIR: knowledge, CACHE_DIR: join(root, 'cache'), STATE_DIR: join(root, 'state') });

async function run(args: string[], env: Record<string, string>) {
  const program = startProgram(args, { asNobody: true, env: { LOG_LEVEL: 'warn', ...env } });
  const { code } = await program.exited;
  return { code, stdout: program.stdout(), stderr: program.stderr() };
}

describe.skipIf(dropPrivilegesProblem)(unless(dropPrivilegesProblem, 'an unreadable subfolder, for the command-line programs'), () => {
  it('check-knowledge lists it with its reason and fails, without a stack trace', async () => {
    const { root, knowledge } = folderWithLockedSubfolder();
    const { code, stdout, stderr } = await run(['dist/src/cli/check-knowledge.js'], settings(root, knowledge));
    expect(stderr).toBe(`✗ locked/ ${LOCKED_REASON}\n`);
    expect(stdout).toBe(`2 articles valid (16 passages), 1 invalid in ${knowledge}\n`);
    expect(code).toBe(1);
  });

  it('ask answers from the rest, and warns about it', async () => {
    const { root, knowledge } = folderWithLockedSubfolder();
    const { code, stdout, stderr } = await run(['dist/src/cli/ask.js', '--json', 'Who signed the memorandum?'], settings(root, knowledge));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ answered: true });
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(stderr).toContain(`knowledge file skipped: locked/ ${LOCKED_REASON}`);
  });
});

describe.skipIf(dropPrivilegesProblem)(unless(dropPrivilegesProblem, 'an unreadable subfolder, for the bot'), () => {
  const discord = standInForPrograms();

  const answer = async (name: string, options: Record<string, string> = {}, subcommand?: string) =>
    (await discord.standIn.dispatchCommand({ name, options, subcommand }).finalResponse).body.data;

  it('at start and appearing while it runs: rejected with the reason, the rest served, and file watching goes on', { timeout: 30_000 }, async () => {
    const { root, knowledge } = folderWithLockedSubfolder();
    const bot = discord.start(
      ['dist/src/main.js'],
      {
        ...settings(root, knowledge),
        // Only file events: a change shows because watching goes on, not because of a poll.
        KNOWLEDGE_POLL_SECONDS: '0',
      },
      { asNobody: true },
    );
    await bot.waitForLog('connected to Discord');
    expect(bot.logs()).toContainEqual(expect.objectContaining({ level: 40, msg: `knowledge file skipped: locked/ ${LOCKED_REASON}` }));
    expect((await answer('ask', { question: 'Who signed the memorandum?' })).embeds[0].description).toContain('signed');

    // Another unreadable folder appears; then articles are added, at the top and in a new subfolder.
    lockedFolder(join(knowledge, 'locked-later'));
    await bot.waitForLog((line) => line.msg === `knowledge file skipped: locked-later/ ${LOCKED_REASON}`);
    writeFileSync(join(knowledge, 'scandium.md'), articleFile({ title: 'US firm to build scandium refinery in Kostanay', publisher: 'Kazinform', published: '2026-03-09', body: 'An American company will build a scandium refinery in Kostanay region.' }));
    mkdirSync(join(knowledge, 'more'));
    writeFileSync(join(knowledge, 'more', 'lithium.md'), articleFile({ title: 'Lithium survey in East Kazakhstan', published: '2026-03-10', body: 'A lithium survey began in East Kazakhstan.' }));
    await bot.waitForLog((line) => line.msg === 'knowledge base reloaded' && line.articles === 4);

    expect((await answer('ask', { question: 'Where will the scandium refinery be built?' })).embeds[0].title).toBe('US firm to build scandium refinery in Kostanay');
    expect((await answer('ask', { question: 'Where did the lithium survey begin?' })).embeds[0].title).toBe('Lithium survey in East Kazakhstan');
    const status = (await answer('knowledge', {}, 'status')).embeds[0].description as string;
    expect(status).toContain('**Rejected files (2)**');
    expect(status).toContain(`• \`locked-later/\` ${LOCKED_REASON}`);
    expect(status).toContain(`• \`locked/\` ${LOCKED_REASON}`);
    expect(bot.logs().filter((line) => line.level >= 50)).toEqual([]);

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toEqual({ code: 0, signal: null });
  });
});
