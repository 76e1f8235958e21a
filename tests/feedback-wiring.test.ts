/**
 * The bot-layer pieces of feedback, without Discord: which days a digest's weekly section covers,
 * the /knowledge gaps reply within Discord's limits whatever was asked, a click that comes before
 * the answer is recorded, no feedback outside the bot in Discord (terminal, `npm run ask`), and what
 * start-up does with an unusable record.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { daysCovered } from '../src/bot/feedback';
import { parseSlash } from '../src/bot/parse-slash';
import { gapsReply } from '../src/bot/replies/knowledge-gaps';
import { parseSettings } from '../src/bot/settings';
import { startBot } from '../src/bot/start';
import { renderReply, type RenderedMessage } from '../src/discord/render';
import { buildGapsReport, FeedbackKeyError } from '../src/feedback';
import { renderText } from '../src/terminal/render-text';
import { createLogger } from '../src/util/logger';
import { LogCapture, REPO_KNOWLEDGE_DIR } from './support/bot-harness';
import { checkMessagePayload } from './support/discord-standin';
import { ManualClock } from './support/manual-clock';
import { temporaryDir } from './support/temporary-dir';
import { answerEvent, voteEvent } from './feedback/helpers';

const wire = ({ allowedMentions, ...rest }: RenderedMessage) => ({ ...rest, allowed_mentions: allowedMentions });

describe('the days a digest covers, for the weekly section', () => {
  it('is its own day, or every day since the last digest (at most a week)', () => {
    expect(daysCovered(null, '2026-11-23')).toEqual(['2026-11-23']);
    expect(daysCovered('2026-11-22', '2026-11-23')).toEqual(['2026-11-23']);
    expect(daysCovered('2026-11-21', '2026-11-24')).toEqual(['2026-11-22', '2026-11-23', '2026-11-24']);
    expect(daysCovered('2026-10-01', '2026-11-24')).toHaveLength(7);
    expect(daysCovered('2026-11-24', '2026-11-24')).toEqual(['2026-11-24']); // a preview of a day already posted
  });
});

describe('/knowledge gaps as a Discord message', () => {
  it('keeps to 25 fields of 1024 characters, a 4096-character description and 6000 in all, and shows what people typed as text', () => {
    const long = (i: number) => `**Why** <@${100000000000000000 + i}> [x](http://x) ${`word${i} `.repeat(90)}`;
    const events = [];
    for (let i = 0; i < 40; i++) {
      for (let person = 0; person <= i % 4; person++) {
        const answer = answerEvent({ question: `${long(i)} ${person ? `again ${person}` : ''}`, at: '2026-11-23T09:00:00Z', user: `u${i}-${person}`, terms: [`t${i}`, `u${i}`] });
        events.push(answer);
        if (i % 3 === 0) events.push(voteEvent({ answer: answer.id, at: '2026-11-23T09:05:00Z', user: `v${i}`, note: `*looking* for ${'x'.repeat(290)}` }));
      }
    }
    const report = buildGapsReport(events, { now: new Date('2026-11-23T12:00:00Z'), days: 90, limit: 40 });
    const message = renderReply(gapsReply(report));
    expect(checkMessagePayload('gaps', wire(message))).toEqual([]);
    const [embed] = message.embeds;
    expect(embed!.fields!.length).toBeLessThanOrEqual(25);
    expect(embed!.fields![0]!.name).toBe('1. 5 people'); // four askers and one Not helpful
    // What people typed shows as typed: Markdown and mentions escaped, never formatting or pinging.
    expect(embed!.fields![0]!.value.startsWith('“\\*\\*Why\\*\\* \\<@')).toBe(true);
    expect(embed!.footer!.text).toMatch(/^\d+ of 40 gaps shown · npm run gaps -- --days 90 lists them all$/);
    expect(embed!.description).toContain('**Per day** (the last 14)');
  });

  it('says so when nothing was asked, and when nothing went unanswered', () => {
    const none = renderReply(gapsReply(buildGapsReport([], { now: new Date('2026-11-23T12:00:00Z') })));
    expect(none.embeds[0]!.description).toContain('No questions were recorded in the last 7 days.');
    const answered = answerEvent({ question: 'Who signed?', at: '2026-11-23T09:00:00Z', answered: true });
    const fine = renderReply(gapsReply(buildGapsReport([answered, voteEvent({ answer: answered.id, at: '2026-11-23T09:01:00Z', user: 'v', vote: 'helpful' })], { now: new Date('2026-11-23T12:00:00Z') })));
    expect(fine.embeds[0]!.description).toMatch(/^\*\*1 question\*\*, 1 answered \(100%\) · \*\*1 vote\*\* on answers, 1 helpful \(100%\)/);
    expect(fine.embeds[0]!.description).toContain('Nothing went unanswered');
    expect(fine.embeds[0]!.fields).toBeUndefined();
  });
});

describe('a click that comes before the answer is recorded', () => {
  it('counts: the id is taken when the answer is prepared, and the vote is written after the answer', async () => {
    const dir = temporaryDir('kz-early-click-');
    const settings = parseSettings({ KNOWLEDGE_DIR: REPO_KNOWLEDGE_DIR, CACHE_DIR: join(dir, 'cache'), STATE_DIR: join(dir, 'state') });
    const bot = await startBot(settings, createLogger('silent'), { writeState: true, feedback: true, clock: new ManualClock('2026-11-23T10:00:00Z') });
    try {
      const slash = parseSlash('/ask question: Who signed the memorandum?', bot.commands);
      if (!slash.ok) throw new Error(slash.message);
      const answer = await bot.runner.run(slash.request);
      const helpful = answer.actions?.find((action) => action.label === 'Helpful');
      expect(helpful?.id).toBe(`fb:up:${answer.answerId}`);

      // Sent, but CommandRunner.sent has not run yet: the click still counts.
      expect(bot.feedback!.button(helpful!.id, '222222222222222222')).toMatchObject({ kind: 'reply', outcome: 'recorded', text: 'Thanks — noted.' });
      const recorded = bot.feedback!.nextRecorded();
      bot.runner.sent(slash.request, answer);
      expect(await recorded).toMatchObject({ answerId: answer.answerId, answered: true });
      const events = await bot.feedback!.feedbackLog.read();
      expect(events.map((e) => (e.type === 'answer' ? ['answer', e.id] : ['vote', e.answer, e.vote]))).toEqual([
        ['answer', answer.answerId],
        ['vote', answer.answerId, 'helpful'],
      ]);
    } finally {
      await bot.feedback?.flush();
      await bot.library.close();
      await bot.state.close();
    }
  });
});

describe('where feedback is not taken', () => {
  it('the terminal (and npm run ask): answers carry no id and no feedback buttons; /knowledge gaps points to npm run gaps', async () => {
    const dir = temporaryDir('kz-no-feedback-');
    const settings = parseSettings({ KNOWLEDGE_DIR: REPO_KNOWLEDGE_DIR, CACHE_DIR: join(dir, 'cache'), STATE_DIR: join(dir, 'state') });
    const bot = await startBot(settings, createLogger('silent'), { clock: new ManualClock('2026-11-23T10:00:00Z') });
    try {
      const run = async (line: string) => {
        const slash = parseSlash(line, bot.commands);
        if (!slash.ok) throw new Error(slash.message);
        return bot.runner.run(slash.request);
      };
      const answer = await run('/ask question: Who signed the memorandum?');
      expect(answer.private).toBe(false);
      expect(answer.asked).toMatchObject({ question: 'Who signed the memorandum?', answered: true });
      expect(answer.answerId).toBeUndefined();
      expect(answer.actions).toBeUndefined();
      expect(bot.feedback).toBeUndefined();
      expect(renderText(await run('/knowledge gaps'))).toBe('Questions and votes are recorded by the bot running in Discord; here nothing is. From the shell, npm run gaps prints the same report.');
    } finally {
      await bot.library.close();
    }
  });
});

describe('an unusable feedback record at start', () => {
  const settingsIn = (dir: string) =>
    parseSettings({ KNOWLEDGE_DIR: REPO_KNOWLEDGE_DIR, CACHE_DIR: join(dir, 'cache'), STATE_DIR: join(dir, 'state') });

  it('a key file that is not a key stops start-up with one line saying what to do', async () => {
    const dir = temporaryDir('kz-bad-key-');
    await mkdir(join(dir, 'state'), { recursive: true });
    await writeFile(join(dir, 'state', 'feedback.key'), 'not a key\n');
    const started = startBot(settingsIn(dir), createLogger('silent'), { writeState: true, feedback: true, clock: new ManualClock('2026-11-23T10:00:00Z') });
    await expect(started).rejects.toBeInstanceOf(FeedbackKeyError);
    await expect(started).rejects.toThrow(/feedback\.key is not a feedback key \(64 hexadecimal characters\)\. Delete it to make a new one/);
  });

  it('a record that cannot be opened: the bot answers without feedback, logs why, and /knowledge gaps says so', async () => {
    const dir = temporaryDir('kz-no-record-');
    await mkdir(join(dir, 'state', 'feedback.key'), { recursive: true }); // a folder where the key file should be
    const logs = new LogCapture();
    const bot = await startBot(settingsIn(dir), createLogger('debug', logs.stream), { writeState: true, feedback: true, clock: new ManualClock('2026-11-23T10:00:00Z') });
    try {
      expect(bot.feedback).toBeUndefined();
      expect(logs.atLeast(50)).toEqual([expect.objectContaining({ module: 'feedback', msg: expect.stringMatching(/^feedback: the feedback record in .* cannot be opened; answers carry no feedback buttons/) })]);
      const slash = parseSlash('/ask question: Who signed the memorandum?', bot.commands);
      if (!slash.ok) throw new Error(slash.message);
      const answer = await bot.runner.run(slash.request);
      expect(answer.actions).toBeUndefined();
      const gaps = parseSlash('/knowledge gaps', bot.commands);
      if (!gaps.ok) throw new Error(gaps.message);
      expect(renderText(await bot.runner.run(gaps.request))).toMatch(/^The feedback record is not available: it could not be opened in .*\. Answers carry no feedback buttons until it is; the log says why\.$/);
    } finally {
      await bot.library.close();
      await bot.state.close();
    }
  });
});
