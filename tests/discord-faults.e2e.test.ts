/**
 * The bot under faults: the real bot (connectBot, real commands and knowledge base) against the
 * local Discord stand-in, which drops the gateway, rate-limits, fails and slows down REST calls,
 * and goes away entirely. Nothing here sleeps: each test awaits the stand-in's handles and the
 * client's events, and every wait is bounded.
 */
import { once } from 'node:events';
import { Events, type Interaction } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CommandModule } from '../src/bot/command';
import { CommandRunner } from '../src/bot/runner';
import { createInteractionHandler, DEFER_AFTER_MS } from '../src/discord/interactions';
import { PageStore } from '../src/discord/page-store';
import { startBotHarness, type BotHarness } from './support/bot-harness';
import type { CommandInput, InteractionHandle, RecordedRequest, RecordedResponse } from './support/discord-standin';
import { within } from './support/within';
import './support/unhandled';

const EPHEMERAL = 64;
/** Answers that need no deferral arrive within this (Discord allows 3 s). */
/** Discord's deadline for the first response to an interaction. */
const DISCORD_DEADLINE_MS = 3_000;
/** A timer may fire a millisecond or so before its time as performance.now() counts it (libuv rounds to whole ms). */
const TIMER_SLACK_MS = 5;
/**
 * bot.stop() gives answers in flight at most 4 s (its grace), then closes; systemd kills the bot 15 s
 * after SIGTERM. A bound that fails a stop that hangs, with room for a busy machine: not a measurement.
 */
const STOP_BOUND_MS = 10_000;

let h: BotHarness;

beforeAll(async () => {
  h = await startBotHarness();
});

afterAll(async () => {
  await h?.close();
});

afterEach(() => {
  expect(h.standIn.violations.splice(0)).toEqual([]);
  expect(h.standIn.unknownRoutes.splice(0)).toEqual([]);
});

const MIX: CommandInput[] = [
  { name: 'ask', options: { question: 'Who signed the memorandum?' } },
  { name: 'ask', options: { question: 'What is the capital of France?' } },
  { name: 'who', subcommand: 'signed' },
  { name: 'minerals', options: { mineral: 'tungsten' } },
  { name: 'tungsten' },
  { name: 'sources' },
  { name: 'help' },
];

function burst(count: number, from = 0): InteractionHandle[] {
  return Array.from({ length: count }, (_, i) => h.standIn.dispatchCommand(MIX[(from + i) % MIX.length]!));
}

/** Resolves once `predicate` holds, checking on each turn of the event loop; rejects after `ms`. */
async function until(predicate: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = performance.now() + ms;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Exactly one interaction callback, accepted; for an undeferred answer that is the only response. */
function expectAnsweredOnce(handle: InteractionHandle, deferred = false): RecordedResponse[] {
  const responses = handle.responses();
  const callbacks = responses.filter((r) => r.kind === 'callback');
  expect(callbacks, `callbacks to ${handle.id}`).toHaveLength(1);
  expect(callbacks[0]!.status).toBeLessThan(300);
  if (!deferred) expect(responses, `responses to ${handle.id}`).toHaveLength(1);
  return responses;
}

const requestsTo = (pathPart: string, method?: string): RecordedRequest[] =>
  h.standIn.requests.filter((r) => r.path.includes(pathPart) && (!method || r.method === method));

/** What Discord sends with a 429 (discord.js reads retry-after and the x-ratelimit-* headers). */
function rateLimited(seconds: number) {
  return {
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: seconds, global: false },
    headers: {
      'retry-after': String(seconds),
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': ((Date.now() + seconds * 1000) / 1000).toFixed(3),
      'x-ratelimit-reset-after': seconds.toFixed(3),
      'x-ratelimit-scope': 'user',
    },
  };
}

/**
 * Runs `fn` while the bot's interaction listener is swapped for one whose runner holds commands
 * that wait for `gate` (so the bot defers them); the bot's own listener is restored afterwards.
 */
async function withGatedCommands(names: string[], fn: (release: () => void) => Promise<void>): Promise<void> {
  const { client } = h.bot;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const gated = Object.fromEntries(
    names.map((name): [string, CommandModule] => {
      const real = h.commands.get(name)!;
      return [name, { data: real.data, execute: async (request, context) => (await gate, real.execute(request, context)) }];
    }),
  );
  const listeners = client.listeners(Events.InteractionCreate) as ((interaction: Interaction) => void)[];
  expect(listeners).toHaveLength(1);
  const runner = new CommandRunner(new Map([...h.commands, ...Object.entries(gated)]), { library: h.bot.library }, h.log.child({ module: 'commands' }));
  const handle = createInteractionHandler(runner, new PageStore(), h.log.child({ module: 'discord' }));
  const swapped = (interaction: Interaction) => void handle(interaction);
  client.off(Events.InteractionCreate, listeners[0]!);
  client.on(Events.InteractionCreate, swapped);
  try {
    await fn(release);
  } finally {
    release();
    client.off(Events.InteractionCreate, swapped);
    client.on(Events.InteractionCreate, listeners[0]!);
  }
}

describe('gateway', () => {
  it('drops the connection mid-burst and resumes: every interaction is answered, none twice', async () => {
    const { client } = h.bot;
    const sessions = h.standIn.sessionCount;
    const resumes = h.standIn.resumeCount;
    const mark = h.logs.mark();

    const before = burst(15);
    const resumed = once(client, Events.ShardResume);
    h.standIn.dropGateway(4000); // resumable
    // Dispatched while the socket is down: Discord keeps them and replays them on RESUME.
    const during = burst(10, 3);
    await within(resumed, 5_000, 'resume');
    const after = burst(15, 5);

    const all = [...before, ...during, ...after];
    await within(Promise.all(all.map((handle) => handle.finalResponse)), 5_000, 'answers');
    for (const handle of all) expectAnsweredOnce(handle);
    for (const handle of after) {
      const first = await handle.firstResponse;
      expect(first.at - handle.dispatchedAt).toBeLessThan(DISCORD_DEADLINE_MS);
    }
    // A resume, not a new session: nothing was lost or replayed twice.
    expect(h.standIn.resumeCount).toBe(resumes + 1);
    expect(h.standIn.sessionCount).toBe(sessions);
    const messages = h.logs.since(mark).map((line) => line.msg);
    expect(messages).toContain('gateway connection lost: reconnecting');
    expect(messages).toContain('gateway connection resumed');
  });

  it('stops entirely: the bot keeps retrying, spaced out, logs it, and answers again when Discord is back', async () => {
    const { client } = h.bot;
    const mark = h.logs.mark();
    /** Each reconnect attempt: when it was announced, and how many connections the stand-in had refused by then. */
    const attempts: { at: number; refusedBefore: number }[] = [];
    const errors: Error[] = [];
    let enough!: () => void;
    const threeAttempts = new Promise<void>((resolve) => (enough = resolve));
    const refusedAtStart = h.standIn.refusedConnections;
    const onReconnecting = () => {
      attempts.push({ at: performance.now(), refusedBefore: h.standIn.refusedConnections - refusedAtStart });
      if (attempts.length >= 4) enough();
    };
    const onShardError = (err: Error) => errors.push(err);
    client.on(Events.ShardReconnecting, onReconnecting);
    client.on(Events.ShardError, onShardError);
    try {
      h.standIn.setGatewayEnabled(false);
      h.standIn.dropGateway(4000);
      await within(threeAttempts, 8_000, 'reconnect attempts while Discord is down');
      const resumed = once(client, Events.ShardResume);
      h.standIn.setGatewayEnabled(true);
      await within(resumed, 5_000, 'resume after the outage');
    } finally {
      client.off(Events.ShardReconnecting, onReconnecting);
      client.off(Events.ShardError, onShardError);
      h.standIn.setGatewayEnabled(true);
    }
    // Each failed attempt is a refused connection (503), and the attempts are one at a time, not a
    // hot loop: the k-th is announced once the stand-in has refused exactly the k - 1 before it.
    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(errors[0]!.message).toMatch(/503/);
    expect(attempts.map((attempt) => attempt.refusedBefore)).toEqual(attempts.map((_, k) => k));
    // And spaced out: discord.js waits 500 ms after announcing an attempt before it connects (the
    // wait starts in the same tick as the event), so a busy machine only lengthens these gaps.
    // A lower bound that load cannot break, not a measurement.
    const gaps = attempts.slice(1).map((attempt, i) => attempt.at - attempts[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(400);

    // The log shows the outage: a warning per attempt with how long the bot has been cut off, the
    // reason of each failed attempt, and when it is back.
    const lines = h.logs.since(mark);
    const warnings = lines.filter((line) => line.level === 40);
    expect(warnings.filter((line) => String(line.msg).startsWith('gateway connection lost')).length).toBeGreaterThanOrEqual(4);
    expect(warnings.find((line) => line.msg === 'gateway connection lost: reconnecting (still down)')).toMatchObject({ attempt: expect.any(Number), downSeconds: expect.any(Number) });
    const failed = warnings.filter((line) => line.msg === 'gateway connection attempt failed');
    expect(failed.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(failed[0]!.err)).toMatch(/503/);
    expect(lines.find((line) => line.msg === 'gateway connection resumed')).toMatchObject({ level: 30, attempts: expect.any(Number) });

    const again = burst(7);
    await within(Promise.all(again.map((handle) => handle.finalResponse)), 3_000, 'answers after the outage');
    for (const handle of again) expectAnsweredOnce(handle);
  });
});

describe('REST faults', () => {
  it('429 with retry_after on the interaction callback: the answer is delivered once, after the wait', async () => {
    h.standIn.failNext({ method: 'POST', pathIncludes: '/callback' }, rateLimited(0.2));
    const handle = h.standIn.dispatchCommand({ name: 'ask', options: { question: 'Who signed the memorandum?' } });
    const answer = await within(handle.finalResponse, 3_000, 'answer');
    expect(answer).toMatchObject({ kind: 'callback', type: 4, status: 204 });
    expect(answer.body.data.embeds[0].title).toMatch(/MOU/);
    const attempts = requestsTo(`/interactions/${handle.id}/`);
    expect(attempts.map((r) => r.status)).toEqual([429, 204]);
    // After the wait: the stand-in records the 429 before answering it, and discord.js starts its
    // 0.2 s wait only once it has the answer, so load only lengthens the gap (a lower bound, not a measurement).
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(200 - TIMER_SLACK_MS);
    // In time for Discord: the stand-in refuses a first response later than Discord's 3 s (404, and
    // a violation afterEach fails on), so the 204 above is the deadline's check.
    expectAnsweredOnce(handle);
  });

  it('500 once on the callback, then normal: one answer, not two', async () => {
    h.standIn.failNext({ method: 'POST', pathIncludes: '/callback' }, { status: 500 });
    const handle = h.standIn.dispatchCommand({ name: 'sources' });
    const answer = await within(handle.finalResponse, 3_000, 'answer');
    expect(answer).toMatchObject({ kind: 'callback', type: 4, status: 204 });
    expect(requestsTo(`/interactions/${handle.id}/`).map((r) => r.status)).toEqual([500, 204]);
    expectAnsweredOnce(handle);
    expect(handle.message()?.embeds?.[0].title).toMatch(/^Sources/);
  });

  it('after a deferral: 429 on the edit and 500 on the private follow-up still give one answer each', async () => {
    await withGatedCommands(['sources', 'help'], async (release) => {
      const publicAnswer = h.standIn.dispatchCommand({ name: 'sources' });
      const privateAnswer = h.standIn.dispatchCommand({ name: 'help' });
      const firsts = await within(Promise.all([publicAnswer.firstResponse, privateAnswer.firstResponse]), DEFER_AFTER_MS + 1_500, 'deferrals');
      for (const first of firsts) expect(first).toMatchObject({ type: 5, status: 204 });

      h.standIn.failNext({ method: 'PATCH', pathIncludes: `/${publicAnswer.token}/messages/@original` }, rateLimited(0.2));
      h.standIn.failNext({ method: 'POST', pathIncludes: `/webhooks/${h.standIn.applicationId}/${privateAnswer.token}` }, { status: 500 });
      release();

      const edited = await within(publicAnswer.finalResponse, 3_000, 'edit');
      expect(edited).toMatchObject({ kind: 'edit', status: 200 });
      expect(edited.body.embeds[0].title).toMatch(/^Sources/);
      const patches = requestsTo(`/${publicAnswer.token}/messages/@original`, 'PATCH');
      expect(patches.map((r) => r.status)).toEqual([429, 200]);
      expect(patches[1]!.at - patches[0]!.at).toBeGreaterThanOrEqual(200 - TIMER_SLACK_MS);
      expect(expectAnsweredOnce(publicAnswer, true).filter((r) => r.kind === 'edit')).toHaveLength(1);

      const followed = await within(privateAnswer.finalResponse, 3_000, 'follow-up');
      expect(followed).toMatchObject({ kind: 'followup', status: 200 });
      expect(followed.message?.flags).toBe(EPHEMERAL);
      const posts = requestsTo(`/webhooks/${h.standIn.applicationId}/${privateAnswer.token}`, 'POST');
      expect(posts.map((r) => r.status)).toEqual([500, 200]);
      expect(expectAnsweredOnce(privateAnswer, true).filter((r) => r.kind === 'followup')).toHaveLength(1);
    });
  });

  it('a slow (2 s) edit: other interactions are answered promptly meanwhile', async () => {
    await withGatedCommands(['sources'], async (release) => {
      const slow = h.standIn.dispatchCommand({ name: 'sources' });
      expect(await within(slow.firstResponse, DEFER_AFTER_MS + 1_500, 'deferral')).toMatchObject({ type: 5, status: 204 });
      const editPath = `/${slow.token}/messages/@original`;
      // The edit is held by the stand-in until the test lets it go: as slow as it needs, with no timer.
      const edit = h.standIn.holdNext({ method: 'PATCH', pathIncludes: editPath });
      release();
      await until(() => requestsTo(editPath, 'PATCH').length > 0, DISCORD_DEADLINE_MS, 'the edit reaching the stand-in');
      const held = requestsTo(editPath, 'PATCH')[0]!;

      // While the edit is held, waves of other interactions (the gated /sources aside) are answered.
      const others: InteractionHandle[] = [];
      for (let wave = 0; wave < 8; wave++) {
        const handles = burst(6, 1 + wave);
        others.push(...handles);
        await within(Promise.all(handles.map((handle) => handle.finalResponse)), DISCORD_DEADLINE_MS, `wave ${wave}`);
      }
      expect(held.status, 'the slow edit is still held').toBeUndefined();

      edit.release();
      const slowFinal = await within(slow.finalResponse, DISCORD_DEADLINE_MS, 'slow edit');
      expect(slowFinal).toMatchObject({ kind: 'edit', status: 200 });
      for (const handle of others) {
        // Every other interaction was answered before the slow edit went through.
        const final = await handle.finalResponse;
        expect(final.at).toBeLessThan(slowFinal.at);
        expectAnsweredOnce(handle);
      }
    });
  });
});

describe('stopping', () => {
  it('bot.stop() while an answer is in flight finishes that answer first, then closes', async () => {
    const own = await startBotHarness({ logLevel: 'warn' });
    try {
      const { client } = own.bot;
      // The answer is slow to be accepted (the callback is held for 1 s), so it is in flight when stop() is called.
      own.standIn.delayNext({ method: 'POST', pathIncludes: '/callback' }, 1_000);
      const received = once(client, Events.InteractionCreate);
      const handle = own.standIn.dispatchCommand({ name: 'ask', options: { question: 'Who signed the memorandum?' } });
      await within(received, 2_000, 'the interaction reaching the bot');

      const stopAt = performance.now();
      await within(own.bot.stop(), STOP_BOUND_MS, 'bot.stop()');
      const stoppedAt = performance.now();

      const answer = await within(handle.finalResponse, 1_000, 'the answer in flight');
      expect(answer).toMatchObject({ kind: 'callback', type: 4, status: 204 });
      // It was in flight when stop() was called, and stop() waited for it.
      expect(answer.at).toBeGreaterThan(stopAt);
      expect(answer.at).toBeLessThanOrEqual(stoppedAt);
      expect(client.isReady()).toBe(false);
      expect(own.standIn.violations).toEqual([]);
    } finally {
      await own.close();
    }
  });
});

describe('a long outage', () => {
  it('backs off: after repeated failures the bot pauses, doubling the pause, and answers again when Discord is back', { timeout: 30_000 }, async () => {
    // Logins are not spaced out (see ClientOptions.identifyAtOnce): the wait measured is the bot's own.
    const own = await startBotHarness({ connect: { reconnect: { pauseAfter: 3, firstPauseMs: 150, longestPauseMs: 1_000 }, identifyAtOnce: true } });
    try {
      const mark = own.logs.mark();
      const pauses = () => own.logs.since(mark).filter((line) => line.msg === 'Discord unreachable: pausing before trying again');
      own.standIn.setGatewayEnabled(false);
      own.standIn.dropGateway(4000);
      await until(() => pauses().length >= 3, 8_000, 'three pauses while Discord is down');
      expect(pauses().map((line) => line.pauseMs)).toEqual([150, 300, 600]);
      expect(pauses().every((line) => line.level === 40)).toBe(true);

      const ready = once(own.bot.client, Events.ShardReady);
      own.standIn.setGatewayEnabled(true);
      await within(ready, 12_000, 'logged in again after the outage');
      expect(own.logs.since(mark).map((line) => line.msg)).toContain('gateway connection re-established');
      const again = own.standIn.dispatchCommand({ name: 'ask', options: { question: 'Who signed the memorandum?' } });
      const answer = await within(again.finalResponse, 3_000, 'an answer after the outage');
      expect(JSON.stringify(answer.body)).toContain('Nagaspayev');
      expect(own.standIn.violations).toEqual([]);
    } finally {
      await own.close();
    }
  });
});
