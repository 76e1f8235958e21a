/**
 * What /feeds list and /feeds test say when there is more than one message holds: as many feeds or
 * items as fit within Discord's limits, and how many were left out. Checked as Discord would take
 * the message (the stand-in's payload check).
 */
import { describe, expect, it } from 'vitest';
import { limitChoices } from '../../src/bot/command';
import type { KnowledgeIngest } from '../../src/bot/ingest';
import { feedChoices, feedsList, feedsTest } from '../../src/bot/replies/feeds';
import { MESSAGE_LIMITS } from '../../src/core/reply';
import { renderReply } from '../../src/discord/render';
import type { FeedView, TestItem, TestReport } from '../../src/ingest/feed-service';
import { checkMessagePayload } from '../support/discord-standin';

const long = (word: string, n: number) => Array.from({ length: n }, () => word).join(' ');

function feed(i: number): FeedView {
  return {
    url: `https://news${i}.example/${'section/'.repeat(i % 7)}rss.xml`,
    title: i % 5 === 0 ? null : `${long('Outlet', 8)} ${i} <@123> **not bold**`,
    keywords: ['kazakhstan', 'critical minerals', 'tungsten', long('rare', 20)],
    addedAt: '2026-03-01T08:00:00.000Z',
    addedBy: 'discord:1',
    lastCheckAt: '2026-03-10T08:00:00.000Z',
    lastSuccessAt: i % 3 ? '2026-03-10T08:00:00.000Z' : null,
    lastError: i % 2 ? { at: '2026-03-10T07:30:00.000Z', message: long('the server answered 503 Service Unavailable', 20) } : null,
    failures: i % 4,
    nextCheckAt: '2026-03-10T08:30:00.000Z',
    paused: i % 6 === 0 ? { at: '2026-03-09T08:00:00.000Z', reason: long('10 failed checks in a row', 30) } : null,
    imported: i,
    skipped: i * 3,
    recorded: i * 10,
    itemsKnown: i * 4,
  };
}

function item(i: number): TestItem {
  return { id: `item-${i}`, title: `${long('Headline', 12)} ${i}`, link: `https://news.example/${i}`, published: new Date(Date.UTC(2026, 2, 10) - i * 60_000).toISOString(), take: i % 3 === 0, reason: i % 3 === 0 ? 'matches “tungsten” in the title' : 'no keyword in the title or summary (a check would also look in the article text)' };
}

const ingestWith = (feeds: { list?: () => Promise<FeedView[]>; test?: () => Promise<TestReport> }) => ({ feeds, ready: async () => {} }) as unknown as KnowledgeIngest;

function discordTakes(reply: Parameters<typeof renderReply>[0]) {
  const { allowedMentions, ...rest } = renderReply(reply);
  return checkMessagePayload('reply', { ...rest, allowed_mentions: allowedMentions });
}

describe('/feeds list', () => {
  it.each([1, 12, 60])('%i feeds: as many as fit, within Discord’s limits, saying how many were shown', async (count) => {
    const all = Array.from({ length: count }, (_, i) => feed(i + 1));
    const reply = await feedsList(ingestWith({ list: async () => all }));
    expect(reply.private).toBe(true);
    expect(discordTakes(reply)).toEqual([]);
    const shown = reply.pages.flatMap((page) => page.fields ?? []).length;
    expect(shown).toBeGreaterThan(0);
    if (shown < count) expect(reply.pages.at(-1)!.footer).toBe(`${shown} of ${count} feeds shown · npm run feeds -- list shows them all`);
    else expect(reply.pages.some((page) => page.footer)).toBe(false);
    expect(renderReply(reply).embeds.length).toBeLessThanOrEqual(MESSAGE_LIMITS.embedsPerMessage);
  });
});

describe('/feeds test', () => {
  it('10,000 items: the newest that fit, within Discord’s limits, the count taken over all of them', async () => {
    const items = Array.from({ length: 10_000 }, (_, i) => item(i));
    const report: TestReport = { ok: true, url: 'https://news.example/rss.xml', title: 'Big feed', format: 'RSS 2.0', total: items.length, items };
    const reply = await feedsTest(ingestWith({ test: async () => report }), report.url, 'tungsten');
    expect(discordTakes(reply)).toEqual([]);
    const message = renderReply(reply);
    expect(message.embeds[0]!.description).toContain('**3334 of 10000 would be taken**');
    const shown = message.embeds.map((e) => e.description ?? '').join('\n').split('\n').filter((line) => /^(✓|·) /.test(line)).length;
    expect(shown).toBeGreaterThan(5);
    expect(message.embeds.at(-1)!.footer!.text).toBe(`${shown} of 10000 items shown, newest first · npm run feeds -- test URL lists them all`);
  });
});

describe('feed addresses offered as you type', () => {
  it('at most 25, each within 100 characters; an address too long for a choice is left out', async () => {
    const all = [...Array.from({ length: 40 }, (_, i) => feed(i + 1)), { ...feed(99), url: `https://news.example/${'x'.repeat(120)}` }];
    const choices = limitChoices(await feedChoices(ingestWith({ list: async () => all }), 'news'));
    expect(choices).toHaveLength(25);
    expect(choices.every((c) => c.name.length <= 100 && c.value.length <= 100)).toBe(true);
    expect(choices.some((c) => c.value.includes('xxxx'))).toBe(false);
  });
});
