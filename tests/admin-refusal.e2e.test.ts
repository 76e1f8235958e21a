/**
 * Admin commands refuse members without Manage Server: privately, saying why, and changing
 * nothing (no post, no setting, no feed, no article, nothing fetched). The real bot against the
 * local Discord stand-in.
 */
import { readdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBotHarness, type BotHarness } from './support/bot-harness';
import type { CommandInput } from './support/discord-standin';
import './support/unhandled';

const EPHEMERAL = 64;
const NO_PERMISSIONS = '0';
/** Manage Server (1 << 5) and nothing else. */
const MANAGE_SERVER = String(1n << 5n);

let h: BotHarness;

beforeAll(async () => {
  h = await startBotHarness({ logLevel: 'warn' });
});

afterAll(async () => {
  await h?.close();
});

afterEach(() => {
  expect(h.standIn.violations.splice(0)).toEqual([]);
  expect(h.standIn.unknownRoutes.splice(0)).toEqual([]);
});

/** Every admin subcommand, invoked as Discord would deliver it. */
const ADMIN = (): CommandInput[] => [
  { name: 'digest', subcommand: 'now' },
  { name: 'digest', subcommand: 'channel', options: { channel: h.standIn.defaultChannelId } },
  { name: 'digest', subcommand: 'time', options: { time: '09:30', timezone: 'Asia/Almaty' } },
  { name: 'knowledge', subcommand: 'status' },
  { name: 'knowledge', subcommand: 'gaps', options: { days: 30 } },
  { name: 'knowledge', subcommand: 'add', options: { url: 'https://example.org/news/tungsten' } },
  { name: 'knowledge', subcommand: 'remove', options: { article: '2025-11-06-kazakhstan-us-ink-mou-critical-minerals.md' } },
  { name: 'knowledge', subcommand: 'restore', options: { article: '2025-11-06-kazakhstan-us-ink-mou-critical-minerals.md' } },
  { name: 'feeds', subcommand: 'add', options: { url: 'https://example.org/rss.xml', keywords: 'tungsten', backfill: 5 } },
  { name: 'feeds', subcommand: 'remove', options: { url: 'https://example.org/rss.xml' } },
  { name: 'feeds', subcommand: 'resume', options: { url: 'https://example.org/rss.xml' } },
];
const OPEN_TO_ALL = ['digest preview', 'feeds list', 'feeds test'];
const ADMIN_NAMES = ['digest now', 'digest channel', 'digest time', 'knowledge status', 'knowledge gaps', 'knowledge add', 'knowledge remove', 'knowledge restore', 'feeds add', 'feeds remove', 'feeds resume'];

describe('admin commands', () => {
  it('the list above covers every subcommand of /digest, /knowledge and /feeds', () => {
    const registered = h.standIn.registeredCommands({ guildId: h.standIn.guildId }) as { name: string; options?: { type: number; name: string }[] }[];
    const subcommands = registered
      .filter((c) => c.name === 'digest' || c.name === 'knowledge' || c.name === 'feeds')
      .flatMap((c) => (c.options ?? []).filter((o) => o.type === 1).map((o) => `${c.name} ${o.name}`));
    expect(subcommands.sort()).toEqual([...ADMIN().map((c) => `${c.name} ${c.subcommand}`), ...OPEN_TO_ALL].sort());
    expect(ADMIN_NAMES.sort()).toEqual(ADMIN().map((c) => `${c.name} ${c.subcommand}`).sort());
  });

  it.each(ADMIN_NAMES)(
    '/%s without Manage Server: a private refusal that says why, and nothing changes',
    async (which) => {
      const input = ADMIN().find((c) => `${c.name} ${c.subcommand}` === which)!;
      const schedule = h.bot.digest.schedule().describe();
      const channel = h.bot.digest.channelId();
      const posts = h.standIn.channelMessages(h.standIn.defaultChannelId).length;
      const feeds = await h.bot.ingest!.feeds.list();
      const articles = readdirSync(h.settings.KNOWLEDGE_DIR);

      const handle = h.standIn.dispatchCommand({ ...input, memberPermissions: NO_PERMISSIONS });
      const answer = await handle.finalResponse;
      expect(answer).toMatchObject({ kind: 'callback', type: 4, status: 204 });
      const data = answer.body.data;
      expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(data.allowed_mentions).toEqual({ parse: [] });
      const text = [data.content, ...(data.embeds ?? []).map((e: { description?: string }) => e.description)].filter(Boolean).join('\n');
      expect(text).toMatch(/^Only members with the \*\*Manage Server\*\* permission can /);
      // Says why, not only "no".
      expect(text).toMatch(/since|because|\(it /);
      expect(handle.responses()).toHaveLength(1);

      expect(h.bot.digest.schedule().describe()).toBe(schedule);
      expect(h.bot.digest.channelId()).toBe(channel);
      expect(h.standIn.channelMessages(h.standIn.defaultChannelId)).toHaveLength(posts);
      expect(await h.bot.ingest!.feeds.list()).toEqual(feeds);
      expect(readdirSync(h.settings.KNOWLEDGE_DIR)).toEqual(articles);
    },
  );

  it('/knowledge add is refused with its reason: every article becomes a source the bot quotes', async () => {
    const answer = await h.standIn.dispatchCommand({ name: 'knowledge', subcommand: 'add', options: { url: 'https://example.org/a' }, memberPermissions: NO_PERMISSIONS }).finalResponse;
    expect(answer.body.data.embeds[0].description).toBe(
      'Only members with the **Manage Server** permission can add articles to the knowledge base, since every article becomes a source the bot quotes to the whole server. `/sources` shows anyone the articles.',
    );
  });

  it('/knowledge gaps is refused with its reason: what members asked, word for word', async () => {
    const answer = await h.standIn.dispatchCommand({ name: 'knowledge', subcommand: 'gaps', memberPermissions: NO_PERMISSIONS }).finalResponse;
    expect(answer.body.data.embeds[0].description).toBe(
      'Only members with the **Manage Server** permission can see the gaps report, since it shows what members asked, word for word. `/sources` shows anyone the articles.',
    );
  });

  it('a member with Manage Server only gets the gaps report, privately', async () => {
    const answer = await h.standIn.dispatchCommand({ name: 'knowledge', subcommand: 'gaps', memberPermissions: MANAGE_SERVER }).finalResponse;
    const data = answer.body.data;
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.embeds[0].title).toBe('Gaps: the last 7 days');
  });

  it('a member with Manage Server only is not refused', async () => {
    const answer = await h.standIn.dispatchCommand({ name: 'knowledge', subcommand: 'status', memberPermissions: MANAGE_SERVER }).finalResponse;
    const data = answer.body.data;
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.embeds[0].title).toBe('Knowledge base');
    expect(data.embeds[0].description).toMatch(/\*\*Articles:\*\* \d+/);
  });

  it.each([
    ['feeds list', { name: 'feeds', subcommand: 'list' }],
    ['feeds test', { name: 'feeds', subcommand: 'test', options: { url: 'not a feed address' } }],
  ] as [string, CommandInput][])('/%s is open to anyone, privately', async (_which, input) => {
    const answer = await h.standIn.dispatchCommand({ ...input, memberPermissions: NO_PERMISSIONS }).finalResponse;
    const data = answer.body.data;
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.embeds[0].description).not.toMatch(/Only members with/);
  });

  it('/digest preview is open to anyone, privately', async () => {
    const answer = await h.standIn.dispatchCommand({ name: 'digest', subcommand: 'preview', memberPermissions: NO_PERMISSIONS }).finalResponse;
    const data = answer.body.data;
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.content ?? data.embeds?.[0]?.description ?? '').not.toMatch(/Only members with/);
  });
});
