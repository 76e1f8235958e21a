import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PASSAGE_LENGTH, splitBody } from '../src/core/passages';

const noSpace = (text: string) => text.replace(/\s+/g, '');
/** The body as text a person reads: no heading lines, no table delimiter rows. */
const readable = (body: string) =>
  body
    .split('\n')
    .filter((line) => !/^\s{0,3}#{1,6}\s/.test(line) && !/^\|(?: *:?-+:? *\|)+$/.test(line))
    .join('\n');

const word = fc.stringMatching(/^[A-Za-z0-9’',$%]{1,12}$/);
const sentence = fc.array(word, { minLength: 1, maxLength: 30 }).map((words) => `${words.join(' ')}.`);
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 12 }).map((s) => s.join(' '));
const list = fc.array(sentence, { minLength: 1, maxLength: 6 }).map((items) => items.map((item) => `- ${item}`).join('\n'));
const heading = word.map((w) => `## ${w} heading`);
const row = fc.array(word, { minLength: 2, maxLength: 4 }).map((cells) => `| ${cells.join(' | ')} |`);
const table = fc.array(row, { minLength: 1, maxLength: 8 }).map(([header, ...rows]) => [header, '| --- | :---: |', ...rows].join('\n'));
const interview = fc.tuple(sentence, paragraph).map(([question, answer]) => `Q: ${question}\n\nA: ${answer}`);
const body = fc.array(fc.oneof(paragraph, paragraph, list, table, heading, interview), { minLength: 1, maxLength: 12 }).map((blocks) => blocks.join('\n\n'));

describe('splitting articles into passages', () => {
  it('keeps a heading as the section of the passages under it, never as a passage', () => {
    const pieces = splitBody('Intro.\n\n## Details\n\nFirst.\n\nSecond.');
    expect(pieces).toEqual([
      { section: null, text: 'Intro.' },
      { section: 'Details', text: 'First.' },
      { section: 'Details', text: 'Second.' },
    ]);
  });

  it('reads a short line all in bold as a heading ("**Contacts and next issue**"), as many sites print one: the section of what follows, not a passage that answers before it', () => {
    const body =
      '**Belagash Tantalum LLP is hiring: Senior Hydrometallurgist**\n\nWe are building a plant.\n\n**Contacts and next issue**\n\nThe next bulletin will appear on 16 March.\n\n' +
      '**A bold claim, not a heading.**\n\n**Not a heading either, since it runs on for far more than twelve words of bold text here**\n\nPlain text.';
    expect(splitBody(body)).toEqual([
      { section: 'Belagash Tantalum LLP is hiring: Senior Hydrometallurgist', text: 'We are building a plant.' },
      { section: 'Contacts and next issue', text: 'The next bulletin will appear on 16 March.' },
      // A sentence in bold, or a long line, is a paragraph still.
      { section: 'Contacts and next issue', text: 'A bold claim, not a heading.' },
      { section: 'Contacts and next issue', text: 'Not a heading either, since it runs on for far more than twelve words of bold text here' },
      { section: 'Contacts and next issue', text: 'Plain text.' },
    ]);
    // With nothing under it, a bold line is kept as a paragraph: at the end, or before another heading.
    expect(splitBody('Intro.\n\n**Only a heading**')).toEqual([
      { section: null, text: 'Intro.' },
      { section: null, text: 'Only a heading' },
    ]);
    expect(splitBody('**Programme**\n\n## Thursday\n\nRegistration.\n\n**Friday**\n\n**Saturday**\n\nField trip.')).toEqual([
      { section: null, text: 'Programme' },
      { section: 'Thursday', text: 'Registration.' },
      { section: 'Thursday', text: 'Friday' },
      { section: 'Saturday', text: 'Field trip.' },
    ]);
  });

  it('keeps an interviewer\'s question with the answer after it: "What is the biggest problem for investors?" is answered by "A: Honestly, logistics", not by the question', () => {
    const body = 'We spoke with her in Astana.\n\n**Q: What is the biggest obstacle for foreign investors?**\n\nA: Honestly, logistics. A container can take 40 days.\n\nQ: How is China reacting?\n\nShe paused.';
    expect(splitBody(body)).toEqual([
      { section: null, text: 'We spoke with her in Astana.' },
      { section: null, text: 'Q: What is the biggest obstacle for foreign investors?\nA: Honestly, logistics. A container can take 40 days.' },
      // A question with no answer after it stays alone.
      { section: null, text: 'Q: How is China reacting?' },
      { section: null, text: 'She paused.' },
    ]);
  });

  it('keeps an interviewer\'s question printed in bold with the plain answer after it: "How many people will the project employ?" is answered by "Around 900 …"', () => {
    const body =
      'We spoke with her in Oskemen.\n\n**How many people will the project employ?**\n\nAround 900 during construction and 420 when we are operating.\n\n**A bold claim, not a question.**\n\nPlain text.\n\n**Why?**\n\n**Last question. What do you do at the weekend?**\n\nHiking.';
    expect(splitBody(body)).toEqual([
      { section: null, text: 'We spoke with her in Oskemen.' },
      { section: null, text: 'How many people will the project employ?\nAround 900 during construction and 420 when we are operating.' },
      { section: null, text: 'A bold claim, not a question.' },
      { section: null, text: 'Plain text.' },
      // A bold question followed by another bold question is not answered by it.
      { section: null, text: 'Why?' },
      { section: null, text: 'Last question. What do you do at the weekend?\nHiking.' },
    ]);
  });

  it('keeps a transcript\'s question with the other speaker\'s reply: "MIRA OSPANOVA: Who pays for it?" then "TALGAT NURMAGAMBETOV: The founders hold seventy per cent."', () => {
    const body =
      'MIRA OSPANOVA: And then it stopped.\n\nTALGAT NURMAGAMBETOV: In 2013.\n\nMIRA OSPANOVA: Who pays for it?\n\nTALGAT NURMAGAMBETOV: The founders hold seventy per cent.\n\n' +
      'HELEN VOSS: Is that right?\n\nHELEN VOSS: I think so.';
    expect(splitBody(body)).toEqual([
      // A remark that asks nothing stays apart.
      { section: null, text: 'MIRA OSPANOVA: And then it stopped.' },
      { section: null, text: 'TALGAT NURMAGAMBETOV: In 2013.' },
      { section: null, text: 'MIRA OSPANOVA: Who pays for it?\nTALGAT NURMAGAMBETOV: The founders hold seventy per cent.' },
      // A speaker does not answer their own question.
      { section: null, text: 'HELEN VOSS: Is that right?' },
      { section: null, text: 'HELEN VOSS: I think so.' },
    ]);
  });

  it('keeps a bullet list with its lead-in', () => {
    expect(splitBody('Lead in:\n\n- one\n- two')).toEqual([{ section: null, text: 'Lead in:\n- one\n- two' }]);
  });

  it('keeps a table row by row, with its lead-in, without the row Markdown puts under its header', () => {
    const body = 'The timeline:\n\n| Phase | Year |\n| --- | :---: |\n| Construction | 2027 |\n| First production | 2029 |\n\nAfter the table.';
    expect(splitBody(body)).toEqual([
      { section: null, text: 'The timeline:\n| Phase | Year |\n| Construction | 2027 |\n| First production | 2029 |' },
      { section: null, text: 'After the table.' },
    ]);
  });

  it('keeps a table apart from a paragraph before it that does not lead into it', () => {
    const body = 'The DFC is considering up to $250 million in financing.\n\n| Stage | Year |\n| --- | --- |\n| Pilot plant | 2028 |';
    expect(splitBody(body)).toEqual([
      { section: null, text: 'The DFC is considering up to $250 million in financing.' },
      { section: null, text: '| Stage | Year |\n| Pilot plant | 2028 |' },
    ]);
  });

  it('quotes a paragraph as published, without the backslash that kept its first characters from reading as Markdown', async () => {
    // What the extractor writes for a page whose paragraphs begin "# 1 …", "- …" and "2026. …".
    const { extractArticle } = await import('../src/ingest/extract');
    const opening = (start: string) => `${start} on the list is tungsten, said the statement, which also named molybdenum and tin as priorities for the coming years.`;
    const html = `<html><head><title>Priorities</title></head><body><article><h1>Priorities</h1>${['# 1', '- A dash', '2026. The year'].map((start) => `<p>${opening(start)}</p>`).join('')}</article></body></html>`;
    const extracted = extractArticle(html, 'https://news.example/priorities');
    if (!extracted.ok) throw new Error(extracted.reason);
    expect(extracted.draft.text).toContain('\\# 1 on the list');
    expect(splitBody(extracted.draft.text).map((passage) => passage.text)).toEqual(['# 1', '- A dash', '2026. The year'].map(opening));
    // A backslash elsewhere is the text's own.
    expect(splitBody('C:\\new\\# 1 and \\- stay as written.')[0]!.text).toBe('C:\\new\\# 1 and \\- stay as written.');
  });

  it('quotes a block quote as published, without the marks that make it one in Markdown', async () => {
    // News pages set quotations and statements apart in <blockquote>; the extractor writes "> ".
    const { extractArticle } = await import('../src/ingest/extract');
    const said = '"This is the first time a Kazakh tungsten deposit of this size is being developed with American capital," Nagaspayev said.';
    const lead = 'Kazakhstan will begin supplying tungsten concentrate to American manufacturers once the Upper Kairakty plant is commissioned, the minister told reporters on Thursday.';
    const after = "Kazakhstan holds some of the world's largest tungsten reserves, most of them at deposits in the Karaganda region.";
    const html = `<html><head><title>Tungsten</title></head><body><article><h1>Tungsten</h1><p>${lead}</p><p>${lead}</p><blockquote><p>${said}</p></blockquote><p>${after}</p></article></body></html>`;
    const extracted = extractArticle(html, 'https://news.example/tungsten');
    if (!extracted.ok) throw new Error(extracted.reason);
    expect(extracted.draft.text).toContain(`> ${said}`);
    expect(splitBody(extracted.draft.text).map((passage) => passage.text)).toEqual([lead, lead, said, after]);
    // Written by hand: quoted lines joined, nested marks, a quote of two paragraphs, a list in a quote.
    expect(splitBody('> First line\n> goes on.\n>\n> > Nested.\n\n> Items:\n> - one\n> - two').map((passage) => passage.text)).toEqual(['First line goes on.', 'Nested.', 'Items:\n- one\n- two']);
    // An escaped mark is the text's own.
    expect(splitBody('\\> 50 percent of the output')[0]!.text).toBe('> 50 percent of the output');
  });

  it('quotes a hand-written article without the Markdown inside its text: a link keeps its words, a picture and bold marks go', () => {
    const body = [
      'Kazakhstan signed a **gallium supply agreement** with [Cove Kaz Capital](https://covekaz.example/about_(us) "Cove Kaz") on Monday.',
      '![The Pavlodar smelter](https://example.org/plant.jpg)',
      '- [Tau-Ken Samruk](https://tks.example) and __ERG__',
      '| Deposit | [Region](https://example.org/regions) |\n| --- | --- |\n| Boguty | **Almaty** |',
      // Published text keeps its own marks: a single asterisk or underscore, a product of two numbers.
      '*Data as of 2025; the snake_case_name and 5 ** 2 as written.',
    ].join('\n\n');
    expect(splitBody(body).map((passage) => passage.text)).toEqual([
      'Kazakhstan signed a gallium supply agreement with Cove Kaz Capital on Monday.\n- Tau-Ken Samruk and ERG',
      '| Deposit | Region |\n| Boguty | Almaty |',
      '*Data as of 2025; the snake_case_name and 5 ** 2 as written.',
    ]);
  });

  it('splits a long paragraph at sentence ends, not inside "U.S."', () => {
    const sentences = Array.from({ length: 20 }, (_, i) => `Sentence ${i} mentions the U.S. Geological Survey and more words.`);
    const pieces = splitBody(sentences.join(' '));
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      expect(piece.text.length).toBeLessThanOrEqual(MAX_PASSAGE_LENGTH);
      expect(piece.text).toMatch(/^Sentence \d+ .*words\.$/);
    }
  });

  it('quotes a paragraph of an encyclopedia or a report (up to 900 characters) whole: a question written about it takes its words from all of it', () => {
    const sentence = (i: number) => `The ${i}th sentence of this long paragraph describes the Norman conquest of England.`;
    const paragraph = (count: number) => Array.from({ length: count }, (_, i) => sentence(i + 1)).join(' ');
    expect(paragraph(10).length).toBeGreaterThan(800);
    expect(splitBody(paragraph(10)).map((piece) => piece.text)).toEqual([paragraph(10)]);
    // Longer: two pieces of about equal length, cut between sentences.
    const pieces = splitBody(paragraph(20)).map((piece) => piece.text);
    expect(pieces).toHaveLength(2);
    expect(pieces.join(' ')).toBe(paragraph(20));
    expect(Math.abs(pieces[0]!.length - pieces[1]!.length)).toBeLessThan(100);
  });

  it('loses and duplicates no text, and respects the size', () => {
    fc.assert(
      fc.property(body, (text) => {
        const pieces = splitBody(text);
        expect(noSpace(pieces.map((p) => p.text).join(''))).toBe(noSpace(readable(text)));
        for (const piece of pieces) {
          expect(piece.text.length).toBeLessThanOrEqual(MAX_PASSAGE_LENGTH);
          expect(piece.text.trim()).not.toBe('');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('cuts a single huge sentence within the size too', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 601, maxLength: 3000 }), (text) => {
        // Text, not Markdown: nothing that starts a heading, list or quote, no link, picture or bold marks.
        const clean = text.replace(/\s+/g, ' ').replace(/^\s*[#\-*+>\d]/, 'x').replace(/\]\(/g, '] (').replace(/\*{2,}/g, '*').replace(/_{2,}/g, '_');
        const pieces = splitBody(clean);
        expect(noSpace(pieces.map((p) => p.text).join(''))).toBe(noSpace(readable(clean)));
        for (const piece of pieces) expect(piece.text.length).toBeLessThanOrEqual(MAX_PASSAGE_LENGTH);
      }),
      { numRuns: 100 },
    );
  });
});
