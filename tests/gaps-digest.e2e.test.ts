/**
 * Gaps over time, end to end with a hand-moved clock (digest-world): the weekly "Asked but not in
 * the library" section in the digest on GAPS_DIGEST_DAY in the digest's own time zone (and in
 * /digest preview for that day), off by setting; votes on answers given before a restart; a
 * declined question that an article added while the bot runs answers ("answered since").
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningBot } from '../src/discord/bot';
import { FEEDBACK_TEXT } from '../src/feedback';
import { snowflake, type CommandInput, type RecordedMessage } from './support/discord-standin';
import { addArticleAndReload, advanceTo, startDigestWorld, type DigestWorld } from './support/digest-world';
import './support/unhandled';

const EPHEMERAL = 64;
const MANAGE_SERVER = String(1n << 5n);
const SECTION = 'Asked but not in the library';
const SCANDIUM = 'Where will the scandium refinery be built?';

let worlds: DigestWorld[] = [];
afterEach(async () => {
  for (const world of worlds) {
    expect(world.standIn.violations.splice(0)).toEqual([]);
    await world.close();
  }
  worlds = [];
});

async function world(at: string, env: Record<string, string> = {}): Promise<DigestWorld> {
  const w = await startDigestWorld({ at, env });
  worlds.push(w);
  return w;
}

/** Asks and waits until the bot has handed the answer to the feedback record. */
async function ask(w: DigestWorld, bot: RunningBot, input: CommandInput) {
  const recorded = bot.feedback!.nextRecorded();
  const handle = w.standIn.dispatchCommand(input);
  const response = await handle.finalResponse;
  return { data: response.body.data, record: await recorded, message: handle.message()! };
}

const answer = async (w: DigestWorld, input: CommandInput) => {
  const response = await w.standIn.dispatchCommand(input).finalResponse;
  return response.kind === 'callback' ? response.body.data : response.body;
};

/** The digest posted for a day (by its first message's headline), all its messages' text. */
function digestOf(w: DigestWorld, longDate: string): string | undefined {
  const posts = w.standIn.channelMessages(w.channelId);
  const first = posts.findIndex((m) => m.content?.startsWith(`**Daily digest — ${longDate}`));
  if (first < 0) return undefined;
  const texts: string[] = [];
  for (const message of posts.slice(first)) {
    if (message !== posts[first] && !message.content?.includes('(continued,')) break;
    texts.push(message.content ?? '', ...(message.embeds ?? []).flatMap((e: any) => [e.title, e.description]).filter(Boolean));
  }
  return texts.join('\n');
}

const previewText = (data: any) => [data.content, ...(data.embeds ?? []).flatMap((e: any) => [e.title, e.description])].filter(Boolean).join('\n');

describe('the weekly section "Asked but not in the library"', () => {
  it('is in the digest of GAPS_DIGEST_DAY in the digest’s time zone (and its preview), not on the days around it', async () => {
    // 21:00 in New York is 02:00 the next day in UTC: Monday's digest is posted on a Tuesday, UTC.
    const w = await world('2026-11-22T12:00:00Z', { DIGEST_TIMEZONE: 'America/New_York', DIGEST_TIME: '21:00', GAPS_DIGEST_DAY: 'monday' });
    const bot = await w.start();
    const asked = await ask(w, bot, { name: 'ask', options: { question: SCANDIUM } });
    expect(asked.record).toMatchObject({ command: 'ask', answered: false });
    await ask(w, bot, { name: 'ask', options: { question: 'where is the scandium refinery built' }, user: { id: snowflake() } });

    const sundayPreview = previewText(await answer(w, { name: 'digest', subcommand: 'preview' }));
    expect(sundayPreview).toContain('Preview** of the digest due Sunday 22 November 2026');
    expect(sundayPreview).not.toContain(SECTION);

    // Sunday's digest, posted when it is already Monday in UTC: no section.
    await advanceTo(w, bot, '2026-11-23T02:00:00Z');
    expect(digestOf(w, 'Sunday 22 November 2026')).toBeDefined();
    expect(digestOf(w, 'Sunday 22 November 2026')).not.toContain(SECTION);

    const mondayPreview = previewText(await answer(w, { name: 'digest', subcommand: 'preview' }));
    expect(mondayPreview).toContain('Preview** of the digest due Monday 23 November 2026');
    expect(mondayPreview).toContain(SECTION);
    expect(mondayPreview).toContain(`• “${SCANDIUM}” — 2 people`);

    await advanceTo(w, bot, '2026-11-24T02:00:00Z');
    const monday = digestOf(w, 'Monday 23 November 2026')!;
    expect(monday).toContain(SECTION);
    expect(monday).toContain('What the team asked in the last 7 days that the articles did not answer, most asked first:');
    expect(monday).toContain(`• “${SCANDIUM}” — 2 people`);

    await advanceTo(w, bot, '2026-11-25T02:00:00Z');
    expect(digestOf(w, 'Tuesday 24 November 2026')).not.toContain(SECTION);
  });

  it('a Monday missed while the bot was down: the next digest carries the section', async () => {
    const w = await world('2026-11-21T10:00:00Z', { DIGEST_TIME: '08:00', GAPS_DIGEST_DAY: 'monday' });
    const first = await w.start();
    await ask(w, first, { name: 'ask', options: { question: SCANDIUM } });
    await advanceTo(w, first, '2026-11-22T08:00:00Z');
    expect(digestOf(w, 'Sunday 22 November 2026')).not.toContain(SECTION);
    await first.stop(1_000);

    // Down all Monday: its digest is too late to post on Tuesday; Tuesday's covers Monday.
    w.clock.set('2026-11-24T07:00:00Z');
    const second = await w.start();
    expect(digestOf(w, 'Monday 23 November 2026')).toBeUndefined();
    await advanceTo(w, second, '2026-11-24T08:00:00Z');
    expect(digestOf(w, 'Tuesday 24 November 2026')).toContain(`• “${SCANDIUM}” — 1 person`);
    await advanceTo(w, second, '2026-11-25T08:00:00Z');
    expect(digestOf(w, 'Wednesday 25 November 2026')).not.toContain(SECTION);
  });

  it('GAPS_DIGEST_DAY=off leaves it out, while /knowledge gaps still lists the gap', async () => {
    const w = await world('2026-11-23T01:00:00Z', { DIGEST_TIME: '08:00', GAPS_DIGEST_DAY: 'off' });
    const bot = await w.start();
    await ask(w, bot, { name: 'ask', options: { question: SCANDIUM } });
    const preview = previewText(await answer(w, { name: 'digest', subcommand: 'preview' }));
    expect(preview).toContain('Monday 23 November 2026');
    expect(preview).not.toContain(SECTION);
    await advanceTo(w, bot, '2026-11-23T08:00:00Z');
    expect(digestOf(w, 'Monday 23 November 2026')).not.toContain(SECTION);
    const gaps = await answer(w, { name: 'knowledge', subcommand: 'gaps', memberPermissions: MANAGE_SERVER });
    expect(gaps.embeds[0].fields[0].value).toContain(`“${SCANDIUM}”`);
  });
});

describe('a restart', () => {
  it('keeps the votes: a button on an answer from before it still counts; paging that answer has expired', async () => {
    const w = await world('2026-11-23T10:00:00Z');
    const before = await w.start();
    const { record, message } = await ask(w, before, { name: 'ask', options: { question: 'Who signed the memorandum?' } });
    await before.stop(1_000);

    const after = await w.start();
    const click = async (customId: string, on: RecordedMessage) => (await w.standIn.clickButton({ customId, message: on }).finalResponse).body.data;
    const vote = await click(`fb:up:${record.answerId}`, message);
    expect(vote.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(vote.embeds[0].description).toBe(FEEDBACK_TEXT.thanks);
    const more = message.components![0].components.find((b: { custom_id?: string }) => b.custom_id?.startsWith('page:'));
    expect((await click(more.custom_id, message)).embeds[0].description).toMatch(/^These results have expired/);

    const report = await after.feedback!.report(7);
    expect(report.totals).toMatchObject({ questions: 1, answered: 1, votes: 1, helpful: 1 });
  });
});

describe('answered since', () => {
  it('a declined question is a gap until an article added while the bot runs answers it', async () => {
    // Tuesday's digest is the next one: its preview carries the section while the gap is open.
    const w = await world('2026-11-23T10:00:00Z', { GAPS_DIGEST_DAY: 'tuesday' });
    const bot = await w.start();
    const gapsField = async () => {
      const data = await answer(w, { name: 'knowledge', subcommand: 'gaps', memberPermissions: MANAGE_SERVER });
      expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
      return data.embeds[0].fields.find((f: { value: string }) => f.value.startsWith(`“${SCANDIUM}”`));
    };

    const declined = await ask(w, bot, { name: 'ask', options: { question: SCANDIUM } });
    expect(declined.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const open = await gapsField();
    expect(open.name).toBe('1. 1 person');
    expect(open.value).not.toContain('answered since');
    expect(previewText(await answer(w, { name: 'digest', subcommand: 'preview' }))).toContain(`• “${SCANDIUM}” — 1 person`);

    const change = await addArticleAndReload(w, bot, '2026-11-22-scandium-refinery.md', {
      title: 'US firm to build scandium refinery in Kostanay',
      publisher: 'Kazinform',
      published: '2026-11-22',
      url: 'https://example.com/scandium',
      body: 'An American company will build a scandium refinery in Kostanay region, the ministry said on Monday.',
    });
    expect(change).toMatchObject({ added: ['2026-11-22-scandium-refinery.md'] });

    const answered = await gapsField();
    expect(answered.name).toBe('1. 1 person · answered since');
    expect(answered.value).toContain('✓ answered since by **US firm to build scandium refinery in Kostanay** `2026-11-22-scandium-refinery.md`');
    // The weekly section lists open gaps only: with none left, there is none.
    const preview = previewText(await answer(w, { name: 'digest', subcommand: 'preview' }));
    expect(preview).not.toContain(SECTION);
  });
});
