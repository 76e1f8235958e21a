import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCommands } from '../src/bot/load-commands';
import { parseSlash } from '../src/bot/parse-slash';
import { createLogger } from '../src/util/logger';
import { execute as sources } from '../commands/sources';
import { autocomplete as whoSuggests, execute as who } from '../commands/who';
import { execute as minerals } from '../commands/minerals';
import { autocomplete as suggest, execute as ask } from '../commands/ask';
import { execute as tungsten } from '../commands/tungsten';
import { execute as helpCommand } from '../commands/help';
import { openLibrary } from './support/engine';
import { relatedQuestions } from '../src/bot/suggestions';
import { sourceAsked } from '../src/core/queries';
import { temporaryDir } from './support/temporary-dir';
import { articleFile } from './support/article-file';
import { renderReply } from '../src/discord/render';
import { MESSAGE_LIMITS } from '../src/core/reply';

const silent = createLogger('silent');

describe('the command loader', () => {
  it('loads every file in commands/ by its command name', async () => {
    const commands = await loadCommands();
    expect([...commands.keys()].sort()).toEqual(['ask', 'digest', 'feeds', 'help', 'knowledge', 'minerals', 'sources', 'tungsten', 'who']);
  });

  it('rejects a file of the wrong shape and names it', async () => {
    const dir = temporaryDir('commands-');
    writeFileSync(join(dir, 'good.mjs'), "export const data = { name: 'good', toJSON: () => ({ name: 'good' }) };\nexport function execute() { return { private: true, pages: [] }; }\n");
    writeFileSync(join(dir, 'broken.mjs'), "export const data = { name: 'broken' };\n");
    await expect(loadCommands(dir)).rejects.toThrow('commands: broken.mjs: `data` (a SlashCommandBuilder) is missing; `execute` is missing or not a function');
  });

  it('rejects two files with the same command name', async () => {
    const dir = temporaryDir('commands-');
    const file = "export const data = { name: 'same', toJSON: () => ({ name: 'same' }) };\nexport function execute() {}\n";
    writeFileSync(join(dir, 'a.mjs'), file);
    writeFileSync(join(dir, 'b.mjs'), file);
    await expect(loadCommands(dir)).rejects.toThrow('commands: b.mjs: a command named "same" is already loaded');
  });
});

describe('slash commands typed as text', () => {
  it('reads subcommands and options the way Discord writes them', async () => {
    const commands = await loadCommands();
    expect(parseSlash('/who signed', commands)).toMatchObject({ ok: true, request: { name: 'who', subcommand: 'signed', options: {} } });
    expect(parseSlash('/minerals mineral:gallium', commands)).toMatchObject({ ok: true, request: { options: { mineral: 'gallium' } } });
    expect(parseSlash('/ask question: Who signed the MOU?', commands)).toMatchObject({ ok: true, request: { options: { question: 'Who signed the MOU?' } } });
    expect(parseSlash('/ask Who signed?', commands)).toMatchObject({ ok: true, request: { options: { question: 'Who signed?' } } });
    expect(parseSlash('/who', commands)).toMatchObject({ ok: false, message: expect.stringContaining('/who signed') });
    expect(parseSlash('/ask', commands)).toEqual({ ok: false, message: '/ask needs question: …' });
    expect(parseSlash('/nope', commands)).toEqual({ ok: false, message: "I don't know the command /nope. Try /help." });
  });
});

describe('/ask', () => {
  it('answers a greeting, a thank-you or a request for help with what to ask, not as an unanswered question; a greeting or a polite opening before a question is not searched for', async () => {
    const library = await openLibrary('knowledge');
    const context = { library, log: silent } as never;
    const hello = ask({ name: 'ask', options: { question: 'Hello!' } } as never, context);
    expect(hello).toMatchObject({ private: true });
    expect(hello.asked).toBeUndefined(); // not counted among the questions the articles do not answer
    expect(JSON.stringify(hello.pages)).toContain('Hello! Ask me a question');
    const thanks = ask({ name: 'ask', options: { question: 'thanks' } } as never, context);
    expect(JSON.stringify(thanks.pages)).toContain('Glad to help.');
    // "OK" is no thanks: it was answered "You are welcome".
    expect(JSON.stringify(ask({ name: 'ask', options: { question: 'ok' } } as never, context).pages)).not.toContain('welcome');
    // "help" alone found a passage on what Kazakhstan offers.
    const help = ask({ name: 'ask', options: { question: 'help' } } as never, context);
    expect(help.asked).toBeUndefined();
    expect(JSON.stringify(help.pages)).toContain('Ask me a question in your own words');
    expect(JSON.stringify(help.pages)).toContain('{"code":"/help"}');
    // /help's examples name an article of this library, not one it does not have.
    const helpText = JSON.stringify(helpCommand({ name: 'help', options: {} } as never, context));
    expect(helpText).toContain('/knowledge remove article: 2025-11-06-kazakhstan-us-ink-mou-critical-minerals.md');
    expect(helpText).not.toMatch(/ekibastuz/i);
    const greeted = ask({ name: 'ask', options: { question: 'Hello, who signed the MOU?' } } as never, context);
    expect(greeted.asked).toMatchObject({ question: 'Hello, who signed the MOU?', answered: true });
    expect(greeted.asked!.results[0]!.passage.text).toMatch(/^The MOU was signed by Yersayin Nagaspayev/);
    // A polite opening: the question word that follows it says what kind of answer is wanted.
    const polite = ask({ name: 'ask', options: { question: 'Can you tell me who signed the MOU?' } } as never, context);
    expect(polite.asked!.results[0]!.passage.text).toMatch(/^The MOU was signed by Yersayin Nagaspayev/);
    const when = ask({ name: 'ask', options: { question: 'Do you know when the MOU was signed?' } } as never, context);
    expect(when.asked).toMatchObject({ question: 'Do you know when the MOU was signed?', answered: true });
  });

  it('a link asked as a question: the article it points to when the knowledge base has it (http or www or tracking making no difference), else how to add it', async () => {
    const library = await openLibrary('knowledge');
    const context = { library, log: silent } as never;
    const asking = (question: string) => ask({ name: 'ask', options: { question } } as never, context);
    for (const link of ['https://www.el-balad.com/6757916', '<http://el-balad.com/6757916/?utm_source=telegram>', 'https://www.el-balad.com/6757916.', '(https://www.el-balad.com/6757916)', 'www.el-balad.com/6757916', '[the article](https://www.el-balad.com/6757916)', "'https://www.el-balad.com/6757916'"]) {
      const known = asking(link);
      expect(known).toMatchObject({ private: true, content: ['That link is an article in the knowledge base; ask about it in your own words. It begins:'] });
      expect(known.asked).toBeUndefined();
      expect(known.pages[0]!.quote!.citation).toMatchObject({ title: 'Kazakhstan and US Ink MOU on Critical Minerals Agreement', url: 'https://www.el-balad.com/6757916' });
      expect(known.pages[0]!.quote!.segments.map((segment) => segment.text).join('')).toMatch(/^Kazakhstan has formalized a partnership with the United States/);
    }
    const unknown = JSON.stringify(asking('https://example.com/news/1').pages);
    expect(unknown).toContain('That link is not an article in the knowledge base.');
    expect(unknown).toContain('{"code":"/knowledge add url: https://example.com/news/1"}');
    expect(JSON.stringify(asking('www.example.com/news/1').pages)).toContain('{"code":"/knowledge add url: https://www.example.com/news/1"}');
    // The command for the shell takes the link as one word: "&" would end it.
    const query = JSON.stringify(asking("https://example.com/news?id=7&lang=en's").pages);
    expect(query).toContain(`{"code":"npm run add-article -- 'https://example.com/news?id=7&lang=en'\\\\''s'"}`);
    // An article with nothing to quote (a heading alone) is named all the same.
    const headingOnly = temporaryDir('link-heading-');
    writeFileSync(join(headingOnly, 'a.md'), articleFile({ title: 'Only a heading', body: '## Heading', publisher: 'Example Press', url: 'https://example.com/only' }));
    const bare = ask({ name: 'ask', options: { question: 'https://example.com/only' } } as never, { library: await openLibrary(headingOnly), log: silent } as never);
    expect(JSON.stringify(bare.pages)).toContain('That link is an article in the knowledge base, “Only a heading” (Example Press · date unknown), but it has no text to quote.');
    // Not a link after all ("http://[::1"), or a link with a question: a question.
    expect(asking('http://[::1').asked).toBeDefined();
    expect(asking('What does https://www.el-balad.com/6757916 say about tungsten?').asked).toBeDefined();
  });

  it('"What\'s new?" gets the newest articles with their citations, as /sources lists them, not a decline', async () => {
    const library = await openLibrary('knowledge');
    const reply = ask({ name: 'ask', options: { question: "What's new?" } } as never, { library, log: silent } as never);
    expect(reply.asked).toBeUndefined();
    expect(JSON.stringify(reply.content)).toContain('The newest articles');
    const listed = JSON.stringify(reply.pages[0]!.text);
    expect(listed).toContain('Kazakhstan and US Ink MOU on Critical Minerals Agreement');
    expect(listed).toContain('Kazakhstan and the USA strengthen ties');
    expect(listed.indexOf('Kazakhstan and US Ink MOU on Critical Minerals Agreement')).toBeLessThan(listed.indexOf('Kazakhstan and the USA strengthen ties'));
    expect(listed).toContain('El-Balad · 2025-11-06');
    const empty = await openLibrary(temporaryDir('news-empty-'));
    expect(JSON.stringify(ask({ name: 'ask', options: { question: 'any news' } } as never, { library: empty, log: silent } as never).pages)).toContain('The knowledge base has no articles yet.');
  });

  it('declining says why, when the question explains it: asked in Russian (only articles in Russian), or about yesterday (only articles of the last days)', async () => {
    const library = await openLibrary('knowledge');
    const context = { library, log: silent } as never;
    const declined = (question: string) => {
      const reply = JSON.stringify(ask({ name: 'ask', options: { question } } as never, context).pages);
      expect(reply).toContain('I could not find that in the knowledge base.');
      return reply;
    };
    expect(declined('Кто подписал меморандум?')).toContain('Asked in Russian, a question finds the articles written in Russian (and a mineral by its name in any language); ask in English to search the English ones.');
    expect(declined('Who signed the MOU yesterday?')).toContain('A question about yesterday, last night or this morning is answered only from articles published in the last 2 days.');
    const english = declined('Who is the king of France?');
    expect(english).not.toContain('in Russian');
    expect(english).not.toContain('yesterday');
  });

  it('answers "What do the articles say about …", "Is … mentioned?" and "Summarize …" as questions about what they name', async () => {
    const library = await openLibrary('knowledge');
    const context = { library, log: silent } as never;
    for (const question of ['What do the articles say about tungsten?', 'What does the knowledge base say about rare earths?', 'Is China mentioned?', 'Summarize the memorandum']) {
      expect(ask({ name: 'ask', options: { question } } as never, context).asked).toMatchObject({ question, answered: true });
    }
    // What a named text says is still asked with all its words.
    expect(library.engine.answer('What does the Financial Times say about tungsten?').answered).toBe(false);
  });

  it('answers a question asked of one publisher the library has ("What does El-Balad say about tungsten?") from that publisher\'s articles, and one with a link from the article it points to', async () => {
    const library = await openLibrary('knowledge');
    const context = { library, log: silent } as never;
    const publishers = (question: string) => {
      const asked = ask({ name: 'ask', options: { question } } as never, context).asked!;
      expect(asked.answered, question).toBe(true);
      return [...new Set(asked.results.map((result) => result.passage.article.publisher))];
    };
    // Both articles speak of tungsten; "El-Balad", "Kazakhstan" and "Today" are no words of their passages.
    expect(publishers('What does El-Balad say about tungsten?')).toEqual(['El-Balad']);
    expect(publishers('what does the el balad article say about tungsten')).toEqual(['El-Balad']);
    expect(publishers('What does Kazakhstan Today say about tungsten?')).toEqual(['Kazakhstan Today']);
    expect(publishers('According to Kazakhstan Today, who did the minister meet?')).toEqual(['Kazakhstan Today']);
    expect(publishers('Who signed the MOU, according to El-Balad?')).toEqual(['El-Balad']);
    // A link is no words to search for: the article it points to, when the library has it, else left out.
    expect(publishers('what does https://www.el-balad.com/6757916 say about tungsten?')).toEqual(['El-Balad']);
    expect(publishers('What does <https://kt.kz/eng/international_affair/kazakhstan_and_the_usa_strengthen_ties_in_industry_and_1377961744.html> say about tungsten')).toEqual(['Kazakhstan Today']);
    expect(publishers('Who signed the MOU? (see https://example.com/x)')).toEqual(['El-Balad']);
    // Before or after the question, labelled or not, it is no part of the sentence.
    for (const question of ['Who signed? https://www.el-balad.com/6757916', 'Who signed the MOU? Source: https://www.el-balad.com/6757916', 'Who signed the MOU? (link: https://example.com/x)']) {
      expect(publishers(question), question).toEqual(['El-Balad']);
    }
    // A publisher named without its leading "The".
    expect(sourceAsked('What does Astana Times say about gold?', () => ['The Astana Times'])).toEqual({ publisher: 'The Astana Times', question: 'gold?' });
    expect(sourceAsked('What does the Astana Times say about gold?', () => ['The Astana Times'])).toEqual({ publisher: 'The Astana Times', question: 'gold?' });
    // In quotation marks, or followed by the sentence's punctuation and a bracket it does not open.
    expect(publishers('What does “https://www.el-balad.com/6757916” say about tungsten?')).toEqual(['El-Balad']);
    expect(publishers('What is said about tungsten (in https://www.el-balad.com/6757916)?')).toEqual(['El-Balad']);
    // In Markdown, in single quotes, or without its scheme.
    for (const question of [
      'What does [the article](https://www.el-balad.com/6757916) say about tungsten?',
      "What does 'https://www.el-balad.com/6757916' say about tungsten?",
      'what does www.el-balad.com/6757916 say about tungsten',
      'Who signed the MOU? see www.el-balad.com/6757916',
    ]) {
      expect(publishers(question), question).toEqual(['El-Balad']);
    }
    expect(publishers('Who signed the MOU? see www.example.com/x')).toEqual(['El-Balad']);
    // A Markdown link's words are the question's (they were dropped with the link: "What does  say about tungsten?").
    expect(publishers('What does [the El-Balad report](https://example.com/x) say about tungsten?')).toEqual(['El-Balad']);
    const dir = temporaryDir('markdown-link-');
    cpSync('knowledge', dir, { recursive: true });
    writeFileSync(join(dir, 'uranium.md'), articleFile({ title: 'Uranium deal', body: 'The uranium supply deal was signed by Steppe Uranium chief executive Daulet Aitzhanov.', publisher: 'Astana Wire', published: '2026-01-10', url: 'https://example.com/uranium' }));
    const withUranium = await openLibrary(dir);
    const marked = ask({ name: 'ask', options: { question: 'Who signed [the uranium deal](https://example.com/elsewhere)?' } } as never, { library: withUranium, log: silent } as never);
    expect(marked.asked!.results[0]!.passage.text).toMatch(/^The uranium supply deal was signed/);
    // Other wordings naming a publisher: "per", "in … article", "as … reports", a colon.
    for (const question of ['Per Kazakhstan Today, who did the minister meet?', 'Who did the minister meet, per Kazakhstan Today?', 'In the Kazakhstan Today article, who did the minister meet?', 'As Kazakhstan Today reports, who did the minister meet?', 'Kazakhstan Today: who did the minister meet?']) {
      expect(publishers(question), question).toEqual(['Kazakhstan Today']);
    }
    expect(sourceAsked('In Kazakhstan, who signed the MOU?', () => ['Kazakhstan Today', 'El-Balad'])).toBeUndefined();
    expect(sourceAsked('Note: who signed the MOU?', () => ['Kazakhstan Today', 'El-Balad'])).toBeUndefined();
    // "In …," and "…:" take the name as written, capitals and all: "Kazakhstan today" is no publisher (review).
    for (const question of ['In Kazakhstan today, who signed the MOU?', 'Kazakhstan today: who signed the MOU?']) {
      expect(sourceAsked(question, () => ['Kazakhstan Today', 'El-Balad']), question).toBeUndefined();
      expect(publishers(question), question).toEqual(['El-Balad']);
    }
    // A publisher the library does not have, or nothing of the publisher's on it.
    // Only the publisher's passages are judged: Kazakhstan Today names tungsten but gives no amount of it
    // (its passage on tungsten was quoted because El-Balad's answered).
    for (const question of ['What does the Financial Times say about tungsten?', 'What does Kazakhstan Today say about the MOU signing?', 'According to Kazakhstan Today, how much tungsten does Kazakhstan have?']) {
      expect(ask({ name: 'ask', options: { question } } as never, context).asked, question).toMatchObject({ answered: false });
    }
  });

  it('suggests only questions the knowledge base answers, the typed text first, at most 25', async () => {
    const library = await openLibrary('knowledge');
    const suggestions = (over: typeof library, text: string) =>
      suggest({ name: 'ask', options: {}, focused: { name: 'question', value: text } } as never, { library: over, log: silent } as never).map((choice) => choice.value);
    const typed = (text: string) => suggestions(library, text);
    const empty = typed('');
    expect(empty.length).toBe(25);
    expect(empty[0]).toBe('Who signed the memorandum?');
    const minerals = typed('articles say');
    expect(minerals).toContain('What do the articles say about tungsten?');
    expect(minerals.slice(1).length).toBeGreaterThan(5);
    for (const question of [...empty, ...minerals.slice(1)]) expect({ question, answered: library.engine.answer(question).answered }).toEqual({ question, answered: true });
    // An agreement is /who signed's to show: /ask quoted whichever passage had its title's words.
    expect(typed('signed').slice(1)).toEqual(['Who signed the memorandum?']);
    // Typed text longer than a choice takes is not offered cut short (picked, it would send the cut question).
    const long = `Who signed the memorandum of understanding between Kazakhstan and the United States on critical minerals, and when`;
    expect(long.length).toBeGreaterThan(MESSAGE_LIMITS.choiceLength);
    expect(typed(long)).toEqual([]);
    expect(typed(long.slice(0, MESSAGE_LIMITS.choiceLength))[0]).toBe(long.slice(0, MESSAGE_LIMITS.choiceLength));

    // A library in Russian alone: the starters, written for the team's English articles, would be
    // declined; the English question about a mineral is answered from the Russian passage naming it.
    const dir = temporaryDir('suggest-');
    writeFileSync(
      join(dir, 'uran.md'),
      '---\ntitle: Казатомпром увеличит добычу урана\npublisher: Kursiv\nurl: https://example.com/uran\n---\n\n' +
        'Председатель правления Мейржан Юсупов заявил, что «Казатомпром» увеличит добычу урана в 2027 году на 10%.\n',
    );
    const russian = await openLibrary(dir);
    expect(russian.engine.catalog.minerals.map((mineral) => mineral.name)).toEqual(['uranium']);
    const offered = suggestions(russian, '');
    expect(offered).not.toContain('Who signed the memorandum?');
    expect(offered).toContain('What do the articles say about uranium?');
    expect(offered.length).toBeGreaterThan(0);
    for (const question of offered) expect(russian.engine.answer(question).answered).toBe(true);
  });

  it('a declined question is offered what the articles answer about what it names (a mineral, a person), else what to ask in general', async () => {
    const library = await openLibrary('knowledge');
    const context = { library, log: silent } as never;
    const declined = (question: string) => {
      const reply = ask({ name: 'ask', options: { question } } as never, context);
      expect(reply.asked).toMatchObject({ question, answered: false });
      return JSON.stringify(reply.pages);
    };
    const offered = (reply: string) => [...reply.matchAll(/\/ask question: ([^"]+)"/g)].map((match) => match[1]!);

    const lithium = declined('How much does a tonne of lithium cost?');
    expect(lithium).toContain('On the same subject, the articles answer:');
    expect(offered(lithium)).toEqual(['What do the articles say about lithium?']);
    expect(lithium).not.toContain('Try:');
    // "say" is in every mineral's question too, but only a specific word relates two questions.
    expect(offered(declined('What did Rubio say at the meeting?'))).toEqual(['Who is Marco Rubio?']);
    expect(offered(declined('When was Howard Lutnick born?'))).toEqual(['Who is Howard Lutnick?']);
    for (const question of ['What do the articles say about lithium?', 'Who is Marco Rubio?', 'Who is Howard Lutnick?']) {
      expect(library.engine.answer(question).answered).toBe(true);
    }
    // Nothing the articles know of: the general suggestions.
    const football = declined('Who won the football match yesterday?');
    expect(football).toContain('Try:');
    expect(football).not.toContain('On the same subject');
    expect(declined('What is the capital of France?')).toContain('Try:');
    // An agreement is offered as the command that says who signed it, not as an /ask of its title.
    const ratified = declined('When will the MOU be ratified?');
    expect(ratified).toContain('/who signed agreement: Kazakhstan and US Ink MOU on Critical Minerals Agreement');
    expect(ratified).not.toContain('/ask question: Who signed:');

    // A question offered is one the library answers: without the team's articles, the starters
    // about tungsten are declined, and a question about tungsten is offered none of them.
    const dir = temporaryDir('related-');
    writeFileSync(
      join(dir, 'uran.md'),
      '---\ntitle: Kazatomprom to raise uranium output\npublisher: Kursiv\nurl: https://example.com/uran\n---\n\n' +
        'Kazatomprom will raise its uranium output by 10% in 2027, its chairman said.\n\n' +
        'Kazatomprom Chairman Howard Simpson met US Commerce Secretary Howard Lutnick in Astana on Monday.\n',
    );
    const other = await openLibrary(dir);
    expect(other.engine.answer('How much tungsten does Kazakhstan have?').answered).toBe(false);
    expect(relatedQuestions(library, 'Is tungsten cheaper than gold?').some((command) => /^\/ask question: .*tungsten/.test(command))).toBe(true);
    expect(relatedQuestions(other, 'Is tungsten cheaper than gold?')).toEqual([]);
    expect(relatedQuestions(other, 'How much uranium did Kazatomprom mine in 2020?')).toEqual(['/ask question: What do the articles say about uranium?']);
    // One that shares much less than the best is about someone else.
    expect(other.engine.catalog.people.map((person) => person.name)).toEqual(expect.arrayContaining(['Howard Simpson', 'Howard Lutnick']));
    expect(other.engine.answer('Who is Howard Simpson?').answered).toBe(true);
    expect(relatedQuestions(other, 'When was Howard Lutnick born?')).toEqual(['/ask question: Who is Howard Lutnick?']);
    // A word every passage has is what the library is about: it relates only a question about that
    // thing itself, not one that has it in passing ("How much tungsten does Kazakhstan have?").
    expect(library.engine.termShare('kazakhstan')).toBeGreaterThan(0.5);
    expect(relatedQuestions(library, 'What is the capital of Kazakhstan?')).toEqual([]);
    expect(relatedQuestions(library, 'Who is the US ambassador to Kazakhstan?')).toEqual([]);
    expect(other.engine.termShare('uranium')).toBeGreaterThan(0.5);
    expect(relatedQuestions(other, 'Is uranium mined underground?')).toEqual(['/ask question: What do the articles say about uranium?']);
    // Only a specific word relates them, and only what a known question asks about: not "meeting"
    // ("Strategic Meeting Details"), nor the "articles" of "What do the articles say about …".
    expect(relatedQuestions(library, 'Who won the football game after the meeting?')).toEqual([]);
    expect(relatedQuestions(library, 'Which articles mention football?')).toEqual([]);
    // Never the question itself, and at most the limit.
    expect(relatedQuestions(library, 'What do the articles say about lithium?')).not.toContain('/ask question: What do the articles say about lithium?');
    expect(relatedQuestions(library, 'tungsten deposits in Kazakhstan', 2).length).toBeLessThanOrEqual(2);
  });

  it('offers, when it finds nothing, only what the knowledge base answers: never the question or the command that found nothing, and without articles how to add them', async () => {
    const text = (reply: { pages: unknown[] }) => JSON.stringify(reply.pages);
    const context = (library: unknown) => ({ library, log: silent }) as never;

    const empty = context(await openLibrary(temporaryDir('empty-')));
    for (const reply of [
      ask({ name: 'ask', options: { question: 'Who signed the memorandum?' } } as never, empty),
      ask({ name: 'ask', options: { question: 'hello' } } as never, empty),
      sources({ name: 'sources', options: {} } as never, empty),
      minerals({ name: 'minerals', options: {} } as never, empty),
      await tungsten({ name: 'tungsten', options: {} } as never, empty),
    ]) {
      expect(text(reply)).toContain('The knowledge base has no articles yet.');
      expect(text(reply)).toContain('/knowledge add url:');
      expect(text(reply)).not.toMatch(/\/ask question|\/tungsten|\/minerals|\/sources|Try:/);
    }

    // Articles on uranium: no starter question is answered, nor is there anything on tungsten.
    const dir = temporaryDir('uranium-');
    writeFileSync(join(dir, 'uran.md'), '---\ntitle: Kazatomprom to raise uranium output\npublisher: Kursiv\nurl: https://example.com/uran\n---\n\nKazatomprom will raise its uranium output by 10% in 2027.\n');
    const uranium = context(await openLibrary(dir));
    const declined = text(ask({ name: 'ask', options: { question: 'Who signed the memorandum?' } } as never, uranium));
    expect(declined).toContain('Try:');
    expect(declined).not.toContain('/ask question');
    expect(declined).not.toContain('/tungsten');
    expect(declined).toContain('/minerals');
    expect(declined).toContain('/sources');
    const noTungsten = text(await tungsten({ name: 'tungsten', options: {} } as never, uranium));
    expect(noTungsten).toContain('nothing on tungsten');
    expect(noTungsten).not.toContain('/tungsten');

    // The team's articles: the first starter they answer, but not the one just asked.
    const team = context(await openLibrary('knowledge'));
    const france = text(ask({ name: 'ask', options: { question: 'What is the capital of France?' } } as never, team));
    expect(france).toContain('/ask question: Who signed the memorandum?');
    expect(france).toContain('/tungsten');
    const unknown = text(minerals({ name: 'minerals', options: { mineral: 'uranium' } } as never, team));
    expect(unknown).toContain('/tungsten');
    expect(unknown).not.toContain('/minerals —');
  });

  it('/tungsten question: leaves a polite opening out too, so that "when" asks for a date', async () => {
    const dir = temporaryDir('tungsten-');
    writeFileSync(
      join(dir, 'exports.md'),
      '---\ntitle: Tungsten exports\npublisher: Kazinform\nurl: https://example.com/t\n---\n\n' +
        'Tungsten exports rose as traders shipped tungsten concentrate; tungsten exports rose again and tungsten exports kept rising.\n\n' +
        'The first tungsten exports rose in 2019, records show.\n',
    );
    const library = await openLibrary(dir);
    const reply = tungsten({ name: 'tungsten', options: { question: 'Could you please tell me when tungsten exports rose?' } } as never, { library, log: silent } as never);
    expect(reply.asked!.results[0]!.passage.text).toBe('The first tungsten exports rose in 2019, records show.');
  });

  it('/tungsten question: "who signed the memorandum?" is not answered by a tungsten passage under a title saying "Ink MOU": the signing is told in the passage or not at all', async () => {
    const library = await openLibrary('knowledge');
    const context = { library, log: silent } as never;
    expect(tungsten({ name: 'tungsten', options: { question: 'who signed the memorandum?' } } as never, context).asked).toMatchObject({ answered: false });
    expect(tungsten({ name: 'tungsten', options: { question: 'how many tonnes of reserves?' } } as never, context).asked).toMatchObject({ answered: true });
    expect(ask({ name: 'ask', options: { question: 'Who signed the memorandum?' } } as never, context).asked!.results[0]!.passage.text).toMatch(/^The MOU was signed by/);
  });

  it('/tungsten question: asked in Russian, is answered from the Russian passages on tungsten', async () => {
    const dir = temporaryDir('tungsten-');
    writeFileSync(
      join(dir, 'ru.md'),
      '---\ntitle: Новости отрасли\npublisher: Kazinform\nurl: https://example.com/ru\n---\n\n' +
        'Запасы вольфрама в Казахстане оцениваются более чем в 2 миллиона тонн.\n\n' +
        'Добыча угля выросла на 5%, до 110 миллионов тонн.\n',
    );
    const library = await openLibrary(dir);
    const reply = tungsten({ name: 'tungsten', options: { question: 'Сколько тонн?' } } as never, { library, log: silent } as never);
    expect(reply.asked!.results.map((result) => result.passage.text)).toEqual(['Запасы вольфрама в Казахстане оцениваются более чем в 2 миллиона тонн.']);
  });
});

describe('/sources', () => {
  it('pages a long list of articles, newest first, ten a page', async () => {
    const dir = temporaryDir('sources-');
    mkdirSync(join(dir, 'kb'));
    for (let i = 1; i <= 23; i++) {
      const day = String(i).padStart(2, '0');
      writeFileSync(join(dir, 'kb', `${day}.md`), `---\ntitle: Article ${day}\npublisher: Kazinform\npublished: 2026-01-${day}\nurl: https://example.com/${day}\n---\n\nText ${day}.\n`);
    }
    const library = await openLibrary(join(dir, 'kb'));
    const reply = sources(undefined, { library, log: silent } as never);
    expect(reply.pages).toHaveLength(3);
    const first = renderReply(reply, 0).embeds[0]!.description!;
    expect(first.split('\n')).toHaveLength(10);
    expect(first).toMatch(/^• \*\*\[Article 23\]\(https:\/\/example\.com\/23\)\*\* — Kazinform · 2026-01-23/);
    expect(reply.pages[2]!.footer).toBe('Articles 21–23 of 23, newest first');
  });
});

describe('/who with a name typed in part, as people write it without the list', () => {
  const ask = async (library: Awaited<ReturnType<typeof openLibrary>>, subcommand: 'met' | 'signed', options: Record<string, string>) => {
    const reply = who({ name: 'who', subcommand, options } as never, { library, log: silent } as never);
    return renderReply(reply, 0);
  };
  /** A library of article files written for the test (file name → title and paragraphs), beside the team's articles when asked. */
  const libraryOf = (files: Record<string, { title: string; paragraphs: string[] }>, withTeam = false) => {
    const dir = temporaryDir('who-');
    if (withTeam) cpSync(join(import.meta.dirname, '..', 'knowledge'), dir, { recursive: true });
    for (const [file, { title, paragraphs }] of Object.entries(files)) {
      writeFileSync(join(dir, file), articleFile({ title, body: paragraphs.join('\n\n'), publisher: 'Example Press', published: '2026-01-10', url: `https://example.com/${file}` }));
    }
    return openLibrary(dir);
  };

  it('an initial typed is not one other than the articles write ("Robert J. Kennedy" is not Robert F. Kennedy), and "Doyle" is not Dole (review)', async () => {
    const library = await libraryOf({
      'forum.md': { title: 'Forum', paragraphs: ['Health Secretary Robert F. Kennedy met Senator Bob Dole in Washington.'] },
    });
    expect((await ask(library, 'met', { person: 'Robert F. Kennedy' })).content).toBe('**Who met Robert F. Kennedy:**');
    for (const typed of ['Robert J. Kennedy', 'Doyle']) expect((await ask(library, 'met', { person: typed })).embeds[0]!.description, typed).toMatch(/^No one called/);
  });

  it('/who signed shows first the passage naming who signed, with their offices in lower case too, not the opening paragraph on the agreement', async () => {
    const library = await libraryOf({
      'uzbek.md': {
        title: 'US and Uzbekistan sign framework agreement on critical minerals',
        paragraphs: [
          'The United States and Uzbekistan signed a framework agreement on critical minerals in Tashkent on Monday, the two governments said.',
          'The agreement covers tungsten, molybdenum and rare earths.',
          'The document was signed by Uzbekistan mining minister Bobur Islamov and US Commerce under secretary Dana Whitcombe.',
        ],
      },
    });
    for (const typed of ['uzbekistan', 'framework']) {
      const message = await ask(library, 'signed', { agreement: typed });
      expect(message.content, typed).toBe('**Who signed:** US and Uzbekistan sign framework agreement on critical minerals');
      expect(message.embeds[0]!.description, typed).toMatch(/^The document was \*\*signed\*\* by/);
      expect(JSON.stringify(message.embeds[0]!.fields), typed).toContain('Bobur Islamov');
    }
  });

  it('finds a person by a surname, by words of the name in any case and without accents, and lists the people a role word may mean', async () => {
    const library = await openLibrary(join(import.meta.dirname, '..', 'knowledge'));
    for (const typed of ['Tokayev', 'tokayev', 'kassym jomart', 'Kassym-Jomart Tokayev', 'Tokáyev']) {
      const message = await ask(library, 'met', { person: typed });
      expect(message.content, typed).toBe('**Who met Kassym-Jomart Tokayev:**');
    }
    const ministers = await ask(library, 'met', { person: 'minister' });
    expect(ministers.embeds[0]!.description).toMatch(/^“minister” could be “Kanat Sharlapaev” or “Yersayin Nagaspayev”: ask again with the full name\./);
    const nobody = await ask(library, 'met', { person: 'Nursultan' });
    expect(nobody.embeds[0]!.description).toMatch(/^No one called “Nursultan” is named in the articles\./);
  });

  it('takes the start of a name or title, sent without picking it from the list, for what it begins; not a word the articles write in lower case', async () => {
    const library = await openLibrary(join(import.meta.dirname, '..', 'knowledge'));
    for (const typed of ['Toka', 'kassym tok']) expect((await ask(library, 'met', { person: typed })).content, typed).toBe('**Who met Kassym-Jomart Tokayev:**');
    expect((await ask(library, 'met', { person: 'lutn' })).content).toBe('**Who met Howard Lutnick:**');
    for (const typed of ['critical min', 'Kazakhstan and US Ink MOU on Crit']) {
      expect((await ask(library, 'signed', { agreement: typed })).content, typed).toBe('**Who signed:** Kazakhstan and US Ink MOU on Critical Minerals Agreement');
    }
    // What the agreement's own passages call it, its title calling it "MOU"; with or without "the".
    for (const typed of ['memorandum', 'memorandum of understanding', 'the MOU', 'the memorandum']) {
      expect((await ask(library, 'signed', { agreement: typed })).content, typed).toBe('**Who signed:** Kazakhstan and US Ink MOU on Critical Minerals Agreement');
    }
    const offered = (typed: string) =>
      whoSuggests({ name: 'who', subcommand: 'signed', options: {}, focused: { name: 'agreement', value: typed } } as never, { library, log: silent } as never).map((choice) => choice.name);
    expect(offered('memo')).toEqual(['2025-11-06 · Kazakhstan and US Ink MOU on Critical Minerals Agreement']);
    expect(offered('treaty')).toEqual([]);
    // Too short to say which; and a word, not a name: "to" is in every article, never as anyone's name.
    expect((await ask(library, 'signed', { agreement: 'mo' })).embeds[0]!.description).toMatch(/^I know of no agreement called “mo”/);
    for (const typed of ['to', 'the', 'Ka', 'of the', 'and', 'however', 'may', 'he']) expect((await ask(library, 'met', { person: typed })).embeds[0]!.description, typed).toMatch(/^No one called “.+” is named in the articles\./);
    // Nor a word that only joins the words of a role: "of" in "Minister of Industry and Construction".
    expect(library.engine.catalog.people.some((person) => / of /.test(person.role ?? ''))).toBe(true);
    expect(library.engine.catalog.peopleNamed('of')).toEqual([]);
    // Another transliteration from the Cyrillic is the same person; a name one letter off is not.
    for (const typed of ['Tokaev', 'Kasym-Jomart Tokaev']) expect((await ask(library, 'met', { person: typed })).content, typed).toBe('**Who met Kassym-Jomart Tokayev:**');
    expect((await ask(library, 'met', { person: 'Nagaspaev' })).content).toBe('**Who met Yersayin Nagaspayev:**');
    // An initial the articles do not write, or one of a name they write; not one of no name of theirs.
    for (const typed of ['Howard W. Lutnick', 'H. Lutnick']) expect((await ask(library, 'met', { person: typed })).content, typed).toBe('**Who met Howard Lutnick:**');
    // Nor a stop word for an agreement (review: "the" found the MOU by its passages' words).
    for (const typed of ['the', 'a']) expect((await ask(library, 'signed', { agreement: typed })).embeds[0]!.description, typed).toMatch(/^I know of no agreement called/);
    for (const typed of ['Rubin', 'Tokarev', 'J. Lutnick']) expect((await ask(library, 'met', { person: typed })).embeds[0]!.description, typed).toMatch(/^No one called “.+” is named in the articles\./);
  });

  it('/who visited and /who met show the passages about a visit or a meeting that name someone, not any passage with the word', async () => {
    const library = await libraryOf(
      {
        'grammar.md': {
          title: 'Notes on usage',
          paragraphs: [
            'Visiting relatives can be a nuisance: only context says whether visiting relatives are visited or visiting, a visit paid or a visit received.',
            'The committee met the problem of meeting rooms head on: meetings met in the hall.',
          ],
        },
      },
      true,
    );
    const shown = (subcommand: 'met' | 'visited') => JSON.stringify(who({ name: 'who', subcommand, options: {} } as never, { library, log: silent } as never));
    const visited = shown('visited');
    expect(visited).toContain('Kanat Sharlapaev has embarked on a working visit');
    expect(visited).not.toContain('Visiting relatives');
    const met = shown('met');
    expect(met).toContain('Nisha Biswal');
    expect(met).not.toContain('meeting rooms');
  });

  it('/who met leaves out passages where what is met is a need or a problem, not a person', async () => {
    const library = await libraryOf({
      'housing.md': {
        title: 'Housing in Astana',
        paragraphs: [
          'Minister of Industry Kanat Sharlapaev said public housing easily leaped over the problems met in a private venture.',
          'The plant met its production targets, Deputy Minister Iran Sharkhan said, and demand was met.',
          'Minister of Industry Kanat Sharlapaev was met at the airport by Ambassador Daniel Rosenblum.',
        ],
      },
    });
    expect(library.engine.catalog.meetings.map((passage) => passage.text)).toEqual([
      'Minister of Industry Kanat Sharlapaev was met at the airport by Ambassador Daniel Rosenblum.',
    ]);
    const met = JSON.stringify(who({ name: 'who', subcommand: 'met', options: {} } as never, { library, log: silent } as never));
    expect(met).toContain('met at the airport by Ambassador Daniel Rosenblum');
    expect(met).not.toContain('problems met');
    expect(met).not.toContain('production targets');
  });

  it('/who visited over articles naming no one by an office shows the passages about visits all the same', async () => {
    const library = await libraryOf({ 'rollo.md': { title: 'Rollo in Paris', paragraphs: ['Rollo visited Paris on a trip down the Seine.', 'The river trade grew in the years after.'] } });
    expect(library.engine.catalog.visits).toEqual([]);
    expect(JSON.stringify(who({ name: 'who', subcommand: 'visited', options: {} } as never, { library, log: silent } as never))).toContain('Rollo visited Paris');
  });

  it('answers for someone the articles name without an office, from the passages naming them, and says no one is named only when no passage names them', async () => {
    const library = await libraryOf({ 'treaty.md': { title: 'The treaty of 911', paragraphs: ['Rollo met King Charles at Saint-Clair-sur-Epte and agreed to a treaty.', 'The river trade grew in the years after.'] } });
    expect(library.engine.catalog.peopleNamed('Rollo')).toEqual([]);
    const rollo = await ask(library, 'met', { person: 'rollo' });
    expect(rollo.content).toBe('**Who met rollo:**');
    expect(rollo.embeds[0]!.description).toMatch(/^\*\*Rollo\*\* met King Charles/);
    const nobody = await ask(library, 'met', { person: 'Nursultan' });
    expect(nobody.embeds[0]!.description).toMatch(/^No one called “Nursultan” is named in the articles\./);
  });

  it('finds someone named without an office by a name with particles in lower case, or one that is also a word', async () => {
    const library = await libraryOf({
      'eu.md': { title: 'Raw materials talks', paragraphs: ['The president met Ursula von der Leyen in Brussels to discuss raw materials.', 'He later met Condoleezza Rice, who praised Kazakh rice exports.'] },
    });
    for (const typed of ['Ursula von der Leyen', 'von der Leyen', 'Condoleezza Rice', 'Rice']) {
      expect((await ask(library, 'met', { person: typed })).content, typed).toBe(`**Who met ${typed}:**`);
    }
  });

  it('/who met a person shows the passages naming them by last name alone, as news does after the full name (not before it); not a name two people share, a word also written in lower case, or a month', async () => {
    const library = await libraryOf({
      'talks.md': {
        title: 'Tokayev in Washington',
        paragraphs: [
          'Tokayev of the Astana Rugby Club scored twice on Sunday.',
          'President Kassym-Jomart Tokayev arrived in Washington on Monday for talks with Secretary of State Marco Rubio.',
          'Tokayev and Rubio met at the State Department to discuss tungsten.',
          'The weather in the capital was mild.',
          'Tokayev noted the excellent opportunities for cooperation.',
        ],
      },
      'forum.md': {
        title: 'Forum on trade',
        paragraphs: [
          'Ambassador Condoleezza Rice, Prime Minister Theresa May, Senator Hillary Clinton and former President Bill Clinton spoke at the forum.',
          'Rice farmers sold more rice this year. In May, the talks resumed.',
          'Clinton said the talks went well.',
        ],
      },
      'bank.md': {
        title: 'Development bank in Washington',
        paragraphs: ['Aidar Bekov, chairman of the Kazakh Development Bank, arrived in Washington on Monday.', 'Bekov met Treasury officials on Tuesday.'],
      },
    });
    const passagesOf = (name: string) => library.engine.catalog.peopleNamed(name).flatMap((person) => person.passages.map((passage) => passage.text));
    expect(passagesOf('Kassym-Jomart Tokayev')).toEqual([
      'President Kassym-Jomart Tokayev arrived in Washington on Monday for talks with Secretary of State Marco Rubio.',
      'Tokayev and Rubio met at the State Department to discuss tungsten.',
      'Tokayev noted the excellent opportunities for cooperation.',
    ]);
    expect(library.engine.catalog.meetings.map((passage) => passage.text)).toContain('Tokayev and Rubio met at the State Department to discuss tungsten.');
    // Of his passages, those about a meeting ("Tokayev noted …" is not one).
    const met = who({ name: 'who', subcommand: 'met', options: { person: 'Tokayev' } } as never, { library, log: silent } as never).asked!.results.map((result) => result.passage.text);
    expect(met).toEqual(['Tokayev and Rubio met at the State Department to discuss tungsten.']);
    // Named with an office in lower case after the name, and then by last name.
    expect(passagesOf('Bekov')).toEqual(['Aidar Bekov, chairman of the Kazakh Development Bank, arrived in Washington on Monday.', 'Bekov met Treasury officials on Tuesday.']);
    for (const name of ['Condoleezza Rice', 'Theresa May', 'Hillary Clinton', 'Bill Clinton']) {
      expect(passagesOf(name), name).toEqual(['Ambassador Condoleezza Rice, Prime Minister Theresa May, Senator Hillary Clinton and former President Bill Clinton spoke at the forum.']);
    }
  });

  it('a declined question is offered /who signed with a title it finds alone, else with the file: two articles of one title, or a title longer than the option takes', async () => {
    const long = `Kazakhstan and the United States sign a memorandum on beryllium, tantalum and niobium supply chains for ${'x'.repeat(20)}`;
    const library = await libraryOf({
      'beryllium-1.md': { title: 'Kazakhstan signs beryllium agreement', paragraphs: ['The beryllium agreement was signed by Minister of Industry Kanat Sharlapaev in Astana.'] },
      'beryllium-2.md': { title: 'Kazakhstan signs beryllium agreement', paragraphs: ['A second beryllium agreement was signed by Minister of Energy Almasadam Satkaliyev in Ulba.'] },
      'tantalum.md': { title: long, paragraphs: ['The tantalum memorandum was signed by Minister of Industry Kanat Sharlapaev in Washington.'] },
      // Not most passages on beryllium: a word in most of them is what the whole library is about, and relates no agreement.
      'trade.md': { title: 'Trade turnover grows', paragraphs: ['Trade between the two countries grew by a fifth last year.'] },
      'grain.md': { title: 'Grain exports', paragraphs: ['Grain exports led the growth.'] },
      'rail.md': { title: 'A new railway', paragraphs: ['The railway to the Caspian ports opens next year.'] },
    });
    expect(long.length).toBeGreaterThan(MESSAGE_LIMITS.choiceLength);
    const offered = [...relatedQuestions(library, 'When will the beryllium agreement be ratified?'), ...relatedQuestions(library, 'When will the tantalum memorandum be ratified?')].filter((line) => line.startsWith('/who signed'));
    expect(offered).toEqual(expect.arrayContaining(['/who signed agreement: beryllium-1.md', '/who signed agreement: beryllium-2.md', '/who signed agreement: tantalum.md']));
    for (const line of offered) {
      const file = line.slice('/who signed agreement: '.length);
      expect((await ask(library, 'signed', { agreement: file })).content).toBe(`**Who signed:** ${library.engine.record(file)!.article.title}`);
    }
  });

  it('finds an agreement by words of its title, and lists the agreements they may mean', async () => {
    const library = await libraryOf({ 'uzbek-mou.md': { title: 'Kazakhstan and Uzbekistan sign MOU on rare earths', paragraphs: ['The memorandum was signed in Tashkent by the two ministers of industry.'] } }, true);
    const uzbek = await ask(library, 'signed', { agreement: 'uzbekistan' });
    expect(uzbek.content).toBe('**Who signed:** Kazakhstan and Uzbekistan sign MOU on rare earths');
    const both = await ask(library, 'signed', { agreement: 'MOU' });
    expect(both.embeds[0]!.description).toMatch(
      /^“MOU” could be “Kazakhstan and Uzbekistan sign MOU on rare earths” or “Kazakhstan and US Ink MOU on Critical Minerals Agreement”: ask again with its full title\./,
    );
    // Whole words, or the start of one typed last ("uzbek" sent without picking it from the list),
    // not a part from inside a word.
    expect((await ask(library, 'signed', { agreement: 'uzbek' })).content).toBe('**Who signed:** Kazakhstan and Uzbekistan sign MOU on rare earths');
    const part = await ask(library, 'signed', { agreement: 'bekistan' });
    expect(part.embeds[0]!.description).toMatch(/^I know of no agreement called “bekistan”/);
  });

  it('shows the passage about the signing first, though another passage of the article names someone (a roadmap signed by two ministries)', async () => {
    const dir = temporaryDir('who-');
    cpSync(join(import.meta.dirname, '..', 'knowledge'), dir, { recursive: true });
    writeFileSync(
      join(dir, 'roadmap.md'),
      [
        '---\ntitle: "Kazakhstan, US sign roadmap on rare earths"\npublisher: The Astana Times\npublished: 2026-11-20\nurl: https://example.com/roadmap\n---',
        "ASTANA – Kazakhstan's Ministry of Industry and Construction and the US Department of Commerce signed a roadmap on November 19 to develop rare earth processing in the Kostanay region, the ministry said on Thursday.",
        'The roadmap sets out three stages: a feasibility study by mid-2027, a pilot plant in 2028, and commercial production of neodymium and praseodymium oxides from 2030.',
        '## Financing',
        'The US International Development Finance Corporation (DFC) is considering up to $250 million in financing, according to Deputy Minister Iran Sharkhan.',
        '| Stage | Year |\n| --- | --- |\n| Feasibility study | 2027 |\n| Pilot plant | 2028 |\n| Production | 2030 |',
      ].join('\n\n'),
    );
    const library = await openLibrary(dir);
    const signed = await ask(library, 'signed', {});
    expect(signed.content).toBe('**Who signed:** Kazakhstan, US sign roadmap on rare earths');
    expect(signed.embeds[0]!.description).toMatch(/^ASTANA – Kazakhstan's Ministry of Industry and Construction and the US Department of Commerce/);
  });
  it('without an agreement named, shows the newest whose article says who signed it: a newer report that it "was signed in Washington" says where, not who', async () => {
    const dir = temporaryDir('who-');
    cpSync(join(import.meta.dirname, '..', 'knowledge'), dir, { recursive: true });
    writeFileSync(
      join(dir, 'katpar.md'),
      [
        '---\ntitle: "Kazakhstan, US to develop Northern Katpar tungsten deposit"\npublisher: The Astana Times\npublished: 2025-11-07\nurl: https://example.com/katpar\n---',
        'ASTANA – A Kazakh and a US company will jointly develop the Northern Katpar and Upper Kairakty tungsten deposits, the ministry said.',
        'The agreement, signed in Washington on the sidelines of the C5+1 summit, provides for an investment of about $1.1 billion.',
      ].join('\n\n'),
    );
    const library = await openLibrary(dir);
    expect(library.engine.catalog.agreements.map((entry) => entry.article.title)[0]).toBe('Kazakhstan, US to develop Northern Katpar tungsten deposit');
    const signed = await ask(library, 'signed', {});
    expect(signed.content).toBe('**Who signed:** Kazakhstan and US Ink MOU on Critical Minerals Agreement');
    expect(JSON.stringify(signed.embeds[0]!.fields)).toContain('Yersayin Nagaspayev');
    // Named, it is shown all the same.
    const katpar = await ask(library, 'signed', { agreement: 'Kazakhstan, US to develop Northern Katpar tungsten deposit' });
    expect(katpar.content).toBe('**Who signed:** Kazakhstan, US to develop Northern Katpar tungsten deposit');
  });

  it('reads a report in Russian: who signed, with their offices as written, and who met whom', async () => {
    const dir = temporaryDir('who-');
    writeFileSync(
      join(dir, 'ru.md'),
      [
        '---\ntitle: Казахстан и США подписали меморандум по критическим минералам\npublisher: Kazinform\npublished: 2026-11-20\nurl: https://example.com/ru\n---',
        'Министр промышленности и строительства Казахстана Ерсайын Нагаспаев и министр торговли США Говард Лютник подписали меморандум о взаимопонимании в области критических минералов.',
        'Ранее Президент Казахстана Касым-Жомарт Токаев провел встречу с госсекретарем США Марко Рубио.',
        'Накануне Касым-Жомарт Токаев встретился с министром торговли США Говардом Лютником.',
      ].join('\n\n'),
    );
    const library = await openLibrary(dir);
    // One person in two cases ("Говард Лютник", "с … Говардом Лютником"), shown in the nominative;
    // named again without the office ("Накануне Касым-Жомарт Токаев встретился …").
    expect(library.engine.catalog.people.map((person) => [person.name, person.passages.length])).toEqual([
      ['Ерсайын Нагаспаев', 1],
      ['Говард Лютник', 2],
      ['Касым-Жомарт Токаев', 2],
      ['Марко Рубио', 1],
    ]);
    for (const typed of ['Лютник', 'Лютником', 'Говарда Лютника']) expect((await ask(library, 'met', { person: typed })).content, typed).toBe('**Who met Говард Лютник:**');
    const signed = await ask(library, 'signed', {});
    expect(signed.content).toBe('**Who signed:** Казахстан и США подписали меморандум по критическим минералам');
    const fields = JSON.stringify(signed.embeds[0]!.fields);
    expect(fields).toContain('**Ерсайын Нагаспаев** — Министр промышленности и строительства Казахстана');
    expect(fields).toContain('**Говард Лютник** — министр торговли США');
    const met = await ask(library, 'met', { person: 'Токаев' });
    expect(met.content).toBe('**Who met Касым-Жомарт Токаев:**');
    const meetings = who({ name: 'who', subcommand: 'met', options: { person: 'Токаев' } } as never, { library, log: silent } as never).asked!.results.map((result) => result.passage.text);
    expect(meetings.sort()).toEqual([
      'Накануне Касым-Жомарт Токаев встретился с министром торговли США Говардом Лютником.',
      'Ранее Президент Казахстана Касым-Жомарт Токаев провел встречу с госсекретарем США Марко Рубио.',
    ]);
  });

  it('takes a name written with its patronymic and without it for one person, in English and in Russian', async () => {
    const library = await libraryOf({
      'en.md': { title: 'Tokayev meets US officials', paragraphs: ['President Kassym-Jomart Kemeluly Tokayev met US Secretary of Commerce Howard Lutnick in Astana.', 'Later, Kazakhstan President Kassym-Jomart Tokayev met Secretary of State Marco Rubio.'] },
      'ru.md': { title: 'Токаев встретился с Рубио', paragraphs: ['Президент Казахстана Касым-Жомарт Кемелевич Токаев провел встречу с госсекретарем США Марко Рубио.', 'Глава государства Касым-Жомарт Токаев принял министра торговли США Говарда Лютника.'] },
    });
    const people = library.engine.catalog.people.map((person) => [person.name, person.passages.length]);
    expect(people).toContainEqual(['Kassym-Jomart Kemeluly Tokayev', 2]);
    expect(people).toContainEqual(['Касым-Жомарт Кемелевич Токаев', 2]);
    expect(people.filter(([name]) => /Tokayev|Токаев/.test(String(name)))).toHaveLength(2);
    expect((await ask(library, 'met', { person: 'Kassym-Jomart Tokayev' })).content).toBe('**Who met Kassym-Jomart Kemeluly Tokayev:**');
    expect((await ask(library, 'met', { person: 'Касым-Жомарт Токаев' })).content).toBe('**Who met Касым-Жомарт Кемелевич Токаев:**');
  });

  it('takes two people with one first name and surname but different patronymics for two, and a patronymic in another case for the same', async () => {
    const library = await libraryOf({
      'a.md': {
        title: 'Two Petrovs',
        paragraphs: [
          'Energy Minister Ivan Ivanovich Petrov met the delegation in Astana.',
          'Separately, Governor Ivan Sergeyevich Petrov met investors in Almaty.',
          'Визит президента Касым-Жомарта Кемелевича Токаева в США прошел успешно.',
          'Президент Казахстана Касым-Жомарт Кемелевич Токаев провел встречу с госсекретарем США Марко Рубио.',
        ],
      },
    });
    const people = library.engine.catalog.people.map((person) => [person.name, person.passages.length]);
    expect(people).toContainEqual(['Ivan Ivanovich Petrov', 1]);
    expect(people).toContainEqual(['Ivan Sergeyevich Petrov', 1]);
    expect(people.filter(([name]) => String(name).includes('Токаев'))).toHaveLength(1);
    expect((await ask(library, 'met', { person: 'Токаев' })).content).toMatch(/^\*\*Who met Касым-Жомарт/);
  });
});

describe('/minerals with a mineral named in other words', () => {
  /** /minerals [mineral] over the team's knowledge, or over one article file written for the test. */
  const mineralsOver = async (article?: { file: string; text: string }) => {
    let dir = join(import.meta.dirname, '..', 'knowledge');
    if (article) {
      dir = temporaryDir('minerals-');
      writeFileSync(join(dir, article.file), article.text);
    }
    const library = await openLibrary(dir);
    return (mineral?: string) => renderReply(minerals({ name: 'minerals', options: mineral ? { mineral } : {} } as never, { library, log: silent } as never), 0);
  };

  it('understands any word data/topics.json names a mineral by, and says when the words name several', async () => {
    const ask = await mineralsOver();
    for (const typed of ['rare earths', 'Rare earth', 'rare-earth metals', 'REE']) expect((await ask(typed)).content, typed).toBe('**Rare earths** in the articles:');
    expect((await ask('aluminium')).content).toBe('**Aluminum** in the articles:');
    expect((await ask('tungsten and cobalt')).embeds[0]!.description).toMatch(/^“tungsten and cobalt” names 2 minerals: tungsten, cobalt\. Ask for one at a time\./);
    expect((await ask('unobtainium')).embeds[0]!.description).toMatch(/^The articles say nothing about “unobtainium”\./);
    // A word the articles write only in the name of a mineral counted: that mineral.
    expect((await ask('earth')).content).toBe('**Rare earths** in the articles:');
  });

  it('a mineral it does not count ("gold", "iron ore") is looked for in the passages as written: quoted when found, else it says the articles say nothing of it', async () => {
    const ask = await mineralsOver({
      file: 'output.md',
      text: '---\ntitle: Mining output in 2025\npublisher: Kazinform\npublished: 2026-11-20\nurl: https://example.com/output\n---\n\nKazakhstan produced 25 million tonnes of iron ore.\n\nGold output rose to 130 tonnes.\n\nTies with Washington grew stronger.\n',
    });
    const gold = await ask('gold');
    expect(gold.content).toBe('**Gold** in the articles (not one of the critical minerals /minerals counts):');
    expect(gold.embeds[0]!.description).toMatch(/^\*\*Gold\*\* output rose to 130 tonnes\./);
    expect((await ask('iron ore')).embeds[0]!.description).toMatch(/^Kazakhstan produced 25 million tonnes of \*\*iron\*\* \*\*ore\*\*\./);
    // Its words together, as written: "ore" and "gold" apart are no "gold ore".
    expect((await ask('gold ore')).embeds[0]!.description).toMatch(/^The articles say nothing about “gold ore”\./);
    // Found by the stem "ti", "ties" is not "ti"; and a word no passage has.
    for (const typed of ['ti', 'silverware']) expect((await ask(typed)).embeds[0]!.description, typed).toMatch(/^The articles say nothing about “.+”\. Minerals covered: /);
  });

  it('takes the start of a name, sent without picking it from the list, for the mineral it begins', async () => {
    const ask = await mineralsOver();
    expect((await ask('tung')).content).toBe('**Tungsten** in the articles:');
    expect((await ask('Rare')).content).toBe('**Rare earths** in the articles:');
    expect((await ask('lith')).content).toBe('**Lithium** in the articles:');
    // Too short to say which, or the start of none; "Ti" is titanium's symbol.
    expect((await ask('tu')).embeds[0]!.description).toMatch(/^The articles say nothing about “tu”\./);
    expect((await ask('ti')).content).toBe('**Titanium** in the articles:');
    expect((await ask('ium')).embeds[0]!.description).toMatch(/^The articles say nothing about “ium”\./);
  });

  it('knows each rare earth element by name, and counts it among the rare earths', async () => {
    const ask = await mineralsOver({
      file: 'roadmap.md',
      text: '---\ntitle: Roadmap on rare earth processing\npublisher: The Astana Times\npublished: 2026-11-20\nurl: https://example.com/roadmap\n---\n\nCommercial production of neodymium and praseodymium oxides is to start in 2030.\n\nThe plant will also recover dysprosium.\n',
    });
    expect((await ask('neodymium')).content).toBe('**Neodymium** in the articles:');
    expect((await ask('Dysprosium')).embeds[0]!.description).toMatch(/^The plant will also recover \*\*dysprosium\*\*\./);
    const overview = JSON.stringify(await ask());
    expect(overview).toContain('**rare earths** — 2 passages');
    expect(overview).toContain('**neodymium** — 1 passage');
    // No passage says what Kazakhstan offers: the heading announces none, and none is quoted.
    const reply = await ask();
    expect(reply.content).toBe('**Critical minerals in the knowledge base** (4):');
    expect(reply.embeds[0]!.description ?? '').toBe('');
  });

  it('counts a mineral named in Russian, in any case, and finds it by its Russian name', async () => {
    const ask = await mineralsOver({
      file: 'volfram.md',
      text: '---\ntitle: Казахстан и США обсудили сотрудничество\npublisher: Kazinform\npublished: 2026-11-20\nurl: https://example.com/ru\n---\n\nЗапасы вольфрама в Казахстане оцениваются в 2 миллиона тонн.\n\nВольфрам и литий обсудили на встрече.\n\nСтороны обсудили поставки редкоземельных металлов.\n',
    });
    const overview = JSON.stringify(await ask());
    expect(overview).toContain('**tungsten** — 2 passages');
    expect(overview).toContain('**lithium** — 1 passage');
    expect(overview).toContain('**rare earths** — 1 passage');
    expect((await ask('вольфрам')).content).toBe('**Tungsten** in the articles:');
  });
});

