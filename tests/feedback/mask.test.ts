/**
 * Masking: what people type is written only after credentials, e-mail addresses, mentions and
 * Discord IDs are replaced by placeholders. Examples of each kind, words that must stay as typed,
 * and a property test over generated questions through the real FeedbackLog: no written line ever
 * contains a secret or a mention that was in the input.
 */
import { readFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAnswerId } from '../../src/feedback/custom-ids';
import { FeedbackLog } from '../../src/feedback/feedback-log';
import { maskText, withoutPlaceholders } from '../../src/feedback/mask';
import { ManualClock } from '../support/manual-clock';
import { temporaryDir } from '../support/temporary-dir';
import { analyze, captureLog, DECLINED } from './helpers';
import '../support/unhandled';

// A made-up token in Discord's shape, put together here so that no token-shaped string is committed.
const FAKE_BOT_TOKEN = ['MTA5ODc2NTQzMjEwOTg3NjU0Mw', 'GAbCdE', 'x1y2z3a4b5c6d7e8f9g0h1i2j3k4l5m6n7o8'].join('.');

describe('maskText', () => {
  it.each([
    ['a Discord bot token', `my token ${FAKE_BOT_TOKEN} fails`, 'my token [token] fails'],
    ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U?', '[token]?'],
    ['a Bearer header', 'Authorization: Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0', 'Authorization: Bearer [token]'],
    ['named secrets', 'api_key=abc123def456 password: hunter22 x?access_token=zz9', 'api_key=[secret] password: [secret] x?access_token=[secret]'],
    ['credentials in an address', 'see https://alice:s3cret@example.com/path', 'see https://[credentials]@example.com/path'],
    ['an e-mail address', 'write to alice.smith+kz@example.co.uk.', 'write to [email].'],
    ['user, nickname, role and channel mentions', '<@123456789012345678> <@!123456789012345678> <@&42> <#7>', '[mention] [mention] [mention] [mention]'],
    ['@everyone, @here and @handles', '@everyone @here ask @alice', '[mention] [mention] ask [mention]'],
    ['a raw Discord ID', 'user 123456789012345678 asked', 'user [id] asked'],
    ['prefixed API keys', 'sk-proj-abcdefghijklmnopqrstuvwxyz123 ghp_abcdefghijklmnopqrstuvwxyz0123456789 AKIAABCDEFGHIJKLMNOP', '[token] [token] [token]'],
    ['hex and UUIDs', '5d41402abc4b2a76b9719d911017c592 123e4567-e89b-12d3-a456-426614174000', '[token] [token]'],
    ['base64 without a digit', 'key QWxhZGRpbjpvcGVuc2VzYW1lQWxhZGRpbjpvcGVu here', 'key [token] here'],
    ['a JWT cut short', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIi', '[token]'],
    ['names in a row', 'token: api_key: abc123def456', 'token: api_key: [secret]'],
    ['a long number', '00000000000000000000000000000000', '[token]'],
    ['a token split by zero-width spaces', 'MTA5ODc2NTQzMjEw\u200bOTg3NjU0Mw.GAbCdE.x1y2z3a4b5\u200cc6d7e8f9g0h1i2j3k4', '[token]'],
    ['control characters', 'tungsten\u001b[31m reserves\u0007', 'tungsten [31m reserves '],
  ])('masks %s', (_kind, input, expected) => {
    expect(maskText(input)).toBe(expected);
  });

  it('leaves questions, amounts, names and plain addresses as typed', () => {
    const questions = [
      'How much tungsten does Kazakhstan have?',
      'Who signed the MOU on 6 November 2025 for $1 billion (80%)?',
      'Is 2,906 the number of deposits in Kazakhstan–US cooperation?',
      'state-of-the-art processing in the Kazakhstan-US-2025 programme',
      'What does https://www.el-balad.com/6757916 say about basic materials and bearer bonds?',
      'Did Sharlapaev meet the DFC (U.S. International Development Finance Corporation)?',
    ];
    for (const question of questions) expect(maskText(question)).toBe(question);
  });

  it('placeholders are left out of the text that is analyzed', () => {
    expect(analyze(withoutPlaceholders(maskText('token abc123def456ghi789jkl0 tungsten <@123>')))).toEqual(analyze('token tungsten'));
  });
});

// ---------------------------------------------------------------------------------------------
// Property: no written line contains a secret or a mention from the input
// ---------------------------------------------------------------------------------------------

/**
 * Secrets are random: made from unbiased random bytes (fast-check otherwise favours runs of one
 * character, which no real credential has), cut to the length asked for.
 */
const bytes = (length: number) => fc.noBias(fc.uint8Array({ minLength: length, maxLength: length }));
const randomText = (encode: (b: Buffer) => string, alphabet: RegExp, min: number, max: number) =>
  fc.integer({ min, max }).chain((length) => bytes(length).map((b) => encode(Buffer.from(b)).replace(alphabet, '').slice(0, length)));
const alnum = (min: number, max: number) => randomText((b) => b.toString('base64'), /[^A-Za-z0-9]/g, min, max);
const b64url = (min: number, max: number) => randomText((b) => b.toString('base64url'), /=/g, min, max);
const b64 = (min: number, max: number) => randomText((b) => b.toString('base64'), /=/g, min, max);
const digit = fc.integer({ min: 0, max: 9 }).map(String);
const withDigit = (arb: fc.Arbitrary<string>) => fc.tuple(arb, digit).map(([text, d]) => `${text}${d}`);
const snowflake = fc.bigInt({ min: 10n ** 16n, max: 10n ** 19n - 1n }).map(String);

/** A piece of a question, with the strings that must not be written. */
interface Piece {
  text: string;
  secrets: string[];
}
const plain = (text: string): Piece => ({ text, secrets: [] });
const secret = (text: string, ...more: string[]): Piece => ({ text, secrets: [text, ...more] });

const word = fc.oneof(
  fc.constantFrom('How', 'much', 'tungsten', 'does', 'Kazakhstan', 'have', 'who', 'signed', 'the', 'MOU', '2025', '$1', 'billion', 'gallium', 'is', 'my', 'token', 'key', 'mail', 'at', 'see', 'and', 'password'),
  fc.stringMatching(/^[a-z]{1,8}$/),
).map(plain);

const discordToken = fc
  .tuple(b64url(24, 26), b64url(6, 6), b64url(27, 38))
  .map(([a, b, c]) => secret(`${a}.${b}.${c}`, ...[a, b, c].filter((part) => part.length > 6)));
const jwt = fc.tuple(b64url(10, 40), b64url(10, 60), b64url(20, 43)).map(([a, b, c]) => secret(`eyJ${a}.eyJ${b}.${c}`, `eyJ${b}`, c));
const hex = fc.integer({ min: 16, max: 32 }).chain(bytes).map((b) => secret(Buffer.from(b).toString('hex')));
const base64 = fc.tuple(b64(32, 60), fc.constantFrom('', '=', '==')).map(([body, pad]) => secret(`${body}${pad}`, body));
const bearer = b64url(20, 60).map((value) => ({ text: `Bearer ${value}`, secrets: [value] }));
const named = fc
  .tuple(fc.constantFrom('api_key', 'apikey', 'token', 'password', 'secret', 'access_token', 'client_secret'), fc.constantFrom('=', ': ', ':'), withDigit(alnum(9, 24)))
  .map(([name, sep, value]) => ({ text: `${name}${sep}${value}`, secrets: [value] }));
const prefixed = fc.oneof(
  b64url(20, 48).map((v) => secret(`sk-${v}`, v)),
  alnum(36, 36).map((v) => secret(`ghp_${v}`, v)),
  alnum(40, 40).map((v) => v.toUpperCase().slice(0, 16)).map((v) => secret(`AKIA${v}`, v)),
);
const urlWithCredentials = fc
  .tuple(fc.stringMatching(/^[a-z]{3,12}$/), withDigit(alnum(8, 20)), fc.constantFrom('https', 'http', 'ftp', 'postgres'))
  .map(([user, pass, scheme]) => ({ text: `${scheme}://${user}:${pass}@db.example.org/x`, secrets: [`${user}:${pass}@`, pass] }));
const email = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9.+]{2,14}$/), fc.stringMatching(/^[a-z]{2,10}$/), fc.constantFrom('com', 'kz', 'co.uk', 'org'))
  .map(([local, domain, tld]) => secret(`${local}@${domain}.${tld}`));
const mention = fc.oneof(
  snowflake.map((id) => secret(`<@${id}>`, id)),
  snowflake.map((id) => secret(`<@!${id}>`, id)),
  snowflake.map((id) => secret(`<@&${id}>`, id)),
  snowflake.map((id) => secret(`<#${id}>`, id)),
  fc.constantFrom(secret('@everyone'), secret('@here')),
);

/** A secret with an invisible character typed into it (it must not hide the secret from masking). */
const hidden = fc
  .tuple(fc.oneof(discordToken, jwt, hex, base64, prefixed), fc.nat(), fc.constantFrom('\u200b', '\u200d', '\u2060', '\ufeff', '\u00ad'))
  .map(([p, at, invisible]) => {
    const cut = at % (p.text.length + 1);
    return { text: `${p.text.slice(0, cut)}${invisible}${p.text.slice(cut)}`, secrets: p.secrets };
  });

const piece = fc.oneof(
  { weight: 6, arbitrary: word },
  ...[discordToken, jwt, hex, base64, bearer, named, prefixed, urlWithCredentials, email].map((arbitrary) => ({ weight: 1, arbitrary })),
  { weight: 2, arbitrary: mention },
  { weight: 1, arbitrary: hidden },
);
const separator = fc.constantFrom(' ', ', ', '? ', ' (', ') ', '\n', ': ', ' “', '” ', '\t', '\u200b ', ' \u202e');
const text = (maxLength: number) =>
  fc
    .array(fc.tuple(piece, separator), { minLength: 1, maxLength: 12 })
    .map((parts) => ({ text: parts.map(([p, sep]) => `${p.text}${sep}`).join('').trim(), secrets: parts.flatMap(([p]) => p.secrets) }))
    .filter((t) => t.text.length <= maxLength);
/** Questions (the bot takes up to 500 characters) and "What were you looking for?" texts (the modal takes 300). */
const question = text(500);
const lookingFor = text(300);

describe('the written record (property)', () => {
  const dir = temporaryDir('feedback-mask-');
  const clock = new ManualClock('2026-11-23T10:00:00Z');
  const logs = captureLog();
  let feedback: FeedbackLog;

  beforeAll(async () => {
    feedback = await FeedbackLog.open({ dir, log: logs.log, clock, analyze });
  });
  afterAll(() => feedback.flush());

  it('never contains a token, a credential, an e-mail address or a mention that was in the input', async () => {
    const file = join(dir, 'feedback-2026-11.jsonl');
    await fc.assert(
      fc.asyncProperty(question, lookingFor, async (asked, note) => {
        const answerId = newAnswerId();
        feedback.recordAnswer({ answerId, command: 'ask', userId: '123456789012345678', question: asked.text, answer: DECLINED });
        feedback.vote(answerId, '876543210987654321', 'not-helpful', note.text);
        await feedback.flush();
        const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
        truncateSync(file, 0); // each run reads only its own lines
        expect(lines).toHaveLength(2);
        for (const line of lines) {
          const lower = line.toLowerCase();
          for (const s of [...asked.secrets, ...note.secrets, '123456789012345678', '876543210987654321']) {
            expect(lower, `${JSON.stringify(s)} in ${line}`).not.toContain(s.toLowerCase());
          }
        }
      }),
      { numRuns: Number(process.env.MASK_RUNS ?? 300) },
    );
    expect(logs.errors()).toEqual([]);
  });
});
