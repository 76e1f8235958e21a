/**
 * Hostile input, generated: thousands of interactions through the real bot (connectBot, the real
 * dispatcher, commands and knowledge base) against the local Discord stand-in. Option strings full
 * of Markdown, mentions, zero-width and right-to-left characters, lone surrogates, up to 6,000
 * characters; unknown commands, unknown subcommands and option names, missing required options
 * (Discord delivers these when the registered commands are stale: the commands are re-registered
 * here in a looser shape, plus a command the bot does not have); clicks on forged, stale and
 * other people's buttons.
 *
 * Properties: nothing crashes (no unhandled rejection, no "interaction failed"), every interaction
 * gets exactly one first response, in time, every message is within Discord's limits (the
 * stand-in's `violations` stays empty) and pings nobody (`allowed_mentions.parse` is empty).
 */
import fc from 'fast-check';
import { REST, Routes, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotHarness, type BotHarness } from './support/bot-harness';
import { ALL_PERMISSIONS, snowflake, type InteractionHandle, type OptionValue, type RecordedMessage } from './support/discord-standin';
import './support/unhandled';

const RUNS = 110;
const BATCH = { minLength: 20, maxLength: 24 };
/** Discord's limit for the first response. */
const FIRST_RESPONSE_LIMIT_MS = 3_000;

// ------------------------------------------------------------------------------------------
// Hostile text
// ------------------------------------------------------------------------------------------

const SPECIAL = [
  '@everyone', '@here', '<@123>', '<@!123456789012345678>', '<@&1>', '<#1>', '</ask:1>', '<t:0:R>',
  '*', '**', '_', '__', '~~', '`', '```', '||', '>', '>>> ', '# ', '-# ', '- ', '1. ', '[x](http://a.b)', '\\', '\n',
  '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u202e', '\u202b', '\u2067', '\u200f', '\u061c',
  '😀', '👩‍👩‍👧', 'ئ', 'א', 'é',
];
const unit = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 4, arbitrary: fc.constantFrom('Who ', 'signed ', 'tungsten ', 'Kazakhstan ', 'gallium ', 'the ', 'memorandum', '?', ' ') },
);
const hostileText = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit, maxLength: 40 }) },
  // Long: a hostile piece repeated up to 6,000 characters (cut anywhere, even inside a surrogate pair).
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ unit, minLength: 1, maxLength: 30 }), fc.integer({ min: 101, max: 6_000 }))
      .map(([piece, length]) => piece.repeat(Math.ceil(length / piece.length)).slice(0, length)),
  },
);

// ------------------------------------------------------------------------------------------
// Commands as Discord might deliver them: the bot's own, loosened (stale registrations), and one it lacks
// ------------------------------------------------------------------------------------------

interface OptionSpec {
  name: string;
  type: number;
  autocomplete?: boolean;
  options?: OptionSpec[];
}
type CommandJson = RESTPostAPIChatInputApplicationCommandsJSONBody & { options?: OptionSpec[] };

const EXTRA: OptionSpec = { name: 'zzz', type: 3, autocomplete: true };

/** The command with every option optional, an extra option everywhere, and an extra subcommand where it has subcommands. */
function loosen(command: CommandJson): CommandJson {
  const options = (command.options ?? []) as (OptionSpec & { required?: boolean })[];
  const hasSubs = options.some((o) => o.type === 1);
  const leaf = (list: OptionSpec[] = []) => [...list.map((o) => ({ ...o, required: false })), { ...EXTRA, description: 'not in the bot' }];
  return {
    ...command,
    options: (hasSubs
      ? [...options.map((sub) => ({ ...sub, options: leaf(sub.options) })), { name: 'zzz', type: 1, description: 'not in the bot', options: leaf() }]
      : leaf(options)) as CommandJson['options'],
  };
}

const GHOST: CommandJson = { name: 'ghost', description: 'A command the bot does not have', options: [{ ...EXTRA, description: 'anything' }] as CommandJson['options'] };

/** Admin subcommands with effects beyond the reply (posting, fetching from the web, writing articles): always invoked without the permission here. */
const SIDE_EFFECTS = new Set(['digest now', 'digest channel', 'digest time', 'knowledge add', 'feeds add', 'feeds remove', 'feeds resume']);

function valueFor(type: number): fc.Arbitrary<OptionValue> {
  switch (type) {
    case 4:
      return fc.integer();
    case 10:
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 5:
      return fc.boolean();
    case 6:
    case 7:
    case 8:
    case 9:
      return fc.constant(snowflake());
    default:
      return hostileText;
  }
}

type Spec =
  | { kind: 'command'; name: string; subcommand?: string; options: Record<string, OptionValue>; permissions: string; other: boolean }
  | { kind: 'autocomplete'; name: string; subcommand?: string; focused: string; typed: string }
  | { kind: 'forged-button'; customId: string }
  | { kind: 'stale-page'; key: string; index: string }
  | { kind: 'real-button'; other: boolean; index: string };

function specsFor(commands: CommandJson[]): fc.Arbitrary<Spec> {
  interface Leaf {
    name: string;
    subcommand: string | undefined;
    options: OptionSpec[];
  }
  const leaves = commands.flatMap((command): Leaf[] => {
    const options = (command.options ?? []) as OptionSpec[];
    const subs = options.filter((o) => o.type === 1);
    return subs.length ? subs.map((sub) => ({ name: command.name, subcommand: sub.name, options: sub.options ?? [] })) : [{ name: command.name, subcommand: undefined, options }];
  });
  const command = fc.constantFrom(...leaves).chain((leaf) =>
    fc.record({
      kind: fc.constant('command' as const),
      name: fc.constant(leaf.name),
      subcommand: fc.constant(leaf.subcommand),
      options: fc.record(Object.fromEntries(leaf.options.map((o) => [o.name, valueFor(o.type)])), { requiredKeys: [] }),
      permissions: SIDE_EFFECTS.has(`${leaf.name} ${leaf.subcommand}`) ? fc.constant('0') : fc.constantFrom('0', ALL_PERMISSIONS),
      other: fc.boolean(),
    }),
  );
  const focusable = leaves.flatMap((leaf: Leaf) => leaf.options.filter((o) => o.autocomplete).map((o) => ({ ...leaf, focused: o.name })));
  const autocomplete = fc.record({
    kind: fc.constant('autocomplete' as const),
    target: fc.constantFrom(...focusable),
    typed: hostileText,
  }).map(({ target, typed }): Spec => ({ kind: 'autocomplete', name: target.name, subcommand: target.subcommand, focused: target.focused, typed }));
  return fc.oneof(
    { weight: 10, arbitrary: command as fc.Arbitrary<Spec> },
    { weight: 4, arbitrary: autocomplete },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('forged-button' as const), customId: fc.string({ unit, minLength: 1, maxLength: 100 }).filter((s) => s.length <= 100) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('stale-page' as const), key: fc.string({ unit, maxLength: 40 }), index: fc.oneof(fc.nat().map(String), fc.string({ unit, maxLength: 10 })) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('real-button' as const), other: fc.boolean(), index: fc.oneof(fc.integer({ min: -5, max: 50 }).map(String), fc.string({ unit, maxLength: 10 })) }) },
  );
}

// ------------------------------------------------------------------------------------------
// The run
// ------------------------------------------------------------------------------------------

let h: BotHarness;
let rest: REST;
let specs: fc.Arbitrary<Spec>;
/** A public answer with a "More results" button, to click on. */
let paged: { message: RecordedMessage; key: string };
const stranger = { id: snowflake(), username: 'someone-else' };

beforeAll(async () => {
  h = await startBotHarness({ logLevel: 'warn' });
  rest = new REST({ api: h.standIn.apiUrl }).setToken(h.standIn.token);
  const own = [...h.commands.values()].map((c) => c.data.toJSON() as CommandJson);
  const registered = [...own.map(loosen), GHOST];
  await rest.put(Routes.applicationGuildCommands(h.standIn.applicationId, h.standIn.guildId), { body: registered });
  specs = specsFor(registered);

  const asked = h.standIn.dispatchCommand({ name: 'ask', options: { question: 'Who signed the memorandum?' } });
  await asked.finalResponse;
  const message = asked.message()!;
  const more = message.components![0].components.find((b: { style: number }) => b.style === 2);
  paged = { message, key: (more.custom_id as string).split(':')[1]! };
});

afterAll(async () => {
  rest?.clearHashSweeper();
  rest?.clearHandlerSweeper();
  await h?.close();
});

/** A message whose only button has `customId` (a button Discord shows, from a message the bot may never have sent). */
function messageWithButton(customId: string): RecordedMessage {
  const body = { ...paged.message.body, id: snowflake(), components: [{ type: 1, components: [{ type: 2, style: 2, label: 'More results', custom_id: customId }] }] };
  return { id: body.id, channel_id: body.channel_id, body };
}

function dispatch(spec: Spec): InteractionHandle {
  const { standIn } = h;
  switch (spec.kind) {
    case 'command':
      return standIn.dispatchCommand({
        name: spec.name,
        ...(spec.subcommand ? { subcommand: spec.subcommand } : {}),
        options: spec.options,
        memberPermissions: spec.permissions,
        ...(spec.other ? { user: stranger } : {}),
      });
    case 'autocomplete':
      return standIn.dispatchAutocomplete({
        name: spec.name,
        ...(spec.subcommand ? { subcommand: spec.subcommand } : {}),
        focused: spec.focused,
        options: { [spec.focused]: spec.typed },
      });
    case 'forged-button':
      return standIn.clickButton({ customId: spec.customId, message: messageWithButton(spec.customId) });
    case 'stale-page': {
      const customId = `page:${spec.key}:${spec.index}`.slice(0, 100);
      return standIn.clickButton({ customId, message: messageWithButton(customId) });
    }
    case 'real-button': {
      const customId = `page:${paged.key}:${spec.index}`.slice(0, 100);
      return standIn.clickButton({ customId, message: messageWithButton(customId), ...(spec.other ? { user: stranger } : {}) });
    }
  }
}

/** Rejects when `promise` has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no response within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textsOf(spec: Spec): string[] {
  if (spec.kind === 'command') return Object.values(spec.options).filter((v): v is string => typeof v === 'string');
  if (spec.kind === 'autocomplete') return [spec.typed];
  if (spec.kind === 'forged-button') return [spec.customId];
  return [];
}

/** The message payloads the bot sent for one interaction (callback data, edits, follow-ups). */
function messagesOf(handle: InteractionHandle): any[] {
  return handle.responses().flatMap((r) => {
    if (r.kind !== 'callback') return [r.body];
    return r.type === 4 || r.type === 7 ? [r.body?.data ?? {}] : [];
  });
}

describe('hostile input through the real bot', () => {
  it(`${RUNS} generated batches of ${BATCH.minLength}–${BATCH.maxLength} interactions: each answered once, in time, within limits, pinging nobody`, async () => {
    let dispatched = 0;
    let longest = 0;
    let loneSurrogates = 0;
    const kinds = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(specs, BATCH), async (batch) => {
        const handles = batch.map((spec) => {
          kinds.set(spec.kind, (kinds.get(spec.kind) ?? 0) + 1);
          for (const text of textsOf(spec)) {
            longest = Math.max(longest, text.length);
            if (LONE_SURROGATE.test(text)) loneSurrogates++;
          }
          return dispatch(spec);
        });
        dispatched += handles.length;
        await within(Promise.all(handles.map((handle) => handle.finalResponse)), 5_000, 'a batch');
        for (const [i, handle] of handles.entries()) {
          const spec = batch[i]!;
          const callbacks = handle.responses().filter((r) => r.kind === 'callback');
          expect(callbacks, `${spec.kind} ${JSON.stringify(spec).slice(0, 200)}`).toHaveLength(1);
          const first = callbacks[0]!;
          // Which interaction, and how late: a late first response is refused (404) by the stand-in.
          const late = `${spec.kind} ${JSON.stringify(spec).slice(0, 200)}: first response after ${Math.round(first.at - handle.dispatchedAt)} ms`;
          expect(first.status, late).toBeLessThan(300);
          expect(first.at - handle.dispatchedAt, late).toBeLessThan(FIRST_RESPONSE_LIMIT_MS);
          if (spec.kind === 'autocomplete') {
            expect(first.type).toBe(8);
            expect(first.body.data.choices.length).toBeLessThanOrEqual(25);
          }
          for (const message of messagesOf(handle)) expect(message.allowed_mentions).toEqual({ parse: [] });
        }
        expect(h.standIn.violations).toEqual([]);
        expect(h.standIn.unknownRoutes).toEqual([]);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(dispatched).toBeGreaterThanOrEqual(2_000);
    // The generator did reach the hard cases.
    expect(longest).toBeGreaterThan(5_000);
    expect(loneSurrogates).toBeGreaterThan(50);
    for (const kind of ['command', 'autocomplete', 'forged-button', 'stale-page', 'real-button']) expect(kinds.get(kind) ?? 0).toBeGreaterThan(0);
    // Nothing failed inside the bot: unknown commands are warnings, not errors.
    expect(h.logs.atLeast(50)).toEqual([]);
  }, 60_000);
});
