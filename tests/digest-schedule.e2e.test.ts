/**
 * The daily digest end to end: the real bot (connectBot) against the local Discord stand-in, with
 * a manual clock, so days pass without waiting. Restarts and crashes run a new bot on the same
 * state folder and the same stand-in, as the real bot restarts against Discord.
 */
import { copyFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningBot } from '../src/discord/bot';
import type { RecordedMessage } from './support/discord-standin';
import { addArticleAndReload, advanceTo, startDigestWorld, type DigestWorld } from './support/digest-world';
import './support/unhandled';

const EPHEMERAL = 64;
let world: DigestWorld | undefined;

afterEach(async () => {
  if (!world) return;
  const { standIn } = world;
  try {
    expect(standIn.violations.splice(0)).toEqual([]);
    expect(standIn.unknownRoutes.splice(0)).toEqual([]);
    // Every digest post pinged no one and carried a nonce Discord enforces.
    for (const request of standIn.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages'))) {
      expect(request.body).toMatchObject({ allowed_mentions: { parse: [] }, enforce_nonce: true, nonce: expect.any(String) });
    }
  } finally {
    await world.close();
    world = undefined;
  }
});

const posts = (w: DigestWorld, channelId = w.channelId): RecordedMessage[] => w.standIn.channelMessages(channelId);
const postRequests = (w: DigestWorld) => w.standIn.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${w.channelId}/messages`);
const text = (message: RecordedMessage) => [message.content, ...(message.embeds ?? []).flatMap((e) => [e.title, e.description, e.footer?.text])].filter(Boolean).join('\n');
async function restart(w: DigestWorld, bot: RunningBot, env?: Record<string, string>): Promise<RunningBot> {
  await bot.stop(1_000);
  return w.start(env);
}

describe('the daily digest', () => {
  it('posts at the set time in New York, before and after the clocks go forward', async () => {
    // Saturday 7 March 2026, 00:00 in New York (EST, UTC-5); daylight saving starts Sunday 8 March at 02:00.
    world = await startDigestWorld({ at: '2026-03-07T05:00:00Z', env: { DIGEST_TIME: '08:00', DIGEST_TIMEZONE: 'America/New_York' } });
    const bot = await world.start();
    expect(await bot.digest.whenAsleep()).toEqual(new Date('2026-03-07T13:00:00Z')); // 08:00 EST
    expect(posts(world)).toEqual([]); // first start: nothing counts as missed

    expect(await advanceTo(world, bot, '2026-03-07T12:59:59Z')).toBe(false);
    expect(posts(world)).toHaveLength(0);
    expect(await advanceTo(world, bot, '2026-03-07T13:00:00Z')).toBe(true);
    expect(posts(world).map((m) => m.content)).toEqual([
      '**Daily digest — Saturday 7 March 2026**: nothing new since the bot began keeping the digest on 7 March. The knowledge base holds 2 articles.',
    ]);

    // After the change 08:00 is 12:00 UTC, not 13:00.
    expect(await bot.digest.whenAsleep()).toEqual(new Date('2026-03-08T12:00:00Z'));
    expect(await advanceTo(world, bot, '2026-03-08T11:59:00Z')).toBe(false);
    expect(await advanceTo(world, bot, '2026-03-08T12:00:00Z')).toBe(true);
    expect(posts(world)).toHaveLength(2);
    expect(posts(world)[1]!.content).toContain('Sunday 8 March 2026');
    expect(await bot.digest.whenAsleep()).toEqual(new Date('2026-03-09T12:00:00Z'));
  });

  it('posts a new article with its link, publisher, date and lead; old articles are never "new"', async () => {
    world = await startDigestWorld({ at: '2026-03-10T02:00:00Z', env: { DIGEST_TIMEZONE: 'Asia/Almaty' } });
    const bot = await world.start();
    world.clock.set('2026-03-10T02:30:00Z');
    await addArticleAndReload(world, bot, '2026-03-09-gallium.md', {
      title: 'Kazakhstan opens a gallium plant in Pavlodar',
      publisher: 'Kazinform',
      published: '2026-03-09',
      url: 'https://example.com/gallium',
      body: 'The gallium plant in Pavlodar will export to the United States.\n\nA second paragraph.',
    });
    await advanceTo(world, bot, '2026-03-10T03:00:00Z'); // 08:00 in Almaty (UTC+5)
    const [message] = posts(world);
    expect(message!.content).toBe('**Daily digest — Tuesday 10 March 2026**: 1 new article since the bot began keeping the digest on 10 March, newest first.');
    expect(message!.embeds).toHaveLength(1);
    expect(message!.embeds![0]).toMatchObject({
      title: 'New in the knowledge base',
      description:
        '**[Kazakhstan opens a gallium plant in Pavlodar](https://example.com/gallium)**\nKazinform · published 2026-03-09 · about gallium\n> The gallium plant in Pavlodar will export to the United States.',
      footer: { text: 'The knowledge base holds 3 articles.' },
    });
  });

  it('posts exactly once across a crash after posting and before recording it', async () => {
    world = await startDigestWorld({ at: '2026-03-10T02:00:00Z', env: { DIGEST_TIMEZONE: 'Asia/Almaty' } });
    const w = world;
    let bot = await w.start();
    // The state as it stood on disk while the post was in flight: the digest recorded as pending.
    const crashState = `${w.stateFile}.at-crash`;
    bot.digest.on((event) => event.type === 'posting' && copyFileSync(w.stateFile, crashState));
    await advanceTo(w, bot, '2026-03-10T03:00:00Z');
    expect(posts(w)).toHaveLength(1);
    const pending = JSON.parse(await readFile(crashState, 'utf8')).digest.pending;
    expect(pending).toMatchObject({ slot: '2026-03-10', sent: 0, nonce: expect.any(String) });

    // The process died after Discord took the post, before it was recorded: put that state back.
    await bot.stop(1_000);
    await writeFile(w.stateFile, await readFile(crashState));
    const mark = w.logs.mark();
    bot = await w.start();
    // It sent again with the same nonce, and Discord (the stand-in) gave back the first message.
    expect(postRequests(w).map((r) => (r.body as { nonce: string }).nonce)).toEqual([`${pending.nonce}-0`, `${pending.nonce}-0`]);
    expect(posts(w)).toHaveLength(1);
    expect(w.logs.since(mark).map((l) => l.msg)).toContain('digest: finishing the digest recorded before the last stop (same nonce, so nothing is posted twice)');
    const state = JSON.parse(await readFile(w.stateFile, 'utf8'));
    expect(state.digest).toMatchObject({ pending: null, lastSlot: '2026-03-10' });

    // And once recorded, another restart posts nothing more that day.
    bot = await restart(w, bot);
    expect(posts(w)).toHaveLength(1);
  });

  it('catches up a missed digest once after a restart, saying it is late; several missed days become one digest', async () => {
    world = await startDigestWorld({ at: '2026-03-10T02:00:00Z', env: { DIGEST_TIMEZONE: 'Asia/Almaty' } });
    const w = world;
    let bot = await w.start();
    await advanceTo(w, bot, '2026-03-10T03:00:00Z');
    expect(posts(w)).toHaveLength(1);

    // Down over the next slot (11 March 08:00 Almaty); back at 11:00 the same day.
    await bot.stop(1_000);
    w.clock.set('2026-03-11T06:00:00Z');
    await w.addArticle('2026-03-11-tungsten.md', { title: 'Tungsten talks resume', publisher: 'Astana Times', published: '2026-03-08', body: 'Tungsten talks resumed in Astana.' });
    bot = await w.start();
    expect(posts(w)).toHaveLength(2);
    expect(posts(w)[1]!.content).toBe(
      '**Daily digest — Wednesday 11 March 2026** (late: it was due at 08:00 Asia/Almaty, while the bot was offline): 1 new article since the last digest, newest first.',
    );
    expect(text(posts(w)[1]!)).toContain('Tungsten talks resume');
    // Once only: another restart the same day posts nothing.
    bot = await restart(w, bot);
    expect(posts(w)).toHaveLength(2);

    // Down for three slots (12, 13, 14 March); back on the 14th at 09:00: one digest for all of them.
    await bot.stop(1_000);
    w.clock.set('2026-03-14T04:00:00Z');
    bot = await w.start();
    expect(posts(w)).toHaveLength(3);
    expect(posts(w)[2]!.content).toBe(
      '**Daily digest — Saturday 14 March 2026** (late: it was due at 08:00 Asia/Almaty, while the bot was offline): nothing new since the digest of 11 March (it covers the 3 days missed). The knowledge base holds 3 articles.',
    );

    // Back only after the missed digest's day is over: too late, nothing posted, and it says so in the log.
    await bot.stop(1_000);
    w.clock.set('2026-03-15T20:00:00Z'); // 16 March 01:00 in Almaty
    const mark = w.logs.mark();
    bot = await w.start();
    expect(posts(w)).toHaveLength(3);
    expect(w.logs.since(mark).map((l) => l.msg)).toContainEqual(expect.stringContaining('the digest of 2026-03-15 was missed'));
  });

  it('a 500 from Discord, then success: one post (and after the client gives up, the bot retries with the same nonce)', async () => {
    world = await startDigestWorld({ at: '2026-03-10T02:00:00Z', env: { DIGEST_TIMEZONE: 'Asia/Almaty' } });
    const w = world;
    const bot = await w.start();
    const route = { method: 'POST', pathIncludes: `/channels/${w.channelId}/messages` };
    w.standIn.failNext(route, { status: 500, body: { message: 'Internal Server Error', code: 0 } }, 1);
    await advanceTo(w, bot, '2026-03-10T03:00:00Z');
    expect(posts(w)).toHaveLength(1);
    expect(postRequests(w).map((r) => r.status)).toEqual([500, 200]);

    // Five 500s outlast discord.js's own retries (3); the bot waits (on its clock) and tries again.
    w.standIn.failNext(route, { status: 500, body: { message: 'Internal Server Error', code: 0 } }, 5);
    const retrying = bot.digest.next('retrying');
    const posted = bot.digest.next('posted');
    w.clock.set('2026-03-11T03:00:00Z');
    expect(await retrying).toMatchObject({ slot: '2026-03-11', delayMs: 1_000 });
    w.clock.advance(1_000);
    await posted;
    expect(posts(w)).toHaveLength(2);
    const nonces = postRequests(w).slice(2).map((r) => (r.body as { nonce: string }).nonce);
    expect(nonces).toHaveLength(6);
    expect(new Set(nonces).size).toBe(1);
    expect(w.logs.atLeast(40).map((l) => l.msg)).toContainEqual(expect.stringContaining('digest: Discord refused the post (Discord answered 500'));
  });

  it('a rate limit (429) is waited out: one post', async () => {
    world = await startDigestWorld({ at: '2026-03-10T02:00:00Z', env: { DIGEST_TIMEZONE: 'Asia/Almaty' } });
    const w = world;
    const bot = await w.start();
    w.standIn.failNext(
      { method: 'POST', pathIncludes: `/channels/${w.channelId}/messages` },
      { status: 429, body: { message: 'You are being rate limited.', retry_after: 0.05, global: false }, headers: { 'retry-after': '0.05', 'x-ratelimit-scope': 'user' } },
    );
    await advanceTo(w, bot, '2026-03-10T03:00:00Z');
    expect(postRequests(w).map((r) => r.status)).toEqual([429, 200]);
    expect(posts(w)).toHaveLength(1);
  });

  it('missing permission: logged with the reason, not retried, and the day is not marked done', async () => {
    world = await startDigestWorld({ at: '2026-03-10T02:00:00Z', env: { DIGEST_TIMEZONE: 'Asia/Almaty' } });
    const w = world;
    const bot = await w.start();
    w.standIn.failNext({ method: 'POST', pathIncludes: `/channels/${w.channelId}/messages` }, { status: 403, body: { message: 'Missing Permissions', code: 50013 } });
    const failed = bot.digest.next('failed');
    w.clock.set('2026-03-10T03:00:00Z');
    expect(await failed).toMatchObject({ slot: '2026-03-10', retryable: false });
    await bot.digest.whenAsleep();
    expect(postRequests(w)).toHaveLength(1);
    expect(w.logs.atLeast(50)).toContainEqual(
      expect.objectContaining({ code: 50013, status: 403, msg: expect.stringContaining('digest: not posted: the bot lacks permission to post there') }),
    );
    const state = JSON.parse(await readFile(w.stateFile, 'utf8'));
    expect(state.digest).toMatchObject({ lastSlot: null, pending: null });

    // Once fixed, /digest now posts it.
    const handle = w.standIn.dispatchCommand({ name: 'digest', subcommand: 'now' });
    const reply = (await handle.finalResponse).body.data;
    expect(reply.content ?? reply.embeds?.[0]?.description).toContain('Posted the digest');
    expect(posts(w)).toHaveLength(1);
  });

  it('/digest now: refused privately without Manage Server; with it, posts at once and counts as the day\'s digest', async () => {
    world = await startDigestWorld({ at: '2026-03-10T02:00:00Z', env: { DIGEST_TIMEZONE: 'Asia/Almaty' } });
    const w = world;
    const bot = await w.start();
    const refused = (await w.standIn.dispatchCommand({ name: 'digest', subcommand: 'now', memberPermissions: '0' }).finalResponse).body.data;
    expect(refused.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(refused.embeds[0].description).toContain('Only members with the **Manage Server** permission can post the digest');
    expect(posts(w)).toHaveLength(0);

    const done = (await w.standIn.dispatchCommand({ name: 'digest', subcommand: 'now' }).finalResponse).body.data;
    expect(done.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(done.embeds[0].description).toBe(`Posted the digest in <#${w.channelId}> (1 message). It counts as today's digest.`);
    expect(posts(w)).toHaveLength(1);
    await advanceTo(w, bot, '2026-03-10T03:00:00Z');
    expect(posts(w)).toHaveLength(1);

    // Anyone may preview, privately.
    const preview = (await w.standIn.dispatchCommand({ name: 'digest', subcommand: 'preview', memberPermissions: '0' }).finalResponse).body.data;
    expect(preview.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(preview.content).toBe(
      `**Preview** of the digest due Wednesday 11 March 2026 at 08:00 Asia/Almaty in <#${w.channelId}>.\n**Daily digest — Wednesday 11 March 2026**: nothing new since the last digest. The knowledge base holds 2 articles.`,
    );
  });

  it('/digest channel and /digest time are kept across a restart; a bad time is refused with the reason', async () => {
    world = await startDigestWorld({ at: '2026-03-10T02:00:00Z', env: { DIGEST_TIMEZONE: 'Asia/Almaty' } });
    const w = world;
    let bot = await w.start();
    const other = '1300000000000000001';
    // The reply as Discord shows it: a backslash before punctuation is an escape, not shown.
    const reply = async (subcommand: string, options: Record<string, string>, memberPermissions?: string) =>
      ((await w.standIn.dispatchCommand({ name: 'digest', subcommand, options, memberPermissions }).finalResponse).body.data.embeds[0].description as string).replace(
        /\\([^0-9A-Za-z\s])/g,
        '$1',
      );

    expect(await reply('channel', { channel: other }, '0')).toContain('Only members with the **Manage Server** permission can choose the digest channel');
    expect(await reply('channel', { channel: other })).toContain(`The digest will be posted in <#${other}> at 08:00 Asia/Almaty.`);
    expect(await reply('time', { time: '25:00' })).toBe('“25:00” is not a 24-hour time written HH:MM (for example 08:00 or 17:30).');
    expect(await reply('time', { time: '07:30', timezone: 'Mars/Olympus' })).toContain('“Mars/Olympus” is not a time zone I know');
    const asleep = bot.digest.next('sleeping');
    expect(await reply('time', { time: '17:30', timezone: 'America/New_York' })).toContain('every day at 17:30 America/New_York');
    expect((await asleep).until).toEqual(new Date('2026-03-10T21:30:00Z')); // 17:30 EDT

    bot = await restart(w, bot);
    expect(bot.digest.channelId()).toBe(other);
    expect(bot.digest.schedule().describe()).toBe('17:30 America/New_York');
    await advanceTo(w, bot, '2026-03-10T21:30:00Z');
    expect(posts(w, other)).toHaveLength(1);
    expect(posts(w)).toHaveLength(0);
  });

  it('a corrupt state file is kept aside; the bot starts fresh and posts no old article as new', async () => {
    world = await startDigestWorld({ at: '2026-03-10T02:00:00Z', env: { DIGEST_TIMEZONE: 'Asia/Almaty' } });
    const w = world;
    let bot = await w.start();
    await bot.stop(1_000);
    await writeFile(w.stateFile, '{"version":1,"knowledge":');
    bot = await w.start();
    expect((await readdir(w.stateDir)).filter((f) => f.includes('.corrupt-'))).toHaveLength(1);
    expect(w.logs.atLeast(40).map((l) => l.msg)).toContainEqual(expect.stringContaining('is not a valid state file'));
    await advanceTo(w, bot, '2026-03-10T03:00:00Z');
    expect(posts(w).map((m) => m.content)).toEqual([
      '**Daily digest — Tuesday 10 March 2026**: nothing new since the bot began keeping the digest on 10 March. The knowledge base holds 2 articles.',
    ]);
  });
});
