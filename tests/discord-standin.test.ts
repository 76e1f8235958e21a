import { once } from 'node:events';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  Routes,
  TextInputBuilder,
  TextInputStyle,
  type Interaction,
  type TextChannel,
} from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { checkCallbackPayload, checkCommands, checkMessagePayload, snowflake, startStandIn, type StandIn } from './support/discord-standin';
// Also wired as a vitest setupFile; importing it here keeps this file safe on its own.
import './support/unhandled';

const COMMANDS = [
  {
    name: 'ask',
    description: 'Ask the knowledge base',
    options: [
      { type: 3, name: 'question', description: 'What to ask', required: true, autocomplete: true },
      { type: 4, name: 'limit', description: 'How many passages' },
      { type: 5, name: 'public', description: 'Show the answer to everyone' },
    ],
  },
  {
    name: 'who',
    description: 'Who did what',
    options: [
      {
        type: 1,
        name: 'signed',
        description: 'Who signed an agreement',
        options: [{ type: 3, name: 'agreement', description: 'Which agreement', required: true }],
      },
    ],
  },
  {
    name: 'admin',
    description: 'Admin tools',
    options: [
      {
        type: 2,
        name: 'sources',
        description: 'Knowledge sources',
        options: [{ type: 1, name: 'reload', description: 'Reload sources', options: [{ type: 5, name: 'force', description: 'Force it' }] }],
      },
    ],
  },
];

function newClient(standIn: StandIn): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: standIn.apiUrl, globalRequestsPerSecond: 10_000 },
    allowedMentions: { parse: [] },
  });
}

async function connect(standIn: StandIn): Promise<Client> {
  const client = newClient(standIn);
  const ready = once(client, Events.ClientReady);
  await client.login(standIn.token);
  await ready;
  return client;
}

function nextInteraction(client: Client): Promise<Interaction> {
  return once(client, Events.InteractionCreate).then(([interaction]) => interaction as Interaction);
}

function openHandles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

describe('discord stand-in with the real discord.js client', () => {
  let standIn: StandIn;
  let client: Client;
  const takeViolations = () => standIn.violations.splice(0);

  beforeAll(async () => {
    standIn = await startStandIn();
    client = await connect(standIn);
    await client.application!.commands.set(COMMANDS, standIn.guildId);
  });

  afterAll(async () => {
    await client?.destroy();
    await standIn?.close();
  });

  afterEach(() => {
    // Tests that provoke violations take them; anything left is a real problem.
    expect(takeViolations()).toEqual([]);
    expect(standIn.unknownRoutes).toEqual([]);
  });

  it('logs the client in and makes it ready with the guild and its channel cached', () => {
    expect(client.isReady()).toBe(true);
    expect(client.user!.id).toBe(standIn.applicationId);
    expect(client.application!.id).toBe(standIn.applicationId);
    expect(client.guilds.cache.get(standIn.guildId)?.available).toBe(true);
    expect(client.channels.cache.get(standIn.defaultChannelId)?.isTextBased()).toBe(true);
    expect(standIn.sessionCount).toBe(1);
    expect(standIn.requests.find((r) => r.path === '/gateway/bot')?.status).toBe(200);
  });

  it('records registered commands and refuses invalid ones the way Discord does', async () => {
    const registered = standIn.registeredCommands({ guildId: standIn.guildId }) as { name: string; id: string }[];
    expect(registered.map((c) => c.name)).toEqual(['ask', 'who', 'admin']);
    expect(registered.every((c) => /^\d{17,19}$/.test(c.id))).toBe(true);
    const fetched = await client.application!.commands.fetch({ guildId: standIn.guildId });
    expect([...fetched.values()].map((c) => c.name).sort()).toEqual(['admin', 'ask', 'who']);

    const error = await client.application!.commands
      .set([{ name: 'Who Signed', description: 'spaces and capitals are not allowed' }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(50035);
    expect(standIn.registeredCommands()).toEqual([]);
    expect(takeViolations()).toEqual([
      expect.stringMatching(/^PUT \/applications\/\d+\/commands: \[0\]\.name "Who Signed" must match/),
    ]);
  });

  it('checks command definitions: nesting, counts, lengths', () => {
    const opt = (i: number) => ({ type: 3, name: `o${i}`, description: 'x' });
    expect(checkCommands('PUT', COMMANDS)).toEqual([]);
    expect(checkCommands('PUT', [{ name: 'ok', description: '' }])).toEqual([expect.stringContaining('[0].description is 0 characters (min 1)')]);
    expect(checkCommands('PUT', [{ name: 'ok', description: 'd'.repeat(101) }])).toEqual([expect.stringContaining('(max 100)')]);
    expect(checkCommands('PUT', [{ name: 'ok', description: 'd', options: Array.from({ length: 26 }, (_, i) => opt(i)) }])).toEqual([
      expect.stringContaining('has 26 options (max 25)'),
    ]);
    const choices = Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `c${i}` }));
    expect(checkCommands('PUT', [{ name: 'ok', description: 'd', options: [{ ...opt(0), choices }] }])).toEqual([
      expect.stringContaining('has 26 choices (max 25)'),
    ]);
    const tooDeep = { type: 2, name: 'g', description: 'g', options: [{ type: 2, name: 'h', description: 'h' }] };
    expect(checkCommands('PUT', [{ name: 'ok', description: 'd', options: [tooDeep] }])).toEqual([
      expect.stringContaining('a subcommand group may hold only subcommands'),
    ]);
    expect(checkCommands('PUT', Array.from({ length: 101 }, (_, i) => ({ name: `c${i}`, description: 'd' })))).toEqual([
      expect.stringContaining('101 chat-input commands (max 100)'),
    ]);
  });

  it('delivers chat-input commands with subcommand groups, subcommands and typed options', async () => {
    const seen: unknown[] = [];
    const newChannel = snowflake();
    const handler = async (i: Interaction) => {
      if (!i.isChatInputCommand()) return;
      // A channel the guild did not have at login arrives via CHANNEL_CREATE, so it is cached.
      expect(i.channel?.id).toBe(i.channelId);
      seen.push({
        name: i.commandName,
        group: i.options.getSubcommandGroup(false),
        sub: i.options.getSubcommand(false),
        question: i.options.getString('question'),
        limit: i.options.getInteger('limit'),
        public: i.options.getBoolean('public'),
        agreement: i.options.getString('agreement'),
        force: i.options.getBoolean('force'),
        member: i.memberPermissions?.bitfield.toString(),
        user: i.user.id,
        channel: i.channelId,
      });
      await i.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
    };
    client.on(Events.InteractionCreate, handler);
    try {
      const handles = [
        standIn.dispatchCommand({ name: 'ask', options: { question: 'lithium?', limit: 3, public: true } }),
        standIn.dispatchCommand({ name: 'who', subcommand: 'signed', options: { agreement: 'MoU' }, memberPermissions: '0' }),
        standIn.dispatchCommand({
          name: 'admin',
          subcommandGroup: 'sources',
          subcommand: 'reload',
          options: { force: false },
          user: { id: '123456789012345678' },
          channelId: newChannel,
        }),
      ];
      await Promise.all(handles.map((h) => h.finalResponse));
    } finally {
      client.off(Events.InteractionCreate, handler);
    }
    const base = { group: null, sub: null, question: null, limit: null, public: null, agreement: null, force: null, channel: standIn.defaultChannelId };
    expect(seen).toEqual([
      { ...base, name: 'ask', question: 'lithium?', limit: 3, public: true, member: '2199023255551', user: standIn.defaultUserId },
      { ...base, name: 'who', sub: 'signed', agreement: 'MoU', member: '0', user: standIn.defaultUserId },
      { ...base, name: 'admin', group: 'sources', sub: 'reload', force: false, member: '2199023255551', user: '123456789012345678', channel: newChannel },
    ]);
  });

  it('refuses to dispatch what a Discord user could not send', () => {
    expect(() => standIn.dispatchCommand({ name: 'nope' })).toThrow(/not a registered command/);
    expect(() => standIn.dispatchCommand({ name: 'who' })).toThrow(/cannot be invoked bare/);
    expect(() => standIn.dispatchCommand({ name: 'who', subcommand: 'signed' })).toThrow(/required option\(s\) missing: agreement/);
    expect(() => standIn.dispatchCommand({ name: 'ask', options: { question: 'q', limit: 1.5 } })).toThrow(/cannot take 1.5/);
  });

  it('records a reply, and a click on its button arrives as a ButtonInteraction', async () => {
    const command = nextInteraction(client);
    const handle = standIn.dispatchCommand({ name: 'ask', options: { question: 'who mines?' } });
    const interaction = await command;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat-input command');
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('more:1').setLabel('More').setStyle(ButtonStyle.Primary),
      new ButtonBuilder().setURL('https://example.com/a').setLabel('Source').setStyle(ButtonStyle.Link),
    );
    await interaction.reply({ content: 'Kazakhstan mines it.', components: [row] });

    const first = await handle.firstResponse;
    expect(first).toMatchObject({ kind: 'callback', type: 4, status: 204 });
    expect(await handle.finalResponse).toBe(first);
    expect(first.at).toBeGreaterThan(handle.dispatchedAt);
    const reply = handle.message()!;
    expect(reply).toMatchObject({ content: 'Kazakhstan mines it.', channel_id: standIn.defaultChannelId });
    expect(first.message?.id).toBe(reply.id);

    const click = nextInteraction(client);
    const clickHandle = standIn.clickButton({ customId: 'more:1', message: reply });
    const button = await click;
    if (!button.isButton()) throw new Error('expected a button');
    expect(button.customId).toBe('more:1');
    expect(button.message.id).toBe(reply.id);
    await button.update({ content: 'More passages…', components: [row] });
    expect(await clickHandle.finalResponse).toMatchObject({ type: 7, status: 204 });
    expect(standIn.message(reply.id)?.content).toBe('More passages…');

    const click2 = nextInteraction(client);
    const clickHandle2 = standIn.clickButton({ customId: 'more:1', message: reply });
    const button2 = await click2;
    if (!button2.isButton()) throw new Error('expected a button');
    await button2.reply({ content: 'Only you see this', flags: MessageFlags.Ephemeral });
    const answer = await clickHandle2.finalResponse;
    expect(answer).toMatchObject({ type: 4, status: 204 });
    expect(answer.message).toMatchObject({ content: 'Only you see this', flags: MessageFlags.Ephemeral });

    expect(() => standIn.clickButton({ customId: 'gone', message: reply })).toThrow(/no button/);
  });

  it('a button answered with a modal: recorded (type 9, checked), submitted as a ModalSubmitInteraction from that message', async () => {
    const command = nextInteraction(client);
    const handle = standIn.dispatchCommand({ name: 'ask', options: { question: 'rate me' } });
    const asked = await command;
    if (!asked.isChatInputCommand()) throw new Error('expected a chat-input command');
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId('rate:down').setLabel('Not helpful').setStyle(ButtonStyle.Secondary));
    await asked.reply({ content: 'An answer.', components: [row] });
    const message = handle.message()!;
    const user = { id: snowflake(), username: 'rater' };

    const click = nextInteraction(client);
    const clickHandle = standIn.clickButton({ customId: 'rate:down', message, user });
    const button = await click;
    if (!button.isButton()) throw new Error('expected a button');
    const modal = new ModalBuilder()
      .setCustomId('note:1')
      .setTitle('Not helpful')
      .addLabelComponents(
        new LabelBuilder()
          .setLabel('What were you looking for?')
          .setTextInputComponent(new TextInputBuilder().setCustomId('looking-for').setStyle(TextInputStyle.Paragraph).setRequired(false).setMaxLength(300)),
      );
    await button.showModal(modal);
    const shown = await clickHandle.finalResponse;
    expect(shown).toMatchObject({ kind: 'callback', type: 9, status: 204 });
    expect(clickHandle.modal()).toMatchObject({ custom_id: 'note:1', title: 'Not helpful', components: [{ type: 18, label: 'What were you looking for?', component: { type: 4, custom_id: 'looking-for' } }] });

    // What the client would never send: over the input's 300 characters, an input the modal lacks.
    expect(() => standIn.submitModal({ from: clickHandle, values: { 'looking-for': 'x'.repeat(301) } })).toThrow(/at most 300 characters/);
    expect(() => standIn.submitModal({ from: clickHandle, values: { other: 'x' } })).toThrow(/no text input "other"/);
    expect(() => standIn.submitModal({ from: handle })).toThrow(/was not answered with a modal/);

    const submitted = nextInteraction(client);
    const submitHandle = standIn.submitModal({ from: clickHandle, values: { 'looking-for': 'the 2024 figure' } });
    const form = await submitted;
    if (!form.isModalSubmit()) throw new Error('expected a modal submission');
    expect(form.customId).toBe('note:1');
    expect(form.user.id).toBe(user.id);
    expect(form.fields.getTextInputValue('looking-for')).toBe('the 2024 figure');
    expect(form.isFromMessage()).toBe(true);
    expect(form.message?.id).toBe(message.id);
    await form.reply({ content: 'Thanks — noted.', flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    expect(await submitHandle.finalResponse).toMatchObject({ type: 4, status: 204, message: { content: 'Thanks — noted.', flags: MessageFlags.Ephemeral } });
    expect(() => standIn.submitModal({ from: clickHandle })).toThrow(/already submitted/);
  });

  it('refuses a modal Discord would refuse, and a modal answering a modal', async () => {
    const good = { custom_id: 'm', title: 'T', components: [{ type: 18, label: 'L', component: { type: 4, custom_id: 'i', style: 2, max_length: 300 } }] };
    expect(checkCallbackPayload('cb', 'component', { type: 9, data: good })).toEqual([]);
    expect(checkCallbackPayload('cb', 'component', { type: 9, data: { ...good, title: 't'.repeat(46) } })).toEqual(['cb: data.title is 46 characters (max 45)']);
    const labelled = { ...good, components: [{ type: 18, label: 'L', component: { type: 4, custom_id: 'i', style: 2, label: 'again' } }] };
    expect(checkCallbackPayload('cb', 'component', { type: 9, data: labelled })).toEqual([expect.stringContaining('data.components[0].component.label is not allowed on a text input inside a label')]);
    const legacy = { ...good, components: [{ type: 1, components: [{ type: 4, custom_id: 'i', style: 1, label: 'L', min_length: 5, max_length: 2 }] }] };
    expect(checkCallbackPayload('cb', 'component', { type: 9, data: legacy })).toEqual([expect.stringContaining('data.components[0].components[0].min_length is 5, more than max_length 2')]);
    expect(checkCallbackPayload('cb', 'component', { type: 9, data: { ...good, components: [{ type: 10, content: 'Just text' }] } })).toEqual([
      expect.stringContaining('hold nothing a person can fill in'),
    ]);
    expect(checkCallbackPayload('cb', 'modal', { type: 9, data: good })).toEqual([expect.stringContaining('9 is not a valid response to a modal interaction')]);

    const command = nextInteraction(client);
    const handle = standIn.dispatchCommand({ name: 'ask', options: { question: 'form please' } });
    const asked = await command;
    if (!asked.isChatInputCommand()) throw new Error('expected a chat-input command');
    await expect(asked.showModal({ ...good, title: 't'.repeat(46) })).rejects.toMatchObject({ code: 50035 });
    expect(takeViolations()).toEqual([expect.stringMatching(/\/callback: data\.title is 46 characters \(max 45\)$/)]);
    expect(handle.modal()).toBeUndefined();
  });

  it('records deferReply + editReply with first and final response times', async () => {
    const command = nextInteraction(client);
    const handle = standIn.dispatchCommand({ name: 'who', subcommand: 'signed', options: { agreement: 'roadmap' } });
    const interaction = await command;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat-input command');
    await interaction.deferReply();
    const first = await handle.firstResponse;
    expect(first).toMatchObject({ kind: 'callback', type: 5, status: 204 });
    expect(handle.message()!.flags! & 128).toBe(128); // loading

    await interaction.editReply({ content: 'Both governments signed.' });
    const final = await handle.finalResponse;
    expect(final).toMatchObject({ kind: 'edit', status: 200, message: { content: 'Both governments signed.', flags: 0 } });
    expect(handle.dispatchedAt).toBeLessThan(first.at);
    expect(first.at).toBeLessThanOrEqual(final.at);
    expect(first.at - handle.dispatchedAt).toBeLessThan(3000);

    expect((await interaction.fetchReply()).content).toBe('Both governments signed.');
    await interaction.followUp({ content: 'One more thing.' });
    expect(handle.responses().map((r) => r.kind)).toEqual(['callback', 'edit', 'followup']);
  });

  it('answers a callback sent withResponse with the created message', async () => {
    const command = nextInteraction(client);
    const handle = standIn.dispatchCommand({ name: 'ask', options: { question: 'with response' } });
    const interaction = await command;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat-input command');
    const response = await interaction.reply({ content: 'here', withResponse: true });
    expect(response.resource?.message?.id).toBe(handle.message()!.id);
    expect(response.resource?.message?.content).toBe('here');
    expect(await handle.firstResponse).toMatchObject({ type: 4, status: 200 });
  });

  it('treats a follow-up after a deferred reply as the answer that replaces "thinking…"', async () => {
    const command = nextInteraction(client);
    const handle = standIn.dispatchCommand({ name: 'ask', options: { question: 'q' } });
    const interaction = await command;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat-input command');
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const sent = await interaction.followUp({ content: 'Here it is.' });
    const final = await handle.finalResponse;
    expect(final).toMatchObject({ kind: 'followup', message: { id: handle.message()!.id, flags: MessageFlags.Ephemeral } });
    expect(sent.id).toBe(handle.message()!.id);
  });

  it('records an autocomplete answer, and refuses more than 25 choices', async () => {
    const auto = nextInteraction(client);
    const handle = standIn.dispatchAutocomplete({ name: 'ask', focused: 'question', options: { question: 'lit', limit: 2 } });
    const interaction = await auto;
    if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
    expect(interaction.options.getFocused(true)).toMatchObject({ name: 'question', value: 'lit' });
    expect(interaction.options.getInteger('limit')).toBe(2);
    await interaction.respond([{ name: 'lithium', value: 'lithium' }]);
    expect(await handle.firstResponse).toMatchObject({ type: 8, status: 204, body: { data: { choices: [{ name: 'lithium', value: 'lithium' }] } } });

    const auto2 = nextInteraction(client);
    const handle2 = standIn.dispatchAutocomplete({ name: 'ask', focused: 'question' });
    const interaction2 = await auto2;
    if (!interaction2.isAutocomplete()) throw new Error('expected autocomplete');
    const tooMany = Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `c${i}` }));
    await expect(interaction2.respond(tooMany)).rejects.toMatchObject({ code: 50035 });
    expect(await handle2.firstResponse).toMatchObject({ type: 8, status: 400 });
    expect(takeViolations()).toEqual([expect.stringMatching(/\/callback: data\.choices has 26 choices \(max 25\)$/)]);
  });

  it('answers a second callback with 40060 and records it', async () => {
    const command = nextInteraction(client);
    const handle = standIn.dispatchCommand({ name: 'ask', options: { question: 'twice' } });
    const interaction = await command;
    await client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body: { type: 5 }, auth: false });
    const again = client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
      body: { type: 4, data: { content: 'again', allowed_mentions: { parse: [] } } },
      auth: false,
    });
    await expect(again).rejects.toMatchObject({ code: 40060, status: 400 });
    expect(handle.responses().map((r) => r.status)).toEqual([204, 400]);
    expect(takeViolations()).toEqual([expect.stringContaining('second callback to interaction')]);
  });

  it('flags a message that could ping', async () => {
    const channel = client.channels.cache.get(standIn.defaultChannelId) as TextChannel;
    await channel.send({ content: 'hi @everyone', allowedMentions: {} });
    await channel.send({ content: 'hi', allowedMentions: { parse: ['users'] } });
    expect(takeViolations()).toEqual([
      `POST /channels/${standIn.defaultChannelId}/messages: allowed_mentions.parse missing (message could ping)`,
      `POST /channels/${standIn.defaultChannelId}/messages: allowed_mentions.parse is ["users"] (message could ping)`,
    ]);
  });

  it('dedupes channel messages by nonce when enforce_nonce is set', async () => {
    const channel = client.channels.cache.get(standIn.defaultChannelId) as TextChannel;
    const before = standIn.channelMessages(channel.id).length;
    const a = await channel.send({ content: 'digest', nonce: 'digest-2025-01-01', enforceNonce: true });
    const b = await channel.send({ content: 'digest', nonce: 'digest-2025-01-01', enforceNonce: true });
    expect(b.id).toBe(a.id);
    const posted = standIn.channelMessages(channel.id);
    expect(posted).toHaveLength(before + 1);
    expect(posted.at(-1)).toMatchObject({ id: a.id, nonce: 'digest-2025-01-01', content: 'digest' });
  });

  it('fails the next matching request on demand; discord.js retries a 500 and succeeds', async () => {
    const channel = client.channels.cache.get(standIn.defaultChannelId) as TextChannel;
    const from = standIn.requests.length;
    standIn.failNext({ method: 'POST', pathIncludes: `/channels/${channel.id}/messages` }, { status: 500 });
    const sent = await channel.send({ content: 'after a hiccup' });
    await standIn.waitForIdle();
    const attempts = standIn.requests.slice(from).filter((r) => r.path === `/channels/${channel.id}/messages`);
    expect(attempts.map((r) => r.status)).toEqual([500, 200]);
    expect(standIn.message(sent.id)?.content).toBe('after a hiccup');
  });

  it('survives a dropped gateway: the client resumes and interactions keep arriving', async () => {
    const resumed = once(client, Events.ShardResume);
    standIn.dropGateway();
    // Dispatched while the socket is down: Discord replays it after RESUME.
    const missed = nextInteraction(client);
    const missedHandle = standIn.dispatchCommand({ name: 'ask', options: { question: 'during outage' } });
    await resumed;
    expect(standIn.resumeCount).toBe(1);
    expect(standIn.sessionCount).toBe(1);
    const first = await missed;
    expect(first.id).toBe(missedHandle.id);
    if (!first.isChatInputCommand()) throw new Error('expected a chat-input command');
    await first.reply({ content: 'back' });

    const later = nextInteraction(client);
    const handle = standIn.dispatchCommand({ name: 'ask', options: { question: 'after' } });
    const interaction = await later;
    expect(interaction.id).toBe(handle.id);
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat-input command');
    await interaction.reply({ content: 'still here' });
    expect(await handle.finalResponse).toMatchObject({ status: 204 });
  });
});

describe('checkMessagePayload', () => {
  const ok = { allowed_mentions: { parse: [] } };
  const W = 'POST /channels/1/messages';
  const embed = (e: object) => ({ ...ok, embeds: [e] });
  const buttons = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 2, style: 1, label: 'b', custom_id: `b${i}` }));
  const row = (components: object[]) => ({ type: 1, components });

  it('passes a valid payload', () => {
    const body = {
      content: 'x'.repeat(2000),
      embeds: [{ title: 't', description: 'd', footer: { text: 'f' }, author: { name: 'a' }, fields: [{ name: 'n', value: 'v' }] }],
      components: [row([{ type: 2, style: 5, label: 'Source', url: 'https://example.com' }, ...buttons(4)])],
      ...ok,
    };
    expect(checkMessagePayload(W, body)).toEqual([]);
  });

  it.each([
    ['content over 2000', { ...ok, content: 'x'.repeat(2001) }, 'content is 2001 characters (max 2000)'],
    ['more than 10 embeds', { ...ok, embeds: Array.from({ length: 11 }, () => ({ title: 't' })) }, 'embeds has 11 embeds (max 10)'],
    ['embeds over 6000 in total', { ...ok, embeds: [{ description: 'd'.repeat(4000) }, { description: 'd'.repeat(2001) }] }, 'embeds total 6001 characters across embeds (max 6000)'],
    ['title over 256', embed({ title: 't'.repeat(257) }), 'embeds[0].title is 257 characters (max 256)'],
    ['description over 4096', embed({ description: 'd'.repeat(4097) }), 'embeds[0].description is 4097 characters (max 4096)'],
    ['footer over 2048', embed({ footer: { text: 'f'.repeat(2049) } }), 'embeds[0].footer.text is 2049 characters (max 2048)'],
    ['author over 256', embed({ author: { name: 'a'.repeat(257) } }), 'embeds[0].author.name is 257 characters (max 256)'],
    ['more than 25 fields', embed({ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }), 'embeds[0].fields has 26 fields (max 25)'],
    ['field name over 256', embed({ fields: [{ name: 'n'.repeat(257), value: 'v' }] }), 'embeds[0].fields[0].name is 257 characters (max 256)'],
    ['field value over 1024', embed({ fields: [{ name: 'n', value: 'v'.repeat(1025) }] }), 'embeds[0].fields[0].value is 1025 characters (max 1024)'],
    ['more than 5 action rows', { ...ok, components: Array.from({ length: 6 }, (_, i) => row([{ type: 2, style: 1, label: 'b', custom_id: `r${i}` }])) }, 'components has 6 action rows (max 5)'],
    ['more than 5 buttons in a row', { ...ok, components: [row(buttons(6))] }, 'components[0].components has 6 components (max 5)'],
    ['custom_id over 100', { ...ok, components: [row([{ type: 2, style: 1, label: 'b', custom_id: 'c'.repeat(101) }])] }, 'components[0].components[0].custom_id is 101 characters (max 100)'],
    ['button label over 80', { ...ok, components: [row([{ type: 2, style: 1, label: 'l'.repeat(81), custom_id: 'c' }])] }, 'components[0].components[0].label is 81 characters (max 80)'],
    ['link button without url', { ...ok, components: [row([{ type: 2, style: 5, label: 'l' }])] }, 'components[0].components[0].url is required on a link button'],
    ['link button with custom_id', { ...ok, components: [row([{ type: 2, style: 5, label: 'l', url: 'https://e.x', custom_id: 'c' }])] }, 'components[0].components[0].custom_id is not allowed on a link button'],
    ['duplicate custom_id', { ...ok, components: [row([{ type: 2, style: 1, label: 'a', custom_id: 'c' }, { type: 2, style: 1, label: 'b', custom_id: 'c' }])] }, 'components[0].components[1].custom_id "c" is used twice in one message'],
    ['an empty message', { ...ok }, 'body is an empty message (Discord: "Cannot send an empty message")'],
    ['allowed_mentions missing', { content: 'hi' }, 'allowed_mentions.parse missing (message could ping)'],
    ['allowed_mentions.parse not empty', { content: 'hi', allowed_mentions: { parse: ['everyone'] } }, 'allowed_mentions.parse is ["everyone"] (message could ping)'],
  ])('flags %s', (_rule, body, message) => {
    expect(checkMessagePayload(W, body)).toEqual([`${W}: ${message}`]);
  });

  it('lets an edit leave fields out', () => {
    expect(checkMessagePayload('PATCH /webhooks/1/t/messages/@original', { components: [] }, { partial: true })).toEqual([]);
  });
});

describe('fresh stand-ins', () => {
  it('rejects login with a wrong token (401 on /gateway/bot)', async () => {
    const standIn = await startStandIn();
    const client = newClient(standIn);
    try {
      await expect(client.login('not-the-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
      expect(standIn.requests.map((r) => [r.path, r.status])).toEqual([['/gateway/bot', 401]]);
      expect(standIn.sessionCount).toBe(0);
    } finally {
      await client.destroy();
      await standIn.close();
    }
  });

  it('closes the gateway with 4004 when IDENTIFY carries a wrong token', async () => {
    const standIn = await startStandIn();
    try {
      const ws = new WebSocket(`${standIn.gatewayUrl}?v=10&encoding=json`);
      const [hello] = (await once(ws, 'message')) as [Buffer];
      expect(JSON.parse(hello.toString())).toMatchObject({ op: 10, d: { heartbeat_interval: 41_250 } });
      ws.send(JSON.stringify({ op: 1, d: null }));
      const [ack] = (await once(ws, 'message')) as [Buffer];
      expect(JSON.parse(ack.toString())).toMatchObject({ op: 11 });
      ws.send(JSON.stringify({ op: 2, d: { token: 'wrong', intents: 1, properties: {} } }));
      const [code] = (await once(ws, 'close')) as [number];
      expect(code).toBe(4004);
    } finally {
      await standIn.close();
    }
  });

  it('fails login while the gateway is disabled, and succeeds once it is back', async () => {
    const standIn = await startStandIn();
    const down = newClient(standIn);
    let up: Client | undefined;
    try {
      standIn.setGatewayEnabled(false);
      await expect(down.login(standIn.token)).rejects.toMatchObject({ status: 503 });
      standIn.setGatewayEnabled(true);
      up = await connect(standIn);
      expect(up.isReady()).toBe(true);
    } finally {
      await down.destroy();
      await up?.destroy();
      await standIn.close();
    }
  });

  it('flags a first response later than the deadline and answers it like Discord (10062)', async () => {
    const standIn = await startStandIn({ interactionDeadlineMs: 20 });
    const client = await connect(standIn);
    try {
      standIn.delayNext({ pathIncludes: '/callback' }, 40);
      const command = nextInteraction(client);
      const handle = standIn.dispatchCommand({ name: 'anything' });
      const interaction = await command;
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat-input command');
      await expect(interaction.deferReply()).rejects.toMatchObject({ code: 10062 });
      const first = await handle.firstResponse;
      expect(first).toMatchObject({ type: 5, status: 404 });
      expect(first.at - handle.dispatchedAt).toBeGreaterThan(20);
      expect(standIn.violations).toEqual([expect.stringMatching(/first response \d+ ms after dispatch \(limit 20 ms\)$/)]);
    } finally {
      await client.destroy();
      await standIn.close();
    }
  });

  it('close() leaves no server or socket behind and is idempotent', async () => {
    const baseline = openHandles();
    const standIn = await startStandIn();
    const client = await connect(standIn);
    expect(openHandles().TCPServerWrap).toBe((baseline.TCPServerWrap ?? 0) + 1);
    await client.destroy();
    await Promise.all([standIn.close(), standIn.close()]);
    await standIn.close();
    const after = openHandles();
    expect(after.TCPServerWrap ?? 0).toBeLessThanOrEqual(baseline.TCPServerWrap ?? 0);
    expect(after.TCPSocketWrap ?? 0).toBeLessThanOrEqual(baseline.TCPSocketWrap ?? 0);
    await expect(fetch(`${standIn.apiUrl}/v10/gateway`)).rejects.toThrow();
  });
});
