/**
 * A local stand-in for Discord's REST API (node:http) and gateway (ws) on 127.0.0.1, so end-to-end
 * tests can run the real discord.js Client: log in, receive interactions, and answer them.
 *
 * Everything the bot sends is checked against Discord's limits (see /work/shared/DISCORD.md).
 * Breaking a hard limit is answered the way Discord answers it (400 Invalid Form Body) and recorded
 * in `violations`; breaking one of our own rules (a message that could ping) is only recorded.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export interface StandInOptions {
  token?: string;
  applicationId?: string;
  guildId?: string;
  heartbeatIntervalMs?: number;
  /** How long the bot has for its first response to an interaction. Discord: 3000 ms. */
  interactionDeadlineMs?: number;
}

export type OptionValue = string | number | boolean;

export interface StandInUser {
  id: string;
  username?: string;
}

export interface CommandInput {
  name: string;
  subcommand?: string;
  subcommandGroup?: string;
  options?: Record<string, OptionValue>;
  user?: StandInUser;
  /** Permission bitfield of the invoking member; default all permissions, '0' means none. */
  memberPermissions?: string;
  /** The member's role ids (e.g. the stand-in's `editorRoleId`); default none. */
  memberRoles?: string[];
  channelId?: string;
}

export interface AutocompleteInput {
  name: string;
  subcommand?: string;
  subcommandGroup?: string;
  /** Name of the option the user is typing in; its value (default '') is sent as a string. */
  focused: string;
  options?: Record<string, OptionValue>;
  user?: StandInUser;
  memberPermissions?: string;
  memberRoles?: string[];
  channelId?: string;
}

export interface ButtonInput {
  customId: string;
  message: RecordedMessage;
  user?: StandInUser;
  memberPermissions?: string;
  memberRoles?: string[];
  channelId?: string;
}

export interface ModalSubmitInput {
  /** The interaction the bot answered with the modal (callback type 9); the same person submits it. */
  from: InteractionHandle;
  /** What the person typed, by the text inputs' custom ids; inputs left out are submitted empty. */
  values?: Record<string, string>;
}

export interface RecordedRequest {
  method: string;
  /** Decoded path without the `/api/v10` prefix, e.g. `/webhooks/1/tok/messages/@original`. */
  path: string;
  /** Query string including `?`, or ''. */
  query: string;
  body: unknown;
  /** performance.now() when the request arrived. */
  at: number;
  /** HTTP status the stand-in answered with (unset while the request is still being handled). */
  status?: number;
}

export interface RecordedResponse {
  kind: 'callback' | 'edit' | 'followup';
  /** Callback type (4 reply, 5 defer, 6 deferUpdate, 7 update, 8 autocomplete, 9 modal). */
  type?: number;
  body: any;
  /** performance.now() when the stand-in handled the request. */
  at: number;
  /** HTTP status the stand-in answered with: 204/200 accepted, 4xx refused like Discord would. */
  status: number;
  /** The message as it stood after this response (for replies, updates, edits and follow-ups). */
  message?: RecordedMessage;
}

export interface RecordedMessage {
  id: string;
  channel_id: string;
  content?: string;
  embeds?: any[];
  components?: any[];
  flags?: number;
  nonce?: string;
  /** The full message object as the stand-in returned it. */
  body: any;
}

export interface InteractionHandle {
  id: string;
  token: string;
  /** performance.now() at dispatch. */
  dispatchedAt: number;
  /** The first interaction callback the bot sent (whatever its type and whether it was accepted). */
  firstResponse: Promise<RecordedResponse>;
  /**
   * The response that carried the answer: the first callback if it was type 4, 7 or 8; otherwise
   * (after a defer, type 5 or 6) the first edit of a message or follow-up.
   */
  finalResponse: Promise<RecordedResponse>;
  /** Every callback, edit and follow-up for this interaction, in order. */
  responses(): RecordedResponse[];
  /** The interaction's `@original` message as it stands now, if there is one. */
  message(): RecordedMessage | undefined;
  /** The modal the bot answered with (callback type 9, accepted), if it did. */
  modal(): any | undefined;
  /**
   * The `index`-th response (0-based: callbacks, edits and follow-ups in the order they came),
   * as soon as it has come: for replies that are edited several times (progress, then the answer).
   */
  response(index: number): Promise<RecordedResponse>;
}

export interface FaultMatch {
  method?: string;
  /** Matched against the decoded path without `/api/v10`, e.g. '/channels/' or '/callback'. */
  pathIncludes: string;
}

export interface FaultResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface StandIn {
  /** e.g. 'http://127.0.0.1:PORT/api' — pass to the Client as `rest: { api: apiUrl }`. */
  apiUrl: string;
  gatewayUrl: string;
  token: string;
  applicationId: string;
  guildId: string;
  /** A text channel the guild has from the start; dispatches default to it. */
  defaultChannelId: string;
  /** The user every dispatch defaults to. */
  defaultUserId: string;
  botUser: { id: string; username: string };
  /** A role of the guild with no permissions of its own, for members to have (`memberRoles`). */
  editorRoleId: string;
  /** Closes gateway sockets and the HTTP server; idempotent. */
  close(): Promise<void>;

  /** Commands registered in a scope (global when no guildId), as sent plus id/application_id/version. */
  registeredCommands(scope?: { guildId?: string }): unknown[];
  /** Messages the bot created with POST /channels/:id/messages, as they stand now. */
  channelMessages(channelId: string): RecordedMessage[];
  /** Any message the stand-in knows (channel posts, interaction replies, follow-ups), as it stands now. */
  message(id: string): RecordedMessage | undefined;
  /** Every Discord-limit / mention-rule violation seen in anything the bot sent. */
  violations: string[];
  requests: RecordedRequest[];
  /** Requests to routes the stand-in does not implement (answered 404). */
  unknownRoutes: string[];

  dispatchCommand(input: CommandInput): InteractionHandle;
  dispatchAutocomplete(input: AutocompleteInput): InteractionHandle;
  clickButton(input: ButtonInput): InteractionHandle;
  /**
   * The person submits the modal the bot showed them (INTERACTION_CREATE type 5, MODAL_SUBMIT).
   * Throws when there is no such modal, or when the values break what the modal allows (Discord's
   * client would not send them). Dismissing a modal sends Discord nothing: do not call this.
   */
  submitModal(input: ModalSubmitInput): InteractionHandle;

  /** Answer the next `times` matching requests with `response` instead of handling them. */
  failNext(match: FaultMatch, response: FaultResponse, times?: number): void;
  /** Hold the next `times` matching requests for `ms` before handling them (a slow network). */
  delayNext(match: FaultMatch, ms: number, times?: number): void;
  /** Hold the next matching request until `release()` is called (a request as slow as a test needs, with no timer). */
  holdNext(match: FaultMatch): { release(): void };
  /** Close live gateway sockets (default 4000, resumable; 1006 cuts the TCP connection). */
  dropGateway(code?: number): void;
  /** When off, GET /gateway/bot answers 503 and WebSocket upgrades fail. Live sockets stay up. */
  setGatewayEnabled(on: boolean): void;
  /** Resolves when no HTTP request is being handled. */
  waitForIdle(): Promise<void>;
  readonly sessionCount: number;
  readonly resumeCount: number;
  /** Gateway connections refused (503) while the gateway was off. */
  readonly refusedConnections: number;
}

// ---------------------------------------------------------------------------------------------
// Constants and ids
// ---------------------------------------------------------------------------------------------

export const ALL_PERMISSIONS = '2199023255551';
const DISCORD_EPOCH = 1420070400000n;
const TOKEN_LIFETIME_MS = 15 * 60 * 1000;
const FLAG_SUPPRESS_EMBEDS = 4;
const FLAG_EPHEMERAL = 64;
const FLAG_LOADING = 128;
const FLAG_COMPONENTS_V2 = 32768;
const INTERACTION_TYPE = { command: 2, component: 3, autocomplete: 4, modal: 5 } as const;
const ALLOWED_CALLBACKS: Record<InteractionKind, number[]> = {
  command: [4, 5, 9],
  component: [4, 5, 6, 7, 9],
  autocomplete: [8],
  // A modal cannot answer a modal; 6 and 7 only for a modal opened from a message's component.
  modal: [4, 5, 6, 7],
};

let snowflakeCounter = 0n;
/** A Discord snowflake (17–19 digits) for now; ids made in the same millisecond still increase. */
export function snowflake(): string {
  snowflakeCounter = (snowflakeCounter + 1n) & 0x3fffffn;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | snowflakeCounter).toString();
}

function interactionToken(id: string): string {
  return Buffer.from(`interaction:${id}:${randomBytes(48).toString('base64url')}`).toString('base64url');
}

// ---------------------------------------------------------------------------------------------
// Payload checks
// ---------------------------------------------------------------------------------------------

/** Payload bodies are arbitrary JSON sent by the bot. */
type Payload = Record<string, any>;

interface Issue {
  path: (string | number)[];
  message: string;
  code: string;
  /** Discord refuses the request (400); otherwise the issue is only recorded. */
  rejects: boolean;
}

function pathText(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

class Issues {
  readonly list: Issue[] = [];
  hard(path: (string | number)[], what: string, code = 'BASE_TYPE_BAD_LENGTH'): void {
    this.list.push({ path, message: `${pathText(path)} ${what}`, code, rejects: true });
  }
  soft(path: (string | number)[], what: string): void {
    this.list.push({ path, message: `${pathText(path)} ${what}`, code: 'STAND_IN_RULE', rejects: false });
  }
  /** A string of at most `max` (and at least `min`) UTF-16 code units, when present. */
  length(path: (string | number)[], value: unknown, max: number, min = 0, required = false): number {
    if (value === undefined || value === null) {
      if (required) this.hard(path, 'is required', 'BASE_TYPE_REQUIRED');
      return 0;
    }
    if (typeof value !== 'string') {
      this.hard(path, `is not a string`, 'BASE_TYPE_STRING');
      return 0;
    }
    if (value.length > max) this.hard(path, `is ${value.length} characters (max ${max})`);
    else if (value.length < min) this.hard(path, `is ${value.length} characters (min ${min})`);
    return value.length;
  }
}

const isObject = (v: unknown): v is Payload => typeof v === 'object' && v !== null && !Array.isArray(v);
const strLen = (v: unknown): number => (typeof v === 'string' ? v.length : 0);

function checkEmbeds(issues: Issues, prefix: (string | number)[], embeds: unknown): void {
  if (embeds === undefined || embeds === null) return;
  if (!Array.isArray(embeds)) return issues.hard([...prefix, 'embeds'], 'is not an array', 'BASE_TYPE_ARRAY');
  if (embeds.length > 10) issues.hard([...prefix, 'embeds'], `has ${embeds.length} embeds (max 10)`, 'BASE_TYPE_MAX_LENGTH');
  let total = 0;
  embeds.forEach((embed: unknown, i) => {
    const at = [...prefix, 'embeds', i];
    if (!isObject(embed)) return issues.hard(at, 'is not an object', 'MODEL_TYPE_CONVERT');
    total += issues.length([...at, 'title'], embed.title, 256);
    total += issues.length([...at, 'description'], embed.description, 4096);
    if (embed.footer !== undefined && embed.footer !== null) {
      total += issues.length([...at, 'footer', 'text'], embed.footer.text, 2048, 1, true);
    }
    if (embed.author !== undefined && embed.author !== null) {
      total += issues.length([...at, 'author', 'name'], embed.author.name, 256, 1, true);
    }
    const fields: unknown = embed.fields;
    if (fields === undefined || fields === null) return;
    if (!Array.isArray(fields)) return issues.hard([...at, 'fields'], 'is not an array', 'BASE_TYPE_ARRAY');
    if (fields.length > 25) issues.hard([...at, 'fields'], `has ${fields.length} fields (max 25)`, 'BASE_TYPE_MAX_LENGTH');
    fields.forEach((field: unknown, j) => {
      const fat = [...at, 'fields', j];
      if (!isObject(field)) return issues.hard(fat, 'is not an object', 'MODEL_TYPE_CONVERT');
      total += issues.length([...fat, 'name'], field.name, 256, 1, true);
      total += issues.length([...fat, 'value'], field.value, 1024, 1, true);
    });
  });
  if (total > 6000) issues.hard([...prefix, 'embeds'], `total ${total} characters across embeds (max 6000)`, 'MAX_EMBED_SIZE_EXCEEDED');
}

const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);

function checkComponents(issues: Issues, prefix: (string | number)[], components: unknown, flags: number): void {
  if (components === undefined || components === null) return;
  const at = [...prefix, 'components'];
  if (!Array.isArray(components)) return issues.hard(at, 'is not an array', 'BASE_TYPE_ARRAY');
  // Components v2 have their own layout rules; the bot does not use them, so flag rather than check.
  if (flags & FLAG_COMPONENTS_V2) return issues.soft(at, 'uses components v2, which the stand-in does not check');
  if (components.length > 5) issues.hard(at, `has ${components.length} action rows (max 5)`, 'BASE_TYPE_MAX_LENGTH');
  const customIds = new Set<string>();
  components.forEach((row: unknown, i) => {
    const rat = [...at, i];
    if (!isObject(row) || row.type !== 1) {
      return issues.hard(rat, `is ${isObject(row) ? `type ${row.type}` : 'not an object'}; top-level components must be action rows (type 1)`, 'UNION_TYPE_CHOICES');
    }
    const children: unknown = row.components;
    if (!Array.isArray(children) || children.length === 0) {
      return issues.hard([...rat, 'components'], 'must be a non-empty array', 'BASE_TYPE_MIN_LENGTH');
    }
    if (children.length > 5) issues.hard([...rat, 'components'], `has ${children.length} components (max 5)`, 'BASE_TYPE_MAX_LENGTH');
    if (children.length > 1 && children.some((c: unknown) => isObject(c) && SELECT_TYPES.has(c.type))) {
      issues.hard([...rat, 'components'], 'holds a select menu with other components (a select menu fills its row)', 'COMPONENT_LAYOUT_WIDTH_EXCEEDED');
    }
    children.forEach((c: unknown, j) => {
      const cat = [...rat, 'components', j];
      if (!isObject(c)) return issues.hard(cat, 'is not an object', 'MODEL_TYPE_CONVERT');
      const hasCustomId = c.custom_id !== undefined && c.custom_id !== null;
      if (hasCustomId) {
        issues.length([...cat, 'custom_id'], c.custom_id, 100, 1);
        if (typeof c.custom_id === 'string') {
          if (customIds.has(c.custom_id)) issues.hard([...cat, 'custom_id'], `"${c.custom_id}" is used twice in one message`, 'COMPONENT_CUSTOM_ID_DUPLICATED');
          customIds.add(c.custom_id);
        }
      }
      if (c.type === 2) {
        issues.length([...cat, 'label'], c.label, 80);
        if (c.style === 5) {
          if (typeof c.url !== 'string' || c.url.length === 0) issues.hard([...cat, 'url'], 'is required on a link button', 'BASE_TYPE_REQUIRED');
          if (hasCustomId) issues.hard([...cat, 'custom_id'], 'is not allowed on a link button', 'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED');
        } else if (c.style === 6) {
          if (!c.sku_id) issues.hard([...cat, 'sku_id'], 'is required on a premium button', 'BASE_TYPE_REQUIRED');
        } else if (c.style >= 1 && c.style <= 4) {
          if (!hasCustomId) issues.hard([...cat, 'custom_id'], 'is required on a non-link button', 'BASE_TYPE_REQUIRED');
          if (c.url !== undefined && c.url !== null) issues.hard([...cat, 'url'], 'is only allowed on a link button', 'BUTTON_COMPONENT_URL_NOT_ALLOWED');
        } else {
          issues.hard([...cat, 'style'], `${JSON.stringify(c.style)} is not a button style (1–6)`, 'BASE_TYPE_CHOICES');
        }
        if (c.style !== 6 && !c.label && !c.emoji) issues.hard(cat, 'a button needs a label or an emoji', 'BUTTON_COMPONENT_INVALID');
      } else if (SELECT_TYPES.has(c.type)) {
        if (!hasCustomId) issues.hard([...cat, 'custom_id'], 'is required on a select menu', 'BASE_TYPE_REQUIRED');
        issues.length([...cat, 'placeholder'], c.placeholder, 150);
        if (c.type === 3) {
          const options: unknown = c.options;
          if (!Array.isArray(options) || options.length === 0 || options.length > 25) {
            issues.hard([...cat, 'options'], `must hold 1–25 options`, 'BASE_TYPE_BAD_LENGTH');
          } else {
            options.forEach((o: unknown, k) => {
              const oat = [...cat, 'options', k];
              const opt = isObject(o) ? o : {};
              issues.length([...oat, 'label'], opt.label, 100, 1, true);
              issues.length([...oat, 'value'], opt.value, 100, 1, true);
              issues.length([...oat, 'description'], opt.description, 100);
            });
          }
        }
      } else {
        issues.hard([...cat, 'type'], `${JSON.stringify(c.type)} is not allowed in an action row`, 'UNION_TYPE_CHOICES');
      }
    });
  });
}

interface MessageCheckOptions {
  /** An edit (PATCH, or callback type 7): fields may be left out, so an empty body is fine. */
  partial?: boolean;
}

function messageIssues(body: unknown, prefix: (string | number)[], opts: MessageCheckOptions = {}): Issue[] {
  const issues = new Issues();
  if (!isObject(body)) {
    issues.hard(prefix.length ? prefix : ['body'], 'is not an object', 'MODEL_TYPE_CONVERT');
    return issues.list;
  }
  const flags = typeof body.flags === 'number' ? body.flags : 0;
  issues.length([...prefix, 'content'], body.content, 2000);
  checkEmbeds(issues, prefix, body.embeds);
  checkComponents(issues, prefix, body.components, flags);
  if (typeof body.nonce === 'string') issues.length([...prefix, 'nonce'], body.nonce, 25);

  const hasContent = typeof body.content === 'string' && body.content.length > 0;
  const hasEmbeds = Array.isArray(body.embeds) && body.embeds.length > 0;
  const hasComponents = Array.isArray(body.components) && body.components.length > 0;
  const hasOther = ['attachments', 'sticker_ids', 'poll'].some((k) => Array.isArray(body[k]) ? body[k].length > 0 : isObject(body[k]));
  if (!opts.partial && !hasContent && !hasEmbeds && !hasComponents && !hasOther) {
    issues.hard(prefix.length ? prefix : ['body'], 'is an empty message (Discord: "Cannot send an empty message")', 'MESSAGE_EMPTY');
  }
  if (hasContent || hasEmbeds) {
    const am: unknown = body.allowed_mentions;
    const parse = isObject(am) ? am.parse : undefined;
    if (!Array.isArray(parse)) issues.soft([...prefix, 'allowed_mentions', 'parse'], 'missing (message could ping)');
    else if (parse.length > 0) issues.soft([...prefix, 'allowed_mentions', 'parse'], `is ${JSON.stringify(parse)} (message could ping)`);
  }
  return issues.list;
}

/**
 * Checks a message payload (channel message, webhook edit or follow-up, or the `data` of an
 * interaction callback) against Discord's limits and our no-ping rule. Returns one line per
 * problem, each prefixed with `where` (e.g. 'POST /channels/1/messages'); [] when valid.
 */
export function checkMessagePayload(where: string, body: any, opts: MessageCheckOptions = {}): string[] {
  return messageIssues(body, [], opts).map((i) => `${where}: ${i.message}`);
}

export type InteractionKind = 'command' | 'autocomplete' | 'component' | 'modal';

function callbackIssues(kind: InteractionKind, body: unknown): Issue[] {
  const issues = new Issues();
  if (!isObject(body)) {
    issues.hard(['body'], 'is not an object', 'MODEL_TYPE_CONVERT');
    return issues.list;
  }
  const type: unknown = body.type;
  const data: unknown = body.data;
  if (typeof type !== 'number' || !ALLOWED_CALLBACKS[kind].includes(type)) {
    issues.hard(['type'], `${JSON.stringify(type)} is not a valid response to a ${kind} interaction (allowed: ${ALLOWED_CALLBACKS[kind].join(', ')})`, 'INTERACTION_RESPONSE_TYPE_INVALID');
    return issues.list;
  }
  switch (type) {
    case 4:
    case 7:
      issues.list.push(...messageIssues(data ?? {}, ['data'], { partial: type === 7 }));
      break;
    case 5: {
      if (data === undefined || data === null) break;
      if (!isObject(data)) {
        issues.hard(['data'], 'is not an object', 'MODEL_TYPE_CONVERT');
        break;
      }
      for (const key of Object.keys(data)) {
        if (key !== 'flags') issues.soft(['data', key], 'is ignored: a deferred response (type 5) may carry only flags');
      }
      if (typeof data.flags === 'number' && (data.flags & ~FLAG_EPHEMERAL) !== 0) {
        issues.soft(['data', 'flags'], `is ${data.flags}: a deferred response may carry only the ephemeral flag (64)`);
      }
      break;
    }
    case 6:
      if (isObject(data) && Object.keys(data).length > 0) issues.soft(['data'], 'is ignored on a deferred update (type 6)');
      break;
    case 8: {
      const choices: unknown = isObject(data) ? data.choices : undefined;
      if (!Array.isArray(choices)) {
        issues.hard(['data', 'choices'], 'is required', 'BASE_TYPE_REQUIRED');
        break;
      }
      if (choices.length > 25) issues.hard(['data', 'choices'], `has ${choices.length} choices (max 25)`, 'BASE_TYPE_MAX_LENGTH');
      choices.forEach((c: unknown, i) => {
        const at: (string | number)[] = ['data', 'choices', i];
        const choice = isObject(c) ? c : {};
        issues.length([...at, 'name'], choice.name, 100, 1, true);
        if (typeof choice.value === 'string') issues.length([...at, 'value'], choice.value, 100, 1);
        else if (typeof choice.value !== 'number') issues.hard([...at, 'value'], 'must be a string or a number', 'BASE_TYPE_REQUIRED');
      });
      break;
    }
    case 9:
      checkModal(issues, data);
      break;
  }
  return issues.list;
}

const TEXT_INPUT = 4;
const TEXT_DISPLAY = 10;
const LABEL = 18;

/** A text input of a modal: custom id, style, lengths, placeholder, pre-filled value. */
function checkTextInput(issues: Issues, at: (string | number)[], input: Payload, inLabel: boolean, customIds: Set<string>): void {
  issues.length([...at, 'custom_id'], input.custom_id, 100, 1, true);
  if (typeof input.custom_id === 'string') {
    if (customIds.has(input.custom_id)) issues.hard([...at, 'custom_id'], `"${input.custom_id}" is used twice in one modal`, 'COMPONENT_CUSTOM_ID_DUPLICATED');
    customIds.add(input.custom_id);
  }
  if (input.style !== 1 && input.style !== 2) issues.hard([...at, 'style'], `${JSON.stringify(input.style)} is not a text input style (1 short, 2 paragraph)`, 'BASE_TYPE_CHOICES');
  // Inside a label the label is the Label's; in a (deprecated) action row the input carries it.
  if (inLabel) {
    if (input.label !== undefined) issues.hard([...at, 'label'], 'is not allowed on a text input inside a label (the label component carries it)', 'COMPONENT_INVALID');
  } else {
    issues.length([...at, 'label'], input.label, 45, 1, true);
  }
  const bound = (key: string, min: number, max: number) => {
    const value: unknown = input[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      issues.hard([...at, key], `${JSON.stringify(value)} must be a whole number from ${min} to ${max}`, 'NUMBER_TYPE_MIN');
      return undefined;
    }
    return value;
  };
  const min = bound('min_length', 0, 4000);
  const max = bound('max_length', 1, 4000);
  if (min !== undefined && max !== undefined && min > max) issues.hard([...at, 'min_length'], `is ${min}, more than max_length ${max}`, 'BASE_TYPE_BAD_LENGTH');
  issues.length([...at, 'placeholder'], input.placeholder, 100);
  issues.length([...at, 'value'], input.value, 4000);
  if (input.required !== undefined && typeof input.required !== 'boolean') issues.hard([...at, 'required'], 'must be a boolean', 'BASE_TYPE_BOOLEAN');
}

/** A modal (callback type 9): custom id, title, and 1–5 components: labels holding a text input, text displays, or (deprecated) action rows holding one. */
function checkModal(issues: Issues, data: unknown): void {
  const modal = isObject(data) ? data : {};
  issues.length(['data', 'custom_id'], modal.custom_id, 100, 1, true);
  issues.length(['data', 'title'], modal.title, 45, 1, true);
  const components: unknown = modal.components;
  if (!Array.isArray(components) || components.length < 1 || components.length > 5) {
    issues.hard(['data', 'components'], 'must hold 1–5 components', 'BASE_TYPE_BAD_LENGTH');
    return;
  }
  const customIds = new Set<string>();
  let inputs = 0;
  components.forEach((c: unknown, i) => {
    const at: (string | number)[] = ['data', 'components', i];
    if (!isObject(c)) return issues.hard(at, 'is not an object', 'MODEL_TYPE_CONVERT');
    if (c.type === LABEL) {
      issues.length([...at, 'label'], c.label, 45, 1, true);
      issues.length([...at, 'description'], c.description, 100);
      const inner: unknown = c.component;
      if (!isObject(inner)) return issues.hard([...at, 'component'], 'is required: the component the label is for', 'BASE_TYPE_REQUIRED');
      // The stand-in knows text inputs; Discord also takes select menus and file uploads here.
      if (inner.type !== TEXT_INPUT) return issues.soft([...at, 'component', 'type'], `${JSON.stringify(inner.type)} is not checked by the stand-in (it knows text inputs)`);
      inputs++;
      return checkTextInput(issues, [...at, 'component'], inner, true, customIds);
    }
    if (c.type === 1) {
      const children: unknown = c.components;
      if (!Array.isArray(children) || children.length !== 1 || !isObject(children[0]) || children[0].type !== TEXT_INPUT) {
        return issues.hard([...at, 'components'], 'an action row in a modal must hold exactly one text input', 'UNION_TYPE_CHOICES');
      }
      inputs++;
      return checkTextInput(issues, [...at, 'components', 0], children[0], false, customIds);
    }
    if (c.type === TEXT_DISPLAY) return void issues.length([...at, 'content'], c.content, 4000, 1, true);
    issues.hard([...at, 'type'], `${JSON.stringify(c.type)} is not allowed at the top of a modal (label 18, text display 10, action row 1)`, 'UNION_TYPE_CHOICES');
  });
  if (inputs === 0) issues.hard(['data', 'components'], 'hold nothing a person can fill in', 'BASE_TYPE_BAD_LENGTH');
}

/** Checks an interaction callback body (`{ type, data }`) for an interaction of the given kind. */
export function checkCallbackPayload(where: string, kind: InteractionKind, body: any): string[] {
  return callbackIssues(kind, body).map((i) => `${where}: ${i.message}`);
}

const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const CHOICE_TYPES = new Set([3, 4, 10]);

function checkCommandName(issues: Issues, path: (string | number)[], name: unknown): void {
  if (typeof name !== 'string' || !COMMAND_NAME.test(name)) {
    issues.hard(path, `${JSON.stringify(name)} must match ^[-_'\\p{L}\\p{N}\\p{sc=Deva}\\p{sc=Thai}]{1,32}$`, 'APPLICATION_COMMAND_INVALID_NAME');
  } else if (name !== name.toLowerCase()) {
    issues.hard(path, `${JSON.stringify(name)} must be lowercase`, 'APPLICATION_COMMAND_INVALID_NAME');
  }
}

/** Returns the characters the option tree adds to the command's 4000-character budget. */
function checkCommandOptions(issues: Issues, path: (string | number)[], options: unknown, level: 'command' | 'group' | 'subcommand'): number {
  if (options === undefined || options === null) return 0;
  if (!Array.isArray(options)) {
    issues.hard(path, 'is not an array', 'BASE_TYPE_ARRAY');
    return 0;
  }
  if (options.length > 25) issues.hard(path, `has ${options.length} options (max 25)`, 'BASE_TYPE_MAX_LENGTH');
  const names = new Set<string>();
  const isSub = (o: unknown) => isObject(o) && (o.type === 1 || o.type === 2);
  if (level === 'command' && options.some(isSub) && !options.every(isSub)) {
    issues.hard(path, 'mixes subcommands with plain options', 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID');
  }
  let sawOptional = false;
  let size = 0;
  options.forEach((o: unknown, i) => {
    const at = [...path, i];
    if (!isObject(o)) return issues.hard(at, 'is not an object', 'MODEL_TYPE_CONVERT');
    if (typeof o.type !== 'number' || o.type < 1 || o.type > 11) issues.hard([...at, 'type'], `${JSON.stringify(o.type)} is not an option type (1–11)`, 'BASE_TYPE_CHOICES');
    if (level === 'group' && o.type !== 1) issues.hard([...at, 'type'], 'a subcommand group may hold only subcommands', 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID');
    if (level === 'subcommand' && (o.type === 1 || o.type === 2)) issues.hard([...at, 'type'], 'subcommands nest at most one level, inside a group', 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID');
    checkCommandName(issues, [...at, 'name'], o.name);
    if (typeof o.name === 'string') {
      if (names.has(o.name)) issues.hard([...at, 'name'], `"${o.name}" is used twice`, 'APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS');
      names.add(o.name);
    }
    size += strLen(o.name) + issues.length([...at, 'description'], o.description, 100, 1, true);
    if (o.type !== 1 && o.type !== 2) {
      if (o.required) {
        if (sawOptional) issues.hard([...at, 'required'], 'required options must come before optional ones', 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID');
      } else {
        sawOptional = true;
      }
    }
    if (o.choices !== undefined && o.choices !== null) {
      const cat = [...at, 'choices'];
      if (!CHOICE_TYPES.has(o.type)) issues.hard(cat, 'only string, integer and number options take choices', 'APPLICATION_COMMAND_OPTION_CHOICES_INVALID');
      if (o.autocomplete) issues.hard(cat, 'an option cannot have both choices and autocomplete', 'APPLICATION_COMMAND_OPTION_CHOICES_INVALID');
      if (!Array.isArray(o.choices)) {
        issues.hard(cat, 'is not an array', 'BASE_TYPE_ARRAY');
      } else {
        if (o.choices.length > 25) issues.hard(cat, `has ${o.choices.length} choices (max 25)`, 'BASE_TYPE_MAX_LENGTH');
        o.choices.forEach((c: unknown, j: number) => {
          const choice = isObject(c) ? c : {};
          size += issues.length([...cat, j, 'name'], choice.name, 100, 1, true);
          if (typeof choice.value === 'string') size += issues.length([...cat, j, 'value'], choice.value, 100, 1);
          else if (typeof choice.value !== 'number') issues.hard([...cat, j, 'value'], 'must be a string or a number', 'BASE_TYPE_REQUIRED');
        });
      }
    }
    if (o.type === 1) size += checkCommandOptions(issues, [...at, 'options'], o.options, 'subcommand');
    if (o.type === 2) size += checkCommandOptions(issues, [...at, 'options'], o.options, 'group');
  });
  return size;
}

function commandIssues(command: unknown, prefix: (string | number)[]): Issue[] {
  const issues = new Issues();
  if (!isObject(command)) {
    issues.hard(prefix, 'is not an object', 'MODEL_TYPE_CONVERT');
    return issues.list;
  }
  const type = command.type ?? 1;
  if (type === 1) {
    checkCommandName(issues, [...prefix, 'name'], command.name);
    const size = strLen(command.name) + issues.length([...prefix, 'description'], command.description, 100, 1, true) +
      checkCommandOptions(issues, [...prefix, 'options'], command.options, 'command');
    if (size > 4000) issues.hard(prefix, `has ${size} characters of names, descriptions and choices (max 4000)`, 'APPLICATION_COMMAND_TOO_LARGE');
  } else if (type === 2 || type === 3) {
    issues.length([...prefix, 'name'], command.name, 32, 1, true);
    if (command.description) issues.hard([...prefix, 'description'], 'must be empty for user and message commands', 'APPLICATION_COMMAND_INVALID_DESCRIPTION');
    if (Array.isArray(command.options) && command.options.length) issues.hard([...prefix, 'options'], 'user and message commands take no options', 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID');
  } else if (type !== 4) {
    issues.hard([...prefix, 'type'], `${JSON.stringify(type)} is not a command type`, 'BASE_TYPE_CHOICES');
  }
  return issues.list;
}

function commandListIssues(body: unknown): Issue[] {
  if (!Array.isArray(body)) return [{ path: ['body'], message: 'body is not an array of commands', code: 'BASE_TYPE_ARRAY', rejects: true }];
  const issues = body.flatMap((c, i) => commandIssues(c, [i]));
  const chatInput = body.filter((c) => isObject(c) && (c.type ?? 1) === 1).length;
  if (chatInput > 100) issues.push({ path: ['body'], message: `body has ${chatInput} chat-input commands (max 100)`, code: 'BASE_TYPE_MAX_LENGTH', rejects: true });
  const seen = new Set<string>();
  body.forEach((c, i) => {
    if (!isObject(c)) return;
    const key = `${c.type ?? 1}:${String(c.name)}`;
    if (seen.has(key)) issues.push({ path: [i, 'name'], message: `[${i}].name "${String(c.name)}" is registered twice`, code: 'APPLICATION_COMMANDS_DUPLICATE_NAME', rejects: true });
    seen.add(key);
  });
  return issues;
}

/** Checks a list of commands as sent to PUT .../commands; [] when valid. */
export function checkCommands(where: string, body: unknown): string[] {
  return commandListIssues(body).map((i) => `${where}: ${i.message}`);
}

/** Discord's "Invalid Form Body" error: `errors` nests by path down to `_errors`. */
function invalidFormBody(issues: Issue[]): Payload {
  const errors: Payload = {};
  for (const issue of issues) {
    let node = errors;
    for (const key of issue.path) node = node[String(key)] ??= {};
    (node._errors ??= []).push({ code: issue.code, message: issue.message });
  }
  return { message: 'Invalid Form Body', code: 50035, errors };
}

// ---------------------------------------------------------------------------------------------
// The stand-in
// ---------------------------------------------------------------------------------------------

const ERR = {
  unauthorized: { message: '401: Unauthorized', code: 0 },
  notFound: { message: '404: Not Found', code: 0 },
  unknownInteraction: { message: 'Unknown interaction', code: 10062 },
  unknownWebhook: { message: 'Unknown Webhook', code: 10015 },
  unknownMessage: { message: 'Unknown Message', code: 10008 },
  unknownCommand: { message: 'Unknown application command', code: 10063 },
  unknownApplication: { message: 'Unknown Application', code: 10002 },
  alreadyAcknowledged: { message: 'Interaction has already been acknowledged.', code: 40060 },
  invalidWebhookToken: { message: 'Invalid Webhook Token', code: 50027 },
  invalidJson: { message: 'The request body contains invalid JSON.', code: 50109 },
  gatewayDown: { message: 'Service Unavailable', code: 0 },
};

interface Fault<T> {
  match: FaultMatch;
  value: T;
  remaining: number;
}

interface GatewayPacket {
  op: 0;
  t: string;
  s: number;
  d: unknown;
}

interface Session {
  id: string;
  seq: number;
  /** Recent dispatches, replayed on RESUME like Discord does (those after the client's seq). */
  log: GatewayPacket[];
  conn: Conn | null;
  invalid: boolean;
}

interface Conn {
  ws: WebSocket;
  session: Session | null;
  droppedByUs: boolean;
}

interface InteractionState {
  id: string;
  token: string;
  kind: InteractionKind;
  channelId: string;
  dispatchedAt: number;
  dispatchedAtMs: number;
  user: Payload;
  /** Who acted and where, as dispatched (a modal is submitted by the same person, in the same place). */
  input: { user?: StandInUser; memberPermissions?: string; memberRoles?: string[]; channelId?: string };
  /** Waiting for the response at an index. */
  waiting: { index: number; resolve(r: RecordedResponse): void }[];
  acknowledged: boolean;
  expired: boolean;
  callbackType: number | undefined;
  originalId?: string;
  /** For component interactions (and modals opened from one): the message holding the component. */
  targetMessageId?: string;
  /** The modal the bot answered with (callback type 9), once accepted. */
  modal?: Payload;
  /** Whether the modal has been submitted (a modal is submitted at most once). */
  modalSubmitted?: boolean;
  followupIds: Set<string>;
  responses: RecordedResponse[];
  firstDone: boolean;
  finalDone: boolean;
  resolveFirst(r: RecordedResponse): void;
  resolveFinal(r: RecordedResponse): void;
  firstResponse: Promise<RecordedResponse>;
  finalResponse: Promise<RecordedResponse>;
}

interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  segs: string[];
  query: URLSearchParams;
  body: unknown;
  where: string;
  rec: RecordedRequest;
}

const MAX_LOG = 1000;

class DiscordStandIn implements StandIn {
  apiUrl = '';
  gatewayUrl = '';
  readonly token: string;
  readonly applicationId: string;
  readonly guildId: string;
  readonly defaultChannelId = snowflake();
  readonly defaultUserId = snowflake();
  get editorRoleId(): string {
    return `${BigInt(this.guildId) + 2n}`;
  }
  readonly botUser: { id: string; username: string; global_name: null; discriminator: string; avatar: null; bot: true; flags: number; public_flags: number };
  readonly violations: string[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly unknownRoutes: string[] = [];
  sessionCount = 0;
  resumeCount = 0;
  refusedConnections = 0;

  private readonly heartbeatIntervalMs: number;
  private readonly deadlineMs: number;
  private readonly server = createServer((req, res) => void this.onRequest(req, res));
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly ownerId = snowflake();
  private readonly joinedAt = new Date().toISOString();
  /** Registered commands per scope: 'global' or a guild id. */
  private readonly commands = new Map<string, Payload[]>();
  private readonly channels = new Map<string, Payload>();
  private readonly messages = new Map<string, Payload>();
  private readonly channelPosts = new Map<string, string[]>();
  private readonly nonces = new Map<string, string>();
  private readonly interactions = new Map<string, InteractionState>();
  private readonly byToken = new Map<string, InteractionState>();
  private readonly sessions = new Map<string, Session>();
  private readonly conns = new Set<Conn>();
  private readonly failures: Fault<FaultResponse>[] = [];
  private readonly delays: Fault<number>[] = [];
  private readonly holds: Fault<Promise<void>>[] = [];
  /** Every held request's release, so that closing the stand-in never leaves one waiting. */
  private readonly releases = new Set<() => void>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private gatewayEnabled = true;
  private inflight = 0;
  private idleWaiters: (() => void)[] = [];
  private closing: Promise<void> | null = null;

  constructor(opts: StandInOptions) {
    this.token = opts.token ?? `standin.${randomBytes(24).toString('base64url')}`;
    this.applicationId = opts.applicationId ?? snowflake();
    this.guildId = opts.guildId ?? snowflake();
    this.heartbeatIntervalMs = opts.heartbeatIntervalMs ?? 41_250;
    this.deadlineMs = opts.interactionDeadlineMs ?? 3000;
    this.botUser = {
      id: this.applicationId,
      username: 'standin-bot',
      global_name: null,
      discriminator: '0',
      avatar: null,
      bot: true,
      flags: 0,
      public_flags: 0,
    };
    this.ensureChannel(this.defaultChannelId, 'general');
    this.server.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head));
    this.server.keepAliveTimeout = 60_000;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const { port } = this.server.address() as AddressInfo;
    this.apiUrl = `http://127.0.0.1:${port}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}`;
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const release of this.releases) release();
    this.releases.clear();
    for (const conn of this.conns) conn.ws.terminate();
    this.conns.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
    // libuv releases the listening handle in the close-callbacks phase, after this turn's
    // setImmediate callbacks; wait one more turn so the caller sees no handle left.
    for (let turn = 0; turn < 2; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
    this.inflight = 0;
    this.notifyIdle();
  }

  // ----- inspection ------------------------------------------------------------------------

  registeredCommands(scope?: { guildId?: string }): unknown[] {
    return structuredClone(this.commands.get(scope?.guildId ?? 'global') ?? []);
  }

  channelMessages(channelId: string): RecordedMessage[] {
    return (this.channelPosts.get(channelId) ?? []).flatMap((id) => {
      const m = this.messages.get(id);
      return m ? [snapshot(m)] : [];
    });
  }

  message(id: string): RecordedMessage | undefined {
    const m = this.messages.get(id);
    return m && snapshot(m);
  }

  waitForIdle(): Promise<void> {
    return new Promise((resolve) => {
      // Let requests whose bytes are already on the socket arrive before judging.
      setImmediate(() => {
        if (this.inflight === 0) resolve();
        else this.idleWaiters.push(resolve);
      });
    });
  }

  private notifyIdle(): void {
    if (this.inflight > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  // ----- faults ----------------------------------------------------------------------------

  failNext(match: FaultMatch, response: FaultResponse, times = 1): void {
    this.failures.push({ match, value: response, remaining: times });
  }

  delayNext(match: FaultMatch, ms: number, times = 1): void {
    this.delays.push({ match, value: ms, remaining: times });
  }

  holdNext(match: FaultMatch): { release(): void } {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    this.holds.push({ match, value: released, remaining: 1 });
    this.releases.add(release);
    return {
      release: () => {
        this.releases.delete(release);
        release();
      },
    };
  }

  dropGateway(code = 4000): void {
    for (const conn of this.conns) {
      conn.droppedByUs = true;
      if (code === 1006) conn.ws.terminate();
      else conn.ws.close(code, 'stand-in dropped the connection');
    }
  }

  setGatewayEnabled(on: boolean): void {
    this.gatewayEnabled = on;
  }

  private takeFault<T>(list: Fault<T>[], method: string, path: string): T | undefined {
    const i = list.findIndex((f) => (!f.match.method || f.match.method.toUpperCase() === method) && path.includes(f.match.pathIncludes));
    if (i < 0) return undefined;
    const fault = list[i]!;
    if (--fault.remaining <= 0) list.splice(i, 1);
    return fault.value;
  }

  // ----- HTTP ------------------------------------------------------------------------------

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.now();
    this.inflight++;
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let segs = url.pathname.split('/').filter(Boolean).map((s) => {
        try {
          return decodeURIComponent(s);
        } catch {
          return s;
        }
      });
      if (segs[0] === 'api') segs = segs.slice(/^v\d+$/.test(segs[1] ?? '') ? 2 : 1);
      const method = (req.method ?? 'GET').toUpperCase();
      const path = `/${segs.join('/')}`;
      const raw = await readBody(req);
      const rec: RecordedRequest = { method, path, query: url.search, body: undefined, at };
      this.requests.push(rec);
      const ctx: RequestContext = { req, res, method, segs, query: url.searchParams, body: undefined, where: `${method} ${path}`, rec };

      if (raw.length > 0) {
        const type = req.headers['content-type'] ?? '';
        if (!type.includes('application/json')) {
          this.unknownRoutes.push(`${ctx.where} (content-type ${type} is not supported by the stand-in)`);
          return this.send(ctx, 415, { message: 'The stand-in accepts only JSON bodies', code: 0 });
        }
        try {
          ctx.body = rec.body = JSON.parse(raw.toString('utf8'));
        } catch {
          return this.send(ctx, 400, ERR.invalidJson);
        }
      }

      const delay = this.takeFault(this.delays, method, path);
      if (delay !== undefined) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            this.timers.delete(timer);
            resolve();
          }, delay);
          this.timers.add(timer);
        });
      }
      const hold = this.takeFault(this.holds, method, path);
      if (hold) await hold;
      const fault = this.takeFault(this.failures, method, path);
      if (fault) {
        const body = fault.body ?? (fault.status === 429
          ? { message: 'You are being rate limited.', retry_after: 0, global: false }
          : { message: `stand-in fault ${fault.status}`, code: 0 });
        return this.send(ctx, fault.status, body, fault.headers);
      }
      this.route(ctx);
    } catch (error) {
      this.violations.push(`stand-in internal error on ${req.method} ${req.url}: ${String((error as Error)?.stack ?? error)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'stand-in error', code: 0 }));
    } finally {
      this.inflight--;
      this.notifyIdle();
    }
  }

  private send(ctx: RequestContext, status: number, body?: unknown, headers: Record<string, string> = {}): void {
    ctx.rec.status = status;
    if (ctx.res.headersSent || ctx.res.destroyed) return;
    const bucket = createHash('sha1')
      .update(`${ctx.method} ${ctx.segs.map((s) => (/^\d+$/.test(s) || s.length > 40 ? ':id' : s)).join('/')}`)
      .digest('hex')
      .slice(0, 32);
    // Plausible headers that never throttle: one request used out of 50, reset in a second.
    const all: Record<string, string> = {
      'x-ratelimit-limit': '50',
      'x-ratelimit-remaining': '49',
      'x-ratelimit-reset': ((Date.now() + 1000) / 1000).toFixed(3),
      'x-ratelimit-reset-after': '1.000',
      'x-ratelimit-bucket': bucket,
      ...headers,
    };
    if (body === undefined) {
      ctx.res.writeHead(status, all).end();
    } else {
      ctx.res.writeHead(status, { ...all, 'content-type': 'application/json' }).end(JSON.stringify(body));
    }
  }

  private route(ctx: RequestContext): void {
    const { method, segs } = ctx;
    const [a, b, c, d, e] = segs;
    // Interaction callbacks and interaction webhooks carry no Authorization; Discord ignores it there.
    const botRoute = a !== 'interactions' && !(a === 'webhooks' && c !== undefined) && !(a === 'gateway' && b === undefined);
    if (botRoute && ctx.req.headers.authorization !== `Bot ${this.token}`) return this.send(ctx, 401, ERR.unauthorized);

    if (a === 'gateway' && method === 'GET' && segs.length <= 2) {
      if (!this.gatewayEnabled) return this.send(ctx, 503, ERR.gatewayDown);
      if (b === undefined) return this.send(ctx, 200, { url: this.gatewayUrl });
      if (b === 'bot') {
        return this.send(ctx, 200, {
          url: this.gatewayUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        });
      }
    }
    if (a === 'users' && b === '@me' && segs.length === 2 && method === 'GET') return this.send(ctx, 200, this.botUser);
    if (a === 'applications' && b === '@me' && segs.length === 2 && method === 'GET') return this.send(ctx, 200, this.applicationObject());
    if (a === 'applications' && b !== undefined) {
      if (b !== this.applicationId) return this.send(ctx, 404, ERR.unknownApplication);
      if (c === 'commands') return this.commandsRoute(ctx, 'global', segs.slice(3));
      if (c === 'guilds' && d !== undefined && e === 'commands') return this.commandsRoute(ctx, d, segs.slice(5));
    }
    if (a === 'channels' && b !== undefined) return this.channelRoute(ctx, b, segs.slice(2));
    if (a === 'guilds' && b === this.guildId && segs.length === 2 && method === 'GET') return this.send(ctx, 200, this.guildObject(false));
    if (a === 'interactions' && b !== undefined && c !== undefined && d === 'callback' && segs.length === 4 && method === 'POST') {
      return this.onCallback(ctx, b, c);
    }
    if (a === 'webhooks' && b !== undefined && c !== undefined) return this.webhookRoute(ctx, b, c, segs.slice(3));
    this.notFound(ctx);
  }

  private notFound(ctx: RequestContext): void {
    this.unknownRoutes.push(ctx.where);
    this.send(ctx, 404, ERR.notFound);
  }

  private reject(ctx: RequestContext, issues: Issue[]): boolean {
    for (const issue of issues) this.violations.push(`${ctx.where}: ${issue.message}`);
    const hard = issues.filter((i) => i.rejects);
    if (hard.length === 0) return false;
    this.send(ctx, 400, invalidFormBody(hard));
    return true;
  }

  // ----- commands --------------------------------------------------------------------------

  private commandsRoute(ctx: RequestContext, scope: string, rest: string[]): void {
    if (scope !== 'global' && scope !== this.guildId) return this.send(ctx, 403, { message: 'Missing Access', code: 50001 });
    const list = this.commands.get(scope) ?? [];
    const [id] = rest;
    if (rest.length === 0) {
      if (ctx.method === 'GET') return this.send(ctx, 200, list);
      if (ctx.method === 'PUT') {
        if (this.reject(ctx, commandListIssues(ctx.body))) return;
        const next = (ctx.body as Payload[]).map((cmd) => this.storeCommand(cmd, scope, list));
        this.commands.set(scope, next);
        return this.send(ctx, 200, next);
      }
      if (ctx.method === 'POST') {
        if (this.reject(ctx, commandIssues(ctx.body, []))) return;
        const cmd = ctx.body as Payload;
        const existing = list.findIndex((c) => c.name === cmd.name && c.type === (cmd.type ?? 1));
        const stored = this.storeCommand(cmd, scope, list);
        const next = [...list];
        if (existing >= 0) next[existing] = stored;
        else next.push(stored);
        if (next.filter((c) => c.type === 1).length > 100) {
          return void this.reject(ctx, [{ path: ['body'], message: 'the application would have more than 100 chat-input commands', code: 'BASE_TYPE_MAX_LENGTH', rejects: true }]);
        }
        this.commands.set(scope, next);
        return this.send(ctx, existing >= 0 ? 200 : 201, stored);
      }
    } else if (rest.length === 1 && id !== undefined) {
      const i = list.findIndex((c) => c.id === id);
      if (i < 0) return this.send(ctx, 404, ERR.unknownCommand);
      if (ctx.method === 'GET') return this.send(ctx, 200, list[i]);
      if (ctx.method === 'DELETE') {
        this.commands.set(scope, list.filter((c) => c.id !== id));
        return this.send(ctx, 204);
      }
      if (ctx.method === 'PATCH') {
        const merged = { ...list[i], ...(isObject(ctx.body) ? ctx.body : {}) };
        if (this.reject(ctx, commandIssues(merged, []))) return;
        const next = [...list];
        next[i] = { ...merged, version: snowflake() };
        this.commands.set(scope, next);
        return this.send(ctx, 200, next[i]);
      }
    }
    this.notFound(ctx);
  }

  /** Like Discord, a command keeps its id when re-registered under the same name and type. */
  private storeCommand(cmd: Payload, scope: string, previous: Payload[]): Payload {
    const type = cmd.type ?? 1;
    const old = previous.find((c) => c.name === cmd.name && c.type === type);
    return {
      default_member_permissions: null,
      nsfw: false,
      ...cmd,
      type,
      description: cmd.description ?? '',
      id: old?.id ?? snowflake(),
      application_id: this.applicationId,
      ...(scope === 'global' ? {} : { guild_id: scope }),
      version: snowflake(),
    };
  }

  private findCommand(name: string): Payload | undefined {
    const all = [...(this.commands.get(this.guildId) ?? []), ...(this.commands.get('global') ?? [])];
    const found = all.find((c) => c.name === name && c.type === 1);
    if (!found && all.length > 0) {
      throw new Error(`/${name} is not a registered command (registered: ${all.map((c) => c.name).join(', ')})`);
    }
    return found;
  }

  // ----- channels and messages -------------------------------------------------------------

  private channelRoute(ctx: RequestContext, channelId: string, rest: string[]): void {
    const channel = this.ensureChannel(channelId);
    const [sub, messageId] = rest;
    if (rest.length === 0 && ctx.method === 'GET') return this.send(ctx, 200, channel);
    if (sub === 'typing' && rest.length === 1 && ctx.method === 'POST') return this.send(ctx, 204);
    if (sub !== 'messages') return this.notFound(ctx);
    if (rest.length === 1) {
      if (ctx.method === 'GET') {
        const ids = [...this.messages.values()].filter((m) => m.channel_id === channelId).map((m) => m.id as string);
        return this.send(ctx, 200, ids.reverse().slice(0, 50).map((id) => this.messages.get(id)));
      }
      if (ctx.method === 'POST') return this.postChannelMessage(ctx, channelId);
    }
    if (rest.length === 2 && messageId !== undefined) {
      const msg = this.messages.get(messageId);
      if (!msg || msg.channel_id !== channelId) return this.send(ctx, 404, ERR.unknownMessage);
      if (ctx.method === 'GET') return this.send(ctx, 200, msg);
      if (ctx.method === 'DELETE') {
        this.messages.delete(messageId);
        return this.send(ctx, 204);
      }
      if (ctx.method === 'PATCH') {
        if (this.reject(ctx, messageIssues(ctx.body, [], { partial: true }))) return;
        applyEdit(msg, ctx.body as Payload);
        return this.send(ctx, 200, msg);
      }
    }
    this.notFound(ctx);
  }

  private postChannelMessage(ctx: RequestContext, channelId: string): void {
    if (this.reject(ctx, messageIssues(ctx.body, []))) return;
    const body = ctx.body as Payload;
    const nonceKey = body.enforce_nonce && body.nonce !== undefined && body.nonce !== null ? `${channelId}:${String(body.nonce)}` : undefined;
    const earlier = nonceKey && this.nonces.get(nonceKey);
    if (earlier && this.messages.has(earlier)) return this.send(ctx, 200, this.messages.get(earlier));
    const msg = this.createMessage(channelId, body, { type: 0 });
    if (nonceKey) this.nonces.set(nonceKey, msg.id);
    const posts = this.channelPosts.get(channelId) ?? [];
    posts.push(msg.id);
    this.channelPosts.set(channelId, posts);
    this.send(ctx, 200, msg);
  }

  private createMessage(channelId: string, body: Payload, extra: Payload): Payload {
    const msg: Payload = {
      id: snowflake(),
      channel_id: channelId,
      guild_id: this.guildId,
      author: this.botUser,
      content: typeof body.content === 'string' ? body.content : '',
      embeds: Array.isArray(body.embeds) ? body.embeds : [],
      components: Array.isArray(body.components) ? body.components : [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: Boolean(body.tts),
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: typeof body.flags === 'number' ? body.flags : 0,
      ...extra,
    };
    if (body.nonce !== undefined && body.nonce !== null) msg.nonce = body.nonce;
    this.messages.set(msg.id, msg);
    return msg;
  }

  private ensureChannel(id: string, name = `channel-${id.slice(-4)}`): Payload {
    let channel = this.channels.get(id);
    if (!channel) {
      channel = {
        id,
        type: 0,
        guild_id: this.guildId,
        name,
        position: this.channels.size,
        permission_overwrites: [],
        nsfw: false,
        parent_id: null,
        topic: null,
        last_message_id: null,
        rate_limit_per_user: 0,
        flags: 0,
      };
      this.channels.set(id, channel);
      // The channel "was created" while the bot is online, so its cache learns about it.
      if (this.sessions.size > 0) this.dispatch('CHANNEL_CREATE', channel);
    }
    return channel;
  }

  // ----- interactions: responses -----------------------------------------------------------

  private onCallback(ctx: RequestContext, id: string, token: string): void {
    const it = this.interactions.get(id);
    if (!it || it.token !== token) return this.send(ctx, 404, ERR.unknownInteraction);
    const at = performance.now();
    const body = ctx.body as Payload | undefined;
    const type = typeof body?.type === 'number' ? body.type : undefined;
    const record = (status: number, message?: Payload): void => {
      const rec: RecordedResponse = {
        kind: 'callback',
        ...(type !== undefined ? { type } : {}),
        body,
        at,
        status,
        ...(message ? { message: snapshot(message) } : {}),
      };
      this.pushResponse(it, rec);
      if (!it.firstDone) {
        it.firstDone = true;
        it.resolveFirst(rec);
        if (type === 4 || type === 7 || type === 8 || type === 9) this.resolveFinal(it, rec);
      }
    };

    if (it.expired) {
      record(404);
      return this.send(ctx, 404, ERR.unknownInteraction);
    }
    if (it.acknowledged) {
      this.violations.push(`${ctx.where}: second callback to interaction ${id} (Discord: 40060 already acknowledged)`);
      record(400);
      return this.send(ctx, 400, ERR.alreadyAcknowledged);
    }
    const elapsed = at - it.dispatchedAt;
    if (elapsed > this.deadlineMs) {
      this.violations.push(`${ctx.where}: first response ${Math.round(elapsed)} ms after dispatch (limit ${this.deadlineMs} ms)`);
      it.expired = true;
      record(404);
      return this.send(ctx, 404, ERR.unknownInteraction);
    }
    const issues = callbackIssues(it.kind, body);
    if (it.kind === 'modal' && (type === 6 || type === 7) && !it.targetMessageId) {
      issues.push({ path: ['type'], message: `type ${type} updates a message, and this modal was not opened from one`, code: 'INTERACTION_RESPONSE_TYPE_INVALID', rejects: true });
    }
    if (this.reject(ctx, issues)) return record(400);

    it.acknowledged = true;
    it.callbackType = type;
    const data: Payload = isObject(body?.data) ? body.data : {};
    const ephemeral = typeof data.flags === 'number' ? data.flags & FLAG_EPHEMERAL : 0;
    let message: Payload | undefined;
    if (type === 4 || type === 5) {
      message = this.createMessage(it.channelId, type === 4 ? data : {}, {
        ...this.interactionMessageExtras(it),
        flags: type === 4 ? (typeof data.flags === 'number' ? data.flags : 0) : ephemeral | FLAG_LOADING,
      });
      it.originalId = message.id;
    } else if ((type === 6 || type === 7) && it.targetMessageId) {
      message = this.messages.get(it.targetMessageId);
      it.originalId = it.targetMessageId;
      if (type === 7 && message) applyEdit(message, data);
    } else if (type === 9) {
      it.modal = structuredClone(data);
    }
    record(ctx.query.get('with_response') === 'true' ? 200 : 204, message);
    if (ctx.query.get('with_response') !== 'true') return this.send(ctx, 204);
    this.send(ctx, 200, {
      interaction: {
        id: it.id,
        type: INTERACTION_TYPE[it.kind],
        activity_instance_id: null,
        response_message_id: message?.id ?? null,
        response_message_loading: type === 5,
        response_message_ephemeral: message ? Boolean(message.flags & FLAG_EPHEMERAL) : false,
      },
      resource: { type, ...(message && (type === 4 || type === 7) ? { message } : {}) },
    });
  }

  private pushResponse(it: InteractionState, rec: RecordedResponse): void {
    it.responses.push(rec);
    const index = it.responses.length - 1;
    const due = it.waiting.filter((w) => w.index === index);
    it.waiting = it.waiting.filter((w) => w.index !== index);
    for (const waiter of due) waiter.resolve(rec);
  }

  private resolveFinal(it: InteractionState, rec: RecordedResponse): void {
    if (it.finalDone) return;
    it.finalDone = true;
    it.resolveFinal(rec);
  }

  private interactionMessageExtras(it: InteractionState): Payload {
    return {
      type: it.kind === 'command' ? 20 : 0,
      webhook_id: this.applicationId,
      application_id: this.applicationId,
      interaction_metadata: {
        id: it.id,
        type: INTERACTION_TYPE[it.kind],
        user: it.user,
        authorizing_integration_owners: { '0': this.guildId },
      },
    };
  }

  private webhookRoute(ctx: RequestContext, app: string, token: string, rest: string[]): void {
    const it = this.byToken.get(token);
    if (app !== this.applicationId || !it) return this.send(ctx, 404, ERR.unknownWebhook);
    if (Date.now() - it.dispatchedAtMs > TOKEN_LIFETIME_MS) return this.send(ctx, 401, ERR.invalidWebhookToken);
    if (!it.acknowledged) return this.send(ctx, 404, ERR.unknownWebhook);
    const [sub, target] = rest;
    if (rest.length === 0 && ctx.method === 'POST') return this.onFollowup(ctx, it);
    if (sub !== 'messages' || rest.length !== 2 || target === undefined) return this.notFound(ctx);

    const messageId = target === '@original' ? it.originalId : target;
    const msg = messageId === undefined ? undefined : this.messages.get(messageId);
    const belongs = messageId !== undefined && (messageId === it.originalId || it.followupIds.has(messageId));
    if (!msg || !belongs) return this.send(ctx, 404, ERR.unknownMessage);
    if (ctx.method === 'GET') return this.send(ctx, 200, msg);
    if (ctx.method === 'DELETE') {
      this.messages.delete(msg.id);
      return this.send(ctx, 204);
    }
    if (ctx.method === 'PATCH') {
      const at = performance.now();
      const issues = messageIssues(ctx.body, [], { partial: true });
      const refused = this.reject(ctx, issues);
      if (!refused) applyEdit(msg, ctx.body as Payload);
      const rec: RecordedResponse = { kind: 'edit', body: ctx.body, at, status: refused ? 400 : 200, ...(refused ? {} : { message: snapshot(msg) }) };
      this.pushResponse(it, rec);
      if (it.callbackType === 5 || it.callbackType === 6) this.resolveFinal(it, rec);
      if (!refused) this.send(ctx, 200, msg);
      return;
    }
    this.notFound(ctx);
  }

  private onFollowup(ctx: RequestContext, it: InteractionState): void {
    const at = performance.now();
    const refused = this.reject(ctx, messageIssues(ctx.body, []));
    let msg: Payload | undefined;
    if (!refused) {
      const body = ctx.body as Payload;
      const original = it.originalId ? this.messages.get(it.originalId) : undefined;
      if (it.callbackType === 5 && original && original.flags & FLAG_LOADING) {
        // Discord: the first follow-up after a deferred reply replaces the "thinking…" message.
        applyEdit(original, body);
        msg = original;
      } else {
        msg = this.createMessage(it.channelId, body, this.interactionMessageExtras(it));
        it.followupIds.add(msg.id);
      }
    }
    const rec: RecordedResponse = { kind: 'followup', body: ctx.body, at, status: refused ? 400 : 200, ...(msg ? { message: snapshot(msg) } : {}) };
    this.pushResponse(it, rec);
    if (it.callbackType === 5 || it.callbackType === 6) this.resolveFinal(it, rec);
    if (msg) this.send(ctx, 200, msg);
  }

  // ----- interactions: dispatch ------------------------------------------------------------

  dispatchCommand(input: CommandInput): InteractionHandle {
    const schema = this.findCommand(input.name);
    const data: Payload = { id: schema?.id ?? snowflake(), name: input.name, type: 1 };
    if (schema?.guild_id) data.guild_id = schema.guild_id;
    const options = buildOptions(schema, input, undefined);
    if (options) data.options = options;
    return this.dispatchInteraction('command', data, input);
  }

  dispatchAutocomplete(input: AutocompleteInput): InteractionHandle {
    const schema = this.findCommand(input.name);
    const data: Payload = { id: schema?.id ?? snowflake(), name: input.name, type: 1 };
    if (schema?.guild_id) data.guild_id = schema.guild_id;
    data.options = buildOptions(schema, input, input.focused) ?? [];
    return this.dispatchInteraction('autocomplete', data, input);
  }

  clickButton(input: ButtonInput): InteractionHandle {
    const current = this.messages.get(input.message.id) ?? input.message.body;
    if (!isObject(current)) throw new Error(`clickButton: message ${input.message.id} is not known`);
    const button = (Array.isArray(current.components) ? current.components : [])
      .flatMap((row: Payload) => (Array.isArray(row.components) ? row.components : []))
      .find((c: Payload) => c.type === 2 && c.custom_id === input.customId);
    if (!button) throw new Error(`clickButton: message ${current.id} has no button with custom_id "${input.customId}"`);
    if (button.disabled) throw new Error(`clickButton: button "${input.customId}" is disabled`);
    return this.dispatchInteraction(
      'component',
      { custom_id: input.customId, component_type: 2 },
      { ...input, channelId: input.channelId ?? current.channel_id },
      current,
    );
  }

  submitModal(input: ModalSubmitInput): InteractionHandle {
    const it = this.interactions.get(input.from.id);
    if (!it?.modal) throw new Error(`submitModal: interaction ${input.from.id} was not answered with a modal`);
    if (it.modalSubmitted) throw new Error(`submitModal: the modal of interaction ${it.id} was already submitted`);
    const values = { ...(input.values ?? {}) };
    const fields = new Set<string>();
    // What Discord's client sends back: each input with its custom id and what was typed, in the modal's layout.
    const answer = (component: Payload, id: number): Payload => {
      const customId = String(component.custom_id);
      fields.add(customId);
      const value = values[customId] ?? '';
      const label = `submitModal: "${customId}"`;
      if (typeof value !== 'string') throw new Error(`${label} takes text`);
      if (component.required !== false && value.length === 0) throw new Error(`${label} is required; the client would not submit it empty`);
      if (typeof component.max_length === 'number' && value.length > component.max_length) throw new Error(`${label} allows at most ${component.max_length} characters`);
      if (value.length > 0 && typeof component.min_length === 'number' && value.length < component.min_length) {
        throw new Error(`${label} needs at least ${component.min_length} characters`);
      }
      return { type: TEXT_INPUT, id, custom_id: customId, value };
    };
    let nextId = 1;
    const components = (it.modal.components as Payload[]).flatMap((c): Payload[] => {
      const id = nextId++;
      if (c.type === LABEL) return [{ type: LABEL, id, component: answer(c.component, nextId++) }];
      if (c.type === 1) return [{ type: 1, id, components: [answer(c.components[0], nextId++)] }];
      return [{ type: c.type, id }];
    });
    for (const key of Object.keys(values)) if (!fields.has(key)) throw new Error(`submitModal: the modal has no text input "${key}"`);
    it.modalSubmitted = true;
    const message = it.targetMessageId ? this.messages.get(it.targetMessageId) : undefined;
    return this.dispatchInteraction('modal', { custom_id: it.modal.custom_id, components }, it.input, message);
  }

  /** The one place INTERACTION_CREATE payloads are built. */
  private dispatchInteraction(
    kind: InteractionKind,
    data: Payload,
    input: { user?: StandInUser; memberPermissions?: string; memberRoles?: string[]; channelId?: string },
    message?: Payload,
  ): InteractionHandle {
    if (![...this.sessions.values()].some((s) => !s.invalid)) {
      throw new Error('No gateway session: log a client in before dispatching interactions');
    }
    const id = snowflake();
    const token = interactionToken(id);
    const channel = this.ensureChannel(input.channelId ?? this.defaultChannelId);
    const user = {
      id: input.user?.id ?? this.defaultUserId,
      username: input.user?.username ?? 'tester',
      global_name: null,
      discriminator: '0',
      avatar: null,
      public_flags: 0,
    };
    const payload: Payload = {
      id,
      application_id: this.applicationId,
      type: INTERACTION_TYPE[kind],
      token,
      version: 1,
      guild_id: this.guildId,
      guild: { id: this.guildId, locale: 'en-US', features: [] },
      channel_id: channel.id,
      channel: { ...channel, permissions: ALL_PERMISSIONS },
      member: {
        user,
        roles: input.memberRoles ?? [],
        joined_at: this.joinedAt,
        premium_since: null,
        nick: null,
        avatar: null,
        deaf: false,
        mute: false,
        pending: false,
        flags: 0,
        communication_disabled_until: null,
        permissions: input.memberPermissions ?? ALL_PERMISSIONS,
      },
      app_permissions: ALL_PERMISSIONS,
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': this.guildId },
      context: 0,
      attachment_size_limit: 10 * 1024 * 1024,
      data,
    };
    if (message) payload.message = message;

    let resolveFirst!: (r: RecordedResponse) => void;
    let resolveFinal!: (r: RecordedResponse) => void;
    const it: InteractionState = {
      id,
      token,
      kind,
      channelId: channel.id,
      dispatchedAt: 0,
      dispatchedAtMs: Date.now(),
      user,
      input: { user: { id: user.id, username: user.username }, memberPermissions: input.memberPermissions, memberRoles: input.memberRoles, channelId: channel.id },
      waiting: [],
      acknowledged: false,
      expired: false,
      callbackType: undefined,
      followupIds: new Set(),
      responses: [],
      firstDone: false,
      finalDone: false,
      firstResponse: new Promise((r) => (resolveFirst = r)),
      finalResponse: new Promise((r) => (resolveFinal = r)),
      resolveFirst: (r) => resolveFirst(r),
      resolveFinal: (r) => resolveFinal(r),
      ...(message ? { targetMessageId: message.id as string } : {}),
    };
    this.interactions.set(id, it);
    this.byToken.set(token, it);
    it.dispatchedAt = performance.now();
    this.dispatch('INTERACTION_CREATE', payload);
    return {
      id,
      token,
      dispatchedAt: it.dispatchedAt,
      firstResponse: it.firstResponse,
      finalResponse: it.finalResponse,
      responses: () => [...it.responses],
      message: () => {
        const m = it.originalId ? this.messages.get(it.originalId) : undefined;
        return m && snapshot(m);
      },
      modal: () => (it.modal ? structuredClone(it.modal) : undefined),
      response: (index) => {
        const done = it.responses[index];
        return done ? Promise.resolve(done) : new Promise((resolve) => it.waiting.push({ index, resolve }));
      },
    };
  }

  // ----- gateway ---------------------------------------------------------------------------

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (!this.gatewayEnabled || this.closing) {
      this.refusedConnections++;
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, req));
  }

  private onConnection(ws: WebSocket, req: IncomingMessage): void {
    const conn: Conn = { ws, session: null, droppedByUs: false };
    this.conns.add(conn);
    ws.on('error', () => {
      // A socket error is followed by 'close'; nothing else to do.
    });
    ws.on('close', (code) => {
      this.conns.delete(conn);
      const session = conn.session;
      if (!session) return;
      if (session.conn === conn) session.conn = null;
      // Discord ends a session when the client closes with 1000 or 1001.
      if (!conn.droppedByUs && (code === 1000 || code === 1001)) {
        session.invalid = true;
        this.sessions.delete(session.id);
      }
    });
    const params = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;
    if (params.get('v') !== '10') return ws.close(4012, 'Invalid API version');
    if ((params.get('encoding') ?? 'json') !== 'json' || params.has('compress')) {
      return ws.close(4002, 'The stand-in speaks uncompressed JSON only');
    }
    ws.on('message', (raw, isBinary) => this.onGatewayMessage(conn, raw, isBinary));
    this.sendRaw(ws, { op: 10, d: { heartbeat_interval: this.heartbeatIntervalMs }, s: null, t: null });
  }

  private sendRaw(ws: WebSocket, packet: unknown): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(packet));
  }

  private onGatewayMessage(conn: Conn, raw: RawData, isBinary: boolean): void {
    let packet: Payload;
    try {
      if (isBinary) throw new Error('binary');
      packet = JSON.parse(raw.toString());
    } catch {
      return conn.ws.close(4002, 'Decode error');
    }
    const stripBot = (t: unknown) => (typeof t === 'string' ? t.replace(/^Bot /, '') : t);
    switch (packet.op) {
      case 1:
        return this.sendRaw(conn.ws, { op: 11, d: null, s: null, t: null });
      case 2: {
        if (conn.session) return conn.ws.close(4005, 'Already authenticated');
        if (stripBot(packet.d?.token) !== this.token) return conn.ws.close(4004, 'Authentication failed');
        const session: Session = { id: randomBytes(16).toString('hex'), seq: 0, log: [], conn, invalid: false };
        this.sessions.set(session.id, session);
        conn.session = session;
        this.sessionCount++;
        this.dispatch('READY', this.readyPayload(session, packet.d?.shard), session);
        if ((Number(packet.d?.intents) & 1) === 1) this.dispatch('GUILD_CREATE', this.guildObject(true), session);
        return;
      }
      case 6: {
        if (stripBot(packet.d?.token) !== this.token) return conn.ws.close(4004, 'Authentication failed');
        const session = this.sessions.get(String(packet.d?.session_id));
        if (!session || session.invalid) return this.sendRaw(conn.ws, { op: 9, d: false, s: null, t: null });
        if (session.conn && session.conn !== conn) {
          session.conn.droppedByUs = true;
          session.conn.ws.close(4000, 'Session resumed elsewhere');
        }
        session.conn = conn;
        conn.session = session;
        this.resumeCount++;
        const seq = Number(packet.d?.seq ?? 0);
        for (const missed of session.log) if (missed.s > seq) this.sendRaw(conn.ws, missed);
        this.dispatch('RESUMED', {}, session);
        return;
      }
      case 3:
      case 4:
      case 8:
        if (!conn.session) return conn.ws.close(4003, 'Not authenticated');
        return;
      default:
        return conn.ws.close(4001, 'Unknown opcode');
    }
  }

  /** Sends a dispatch to one session, or to every live session; false when there is none. */
  private dispatch(t: string, d: unknown, only?: Session): boolean {
    const targets = only ? [only] : [...this.sessions.values()].filter((s) => !s.invalid);
    for (const session of targets) {
      const packet: GatewayPacket = { op: 0, t, s: ++session.seq, d };
      session.log.push(packet);
      if (session.log.length > MAX_LOG) session.log.shift();
      if (session.conn) this.sendRaw(session.conn.ws, packet);
    }
    return targets.length > 0;
  }

  private readyPayload(session: Session, shard: unknown): Payload {
    return {
      v: 10,
      user: { ...this.botUser, verified: true, mfa_enabled: false, email: null },
      guilds: [{ id: this.guildId, unavailable: true }],
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.gatewayUrl,
      shard: Array.isArray(shard) ? shard : [0, 1],
      application: { id: this.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
    };
  }

  private applicationObject(): Payload {
    return {
      id: this.applicationId,
      name: 'Stand-in application',
      icon: null,
      description: '',
      summary: '',
      type: null,
      bot_public: false,
      bot_require_code_grant: false,
      verify_key: randomBytes(32).toString('hex'),
      flags: 0,
      owner: { id: this.ownerId, username: 'owner', global_name: null, discriminator: '0', avatar: null, public_flags: 0, flags: 0 },
      team: null,
      bot: this.botUser,
      install_params: { scopes: ['bot', 'applications.commands'], permissions: '0' },
      integration_types_config: { '0': {} },
      approximate_guild_count: 1,
    };
  }

  private guildObject(withState: boolean): Payload {
    const botRoleId = `${BigInt(this.guildId) + 1n}`;
    const guild: Payload = {
      id: this.guildId,
      name: 'Stand-in Guild',
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: this.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 1,
      explicit_content_filter: 0,
      roles: [
        { id: this.guildId, name: '@everyone', color: 0, hoist: false, icon: null, unicode_emoji: null, position: 0, permissions: '0', managed: false, mentionable: false, flags: 0 },
        { id: botRoleId, name: 'standin-bot', color: 0, hoist: false, icon: null, unicode_emoji: null, position: 1, permissions: ALL_PERMISSIONS, managed: true, mentionable: false, flags: 0, tags: { bot_id: this.applicationId } },
        { id: this.editorRoleId, name: 'Editors', color: 0, hoist: false, icon: null, unicode_emoji: null, position: 2, permissions: '0', managed: false, mentionable: false, flags: 0 },
      ],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
    };
    if (!withState) return guild;
    return {
      ...guild,
      joined_at: this.joinedAt,
      large: false,
      unavailable: false,
      member_count: 2,
      members: [{ user: this.botUser, roles: [botRoleId], joined_at: this.joinedAt, deaf: false, mute: false, flags: 0, pending: false, nick: null, avatar: null, premium_since: null }],
      channels: [...this.channels.values()],
      threads: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function snapshot(msg: Payload): RecordedMessage {
  const body = structuredClone(msg);
  return {
    id: body.id,
    channel_id: body.channel_id,
    content: body.content,
    embeds: body.embeds,
    components: body.components,
    flags: body.flags,
    ...(body.nonce !== undefined ? { nonce: String(body.nonce) } : {}),
    body,
  };
}

/** Applies a message edit the way Discord does: sent fields replace, others stay. */
function applyEdit(msg: Payload, body: Payload): void {
  if (!isObject(body)) return;
  if ('content' in body) msg.content = body.content ?? '';
  if ('embeds' in body) msg.embeds = body.embeds ?? [];
  if ('components' in body) msg.components = body.components ?? [];
  if ('attachments' in body) msg.attachments = body.attachments ?? [];
  if (typeof body.flags === 'number') {
    msg.flags = (msg.flags & ~FLAG_SUPPRESS_EMBEDS) | (body.flags & FLAG_SUPPRESS_EMBEDS);
  }
  msg.flags &= ~FLAG_LOADING;
  msg.edited_timestamp = new Date().toISOString();
}

function inferOptionType(value: OptionValue): number {
  if (typeof value === 'boolean') return 5;
  if (typeof value === 'number') return Number.isInteger(value) ? 4 : 10;
  return 3;
}

function optionValueFits(type: number, value: OptionValue): boolean {
  switch (type) {
    case 3:
    case 6:
    case 7:
    case 8:
    case 9:
    case 11:
      return typeof value === 'string';
    case 4:
      return typeof value === 'number' && Number.isInteger(value);
    case 10:
      return typeof value === 'number';
    case 5:
      return typeof value === 'boolean';
    default:
      return false;
  }
}

/**
 * Builds `data.options` as Discord does: group → subcommand → options, with option types taken from
 * the registered command when there is one (and checked against it), inferred otherwise.
 */
function buildOptions(
  schema: Payload | undefined,
  input: { name: string; subcommand?: string; subcommandGroup?: string; options?: Record<string, OptionValue> },
  focused: string | undefined,
): Payload[] | undefined {
  const label = `/${[input.name, input.subcommandGroup, input.subcommand].filter(Boolean).join(' ')}`;
  const find = (list: unknown, name: string, type: number): Payload | undefined =>
    Array.isArray(list) ? list.find((o: Payload) => o.name === name && o.type === type) : undefined;

  if (input.subcommandGroup && !input.subcommand) throw new Error(`${label}: a subcommand group needs a subcommand`);
  let leafSchema: Payload[] | undefined = schema ? (Array.isArray(schema.options) ? schema.options : []) : undefined;
  if (schema) {
    const hasSubs = leafSchema!.some((o) => o.type === 1 || o.type === 2);
    if (hasSubs && !input.subcommand) throw new Error(`${label}: the command has subcommands, so it cannot be invoked bare`);
    if (!hasSubs && input.subcommand) throw new Error(`${label}: the command has no subcommands`);
    if (input.subcommandGroup) {
      const group = find(leafSchema, input.subcommandGroup, 2);
      if (!group) throw new Error(`${label}: no subcommand group "${input.subcommandGroup}"`);
      leafSchema = group.options ?? [];
    }
    if (input.subcommand) {
      const sub = find(leafSchema, input.subcommand, 1);
      if (!sub) throw new Error(`${label}: no subcommand "${input.subcommand}"`);
      leafSchema = Array.isArray(sub.options) ? sub.options : [];
    }
  }

  const given = { ...(input.options ?? {}) };
  if (focused !== undefined && !(focused in given)) given[focused] = '';
  const leaf: Payload[] = Object.entries(given).map(([name, value]) => {
    const spec = leafSchema?.find((o) => o.name === name);
    if (leafSchema && !spec) throw new Error(`${label}: no option "${name}"`);
    if (name === focused) {
      if (spec && !spec.autocomplete) throw new Error(`${label}: option "${name}" does not autocomplete`);
      // What the user has typed so far always arrives as a string.
      return { name, type: spec?.type ?? 3, value: String(value), focused: true };
    }
    const type: number = spec?.type ?? inferOptionType(value);
    if (spec && !optionValueFits(type, value)) throw new Error(`${label}: option "${name}" (type ${type}) cannot take ${JSON.stringify(value)}`);
    if (spec && focused === undefined && Array.isArray(spec.choices) && !spec.choices.some((c: Payload) => c.value === value)) {
      throw new Error(`${label}: ${JSON.stringify(value)} is not one of the choices of "${name}"`);
    }
    return { name, type, value };
  });
  if (leafSchema && focused === undefined) {
    const missing = leafSchema.filter((o) => o.required && !(o.name in given)).map((o) => o.name);
    if (missing.length) throw new Error(`${label}: required option(s) missing: ${missing.join(', ')}`);
  }

  if (input.subcommand) {
    const sub = { type: 1, name: input.subcommand, options: leaf };
    return input.subcommandGroup ? [{ type: 2, name: input.subcommandGroup, options: [sub] }] : [sub];
  }
  return leaf.length ? leaf : undefined;
}

export async function startStandIn(opts: StandInOptions = {}): Promise<StandIn> {
  const standIn = new DiscordStandIn(opts);
  await standIn.listen();
  return standIn;
}
