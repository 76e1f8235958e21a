/**
 * The whole bot end to end: the real discord.js client (connectBot), the real commands and
 * knowledge base, against the local Discord stand-in. Every message the bot sends is checked by
 * the stand-in against Discord's limits and the no-ping rule; afterEach fails a test that caused
 * a violation, and checks that each interaction was answered well within Discord's 3 seconds.
 */
import { Events, REST, Routes, type Interaction } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CommandModule } from '../src/bot/command';
import { CommandRunner } from '../src/bot/runner';
import { deployCommands } from '../src/discord/deploy';
import { createInteractionHandler, DEFER_AFTER_MS } from '../src/discord/interactions';
import { PageStore } from '../src/discord/page-store';
import { startBotHarness, type BotHarness } from './support/bot-harness';
import {
  checkCommands,
  snowflake,
  type AutocompleteInput,
  type ButtonInput,
  type CommandInput,
  type InteractionHandle,
  type RecordedMessage,
  type RecordedResponse,
} from './support/discord-standin';
import { buttonsOf, EPHEMERAL, expectFirstResponseOk, isEphemeral, payload, TrackedInteractions } from './support/interaction-checks';
import './support/unhandled';

const COMMAND_NAMES = ['ask', 'digest', 'feeds', 'help', 'knowledge', 'minerals', 'sources', 'tungsten', 'who'];
const MOU = {
  title: 'Kazakhstan and US Ink MOU on Critical Minerals Agreement',
  url: 'https://www.el-balad.com/6757916',
  file: '2025-11-06-kazakhstan-us-ink-mou-critical-minerals.md',
};
const KT = {
  title: 'Kazakhstan and the USA strengthen ties in industry and …',
  url: 'https://www.kt.kz/eng/international_affair/kazakhstan_and_the_usa_strengthen_ties_in_industry_and_1377961744.html',
};
/** Well inside Discord's 3 s; the bot itself defers only after 1.5 s. */
const FIRST_RESPONSE_BUDGET_MS = 1_500;

let h: BotHarness;
/** Interactions dispatched by the current test; afterEach checks their response times. */
const interactions = new TrackedInteractions();
const { track } = interactions;

const command = (input: CommandInput) => track(h.standIn.dispatchCommand(input));
const autocomplete = (input: AutocompleteInput) => track(h.standIn.dispatchAutocomplete(input));
const click = (input: ButtonInput) => track(h.standIn.clickButton(input));

async function answerOf(handle: InteractionHandle): Promise<{ response: RecordedResponse; data: any; embed: any; buttons: any[] }> {
  const response = await handle.finalResponse;
  expect(response.status).toBeLessThan(300);
  const data = payload(response);
  return { response, data, embed: data.embeds?.[0], buttons: buttonsOf(data) };
}

/** The text a user reads in an answer: content, embed title, description, fields and footer. */
function shownText(data: any): string {
  const embed = data.embeds?.[0] ?? {};
  return [data.content, embed.title, embed.description, ...(embed.fields ?? []).flatMap((f: { name: string; value: string }) => [f.name, f.value]), embed.footer?.text]
    .filter(Boolean)
    .join('\n');
}

/**
 * Runs `fn` while the bot's interaction listener is swapped for one whose runner has some commands
 * replaced (a broken or slow one); the bot's own listener is restored afterwards.
 */
async function withCommands(replaced: Record<string, CommandModule>, fn: () => Promise<void>): Promise<void> {
  const { client } = h.bot;
  const listeners = client.listeners(Events.InteractionCreate) as ((interaction: Interaction) => void)[];
  expect(listeners).toHaveLength(1);
  const runner = new CommandRunner(new Map([...h.commands, ...Object.entries(replaced)]), { library: h.bot.library }, h.log.child({ module: 'commands' }));
  const handle = createInteractionHandler(runner, new PageStore(), h.log.child({ module: 'discord' }));
  const swapped = (interaction: Interaction) => void handle(interaction);
  client.off(Events.InteractionCreate, listeners[0]!);
  client.on(Events.InteractionCreate, swapped);
  try {
    await fn();
  } finally {
    client.off(Events.InteractionCreate, swapped);
    client.on(Events.InteractionCreate, listeners[0]!);
  }
}

beforeAll(async () => {
  h = await startBotHarness();
});

afterAll(async () => {
  await h?.close();
});

afterEach(async () => {
  for (const handle of interactions.take()) {
    const first = await expectFirstResponseOk(handle);
    // A deferral (type 5) comes by design after DEFER_AFTER_MS; still well inside the 3 s.
    expect(first.at - handle.dispatchedAt).toBeLessThan(first.type === 5 ? DEFER_AFTER_MS + 1_000 : FIRST_RESPONSE_BUDGET_MS);
    const final = await handle.finalResponse;
    expect(final.status).toBeLessThan(300);
  }
  expect(h.standIn.violations.splice(0)).toEqual([]);
  expect(h.standIn.unknownRoutes.splice(0)).toEqual([]);
});

describe('login and command registration', () => {
  it('logs in and is ready, with the knowledge base loaded', () => {
    const { client } = h.bot;
    expect(client.isReady()).toBe(true);
    expect(client.user?.id).toBe(h.standIn.applicationId);
    expect(client.guilds.cache.has(h.standIn.guildId)).toBe(true);
    expect(h.standIn.sessionCount).toBe(1);
    const logs = h.logs.entries();
    expect(logs).toContainEqual(expect.objectContaining({ level: 30, msg: 'knowledge base loaded', articles: 2, rejected: 0 }));
    expect(logs).toContainEqual(expect.objectContaining({ level: 30, msg: 'connected to Discord', user: 'standin-bot', guilds: 1 }));
    // The token never reaches the log.
    expect(h.logs.lines.join('')).not.toContain(h.standIn.token);
  });

  it('registers exactly ask, digest, feeds, help, knowledge, minerals, sources, tungsten and who, as Discord accepts them', () => {
    expect([...h.deployed.added].sort()).toEqual(COMMAND_NAMES);
    expect(h.deployed).toMatchObject({ scope: `server ${h.standIn.guildId}`, changed: [], removed: [], unchanged: [] });
    const registered = h.standIn.registeredCommands({ guildId: h.standIn.guildId }) as { name: string; description: string; options?: { type: number; name: string }[] }[];
    expect(registered.map((c) => c.name).sort()).toEqual(COMMAND_NAMES);
    expect(h.standIn.registeredCommands()).toEqual([]); // nothing global
    expect(checkCommands('PUT', registered)).toEqual([]);
    const who = registered.find((c) => c.name === 'who')!;
    expect(who.options?.map((o) => [o.type, o.name])).toEqual([
      [1, 'signed'],
      [1, 'met'],
      [1, 'visited'],
    ]);
    const ask = registered.find((c) => c.name === 'ask')!;
    expect(ask.options).toEqual([expect.objectContaining({ type: 3, name: 'question', required: true, autocomplete: true, max_length: 500 })]);
    const puts = h.standIn.requests.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => r.path)).toEqual([`/applications/${h.standIn.applicationId}/guilds/${h.standIn.guildId}/commands`]);
  });

  it('deploying again changes nothing; a changed description is registered again', async () => {
    const puts = () => h.standIn.requests.filter((r) => r.method === 'PUT').length;
    const before = puts();
    const idsBefore = (h.standIn.registeredCommands({ guildId: h.standIn.guildId }) as { name: string; id: string }[]).map((c) => [c.name, c.id]);

    const again = await deployCommands(h.commands.values(), h.deployTarget);
    expect(again).toMatchObject({ added: [], changed: [], removed: [] });
    expect([...again.unchanged].sort()).toEqual(COMMAND_NAMES);
    expect(puts()).toBe(before);

    const ask = h.commands.get('ask')!;
    const changedAsk: CommandModule = {
      ...ask,
      data: { name: 'ask', toJSON: () => ({ ...ask.data.toJSON(), description: 'Ask a question about Kazakhstan–US critical minerals' }) },
    };
    const modified = [...h.commands.values()].map((c) => (c.data.name === 'ask' ? changedAsk : c));
    try {
      const changed = await deployCommands(modified, h.deployTarget);
      expect(changed).toMatchObject({ added: [], changed: ['ask'], removed: [] });
      expect(puts()).toBe(before + 1);
      const registered = h.standIn.registeredCommands({ guildId: h.standIn.guildId }) as { name: string; id: string; description: string }[];
      expect(registered.find((c) => c.name === 'ask')?.description).toBe('Ask a question about Kazakhstan–US critical minerals');
      // Re-registering keeps each command's id, as Discord does.
      expect(registered.map((c) => [c.name, c.id])).toEqual(idsBefore);
    } finally {
      const restored = await deployCommands(h.commands.values(), h.deployTarget);
      expect(restored.changed).toEqual(['ask']);
    }
    expect(puts()).toBe(before + 2);
  });
});

describe('/ask', () => {
  it('answers "Who signed the memorandum?" publicly with the quoted passage and its source', async () => {
    const handle = command({ name: 'ask', options: { question: 'Who signed the memorandum?' } });
    const { response, data, embed, buttons } = await answerOf(handle);
    expect(response).toMatchObject({ kind: 'callback', type: 4 });
    expect(isEphemeral(data)).toBe(false);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(data.content).toBe('**Q:** Who signed the memorandum?');
    expect(embed.title).toBe(MOU.title);
    expect(embed.url).toBe(MOU.url);
    expect(embed.description).toContain('Yersayin Nagaspayev');
    expect(embed.description).toContain('**signed**');
    expect(embed.description).toContain('Howard Lutnick');
    expect(embed.footer.text).toContain('El-Balad');
    expect(embed.footer.text).toContain('2025-11-06');
    expect(embed.footer.text).toMatch(/· 1 of \d+$/);
    expect(buttons[0]).toEqual({ type: 2, style: 5, label: 'Open article', url: MOU.url });
    expect(buttons[1]).toMatchObject({ type: 2, style: 2, label: expect.stringMatching(/^More results \(2 of \d+\)$/), custom_id: expect.stringMatching(/^page:[\w-]+:1$/) });
    // What the channel shows is what was sent.
    expect(handle.message()).toMatchObject({ flags: 0, content: data.content, embeds: [expect.objectContaining({ title: MOU.title })] });
  });

  it('"More results" pages through the results for the asker only; foreign and expired buttons are refused privately', async () => {
    const asked = command({ name: 'ask', options: { question: 'Who signed the memorandum?' } });
    const first = await answerOf(asked);
    const total = Number(/of (\d+)$/.exec(first.embed.footer.text)![1]);
    expect(total).toBeGreaterThan(1);
    const message = asked.message()!;
    const more = first.buttons.find((b) => b.style === 2)!;

    // Someone else clicks: a private refusal, the message stays as it was.
    const stranger = await answerOf(click({ customId: more.custom_id, message, user: { id: snowflake(), username: 'someone-else' } }));
    expect(stranger.response.type).toBe(4);
    expect(isEphemeral(stranger.data)).toBe(true);
    expect(stranger.embed.description).toMatch(/^Only the person who asked can page through these results/);
    expect(h.standIn.message(message.id)?.embeds?.[0].footer.text).toBe(first.embed.footer.text);

    // The asker clicks: the same message now shows the second result.
    const second = await answerOf(click({ customId: more.custom_id, message }));
    expect(second.response.type).toBe(7);
    expect(second.data.allowed_mentions).toEqual({ parse: [] });
    expect(second.embed.footer.text).toBe(`El-Balad · 2025-11-06 · 2 of ${total}`);
    expect(second.embed.description).not.toBe(first.embed.description);
    expect(second.data.content).toBe('**Q:** Who signed the memorandum?');
    const updated = h.standIn.message(message.id)!;
    expect(updated.embeds?.[0].footer.text).toMatch(new RegExp(`2 of ${total}$`));

    // Page on to the last result, whose button leads back to the first.
    let current: RecordedMessage = updated;
    for (let page = 3; page <= total; page++) {
      const next = current.components![0].components.find((b: { style: number }) => b.style === 2);
      const turned = await answerOf(click({ customId: next.custom_id, message: current }));
      expect(turned.embed.footer.text).toMatch(new RegExp(`· ${page} of ${total}$`));
      current = h.standIn.message(message.id)!;
    }
    const back = current.components![0].components.find((b: { style: number }) => b.style === 2);
    expect(back.label).toBe('Back to the first result');
    const wrapped = await answerOf(click({ customId: back.custom_id, message: current }));
    expect(wrapped.embed.footer.text).toBe(first.embed.footer.text);
    expect(wrapped.embed.description).toBe(first.embed.description);

    // A button whose results the bot does not have (forged, or from before a restart).
    for (const customId of ['page:nope:1', 'nope', `page:${'x'.repeat(90)}:1`]) {
      const old = { ...message.body, id: snowflake(), components: [{ type: 1, components: [{ type: 2, style: 2, label: 'More results (2 of 5)', custom_id: customId }] }] };
      const expired = await answerOf(click({ customId, message: { id: old.id, channel_id: old.channel_id, body: old } }));
      expect(expired.response.type).toBe(4);
      expect(isEphemeral(expired.data)).toBe(true);
      expect(expired.embed.description).toMatch(/^These results have expired/);
    }
  });

  it('answers a question it cannot answer privately, saying so and suggesting commands', async () => {
    const { response, data, embed, buttons } = await answerOf(command({ name: 'ask', options: { question: 'What is the capital of France?' } }));
    expect(response.type).toBe(4);
    expect(isEphemeral(data)).toBe(true);
    expect(embed.description).toMatch(/^I could not find that in the knowledge base\./);
    for (const suggestion of ['/ask question: Who signed the memorandum?', '/tungsten', '/minerals', '/sources']) expect(embed.description).toContain(suggestion);
    expect(buttons).toEqual([]);
  });
});

describe('/who', () => {
  it('/who signed names the signatories with their roles', async () => {
    const { data, embed, buttons } = await answerOf(command({ name: 'who', subcommand: 'signed' }));
    expect(isEphemeral(data)).toBe(false);
    expect(data.content).toBe(`**Who signed:** ${MOU.title}`);
    expect(embed.title).toBe(MOU.title);
    const signatories = embed.fields.find((f: { name: string }) => f.name === 'Signatories');
    expect(signatories.value).toBe(
      '**Yersayin Nagaspayev** — Kazakhstan’s Minister of Industry and Construction\n**Howard Lutnick** — US Secretary of Commerce',
    );
    expect(buttons[0]).toMatchObject({ style: 5, url: MOU.url });
  });

  it('/who signed agreement: takes the value its autocomplete offers', async () => {
    const offered = await answerOf(autocomplete({ name: 'who', subcommand: 'signed', focused: 'agreement', options: { agreement: 'mou' } }));
    expect(offered.response.type).toBe(8);
    const choices = offered.data.choices as { name: string; value: string }[];
    expect(choices).toEqual([{ name: `2025-11-06 · ${MOU.title}`, value: MOU.file }]);

    const { data, embed } = await answerOf(command({ name: 'who', subcommand: 'signed', options: { agreement: choices[0]!.value } }));
    expect(isEphemeral(data)).toBe(false);
    expect(embed.fields.find((f: { name: string }) => f.name === 'Signatories').value).toContain('**Howard Lutnick**');

    const unknown = await answerOf(command({ name: 'who', subcommand: 'signed', options: { agreement: 'The Treaty of <@1> **Nowhere**' } }));
    expect(isEphemeral(unknown.data)).toBe(true);
    // The mention is not part of what was asked; the Markdown shows as typed.
    expect(unknown.embed.description).toContain('I know of no agreement called “The Treaty of \\*\\*Nowhere\\*\\*”');
  });

  it('/who met answers with the meetings the articles report', async () => {
    const { data, embed } = await answerOf(command({ name: 'who', subcommand: 'met' }));
    expect(isEphemeral(data)).toBe(false);
    expect(data.content).toBe('**Who met:**');
    expect(embed.description).toMatch(/\bmeet|\bmeeting/);
    const pages = Number(/of (\d+)$/.exec(embed.footer.text)?.[1] ?? 1);
    expect(pages).toBeGreaterThanOrEqual(2);

    const tokayev = await answerOf(command({ name: 'who', subcommand: 'met', options: { person: 'Kassym-Jomart Tokayev' } }));
    expect(isEphemeral(tokayev.data)).toBe(false);
    expect(tokayev.data.content).toBe('**Who met Kassym-Jomart Tokayev:**');
    expect(tokayev.embed.description).toContain('**Tokayev**');
    expect(tokayev.embed.description).toMatch(/meeting/);

    const nobody = await answerOf(command({ name: 'who', subcommand: 'met', options: { person: 'Nobody Known' } }));
    expect(isEphemeral(nobody.data)).toBe(true);
    expect(nobody.embed.description).toMatch(/^No one called “Nobody Known” is named in the articles\./);
  });

  it('/who met autocompletes people with their roles', async () => {
    const { data } = await answerOf(autocomplete({ name: 'who', subcommand: 'met', focused: 'person', options: { person: 'minister' } }));
    expect(data.choices).toEqual(
      expect.arrayContaining([
        { name: 'Kanat Sharlapaev (Minister of Industry and Construction of Kazakhstan)', value: 'Kanat Sharlapaev' },
        { name: 'Yersayin Nagaspayev (Kazakhstan’s Minister of Industry and Construction)', value: 'Yersayin Nagaspayev' },
      ]),
    );
  });

  it('/who visited answers with the working visit', async () => {
    const { data, embed } = await answerOf(command({ name: 'who', subcommand: 'visited' }));
    expect(isEphemeral(data)).toBe(false);
    expect(data.content).toBe('**Who visited:**');
    expect(embed.title).toBe(KT.title);
    expect(embed.url).toBe(KT.url);
    expect(embed.description).toContain('Kanat Sharlapaev');
    expect(embed.description).toContain('**visit**');
    expect(embed.footer.text).toMatch(/^Kazakhstan Today · 2024-03-02/);
  });
});

describe('/minerals, /tungsten, /sources, /help', () => {
  it('/minerals lists the minerals covered with passage counts', async () => {
    const { data, embed } = await answerOf(command({ name: 'minerals' }));
    expect(isEphemeral(data)).toBe(false);
    expect(data.content).toMatch(/^\*\*Critical minerals in the knowledge base\*\* \(\d+\)/);
    const covered = embed.fields.find((f: { name: string }) => f.name === 'Minerals covered').value as string;
    expect(covered).toMatch(/^\*\*tungsten\*\* — 3 passages$/m);
    expect(covered).toMatch(/^\*\*gallium\*\* — 1 passage$/m);
    expect(covered.split('\n').length).toBe(Number(/\((\d+)\)/.exec(data.content)![1]));
    // The passage that sums up what Kazakhstan offers.
    expect(embed.description.replaceAll('**', '')).toContain('encompassing the supply of aluminum, scandium, and gallium');
  });

  it('/minerals mineral:gallium quotes the 2024 Kazakhstan Today passage', async () => {
    const { data, embed, buttons } = await answerOf(command({ name: 'minerals', options: { mineral: 'gallium' } }));
    expect(isEphemeral(data)).toBe(false);
    expect(data.content).toBe('**Gallium** in the articles:');
    expect(embed.title).toBe(KT.title);
    expect(embed.description).toContain('the supply of aluminum, scandium, and **gallium**');
    expect(embed.footer.text).toBe('Kazakhstan Today · 2024-03-02');
    expect(buttons).toEqual([
      { type: 2, style: 5, label: 'Open article', url: KT.url },
      { type: 2, style: 2, label: 'Helpful', custom_id: expect.stringMatching(/^fb:up:[\w-]{8}$/) },
      { type: 2, style: 2, label: 'Not helpful', custom_id: expect.stringMatching(/^fb:down:[\w-]{8}$/) },
    ]);
  });

  it('/minerals mineral:unobtainium answers politely and privately', async () => {
    const { data, embed } = await answerOf(command({ name: 'minerals', options: { mineral: 'unobtainium' } }));
    expect(isEphemeral(data)).toBe(true);
    expect(embed.description).toMatch(/^The articles say nothing about “unobtainium”\. Minerals covered: tungsten, .*gallium/);
  });

  it('/minerals autocompletes "gal" with gallium', async () => {
    const { response, data } = await answerOf(autocomplete({ name: 'minerals', focused: 'mineral', options: { mineral: 'gal' } }));
    expect(response.type).toBe(8);
    expect(data.choices).toEqual([{ name: 'gallium (1 passage)', value: 'gallium' }]);
  });

  it('/tungsten quotes the 2 million tonnes passage', async () => {
    const { data, embed } = await answerOf(command({ name: 'tungsten' }));
    expect(isEphemeral(data)).toBe(false);
    expect(data.content).toBe('**Tungsten** in the articles:');
    expect(embed.description).toContain('over 2 million tonnes of **tungsten** **reserves**');
    // The article's list items are quoted as text, not turned into a Markdown list.
    expect(embed.description).toContain('\n\\- The new mines could produce supplies for 30 to 40 years.');
    expect(embed.fields).toEqual([{ name: 'Section', value: 'Tungsten Opportunities' }]);
  });

  it('/tungsten question: answers from the tungsten passages', async () => {
    const { data, embed } = await answerOf(command({ name: 'tungsten', options: { question: 'How much of the market does China control?' } }));
    expect(isEphemeral(data)).toBe(false);
    expect(data.content).toBe('**Tungsten:** How much of the market does China control?');
    expect(embed.description).toContain('**China** dominates global **tungsten** concentrate production, accounting for about 80% of the **market**');
  });

  it('/sources lists both articles with their links, newest first', async () => {
    const { data, embed } = await answerOf(command({ name: 'sources' }));
    expect(isEphemeral(data)).toBe(false);
    expect(embed.title).toBe('Sources (2 articles)');
    expect(embed.description).toBe(
      [`• **[${MOU.title}](${MOU.url})** — El-Balad · 2025-11-06`, `• **[${KT.title}](${KT.url})** — Kazakhstan Today · 2024-03-02`].join('\n'),
    );
  });

  it('/help names every command privately', async () => {
    const { data, embed } = await answerOf(command({ name: 'help' }));
    expect(isEphemeral(data)).toBe(true);
    for (const name of ['/ask', '/minerals', '/tungsten', '/who signed', '/who met', '/who visited', '/sources', '/knowledge add', '/feeds add', '/feeds list', '/feeds test', '/feeds remove', '/help']) {
      expect(embed.description).toContain(`**${name}** — `);
    }
    for (const name of COMMAND_NAMES) expect(embed.description).toContain(`/${name}`);
  });
});

describe('/ask autocomplete', () => {
  function expectValidChoices(choices: any): { name: string; value: string }[] {
    expect(Array.isArray(choices)).toBe(true);
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const choice of choices) {
      expect(choice.name.length).toBeGreaterThanOrEqual(1);
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeGreaterThanOrEqual(1);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
    return choices;
  }

  it('suggests questions for "tung", the typed text first', async () => {
    const handle = autocomplete({ name: 'ask', focused: 'question', options: { question: 'tung' } });
    const { response, data } = await answerOf(handle);
    expect(response.type).toBe(8);
    expect(response.at - handle.dispatchedAt).toBeLessThan(FIRST_RESPONSE_BUDGET_MS);
    const choices = expectValidChoices(data.choices);
    expect(choices[0]).toEqual({ name: 'tung', value: 'tung' });
    expect(choices).toContainEqual({ name: 'How much tungsten does Kazakhstan have?', value: 'How much tungsten does Kazakhstan have?' });
    expect(choices.slice(1).every((c) => c.name.toLowerCase().includes('tung'))).toBe(true);
  });

  it('suggests starter questions for an empty field, at most 25', async () => {
    const { data } = await answerOf(autocomplete({ name: 'ask', focused: 'question' }));
    const choices = expectValidChoices(data.choices);
    expect(choices[0]).toEqual({ name: 'Who signed the memorandum?', value: 'Who signed the memorandum?' });
  });

  it('keeps choices within 100 characters when the typed text is longer, and does not offer that text cut short (picked, it would send the cut question)', async () => {
    const typed = `Who signed ${'the memorandum '.repeat(20)}@everyone`;
    const { data } = await answerOf(autocomplete({ name: 'ask', focused: 'question', options: { question: typed } }));
    const choices = expectValidChoices(data.choices);
    expect(choices.map((choice) => choice.value)).toEqual(['Who signed the memorandum?']);
  });
});

describe('hostile and broken input', () => {
  const INVISIBLE = '\u200b\u200d\u2060\ufeff';
  const RTL = '\u202e\u2067\u200f';

  it('answers a question full of Markdown, mentions, zero-width and right-to-left characters without pinging or formatting', async () => {
    // Declined (the articles do not say), so that the reply shows the question back in the notice.
    const question = `@everyone <@123> **bold** \`code\` [link](http://x) ${INVISIBLE}${RTL} What is the capital of France?`;
    const { data } = await answerOf(command({ name: 'ask', options: { question } }));
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(isEphemeral(data)).toBe(true);
    expect(data.embeds[0].description).toMatch(/^I could not find that in the knowledge base\./);
    expect(shownText(data)).not.toMatch(/<@|\*\*bold|\[link\]/);

    // A hostile question that does find its answer: the question shown back is escaped and cleaned.
    const answered = await answerOf(command({ name: 'ask', options: { question: `@everyone **Who** _signed_ the \`memorandum\`?${INVISIBLE}${RTL}` } }));
    expect(isEphemeral(answered.data)).toBe(false);
    // Mentions are not part of a question: @everyone is dropped, and allowed_mentions would stop a ping anyway.
    expect(answered.data.allowed_mentions).toEqual({ parse: [] });
    expect(answered.data.content).toBe('**Q:** \\*\\*Who\\*\\* \\_signed\\_ the \\`memorandum\\`?');
    expect(answered.data.content).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/);
    expect(answered.embed.title).toBe(MOU.title);

    // Answered with a mention and a Markdown link in it (the link is no words to search for): shown back escaped, pinging no one.
    const linked = await answerOf(command({ name: 'ask', options: { question: `<@123> [see](http://x) **Who** signed the memorandum?` } }));
    expect(isEphemeral(linked.data)).toBe(false);
    expect(linked.data.allowed_mentions).toEqual({ parse: [] });
    expect(linked.data.content).not.toMatch(/<@|\*\*Who\*\*|\[see\]\(/);
    expect(linked.embed.title).toBe(MOU.title);
  });

  it('refuses a 6,000-character question politely and privately, then keeps answering', async () => {
    // Discord would stop the user at 500 characters (setMaxLength); the stand-in lets it through.
    const question = `Who signed the memorandum? ${'tungsten '.repeat(700)}`.slice(0, 6_000);
    const { data, embed } = await answerOf(command({ name: 'ask', options: { question } }));
    expect(isEphemeral(data)).toBe(true);
    expect(embed.description).toMatch(/^The question is \d{4} characters long; the limit is 500\. Ask it in fewer words\.$/);
    const empty = await answerOf(command({ name: 'ask', options: { question: `${INVISIBLE}  ${RTL}` } }));
    expect(isEphemeral(empty.data)).toBe(true);
    expect(empty.embed.description).toMatch(/^The question is empty/);

    const next = await answerOf(command({ name: 'ask', options: { question: 'How much tungsten does Kazakhstan have?' } }));
    expect(isEphemeral(next.data)).toBe(false);
    expect(next.embed.description).toContain('2 million tonnes');
  });

  it('answers an unregistered command (Discord can deliver stale ones) with a private "I don\'t know the command"', async () => {
    const rest = new REST({ api: h.standIn.apiUrl }).setToken(h.standIn.token);
    const created = (await rest.post(Routes.applicationGuildCommands(h.standIn.applicationId, h.standIn.guildId), {
      body: { name: 'ghost', description: 'A command the bot does not have' },
    })) as { id: string };
    try {
      const mark = h.logs.mark();
      const { response, data, embed } = await answerOf(command({ name: 'ghost' }));
      expect(response.type).toBe(4);
      expect(isEphemeral(data)).toBe(true);
      expect(embed.description).toBe("I don't know the command `/ghost`. Try `/help`.");
      expect(h.logs.since(mark)).toContainEqual(expect.objectContaining({ level: 40, msg: 'unknown command', command: 'ghost' }));
    } finally {
      await rest.delete(Routes.applicationGuildCommand(h.standIn.applicationId, h.standIn.guildId, created.id));
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
    }
    expect((h.standIn.registeredCommands({ guildId: h.standIn.guildId }) as { name: string }[]).map((c) => c.name).sort()).toEqual(COMMAND_NAMES);
  });

  it('a command that throws: private apology, an error line naming the command, and the next interaction is answered', async () => {
    const broken: CommandModule = {
      data: h.commands.get('sources')!.data,
      execute() {
        throw new Error('boom: the sources list is broken');
      },
    };
    const mark = h.logs.mark();
    await withCommands({ sources: broken }, async () => {
      const failed = command({ name: 'sources' });
      const { data, embed } = await answerOf(failed);
      expect(isEphemeral(data)).toBe(true);
      expect(embed.description).toMatch(/^Sorry, something went wrong while answering that\./);
      expect(embed.description).not.toContain('boom');
      const errors = h.logs.since(mark).filter((line) => line.level >= 50);
      expect(errors).toEqual([
        expect.objectContaining({ msg: 'command failed', command: 'sources', interactionId: failed.id, err: expect.objectContaining({ message: 'boom: the sources list is broken' }) }),
      ]);
    });
    const next = await answerOf(command({ name: 'sources' }));
    expect(isEphemeral(next.data)).toBe(false);
    expect(next.embed.title).toBe('Sources (2 articles)');
  });

  it('a reply Discord refuses: the bot logs the failure with the command name, apologises privately, and keeps answering', async () => {
    const mark = h.logs.mark();
    h.standIn.failNext({ method: 'POST', pathIncludes: '/callback' }, { status: 400, body: { message: 'Invalid Form Body', code: 50035 } });
    const handle = command({ name: 'ask', options: { question: 'Who signed the memorandum?' } });
    const { response, data, embed } = await answerOf(handle);
    expect(response).toMatchObject({ kind: 'callback', type: 4 });
    expect(isEphemeral(data)).toBe(true);
    expect(embed.description).toBe('Sorry, something went wrong while answering that. The error is logged; please try again in a moment, or ask differently.');
    expect(handle.responses()).toHaveLength(1);
    const refused = h.standIn.requests.filter((r) => r.path === `/interactions/${handle.id}/${handle.token}/callback`).map((r) => r.status);
    expect(refused).toEqual([400, 204]);
    expect(h.logs.since(mark)).toContainEqual(
      expect.objectContaining({ level: 50, msg: 'interaction failed', command: 'ask', interactionId: handle.id, err: expect.objectContaining({ code: 50035 }) }),
    );

    const next = await answerOf(command({ name: 'ask', options: { question: 'Who signed the memorandum?' } }));
    expect(isEphemeral(next.data)).toBe(false);
    expect(next.embed.title).toBe(MOU.title);
  });
});

describe('response times', () => {
  it('a slow answer is deferred well within 3 s, then edited in; a slow private one replaces "thinking…" privately', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = (name: string): CommandModule => {
      const real = h.commands.get(name)!;
      return {
        data: real.data,
        async execute(request, context) {
          await gate;
          return real.execute(request, context);
        },
      };
    };
    await withCommands({ sources: slow('sources'), help: slow('help') }, async () => {
      const publicAnswer = command({ name: 'sources' });
      const privateAnswer = command({ name: 'help' });
      const firsts = await Promise.all([publicAnswer.firstResponse, privateAnswer.firstResponse]);
      for (const [i, first] of firsts.entries()) {
        const handle = [publicAnswer, privateAnswer][i]!;
        expect(first).toMatchObject({ kind: 'callback', type: 5, status: 204 });
        expect(first.at - handle.dispatchedAt).toBeGreaterThanOrEqual(DEFER_AFTER_MS - 50);
        expect(first.at - handle.dispatchedAt).toBeLessThan(2_500);
      }
      release();

      const edited = await answerOf(publicAnswer);
      expect(edited.response.kind).toBe('edit');
      expect(edited.embed.title).toBe('Sources (2 articles)');
      expect(edited.data.allowed_mentions).toEqual({ parse: [] });
      expect(publicAnswer.message()).toMatchObject({ flags: 0, embeds: [expect.objectContaining({ title: 'Sources (2 articles)' })] });

      const followUp = await answerOf(privateAnswer);
      expect(followUp.response.kind).toBe('followup');
      expect(isEphemeral(followUp.data)).toBe(true);
      expect(followUp.response.message?.flags).toBe(EPHEMERAL);
      expect(followUp.embed.title).toBe('Kazakhstan–US critical minerals: what I can answer');
      // The public "thinking…" message was deleted, so nobody else sees an empty answer.
      expect(h.standIn.message(firsts[1]!.message!.id)).toBeUndefined();
    });
  });

  it('answers a burst of mixed interactions, each once and well within 3 seconds', async () => {
    const burst = [
      command({ name: 'ask', options: { question: 'Who signed the memorandum?' } }),
      command({ name: 'ask', options: { question: 'How many exploration licenses has Kazakhstan granted?' } }),
      command({ name: 'ask', options: { question: 'What is the capital of France?' } }),
      command({ name: 'who', subcommand: 'signed' }),
      command({ name: 'who', subcommand: 'met' }),
      command({ name: 'who', subcommand: 'visited' }),
      command({ name: 'minerals' }),
      command({ name: 'minerals', options: { mineral: 'tungsten' } }),
      command({ name: 'tungsten' }),
      command({ name: 'tungsten', options: { question: 'Who is negotiating access?' } }),
      command({ name: 'sources' }),
      command({ name: 'help' }),
      autocomplete({ name: 'ask', focused: 'question', options: { question: 'who' } }),
      autocomplete({ name: 'minerals', focused: 'mineral' }),
      autocomplete({ name: 'who', subcommand: 'met', focused: 'person' }),
    ];
    const finals = await Promise.all(burst.map((handle) => handle.finalResponse));
    const firsts = await Promise.all(burst.map((handle) => handle.firstResponse));
    burst.forEach((handle, i) => {
      expect(firsts[i]!.status).toBeLessThan(300);
      expect(firsts[i]!.at - handle.dispatchedAt).toBeLessThan(FIRST_RESPONSE_BUDGET_MS);
      // Answered straight away (no defer needed), exactly once.
      expect(finals[i]).toBe(firsts[i]);
      expect(handle.responses()).toHaveLength(1);
    });
    const licenses = payload(finals[1]!);
    expect(licenses.embeds[0].description).toContain('2,906 **exploration** **licenses**');
  });
});
