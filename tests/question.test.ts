import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asksForNews, checkQuestion, MAX_QUESTION_LENGTH, smallTalkOf, whatIsAsked } from '../src/core/question';
import { withoutMentions } from '../src/discord/mentions';

describe('checking a question', () => {
  it('cleans invisible characters and extra spaces', () => {
    expect(checkQuestion('  Who\u200b signed\u202e the   MOU?  ')).toEqual({ ok: true, question: 'Who signed the MOU?' });
  });

  it('typed in Discord, leaves mentions out of what is searched', () => {
    expect(checkQuestion(withoutMentions('  Who\u200b signed\u202e the   MOU? <@123> @everyone <#456> <@!9> <@&7> @here'))).toEqual({ ok: true, question: 'Who signed the MOU?' });
  });

  it('names the problem of an empty, too long or wordless question', () => {
    expect(checkQuestion('\u0000\u200b ')).toMatchObject({ ok: false, problem: 'empty' });
    expect(checkQuestion(undefined)).toMatchObject({ ok: false, problem: 'empty' });
    expect(checkQuestion('x'.repeat(MAX_QUESTION_LENGTH + 1))).toMatchObject({ ok: false, problem: 'too-long', message: expect.stringContaining('limit is 500') });
    expect(checkQuestion('?!… ***')).toMatchObject({ ok: false, problem: 'not-text' });
    expect(checkQuestion('\ufffd\ufffd\ufffda')).toMatchObject({ ok: false, problem: 'not-text' });
  });

  it('never throws, and an accepted question is clean and within the limit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 800 }), (text) => {
        const check = checkQuestion(text);
        if (check.ok) {
          expect(check.question.length).toBeLessThanOrEqual(MAX_QUESTION_LENGTH);
          expect(check.question).not.toMatch(/[\u0000-\u001f\u200b-\u200f\u202a-\u202e]|^\s|\s$/u);
          expect(check.question).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u);
        } else {
          expect(check.message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('greetings, thanks and requests for help', () => {
  it('knows a message that is only a greeting, a thank-you or a request for help, and nothing that asks something', () => {
    for (const text of ['hello', 'Hi there!', 'hey bot', 'Good morning.', 'Сәлем', 'привет!']) expect(smallTalkOf(text)).toBe('greeting');
    for (const text of ['thanks', 'Thank you very much!', 'thx', 'Рахмет', 'OK', 'Great, thanks!', 'got it']) expect(smallTalkOf(text)).toBe('thanks');
    for (const text of ['help', 'Help me!', 'What can you do?', 'how does this work?', 'How do I use this bot?', 'commands', 'помощь']) expect(smallTalkOf(text)).toBe('help');
    for (const text of ['Hello world is a program', 'hi, who signed?', 'Thanks to whom was the MOU signed?', 'Who said hello?', 'Great Britain', 'OK Tedi mine']) expect(smallTalkOf(text)).toBeUndefined();
    for (const text of ['Help me find the tungsten reserves', 'How will the MOU help Kazakhstan?', 'What can Kazakhstan do?', 'help desk']) expect(smallTalkOf(text)).toBeUndefined();
  });

  it('leaves a greeting or a polite opening out of the question it opens, and nothing else', () => {
    expect(whatIsAsked('Hello, who signed the MOU?')).toBe('who signed the MOU?');
    expect(whatIsAsked('hey there: when was the MOU signed')).toBe('when was the MOU signed');
    expect(whatIsAsked('Good morning! Who is Nagaspayev?')).toBe('Who is Nagaspayev?');
    expect(whatIsAsked('hello who signed the MOU')).toBe('who signed the MOU');
    expect(whatIsAsked('Hello world is a program')).toBe('Hello world is a program');
    expect(whatIsAsked('Highlights of the deal?')).toBe('Highlights of the deal?');
    expect(whatIsAsked('Hello!')).toBe('Hello!');
    // A sentence about the one asking before the question.
    expect(whatIsAsked("Hi! I'm new on the team. Who signed the memorandum?")).toBe('Who signed the memorandum?');
    expect(whatIsAsked("I'm preparing a briefing: who signed the memorandum?")).toBe('who signed the memorandum?');
    expect(whatIsAsked('My question: when was the MOU signed?')).toBe('when was the MOU signed?');
    expect(whatIsAsked('Tungsten: what reserves does Kazakhstan have?')).toBe('Tungsten: what reserves does Kazakhstan have?');
    expect(whatIsAsked('I signed up yesterday')).toBe('I signed up yesterday');
    // Not a sentence that says what is asked about: it is part of the question (review).
    for (const question of ["I'm researching gallium. Which country offers it?", 'I need the lithium agreement. Who signed it?', 'My focus is the lithium agreement: who signed it?', 'I heard Kazakhstan has 17 of the 50 critical minerals. Is that true?', "I'm preparing a briefing on gallium: who offers it?"]) {
      expect(whatIsAsked(question), question).toBe(question);
    }
    expect(whatIsAsked('Can you tell me who signed the MOU?')).toBe('who signed the MOU?');
    expect(whatIsAsked('Hi, could you please tell me when the MOU was signed?')).toBe('when the MOU was signed?');
    expect(whatIsAsked('Do you know when the MOU was signed?')).toBe('when the MOU was signed?');
    expect(whatIsAsked("I'd like to know what Kazakhstan offers")).toBe('what Kazakhstan offers');
    expect(whatIsAsked('Please, how much tungsten is there?')).toBe('how much tungsten is there?');
    expect(whatIsAsked('Tell me about the Kuyrektykol deposit')).toBe('about the Kuyrektykol deposit');
    expect(whatIsAsked('What do the articles say about tungsten?')).toBe('tungsten?');
    expect(whatIsAsked('Hi! What does the knowledge base say on rare earths')).toBe('rare earths');
    expect(whatIsAsked('what have the sources written about the Kuyrektykol deposit?')).toBe('the Kuyrektykol deposit?');
    expect(whatIsAsked('Что пишут в статьях об уране?')).toBe('уране?');
    expect(whatIsAsked('Что известно про вольфрам')).toBe('вольфрам');
    expect(whatIsAsked('Do the articles mention Samruk-Kazyna?')).toBe('Samruk-Kazyna?');
    expect(whatIsAsked('Are there any articles about lithium?')).toBe('lithium?');
    expect(whatIsAsked('Is China mentioned?')).toBe('China');
    expect(whatIsAsked('Are rare earths mentioned in the articles?')).toBe('rare earths');
    expect(whatIsAsked('Summarize the memorandum')).toBe('the memorandum');
    expect(whatIsAsked('Explain why the US wants tungsten')).toBe('why the US wants tungsten');
    expect(whatIsAsked('Is China the largest producer?')).toBe('Is China the largest producer?');
    // What a particular text says is asked about: its name stays.
    expect(whatIsAsked('What does the MOU say about tungsten?')).toBe('What does the MOU say about tungsten?');
    expect(whatIsAsked('What did Lutnick say about the deal?')).toBe('What did Lutnick say about the deal?');
    expect(whatIsAsked('Can you tell me?')).toBe('Can you tell me?');
    expect(whatIsAsked('Pleased investors: who are they?')).toBe('Pleased investors: who are they?');
    expect(whatIsAsked('Thanks! And who met Tokayev?')).toBe('who met Tokayev?');
    expect(whatIsAsked('ok, who visited the US?')).toBe('who visited the US?');
    expect(whatIsAsked('Great, thanks. Hello again: can you tell me when the MOU was signed?')).toBe('when the MOU was signed?');
    expect(whatIsAsked('Great Britain signed what?')).toBe('Great Britain signed what?');
  });
});

describe('asking for the news itself', () => {
  it('knows "what\'s new" and its kin, naming nothing, and not a question about something new', () => {
    for (const text of ["What's new?", 'Whats new', 'news', 'latest news', 'What are the latest articles?', "Hi, can you tell me what's new?", 'show me the newest articles', 'What happened this week?', 'any news', 'Что нового?', 'Summarize the articles', 'Give me an overview of the news', 'summary of the knowledge base']) {
      expect(asksForNews(text), text).toBe(true);
    }
    for (const text of ['Any news on tungsten?', 'What is new in the MOU?', 'What new articles mention tungsten?', 'latest news about lithium', 'What happened at the meeting?', 'What did Tokayev say yesterday?', 'What happened yesterday?', "What's new today?", 'Summarize the MOU', 'Summarize the articles on tungsten']) {
      expect(asksForNews(text), text).toBe(false);
    }
  });
});
