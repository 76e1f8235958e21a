/** The digest's words and its split into Discord-sized messages: pure, no clock, no Discord. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeDigest as composeNeutral, type DigestArticle, type DigestMessage, type DigestRequest } from '../src/digest/compose-digest';
import { MESSAGE_LIMITS as DIGEST_LIMITS } from '../src/core/reply';
import type { Article } from '../src/core/types';
import { toMarkdown } from '../src/discord/render';

/** A digest message as Discord receives it: its text written as Markdown. */
interface MarkdownMessage {
  content?: string;
  pages: { title?: string; text?: string; footer?: string }[];
}

/** The digest, composed, then written as Markdown the way the Discord adapter posts it. */
function composeDigest(request: DigestRequest): MarkdownMessage[] {
  return composeNeutral(request).map((message: DigestMessage) => ({
    ...(message.content ? { content: toMarkdown(message.content) } : {}),
    pages: message.pages.map((page) => ({
      ...(page.title !== undefined ? { title: page.title } : {}),
      ...(page.text ? { text: toMarkdown(page.text) } : {}),
      ...(page.footer !== undefined ? { footer: page.footer } : {}),
    })),
  }));
}

const pageLength = (page: MarkdownMessage['pages'][number]) => (page.title?.length ?? 0) + (page.text?.length ?? 0) + (page.footer?.length ?? 0);

function entry(i: number, overrides: Partial<Article> & { joinedAt?: string; lead?: string | null; topics?: string[] } = {}): DigestArticle {
  const { joinedAt, lead, topics, ...article } = overrides;
  return {
    article: {
      file: `2026-03-${String((i % 28) + 1).padStart(2, '0')}-article-${i}.md`,
      title: `Article ${i}: Kazakhstan and the US discuss critical minerals`,
      publisher: 'Kazinform',
      published: `2026-03-${String((i % 28) + 1).padStart(2, '0')}`,
      url: `https://example.com/news/${i}`,
      tags: [],
      ...article,
    },
    joinedAt: joinedAt ?? new Date(Date.UTC(2026, 2, 10, 0, i)).toISOString(),
    lead:
      lead === undefined
        ? `Lead passage of article ${i}. ${'Kazakhstan holds large deposits of tungsten and rare earth metals, and US partners seek long-term supply. '.repeat(6)}`
        : lead,
    topics: topics ?? [['tungsten'], ['rare earths', 'tungsten'], ['agreements'], []][i % 4]!,
  };
}

/** Every limit Discord applies to a posted message. */
function expectWithinLimits(messages: MarkdownMessage[]) {
  for (const message of messages) {
    expect(message.pages.length).toBeLessThanOrEqual(DIGEST_LIMITS.embedsPerMessage);
    expect(message.pages.reduce((sum, page) => sum + pageLength(page), 0)).toBeLessThanOrEqual(DIGEST_LIMITS.embedTotal);
    expect((message.content ?? '').length).toBeLessThanOrEqual(DIGEST_LIMITS.content);
    for (const page of message.pages) {
      expect((page.text ?? '').length).toBeLessThanOrEqual(DIGEST_LIMITS.description);
      expect((page.title ?? '').length).toBeLessThanOrEqual(DIGEST_LIMITS.title);
      expect((page.footer ?? '').length).toBeLessThanOrEqual(DIGEST_LIMITS.footer);
    }
  }
}

/** Which page (message, page) each article's linked title is on; an article split over two pages would show up twice or not at all. */
function placement(messages: MarkdownMessage[], articles: DigestArticle[]) {
  return articles.map((a) => {
    const where: [number, number][] = [];
    messages.forEach((m, mi) => m.pages.forEach((p, pi) => (p.text ?? '').includes(`(${a.article.url})`) && where.push([mi, pi])));
    return where;
  });
}

describe('composeDigest', () => {
  it('splits fifty new articles over several messages within every limit, each article whole on one embed', () => {
    const articles = Array.from({ length: 50 }, (_, i) => entry(i));
    const messages = composeDigest({ slot: '2026-03-10', articles, libraryArticles: 52, quietLine: true });
    expect(messages.length).toBeGreaterThan(1);
    expectWithinLimits(messages);
    for (const where of placement(messages, articles)) expect(where).toHaveLength(1);
    // Every article's lead starts in the same embed as its title, quoted.
    for (const a of articles) {
      const page = messages.flatMap((m) => m.pages).find((p) => (p.text ?? '').includes(`(${a.article.url})`))!;
      expect(page.text).toContain(`> Lead passage of article ${a.article.url!.split('/').pop()}.`);
    }
    expect(messages[0]!.content).toBe('**Daily digest — Tuesday 10 March 2026**: 50 new articles since the last digest, newest first.');
    expect(messages[1]!.content).toBe(`**Daily digest — 10 March** (continued, 2 of ${messages.length})`);
    expect(messages.at(-1)!.pages.at(-1)!.footer).toBe('The knowledge base holds 52 articles.');
  });

  it('heads the articles by what they are about, newest first within each heading', () => {
    const articles = Array.from({ length: 8 }, (_, i) => entry(i));
    const pages = composeDigest({ slot: '2026-03-10', articles, libraryArticles: 8, quietLine: true }).flatMap((m) => m.pages);
    // Headings follow their newest article (7 has no topic, 6 is an agreement, 5 rare earths, 4 tungsten); "Other news" last.
    expect(pages.map((p) => p.title)).toEqual(['Agreements · 2', 'Rare earths · 2', 'Tungsten · 2', 'Other news · 2']);
    const other = pages[3]!.text!;
    expect(other.indexOf('news/7')).toBeLessThan(other.indexOf('news/3'));
    expect(pages[2]!.text).toContain('Kazinform · published 2026-03-05 · about tungsten');
  });

  it('orders by arrival, then by publication: "new" means new to the bot', () => {
    const old = entry(1, { published: '2020-01-01', joinedAt: '2026-03-10T09:00:00.000Z', topics: [] });
    const fresh = entry(2, { published: '2026-03-09', joinedAt: '2026-03-10T08:00:00.000Z', topics: [] });
    const text = composeDigest({ slot: '2026-03-10', articles: [fresh, old], libraryArticles: 2, quietLine: true })[0]!.pages[0]!.text!;
    expect(text.indexOf('news/1')).toBeLessThan(text.indexOf('news/2'));
  });

  it('says in one short line when nothing is new, with the size of the library; nothing at all when that line is off', () => {
    expect(composeDigest({ slot: '2026-03-10', articles: [], libraryArticles: 42, quietLine: true })).toEqual([
      { content: '**Daily digest — Tuesday 10 March 2026**: nothing new since the last digest. The knowledge base holds 42 articles.', pages: [] },
    ]);
    expect(composeDigest({ slot: '2026-03-10', articles: [], libraryArticles: 42, quietLine: false })).toEqual([]);
  });

  it('says what the first digest covers: there was no digest before it', () => {
    expect(composeDigest({ slot: '2026-03-10', articles: [entry(1)], libraryArticles: 3, quietLine: true, firstSince: '2026-03-08' })[0]!.content).toBe(
      '**Daily digest — Tuesday 10 March 2026**: 1 new article since the bot began keeping the digest on 8 March, newest first.',
    );
    const late = composeDigest({
      slot: '2026-03-14',
      articles: [],
      libraryArticles: 3,
      quietLine: true,
      firstSince: '2026-03-08',
      late: { dueAt: '08:00 Asia/Almaty', missedDays: 3, lastSlot: null },
    });
    expect(late[0]!.content).toBe(
      '**Daily digest — Saturday 14 March 2026** (late: it was due at 08:00 Asia/Almaty, while the bot was offline): nothing new since the bot began keeping the digest on 8 March (it covers the 3 days missed). The knowledge base holds 3 articles.',
    );
  });

  it('says when it is late, and which days a catch-up covers', () => {
    const late = composeDigest({
      slot: '2026-03-14',
      articles: [entry(1)],
      libraryArticles: 3,
      quietLine: true,
      late: { dueAt: '08:00 Asia/Almaty', missedDays: 3, lastSlot: '2026-03-11' },
    });
    expect(late[0]!.content).toBe(
      '**Daily digest — Saturday 14 March 2026** (late: it was due at 08:00 Asia/Almaty, while the bot was offline): 1 new article since the digest of 11 March (it covers the 3 days missed), newest first.',
    );
  });

  it('escapes Markdown from articles and never lets a title break its link', () => {
    const tricky = entry(1, { title: 'Gold **rush** [at] `night` @everyone', url: 'https://example.com/a_(b)', lead: '# Not a heading\n- not a list <@123>', topics: [] });
    const text = composeDigest({ slot: '2026-03-10', articles: [tricky], libraryArticles: 1, quietLine: true })[0]!.pages[0]!.text!;
    expect(text).toContain('**[Gold \\*\\*rush\\*\\* \\[at\\] \\`night\\` @everyone](https://example.com/a_%28b%29)**');
    expect(text).toContain('> \\# Not a heading\n> \\- not a list \\<@123\\>');
  });

  it('keeps any mix of articles within the limits, each whole and once (property)', () => {
    const article = fc.record({
      title: fc.string({ minLength: 1, maxLength: 400 }),
      publisher: fc.option(fc.string({ minLength: 1, maxLength: 300 }), { nil: null }),
      lead: fc.option(fc.string({ maxLength: 3000 }), { nil: null }),
      markdown: fc.boolean(),
      topics: fc.array(fc.constantFrom('tungsten', 'agreements', 'rare earths', 'gallium'), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(article, { maxLength: 60 }), (specs) => {
        const articles = specs.map((s, i) =>
          entry(i, {
            title: s.markdown ? s.title.replace(/./g, (c) => `${c}*`) : s.title,
            publisher: s.publisher,
            lead: s.lead && (s.markdown ? s.lead.replace(/ /g, '_[') : s.lead),
            topics: s.topics,
          }),
        );
        const messages = composeDigest({ slot: '2026-03-10', articles, libraryArticles: articles.length, quietLine: true });
        expectWithinLimits(messages);
        for (const where of placement(messages, articles)) expect(where).toHaveLength(1);
      }),
      { numRuns: 60 },
    );
  });
});
