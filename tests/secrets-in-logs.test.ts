/**
 * Secrets never reach a log line. A realistic session against the local Discord stand-in (login,
 * commands, a failing command, a reply Discord refuses, autocomplete, button clicks, a dropped
 * gateway), at the most verbose log level, plus `npm start` as a child process with a wrong token:
 * every line written is collected and searched for the bot token, each part of it, the other
 * secret-looking settings, and the interaction tokens (which let anyone edit the bot's answers
 * for 15 minutes).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Events, type Interaction } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandModule } from '../src/bot/command';
import { CommandRunner } from '../src/bot/runner';
import { createInteractionHandler } from '../src/discord/interactions';
import { PageStore } from '../src/discord/page-store';
import { createLogger } from '../src/util/logger';
import { fakeBotToken, LogCapture, REPO_KNOWLEDGE_DIR, startBotHarness, type BotHarness } from './support/bot-harness';
import type { InteractionHandle } from './support/discord-standin';
import './support/unhandled';

const REPO = fileURLToPath(new URL('..', import.meta.url));

/** The token and every dot-separated part of it longer than 5 characters. */
function tokenPieces(token: string): string[] {
  return [token, ...token.split('.').filter((part) => part.length > 5)];
}

/** Settings whose names say they are secret. */
function secretSettings(settings: Record<string, unknown>): string[] {
  return Object.entries(settings)
    .filter(([name, value]) => /TOKEN|SECRET|PASSWORD|PASSPHRASE|KEY|CREDENTIAL/i.test(name) && typeof value === 'string' && value.length > 5)
    .flatMap(([, value]) => tokenPieces(value as string));
}

function expectNoneIn(text: string, secrets: string[], where: string): void {
  for (const secret of secrets) {
    if (text.includes(secret)) {
      const at = text.indexOf(secret);
      throw new Error(`${where} contains a secret (${secret.slice(0, 4)}…): …${text.slice(Math.max(0, at - 200), at + 40)}…`);
    }
  }
}

describe('secrets in logs', () => {
  let h: BotHarness;
  const handles: InteractionHandle[] = [];
  let childOutput = '';
  let wrongToken = '';

  beforeAll(async () => {
    h = await startBotHarness({ logLevel: 'trace' });
    const { standIn, bot } = h;
    const track = (handle: InteractionHandle) => (handles.push(handle), handle);

    // Commands, autocomplete, a button.
    const asked = track(standIn.dispatchCommand({ name: 'ask', options: { question: 'Who signed the memorandum?' } }));
    for (const handle of [
      asked,
      track(standIn.dispatchCommand({ name: 'who', subcommand: 'signed' })),
      track(standIn.dispatchCommand({ name: 'minerals', options: { mineral: 'gallium' } })),
      track(standIn.dispatchCommand({ name: 'sources' })),
      track(standIn.dispatchAutocomplete({ name: 'ask', focused: 'question', options: { question: 'tung' } })),
      track(standIn.dispatchAutocomplete({ name: 'who', subcommand: 'met', focused: 'person', options: { person: 'Tok' } })),
    ]) {
      await handle.finalResponse;
    }
    const message = asked.message()!;
    const more = message.components![0].components.find((b: { style: number }) => b.style === 2);
    await track(standIn.clickButton({ customId: more.custom_id, message })).finalResponse;

    // A reply Discord refuses (400), a rate limit and a server error: errors logged with their requests.
    standIn.failNext({ method: 'POST', pathIncludes: '/callback' }, { status: 400, body: { message: 'Invalid Form Body', code: 50035 } });
    await track(standIn.dispatchCommand({ name: 'ask', options: { question: 'Who signed the memorandum?' } })).finalResponse;
    standIn.failNext({ method: 'POST', pathIncludes: '/callback' }, { status: 429, body: { message: 'You are being rate limited.', retry_after: 0.05, global: false }, headers: { 'retry-after': '0.05', 'x-ratelimit-scope': 'user' } });
    await track(standIn.dispatchCommand({ name: 'help' })).finalResponse;
    standIn.failNext({ method: 'POST', pathIncludes: '/callback' }, { status: 500 });
    await track(standIn.dispatchCommand({ name: 'tungsten' })).finalResponse;
    // Both the callback and the apology refused: "could not send the apology either".
    standIn.failNext({ method: 'POST', pathIncludes: '/callback' }, { status: 403, body: { message: 'Missing Access', code: 50001 } }, 2);
    const refused = standIn.dispatchCommand({ name: 'sources' });
    const refusedPath = `/interactions/${refused.id}/${refused.token}/callback`;
    const deadline = performance.now() + 3_000;
    while (standIn.requests.filter((r) => r.path === refusedPath && r.status !== undefined).length < 2) {
      if (performance.now() > deadline) throw new Error('the refused interaction was not tried twice');
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await standIn.waitForIdle();
    handles.push(refused);

    // A command that throws.
    const { client } = bot;
    const listeners = client.listeners(Events.InteractionCreate) as ((interaction: Interaction) => void)[];
    const broken: CommandModule = {
      data: h.commands.get('sources')!.data,
      execute() {
        throw new Error(`boom while answering`);
      },
    };
    const runner = new CommandRunner(new Map([...h.commands, ['sources', broken]]), { library: bot.library }, h.log.child({ module: 'commands' }));
    const handler = createInteractionHandler(runner, new PageStore(), h.log.child({ module: 'discord' }));
    const swapped = (interaction: Interaction) => void handler(interaction);
    client.off(Events.InteractionCreate, listeners[0]!);
    client.on(Events.InteractionCreate, swapped);
    try {
      await track(standIn.dispatchCommand({ name: 'sources' })).finalResponse;
    } finally {
      client.off(Events.InteractionCreate, swapped);
      client.on(Events.InteractionCreate, listeners[0]!);
    }

    // A dropped gateway, resumed.
    const resumed = once(client, Events.ShardResume);
    standIn.dropGateway(4000);
    await resumed;
    await track(standIn.dispatchCommand({ name: 'help' })).finalResponse;

    // `npm start` with a wrong token, as a process.
    const dir = await mkdtemp(join(tmpdir(), 'kz-bot-secrets-'));
    try {
      wrongToken = fakeBotToken();
      const child = spawn(process.execPath, ['scripts/run.mjs', 'src/main.ts'], {
        cwd: REPO,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? tmpdir(),
          CI: '1',
          DISCORD_TOKEN: wrongToken,
          DISCORD_APPLICATION_ID: standIn.applicationId,
          DISCORD_GUILD_ID: standIn.guildId,
          DISCORD_API_URL: standIn.apiUrl,
          LOG_LEVEL: 'trace',
          KNOWLEDGE_DIR: REPO_KNOWLEDGE_DIR,
          CACHE_DIR: join(dir, 'cache'),
          STATE_DIR: join(dir, 'state'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (childOutput += chunk));
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (childOutput += chunk));
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 20_000);

  afterAll(async () => {
    await h?.close();
  });

  it('the session really ran: answers, errors and reconnects were logged', () => {
    const messages = h.logs.entries().map((line) => line.msg);
    expect(messages).toEqual(expect.arrayContaining(['connected to Discord', 'interaction failed', 'command failed', 'could not send the apology either', 'gateway connection resumed']));
    expect(handles.length).toBeGreaterThanOrEqual(12);
    expect(childOutput).toContain('Discord rejected the token');
  });

  it('no log line holds the bot token or any part of it, or another secret setting', () => {
    const secrets = [...tokenPieces(h.settings.DISCORD_TOKEN!), ...secretSettings(h.settings)];
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    expectNoneIn(h.logs.lines.join(''), secrets, 'the bot log');
    expectNoneIn(childOutput, [...secrets, ...tokenPieces(wrongToken)], 'the output of npm start with a wrong token');
  });

  it('no log line holds an interaction token (it lets anyone edit the answers for 15 minutes)', () => {
    const tokens = handles.map((handle) => handle.token);
    expectNoneIn(h.logs.lines.join(''), tokens, 'the bot log');
  });

  it("pino's redaction removes the token, DISCORD_TOKEN and authorization headers wherever they are logged", () => {
    const capture = new LogCapture();
    const log = createLogger('trace', capture.stream);
    const secret = fakeBotToken();
    log.info({ token: secret }, 'top-level token');
    log.info({ DISCORD_TOKEN: secret }, 'top-level DISCORD_TOKEN');
    log.info({ settings: { DISCORD_TOKEN: secret, LOG_LEVEL: 'info' } }, 'settings');
    log.info({ options: { token: secret } }, 'nested token');
    log.info({ headers: { authorization: `Bot ${secret}` } }, 'headers');
    log.info({ headers: { Authorization: `Bot ${secret}` } }, 'headers, capitalised');
    log.info({ request: { headers: { authorization: `Bot ${secret}` } } }, 'request headers');
    log.info({ request: { headers: { Authorization: `Bot ${secret}` } } }, 'request headers, capitalised');
    log.child({ token: secret }).info('child bindings');
    log.error({ err: Object.assign(new Error('request failed'), { headers: { authorization: `Bot ${secret}` } }) }, 'error');
    // discord.js puts the request address on its errors; for interactions it holds the interaction token.
    log.error({ err: Object.assign(new Error('Invalid Form Body'), { url: `http://127.0.0.1/api/v10/interactions/1234567890123456789/${secret}/callback` }) }, 'callback error');
    log.error({ err: Object.assign(new Error('Unknown Message'), { url: `http://127.0.0.1/api/v10/webhooks/1234567890123456789/${secret}/messages/@original` }) }, 'webhook error');
    const text = capture.lines.join('');
    expect(capture.lines).toHaveLength(12);
    expectNoneIn(text, tokenPieces(secret), 'the redaction test log');
    expect(text.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(12);
    expect(text).toContain('/interactions/1234567890123456789/[redacted]/callback');
  });
});
