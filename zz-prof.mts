import fc from 'fast-check';
import type { Page, Quote, Reply } from './src/bot/reply';
import { renderReply } from './src/discord/render';
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
    text: sized(10_000),
    quote,
    fields: fc.array(fc.record({ name: sized(400), value: sized(2_000) }), { maxLength: 30 }),
    footer: sized(3_000),
  },
  { requiredKeys: [] },
);

const reply: fc.Arbitrary<Reply> = fc.record(
  { private: fc.boolean(), content: sized(3_000), pages: fc.array(page, { minLength: 1, maxLength: 4 }) },
  { requiredKeys: ['private', 'pages'] },
);

// ------------------------------------------------------------------------------------------
let t = performance.now();
const samples = fc.sample(reply, 100);
console.log('gen', performance.now() - t);
const lens = fc.sample(sized(10000), 300).map(s => s.length); console.log('max len', Math.max(...lens), 'avg', lens.reduce((a,b)=>a+b,0)/lens.length, 'over 4000', lens.filter(l => l > 4000).length);
t = performance.now();
for (const r of samples) renderReply(r, 0, 'abc');
console.log('render', performance.now() - t);
