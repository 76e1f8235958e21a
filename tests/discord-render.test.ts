/**
 * renderReply (Reply → Discord message) and escapeMarkdown, checked with the stand-in's own
 * payload checker: whatever a command answers, the message Discord receives stays within its limits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MESSAGE_LIMITS as LIMITS, channel, code, link, quoted, role, strong, type Inline, type Page, type Quote, type Reply, type RichText } from '../src/core/reply';
import { PageStore } from '../src/discord/page-store';
import { escapeMarkdown, renderReply, toMarkdown, type RenderedMessage } from '../src/discord/render';
import { checkMessagePayload } from './support/discord-standin';

/** The message as discord.js sends it: `allowedMentions` becomes `allowed_mentions`. */
function wire(message: RenderedMessage): Record<string, unknown> {
  const { allowedMentions, ...rest } = message;
  return { ...rest, allowed_mentions: allowedMentions };
}

const check = (message: RenderedMessage) => checkMessagePayload('renderReply', wire(message));

// ------------------------------------------------------------------------------------------
// Arbitraries
// ------------------------------------------------------------------------------------------

const HOSTILE_UNITS = [
  '*', '**', '_', '__', '~~', '`', '```', '|', '||', '>', '>>>', '#', '-', '+', '1.', '2)', '-#',
  '[', ']', '(', ')', '[link](http://x)', '\\', '<@123>', '<#456>', '<t:0>', '@everyone', '@here',
  '\n', '\n\n', ' ', '  ', '.', '. ', '! ', '? ', 'http://example.com/a_b*c',
  '\u200b', '\u200d', '\u2060', '\ufeff', '\u202e', '\u202d', '\u2067', '\u200f', '\u061c',
  '\ud800', '\udfff', '\ud83d', '😀', '👩‍👩‍👧', 'é', 'ئ', 'א',
];
/** One "character" of hostile text: Markdown, mentions, invisible and RTL characters, lone surrogates, or a plain word. */
const unit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_UNITS) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) },
  { weight: 4, arbitrary: fc.constantFrom('Kazakhstan', 'tungsten', 'signed', 'the', 'MOU', 'a', 'Lutnick', 'gallium') },
);
const SENTENCES = [
  'The MOU was signed by Yersayin Nagaspayev, Kazakhstan’s Minister of Industry and Construction, and US Secretary of Commerce Howard Lutnick. ',
  '- Kazakhstan is estimated to have over 2 million tonnes of tungsten reserves.\n',
  '1. First **bold** claim, with `code`, ~~strike~~ and a ||spoiler||.\n',
  '> @everyone look at <@123456789012345678> and [this](https://example.com/x_y) ',
  '\u202eReversed text\u202c with\u200b zero\u200dwidth\u2060 joiners\ufeff. ',
  'A sentence with no end and a very long word ' + 'x'.repeat(300) + ' ',
  '# Not a heading\n-# not subtext\n>>> not a quote ',
];
/** A piece of text: a unit, a run of units, or a whole (hostile) sentence; long texts are built from pieces quickly. */
const piece = fc.oneof(unit, fc.string({ unit, maxLength: 30 }), fc.constantFrom(...SENTENCES));
const text = (maxLength: number, size: fc.SizeForArbitrary = 'medium') =>
  fc.array(piece, { maxLength: Math.ceil(maxLength / 20), size }).map((pieces) => pieces.join('').slice(0, maxLength));
/** Short, medium, or anywhere up to `max`. */
const sized = (max: number) => fc.oneof(text(40, 'small'), text(max, 'large'), text(max, 'max'));

/** Rich text: plain pieces and marked ones (emphasis, code, links, channels, quotes), each holding hostile text. */
const inline: fc.Arbitrary<Inline> = fc.oneof(
  { weight: 4, arbitrary: text(200) },
  { weight: 1, arbitrary: text(100).map(strong) },
  { weight: 1, arbitrary: text(100).map(code) },
  { weight: 1, arbitrary: fc.tuple(text(100), fc.oneof(fc.webUrl(), text(30)), fc.boolean()).map(([words, href, bold]) => link(words, href, { strong: bold })) },
  { weight: 1, arbitrary: fc.oneof(fc.constant('123456789012345678'), text(20)).map(channel) },
  { weight: 1, arbitrary: fc.oneof(fc.constant('123456789012345679'), text(20)).map(role) },
  { weight: 1, arbitrary: text(300).map(quoted) },
);
const rich = (max: number): fc.Arbitrary<RichText> =>
  fc.oneof(sized(max).map((plain) => [plain]), fc.array(inline, { maxLength: Math.max(2, Math.ceil(max / 100)) }));

const url = fc.oneof(
  fc.constant(null),
  fc.constant('https://www.el-balad.com/6757916'),
  fc.webUrl(),
  text(30),
  fc.constant(`https://example.com/${'x'.repeat(600)}`),
);

const quote: fc.Arbitrary<Quote> = fc.record({
  segments: fc.array(fc.record({ text: sized(10_000), match: fc.boolean() }), { maxLength: 6 }),
  citation: fc.record({
    title: sized(300),
    publisher: fc.option(text(60)),
    published: fc.option(fc.constant('2025-11-06')),
    url,
    section: fc.option(sized(400)),
    file: fc.constant('article.md'),
  }),
});

const page: fc.Arbitrary<Page> = fc.record(
  {
    title: sized(400),
    url,
    text: rich(10_000),
    quote,
    fields: fc.array(fc.record({ name: sized(400), value: rich(2_000) }), { maxLength: 30 }),
    footer: sized(3_000),
  },
  { requiredKeys: [] },
);

const reply: fc.Arbitrary<Reply> = fc.record(
  { private: fc.boolean(), content: rich(3_000), pages: fc.array(page, { minLength: 1, maxLength: 4 }) },
  { requiredKeys: ['private', 'pages'] },
);

// ------------------------------------------------------------------------------------------
// escapeMarkdown
// ------------------------------------------------------------------------------------------

/** What Discord shows for escaped text: a backslash before punctuation disappears (and only there). */
function unescapeLikeDiscord(markdown: string): string {
  return markdown.replace(/\\([^0-9A-Za-z\s])/g, '$1');
}

/** The escaped text with every escape pair removed: what is left could still be read as Markdown. */
function unescapedPart(markdown: string): string {
  return markdown.replace(/\\[^0-9A-Za-z\s]/g, '\u0000');
}

describe('escapeMarkdown', () => {
  it.each([
    ['**x**', '\\*\\*x\\*\\*'],
    ['__under__ ~~strike~~ ||spoiler||', '\\_\\_under\\_\\_ \\~\\~strike\\~\\~ \\|\\|spoiler\\|\\|'],
    ['`code` and ```block```', '\\`code\\` and \\`\\`\\`block\\`\\`\\`'],
    ['[link](http://x)', '\\[link\\](http://x)'],
    ['<@123> <#456> <t:0:R>', '\\<@123\\> \\<#456\\> \\<t:0:R\\>'],
    ['> quote\n>>> block', '\\> quote\n\\>\\>\\> block'],
    ['# heading\n-# subtext\n- item\n+ item', '\\# heading\n\\-# subtext\n\\- item\n\\+ item'],
    ['1. first\n  12) second', '1\\. first\n  12\\) second'],
    ['back\\slash', 'back\\\\slash'],
    ['The MOU was signed in 2025.', 'The MOU was signed in 2025.'],
  ])('escapes %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
    expect(unescapeLikeDiscord(escapeMarkdown(input))).toBe(input);
  });

  it('shows any text as written: Discord removing the escapes gives the text back', () => {
    fc.assert(
      fc.property(text(5_000, 'max'), (input) => {
        expect(unescapeLikeDiscord(escapeMarkdown(input))).toBe(input);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves nothing that Discord could read as formatting', () => {
    fc.assert(
      fc.property(text(5_000, 'max'), (input) => {
        const bare = unescapedPart(escapeMarkdown(input));
        expect(bare).not.toMatch(/[\\*_~`|[\]<>]/);
        expect(bare).not.toMatch(/^\s*(?:[-+#>]|\d+[.)])/m);
      }),
      { numRuns: 300 },
    );
  });
});

// ------------------------------------------------------------------------------------------
// Rich text as Markdown
// ------------------------------------------------------------------------------------------

describe('rich text as Discord Markdown', () => {
  it('writes each mark as Discord reads it, and escapes everything taken from articles or users', () => {
    expect(toMarkdown([strong('Q:'), ' Who **signed**?'])).toBe('**Q:** Who \\*\\*signed\\*\\*?');
    expect(toMarkdown([link('Gold [rush]', 'https://example.com/a_(b)', { strong: true })])).toBe('**[Gold \\[rush\\]](https://example.com/a_%28b%29)**');
    expect(toMarkdown([link('not a link', 'javascript:alert(1)')])).toBe('not a link');
    expect(toMarkdown([code('/ask question: `x`')])).toBe('`/ask question: ˋxˋ`');
    expect(toMarkdown(['in ', channel('123456789012345678'), ' and ', channel('<@1>')])).toBe('in <#123456789012345678> and \\#\\<@1\\>');
    expect(toMarkdown(['the ', role('123456789012345679'), ' role, not ', role('<@&1>')])).toBe('the <@&123456789012345679> role, not \\<@&1\\>');
    expect(toMarkdown(['lead:\n', quoted('# Not a heading\n- not a list <@123>')])).toBe('lead:\n> \\# Not a heading\n> \\- not a list \\<@123\\>');
  });

  it('never lets text from articles or users become a mention, and a quote always starts its own line (property)', () => {
    fc.assert(
      fc.property(rich(2_000), (value) => {
        const markdown = toMarkdown(value);
        // The only mentions written are a channel or a role the bot names itself (inside inline code, which is the bot's own words, nothing is a mention).
        for (const piece of value) {
          if (typeof piece === 'object' && 'code' in piece) continue;
          expect(toMarkdown([piece]).replace(/<#\d{17,20}>|<@&\d{17,20}>/g, '')).not.toMatch(/(?<!\\)<[@#]/);
        }
        for (const [i, piece] of value.entries()) {
          if (typeof piece === 'object' && 'quote' in piece && i > 0) expect(markdown).toMatch(/(?:^|\n)> /);
        }
      }),
      { numRuns: 200 },
    );
  });
});

// ------------------------------------------------------------------------------------------
// renderReply
// ------------------------------------------------------------------------------------------

const citation = {
  title: 'Kazakhstan and US Ink MOU on Critical Minerals Agreement',
  publisher: 'El-Balad',
  published: '2025-11-06',
  url: 'https://www.el-balad.com/6757916',
  section: 'Kazakhstan and US Agreement on Critical Minerals',
  file: '2025-11-06-kazakhstan-us-ink-mou-critical-minerals.md',
};

function quotePage(segments: Quote['segments'], overrides: Partial<Page> = {}): Page {
  return { title: citation.title, url: citation.url, quote: { segments, citation }, footer: 'El-Balad · 2025-11-06', ...overrides };
}

describe('renderReply', () => {
  it('renders a quoted passage: matched words bold, section field, link button, pager, no pings', () => {
    const reply: Reply = {
      private: false,
      content: [strong('Q:'), ' Who signed the memorandum?'],
      pages: [
        quotePage([
          { text: 'The MOU was ', match: false },
          { text: 'signed', match: true },
          { text: ' by Yersayin Nagaspayev (see *note*).', match: false },
        ]),
        quotePage([{ text: 'Second passage.', match: false }]),
      ],
    };
    const message = renderReply(reply, 0, 'abc');
    expect(check(message)).toEqual([]);
    expect(message.flags).toBeUndefined();
    expect(message.allowedMentions).toEqual({ parse: [] });
    expect(message.content).toBe('**Q:** Who signed the memorandum?');
    const [embed] = message.embeds;
    expect(embed).toMatchObject({
      title: citation.title,
      url: citation.url,
      description: 'The MOU was **signed** by Yersayin Nagaspayev (see \\*note\\*).',
      fields: [{ name: 'Section', value: citation.section }],
      footer: { text: 'El-Balad · 2025-11-06 · 1 of 2' },
    });
    expect(message.components).toEqual([
      {
        type: 1,
        components: [
          { type: 2, style: 5, label: 'Open article', url: citation.url },
          { type: 2, style: 2, custom_id: 'page:abc:1', label: 'More results (2 of 2)' },
        ],
      },
    ]);
    // The last page offers the way back.
    const last = renderReply(reply, 1, 'abc');
    expect(last.embeds[0]!.footer!.text).toBe('El-Balad · 2025-11-06 · 2 of 2');
    expect(last.components[0]).toMatchObject({ components: [{ style: 5 }, { custom_id: 'page:abc:0', label: 'Back to the first result' }] });
  });

  it('shows an embed title as published and a field name as written, never as formatting ("Rare earths: *priority* __one__")', () => {
    const title = 'Rare earths: *priority* __one__ [see](x)';
    const [embed] = renderReply({ private: false, pages: [{ title, fields: [{ name: 'Feed *Steppe* _Ledger_', value: ['a'] }] }] }).embeds;
    expect(embed!.title).toBe('Rare earths: \\*priority\\* \\_\\_one\\_\\_ \\[see\\](x)');
    expect(embed!.fields![0]!.name).toBe('Feed \\*Steppe\\* \\_Ledger\\_');
  });

  it('renders a private notice as an ephemeral message without buttons', () => {
    const message = renderReply({ private: true, pages: [{ text: ['I could not find that in the knowledge base.'] }] });
    expect(check(message)).toEqual([]);
    expect(message).toEqual({
      embeds: [{ color: expect.any(Number), description: 'I could not find that in the knowledge base.' }],
      components: [],
      allowedMentions: { parse: [] },
      flags: 64,
    });
  });

  it('offers no pager without a key, and no link button for a url that is not http(s)', () => {
    const reply: Reply = { private: false, pages: [quotePage([{ text: 'a', match: false }]), quotePage([{ text: 'b', match: false }])] };
    expect(renderReply(reply, 0).components[0]).toMatchObject({ components: [{ style: 5 }] });
    const bad = { ...citation, url: 'javascript:alert(1)' };
    const message = renderReply({ private: false, pages: [{ quote: { segments: [{ text: 'x', match: false }], citation: bad }, url: bad.url }] });
    expect(message.components).toEqual([]);
    expect(message.embeds[0]!.url).toBeUndefined();
  });

  it('cuts a long quote at a sentence end and links to the rest of the article', () => {
    const sentence = (i: number) => `Sentence number ${i} says that Kazakhstan has tungsten, and *nothing* else.`;
    const all = Array.from({ length: 200 }, (_, i) => sentence(i)).join(' ');
    const at = all.indexOf('tungsten', 400);
    const message = renderReply({
      private: false,
      pages: [quotePage([{ text: all.slice(0, at), match: false }, { text: 'tungsten', match: true }, { text: all.slice(at + 8), match: false }])],
    });
    expect(check(message)).toEqual([]);
    const description = message.embeds[0]!.description!;
    expect(description.length).toBeLessThanOrEqual(LIMITS.description);
    expect(description).toMatch(/ \\\*nothing\\\* else\. … \[read the rest\]\(https:\/\/www\.el-balad\.com\/6757916\)$/);
    expect(description.startsWith('Sentence number 0 says')).toBe(true);
    // Whole sentences only, escaped.
    const kept = description.slice(0, description.indexOf(' … [read the rest]'));
    expect(unescapeLikeDiscord(kept)).toBe(all.slice(0, unescapeLikeDiscord(kept).length));
    expect(unescapeLikeDiscord(kept).endsWith('else.')).toBe(true);
  });

  it('cuts a long quote without a url with a plain ellipsis', () => {
    const all = Array.from({ length: 200 }, (_, i) => `Sentence ${i} is here.`).join(' ').repeat(3);
    const message = renderReply({ private: false, pages: [{ quote: { segments: [{ text: all, match: false }], citation: { ...citation, url: null } } }] });
    expect(check(message)).toEqual([]);
    expect(message.embeds[0]!.description).toMatch(/\. …$/);
    expect(message.components).toEqual([]);
  });

  it('keeps huge fields, footers and content within Discord limits', () => {
    const big = 'x '.repeat(5_000);
    const message = renderReply({
      private: false,
      content: [big],
      pages: [{ title: big, text: [big], footer: big, fields: Array.from({ length: 30 }, () => ({ name: big, value: [big] })) }],
    });
    expect(check(message)).toEqual([]);
    const [embed] = message.embeds;
    expect(message.content!.length).toBeLessThanOrEqual(LIMITS.content);
    expect(embed!.title!.length).toBeLessThanOrEqual(LIMITS.title);
    // The first fields stay (cut), the rest are dropped to keep the embed within 6,000 characters.
    expect(embed!.fields!.length).toBeGreaterThan(0);
    expect(embed!.fields![0]!.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);

    const many = renderReply({ private: false, pages: [{ fields: Array.from({ length: 30 }, (_, i) => ({ name: `n${i}`, value: [`v${i}`] })) }] });
    expect(check(many)).toEqual([]);
    expect(many.embeds[0]!.fields!.map((f) => f.name)).toEqual(Array.from({ length: LIMITS.fields }, (_, i) => `n${i}`));
  });

  it('leaves out fields Discord would refuse as empty', () => {
    const message = renderReply({ private: false, pages: [{ text: ['t'], fields: [{ name: '', value: ['v'] }, { name: 'n', value: [' '] }, { name: 'kept', value: ['yes'] }] }] });
    expect(check(message)).toEqual([]);
    expect(message.embeds[0]!.fields).toEqual([{ name: 'kept', value: 'yes' }]);
  });

  it('any reply renders to a message Discord accepts (content, embed sizes and total, fields, buttons, custom_id)', () => {
    fc.assert(
      fc.property(reply, fc.nat(), fc.boolean(), (r, at, paged) => {
        const key = paged ? new PageStore().put(r, '1') : undefined;
        const index = at % r.pages.length;
        const message = renderReply(r, index, key);
        expect(check(message)).toEqual([]);
        expect(message.allowedMentions).toEqual({ parse: [] });
        expect(message.flags).toBe(r.private ? 64 : undefined);
        const buttons = (wire(message).components as { components: { custom_id?: string }[] }[]).flatMap((row) => row.components);
        for (const button of buttons) expect(button.custom_id?.length ?? 0).toBeLessThanOrEqual(100);
        if (key && r.pages.length > 1) expect(buttons.map((b) => b.custom_id)).toContain(`page:${key}:${(index + 1) % r.pages.length}`);
      }),
      { numRuns: 250 },
    );
  });
});
