/**
 * Feedback on answers, end to end: the real bot (connectBot) and discord.js client against the
 * local Discord stand-in. Every answer carries Helpful and Not helpful; a vote is acknowledged
 * privately and counts once per person; Not helpful opens the "What were you looking for?" modal;
 * forged buttons get a polite private reply; answers are recorded after they are sent, and
 * /knowledge gaps reports them. Tests wait on the bot's own signals (the record, the stand-in's
 * responses), never on a timer.
 */
import { Events, type Interaction } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GapsSource } from '../src/bot/command';
import { CommandRunner } from '../src/bot/runner';
import { createInteractionHandler } from '../src/discord/interactions';
import { PageStore } from '../src/discord/page-store';
import { FEEDBACK_TEXT } from '../src/feedback';
import type { AnswerEvent, VoteEvent } from '../src/feedback/records';
import { startBotHarness, type BotHarness } from './support/bot-harness';
import { snowflake, type CommandInput, type RecordedMessage } from './support/discord-standin';
import { buttonsOf, EPHEMERAL, isEphemeral, payload, TrackedInteractions } from './support/interaction-checks';
import './support/unhandled';

/** Manage Server (1 << 5) and nothing else. */
const MANAGE_SERVER = String(1n << 5n);

let h: BotHarness;
const interactions = new TrackedInteractions();
const { track } = interactions;

beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h?.close();
});
afterEach(async () => {
  await interactions.expectAllAnswered();
  expect(h.standIn.violations.splice(0)).toEqual([]);
  expect(h.standIn.unknownRoutes.splice(0)).toEqual([]);
  expect(h.logs.atLeast(50)).toEqual([]);
});

const feedback = () => h.bot.feedback!;
const user = (name: string) => ({ id: snowflake(), username: name });


/** Asks, and waits until the bot has handed the answer to the feedback record. */
async function ask(input: CommandInput) {
  const recorded = feedback().nextRecorded();
  const handle = track(h.standIn.dispatchCommand(input));
  const data = payload(await handle.finalResponse);
  const record = await recorded;
  return { handle, data, record, buttons: buttonsOf(data), message: handle.message()! };
}

async function click(customId: string, message: RecordedMessage, who?: { id: string; username: string }) {
  const handle = track(h.standIn.clickButton({ customId, message, user: who }));
  const response = await handle.finalResponse;
  return { handle, response, data: response.type === 9 ? undefined : payload(response) };
}

/** What a private reply says: its one embed's description. */
const said = (data: any): string => data.embeds?.[0]?.description ?? '';

describe('every answer carries Helpful and Not helpful', () => {
  const ANSWERS: [CommandInput, string][] = [
    [{ name: 'ask', options: { question: 'Who signed the memorandum?' } }, 'ask'],
    [{ name: 'tungsten' }, 'tungsten'],
    [{ name: 'tungsten', options: { question: 'How much of the market does China control?' } }, 'tungsten'],
    [{ name: 'minerals' }, 'minerals'],
    [{ name: 'minerals', options: { mineral: 'gallium' } }, 'minerals'],
    [{ name: 'who', subcommand: 'signed' }, 'who signed'],
    [{ name: 'who', subcommand: 'met' }, 'who met'],
    [{ name: 'who', subcommand: 'met', options: { person: 'Kassym-Jomart Tokayev' } }, 'who met'],
    [{ name: 'who', subcommand: 'visited' }, 'who visited'],
  ];

  it.each(ANSWERS)('%j: after Open article and More results, in rows of at most 5, carrying the answer id', async (input, command) => {
    const { data, record, buttons } = await ask(input);
    expect(isEphemeral(data)).toBe(false);
    expect(record).toEqual({ answerId: expect.stringMatching(/^[\w-]{8}$/), command, answered: true });
    expect(buttons.slice(-2)).toEqual([
      { type: 2, style: 2, label: 'Helpful', custom_id: `fb:up:${record.answerId}` },
      { type: 2, style: 2, label: 'Not helpful', custom_id: `fb:down:${record.answerId}` },
    ]);
    const before = buttons.slice(0, -2).map((b) => b.label.replace(/ \(.*\)$/, ''));
    expect(['Open article', 'More results'].filter((label) => before.includes(label))).toEqual(before);
    for (const row of data.components) expect(row.components.length).toBeLessThanOrEqual(5);
  });

  it('they survive paging: page 2 keeps the same buttons, and a vote from it counts', async () => {
    const { record, buttons, message } = await ask({ name: 'ask', options: { question: 'Who signed the memorandum?' } });
    expect(buttons.map((b) => b.label)).toEqual(['Open article', expect.stringMatching(/^More results \(2 of \d+\)$/), 'Helpful', 'Not helpful']);
    const paged = await click(buttons[1].custom_id, message);
    expect(paged.response.type).toBe(7);
    const after = buttonsOf(paged.data);
    expect(after.slice(-2).map((b) => b.custom_id)).toEqual([`fb:up:${record.answerId}`, `fb:down:${record.answerId}`]);
    const vote = await click(`fb:up:${record.answerId}`, h.standIn.message(message.id)!);
    expect(vote.response.type).toBe(4);
    expect(said(vote.data)).toBe(FEEDBACK_TEXT.thanks);
  });

  it('declined questions, /sources and /help carry none; a declined question is recorded all the same', async () => {
    const declined = await ask({ name: 'ask', options: { question: 'What is the capital of France?' } });
    expect(isEphemeral(declined.data)).toBe(true);
    expect(declined.buttons).toEqual([]);
    expect(declined.record).toMatchObject({ command: 'ask', answered: false });
    const nobody = await ask({ name: 'who', subcommand: 'met', options: { person: 'Nobody Known' } });
    expect(nobody.buttons).toEqual([]);
    expect(nobody.record).toMatchObject({ command: 'who met', answered: false });

    for (const input of [{ name: 'sources' }, { name: 'help' }]) {
      const data = payload(await track(h.standIn.dispatchCommand(input)).finalResponse);
      expect(buttonsOf(data).filter((b) => String(b.custom_id).startsWith('fb:'))).toEqual([]);
    }
    const events = (await feedback().feedbackLog.read()) as AnswerEvent[];
    expect(events.find((e) => e.id === declined.record.answerId)).toMatchObject({
      type: 'answer',
      command: 'ask',
      question: 'What is the capital of France?',
      answered: false,
      passage: null,
      terms: expect.arrayContaining(['capit', 'franc']),
    });
    expect(events.find((e) => e.id === nobody.record.answerId)).toMatchObject({ command: 'who met', question: 'Who did Nobody Known meet?', answered: false });
  });
});

describe('recording', () => {
  it('happens after the reply is sent: the stand-in has the answer before the record does', async () => {
    const seenByDiscord: number[] = [];
    const recorded = feedback()
      .nextRecorded()
      .then((record) => {
        seenByDiscord.push(handle.responses().length);
        return record;
      });
    const handle = track(h.standIn.dispatchCommand({ name: 'ask', options: { question: 'How many exploration licenses has Kazakhstan granted?' } }));
    const record = await recorded;
    expect(seenByDiscord).toEqual([1]);
    const events = await feedback().feedbackLog.read();
    const answer = events.find((e) => e.type === 'answer' && e.id === record.answerId) as AnswerEvent;
    expect(answer).toMatchObject({ command: 'ask', answered: true, passage: { file: expect.stringMatching(/\.md$/), title: expect.any(String) } });
    // No user id is kept: a keyed hash only.
    expect(answer.user).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(events)).not.toContain(h.standIn.defaultUserId);
  });
});

describe('votes', () => {
  it('Helpful is acknowledged privately and counts once; Not helpful changes it and opens the modal; the modal adds what was wanted', async () => {
    const { record, message } = await ask({ name: 'ask', options: { question: 'How much tungsten does Kazakhstan have?' } });
    const alice = user('alice');

    const helpful = await click(`fb:up:${record.answerId}`, message, alice);
    expect(helpful.response).toMatchObject({ kind: 'callback', type: 4 });
    expect(isEphemeral(helpful.data)).toBe(true);
    expect(helpful.data.allowed_mentions).toEqual({ parse: [] });
    expect(said(helpful.data)).toBe('Thanks — noted.');
    const again = await click(`fb:up:${record.answerId}`, message, alice);
    expect(said(again.data)).toBe('Thanks — noted.');

    const notHelpful = await click(`fb:down:${record.answerId}`, message, alice);
    expect(notHelpful.response).toMatchObject({ kind: 'callback', type: 9, status: 204 });
    expect(notHelpful.handle.modal()).toEqual({
      custom_id: `fb:note:${record.answerId}`,
      title: 'Not helpful — noted, thanks', // the only acknowledgement when the modal is dismissed
      components: [
        {
          type: 18,
          label: 'What were you looking for?',
          component: { type: 4, custom_id: 'looking-for', style: 2, required: false, max_length: 300, placeholder: expect.any(String) },
        },
      ],
    });
    const submitted = track(h.standIn.submitModal({ from: notHelpful.handle, values: { 'looking-for': 'the 2024 figure, ask <@123456789012345678>' } }));
    const thanks = await submitted.finalResponse;
    expect(thanks).toMatchObject({ kind: 'callback', type: 4 });
    expect(isEphemeral(thanks.body.data)).toBe(true);
    expect(said(thanks.body.data)).toBe('Thanks — noted.');

    // Alice's last vote is the one that counts, with what she was looking for (mention masked).
    const votes = (await feedback().feedbackLog.read()).filter((e): e is VoteEvent => e.type === 'vote' && e.answer === record.answerId);
    expect(votes.map((v) => [v.vote, v.note])).toEqual([
      ['helpful', undefined],
      ['not-helpful', undefined],
      ['not-helpful', 'the 2024 figure, ask [mention]'],
    ]);
    const report = await feedback().report(7);
    const gap = report.gaps.find((g) => g.example === 'How much tungsten does Kazakhstan have?')!;
    expect(gap).toMatchObject({ people: 1, notHelpful: 1, declined: 0, lookingFor: ['the 2024 figure, ask [mention]'] });
  });

  it('a dismissed modal keeps the Not helpful vote; a later Helpful changes it, said so', async () => {
    const { record, message } = await ask({ name: 'tungsten', options: { question: 'Who is negotiating access?' } });
    const bob = user('bob');
    const shown = await click(`fb:down:${record.answerId}`, message, bob);
    expect(shown.response.type).toBe(9);
    // Bob closes the modal: Discord sends nothing.
    let report = await feedback().report(7);
    expect(report.gaps.find((g) => g.example === 'Who is negotiating access?')).toMatchObject({ people: 1, notHelpful: 1, lookingFor: [] });

    const changed = await click(`fb:up:${record.answerId}`, message, bob);
    expect(said(changed.data)).toBe('Thanks — noted. Your vote is now “Helpful”.');
    report = await feedback().report(7);
    expect(report.gaps.find((g) => g.example === 'Who is negotiating access?')).toBeUndefined();
    expect(shown.handle.responses()).toHaveLength(1);
  });

  it('each person counts once: two people, two votes', async () => {
    const { record, message } = await ask({ name: 'who', subcommand: 'visited' });
    for (const who of [user('carol'), user('dave')]) expect(said((await click(`fb:up:${record.answerId}`, message, who)).data)).toBe('Thanks — noted.');
    const votes = (await feedback().feedbackLog.read()).filter((e): e is VoteEvent => e.type === 'vote' && e.answer === record.answerId);
    expect(new Set(votes.map((v) => v.user)).size).toBe(2);
  });

  it('forged or stale buttons get a polite private reply, never an error', async () => {
    const cases: [string, string][] = [
      ['fb:up:AAAAAAAA', FEEDBACK_TEXT.stale],
      ['fb:down:AAAAAAAA', FEEDBACK_TEXT.stale],
      ['fb:up:short', FEEDBACK_TEXT.invalid],
      ['fb:note:AAAAAAAA', FEEDBACK_TEXT.invalid],
      ['fb:sideways:AAAAAAAA', FEEDBACK_TEXT.invalid],
    ];
    const { message } = await ask({ name: 'who', subcommand: 'signed' });
    const mark = h.logs.mark();
    for (const [customId, text] of cases) {
      // A message the bot never sent (or sent before its record was deleted), with one of these buttons.
      const forged = { ...message.body, id: snowflake(), components: [{ type: 1, components: [{ type: 2, style: 2, label: 'Helpful', custom_id: customId }] }] };
      const { response, data } = await click(customId, { id: forged.id, channel_id: forged.channel_id, body: forged });
      expect(response.type).toBe(4);
      expect(isEphemeral(data)).toBe(true);
      expect(said(data)).toBe(text);
    }
    expect(h.logs.since(mark).filter((line) => line.level >= 40)).toEqual([]);
  });
});

describe('/knowledge gaps', () => {
  const gaps = async (options: Record<string, number> = {}) => payload(await track(h.standIn.dispatchCommand({ name: 'knowledge', subcommand: 'gaps', options, memberPermissions: MANAGE_SERVER })).finalResponse);

  it('groups a declined question asked three ways by three people, most asked first, with the share answered per day', async () => {
    const wordings = ['How much lithium does Kazakhstan export?', 'how much lithium does kazakhstan export', 'How much lithium is exported by Kazakhstan?'];
    for (const [i, question] of wordings.entries()) {
      const { data, record } = await ask({ name: 'ask', options: { question }, user: user(`asker${i}`) });
      expect(isEphemeral(data)).toBe(true);
      expect(record.answered).toBe(false);
    }
    const data = await gaps();
    expect(isEphemeral(data)).toBe(true);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    const [embed] = data.embeds;
    expect(embed.title).toBe('Gaps: the last 7 days');
    expect(embed.description).toMatch(/^\*\*\d+ questions\*\*, \d+ answered \(\d+%\) · (?:\*\*\d+ votes?\*\* on answers, \d+ helpful \(\d+%\)|no votes on answers)\n/);
    expect(embed.description).toMatch(/\*\*Per day\*\*\n(?:\w{3} \d{1,2} \w{3}: .+\n){6}\w{3} \d{1,2} \w{3}: \d+ questions, \d+% answered/);
    const first = embed.fields[0];
    expect(first.name).toBe('1. 3 people');
    expect(first.value).toMatch(/^“How much lithium does Kazakhstan export\?”\nalso: “/);
    expect(first.value).toContain('declined 3× · `/ask` · last ');
  });

  it('a longer window, and many gaps, keep within Discord’s limits (the stand-in refuses anything over)', async () => {
    // Thirty made-up words that share no first six letters: thirty gaps, none grouped with another.
    const words = Array.from({ length: 30 }, (_, i) => `${['zq', 'xv', 'jk', 'qw', 'vx', 'kj'][i % 6]}${['abra', 'obru', 'ikle', 'unto', 'eppa'][Math.floor(i / 6)]}nd`);
    for (const word of words) await ask({ name: 'ask', options: { question: `Tell me about ${word}, ${'with many more words '.repeat(8)}` } });
    const data = await gaps({ days: 30 });
    const [embed] = data.embeds;
    expect(embed.title).toBe('Gaps: the last 30 days');
    expect(embed.fields.length).toBeGreaterThan(5);
    expect(embed.fields.length).toBeLessThanOrEqual(25);
    expect(embed.footer.text).toMatch(/^\d+ of \d+ gaps shown · npm run gaps -- --days 30 lists them all$/);
    expect(embed.description).toContain('**Per day** (the last 14)');
  });

  it('a slow report is deferred privately (nobody else sees "thinking…"), then filled in', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: GapsSource = {
      report: async (days) => {
        await gate;
        return feedback().report(days);
      },
    };
    const runner = new CommandRunner(h.commands, { library: h.bot.library, gaps: slow }, h.log.child({ module: 'commands' }), feedback());
    const handle = createInteractionHandler(runner, new PageStore(), h.log.child({ module: 'discord' }));
    const { client } = h.bot;
    const listeners = client.listeners(Events.InteractionCreate) as ((interaction: Interaction) => void)[];
    expect(listeners).toHaveLength(1);
    const swapped = (interaction: Interaction) => void handle(interaction);
    client.off(Events.InteractionCreate, listeners[0]!);
    client.on(Events.InteractionCreate, swapped);
    try {
      const asked = track(h.standIn.dispatchCommand({ name: 'knowledge', subcommand: 'gaps', memberPermissions: MANAGE_SERVER }));
      expect(await asked.firstResponse).toMatchObject({ kind: 'callback', type: 5, body: { data: { flags: EPHEMERAL } } });
      release();
      expect(await asked.finalResponse).toMatchObject({ kind: 'edit', status: 200 });
      expect(asked.message()).toMatchObject({ flags: EPHEMERAL, embeds: [expect.objectContaining({ title: 'Gaps: the last 7 days' })] });
      expect(asked.responses().map((r) => r.kind)).toEqual(['callback', 'edit']);
    } finally {
      client.off(Events.InteractionCreate, swapped);
      client.on(Events.InteractionCreate, listeners[0]!);
    }
  });
});
