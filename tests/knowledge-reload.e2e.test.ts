/**
 * A knowledge base that grows while the bot runs: files dropped into, changed in or removed from
 * the knowledge folder are answered without a restart, an invalid file is reported and skipped,
 * and /knowledge status shows it all to admins. Waits on the library's reload, never on a timer.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBot } from '../src/discord/bot';
import { createLogger } from '../src/util/logger';
import { LogCapture } from './support/bot-harness';
import { openLibrary } from './support/engine';
import { addArticleAndReload, advanceTo, startDigestWorld, type DigestWorld } from './support/digest-world';
import './support/unhandled';

const EPHEMERAL = 64;
let world: DigestWorld;
let bot: RunningBot;

beforeAll(async () => {
  world = await startDigestWorld({ at: '2026-03-10T02:00:00Z', env: { DIGEST_TIMEZONE: 'Asia/Almaty' } });
  bot = await world.start();
});
afterAll(async () => {
  await world?.close();
});
afterEach(() => {
  expect(world.standIn.violations.splice(0)).toEqual([]);
});

const answer = async (name: string, options: Record<string, string> = {}, extra: { subcommand?: string; memberPermissions?: string } = {}) =>
  (await world.standIn.dispatchCommand({ name, options, ...extra }).finalResponse).body.data;

describe('adding articles while the bot runs', () => {
  it('a dropped-in file is answered at once, and is in the next digest', async () => {
    const before = await answer('ask', { question: 'Where will the scandium refinery be built?' });
    expect(before.flags & EPHEMERAL).toBe(EPHEMERAL); // not in the knowledge base yet

    world.clock.set('2026-03-10T02:10:00Z');
    const change = await addArticleAndReload(world, bot, '2026-03-09-scandium-refinery.md', {
      title: 'US firm to build scandium refinery in Kostanay',
      publisher: 'Kazinform',
      published: '2026-03-09',
      url: 'https://example.com/scandium',
      body: 'An American company will build a scandium refinery in Kostanay region, the ministry said on Monday.',
    });
    expect(change).toMatchObject({ added: ['2026-03-09-scandium-refinery.md'] });
    expect(bot.library.engine.articles).toHaveLength(3);
    expect(world.logs.entries()).toContainEqual(expect.objectContaining({ msg: 'knowledge base reloaded', articles: 3, rejected: 0 }));

    const after = await answer('ask', { question: 'Where will the scandium refinery be built?' });
    expect(after.flags ?? 0).toBe(0);
    expect(after.embeds[0].title).toBe('US firm to build scandium refinery in Kostanay');
    expect(after.embeds[0].description).toContain('Kostanay');

    await advanceTo(world, bot, '2026-03-10T03:00:00Z');
    const [digest] = world.standIn.channelMessages(world.channelId);
    expect(digest!.content).toContain('1 new article');
    expect(digest!.embeds![0].description).toContain('**[US firm to build scandium refinery in Kostanay](https://example.com/scandium)**');
  });

  it('an invalid file is logged and listed with its reason; everything else keeps answering', async () => {
    const mark = world.logs.mark();
    const reloaded = bot.library.nextChange();
    await writeFile(join(world.knowledgeDir, '2026-03-10-broken.md'), '---\ntitle: Broken\npublished: last Tuesday\n---\n\nText.\n');
    await reloaded;
    expect(world.logs.since(mark)).toContainEqual(
      expect.objectContaining({
        level: 40,
        file: '2026-03-10-broken.md',
        reason: expect.stringContaining('has invalid front matter: published must be a date written YYYY-MM-DD'),
      }),
    );

    const ok = await answer('ask', { question: 'Who signed the memorandum?' });
    expect(ok.embeds[0].description).toContain('signed');

    const status = await answer('knowledge', {}, { subcommand: 'status' });
    expect(status.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(status.embeds[0].title).toBe('Knowledge base');
    expect(status.embeds[0].description).toContain('**Articles:** 3 · **Passages:**');
    expect(status.embeds[0].description).toContain('**Rejected files (1)**');
    expect(status.embeds[0].description).toContain('• `2026-03-10-broken.md` has invalid front matter: published must be a date written YYYY-MM-DD');
  });

  it('/knowledge status is refused privately to members without Manage Server, saying why', async () => {
    const refused = await answer('knowledge', {}, { subcommand: 'status', memberPermissions: '0' });
    expect(refused.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(refused.embeds[0].description).toContain('Only members with the **Manage Server** permission can see the knowledge base status');
  });

  it('a removed file stops being answered', async () => {
    const reloaded = bot.library.nextChange();
    await rm(join(world.knowledgeDir, '2026-03-09-scandium-refinery.md'));
    expect(await reloaded).toMatchObject({ removed: ['2026-03-09-scandium-refinery.md'] });
    expect(bot.library.engine.articles).toHaveLength(2);
    const gone = await answer('ask', { question: 'Where will the scandium refinery be built?' });
    expect(gone.flags & EPHEMERAL).toBe(EPHEMERAL);
  });

  it('answers keep coming while a reload reads the new article, which is answered once it is in', async () => {
    const reloaded = bot.library.nextChange();
    await world.addArticle('2026-03-10-lithium.md', { title: 'Lithium survey in East Kazakhstan', body: 'A lithium survey began in East Kazakhstan.' });
    const during = await answer('ask', { question: 'Who signed the memorandum?' });
    expect(during.embeds[0].description).toContain('signed');
    expect(await reloaded).toMatchObject({ added: ['2026-03-10-lithium.md'] });
    const lithium = await answer('ask', { question: 'Where did the lithium survey begin?' });
    expect(lithium.embeds[0].title).toBe('Lithium survey in East Kazakhstan');
  });
});

describe('a knowledge folder that goes away', () => {
  it('keeps serving the articles it has, and says why in the log', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kz-gone-'));
    await cp(world.knowledgeDir, dir, { recursive: true });
    const logs = new LogCapture();
    const library = await openLibrary(dir, { log: createLogger('debug', logs.stream) });
    const served = library.engine.articles.length;
    const mark = logs.mark();
    await rm(dir, { recursive: true, force: true });
    expect(await library.refresh()).toMatchObject({ added: [], changed: [], removed: [] });
    expect(library.engine.articles).toHaveLength(served);
    expect(logs.since(mark).map((l) => l.msg)).toEqual([`knowledge: ${dir} knowledge folder not found; still serving the ${served} articles read before`]);
    expect(library.problems[0]).toEqual({ file: dir, reason: 'knowledge folder not found' });
  });
});
