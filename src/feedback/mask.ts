/**
 * Masking of what people type, before anything of it is written to the feedback record.
 *
 * Questions are kept as typed, except for what must never sit in a file: credentials (Discord bot
 * tokens, JWTs, API keys, `Bearer …`, `password=…`, the user:password of an address), e-mail
 * addresses, Discord mentions and raw Discord IDs (they name people). Each is replaced by a
 * placeholder that says what was there (`[token]`, `[secret]`, `[credentials]`, `[email]`,
 * `[mention]`, `[id]`), so the question still reads. Pure; never throws.
 */

/** The placeholders masking writes, so that analysis can leave them out. */
export const PLACEHOLDERS = ['[token]', '[secret]', '[credentials]', '[email]', '[mention]', '[id]'] as const;
export const PLACEHOLDER_PATTERN = /\[(?:token|secret|credentials|email|mention|id)\]/g;

/** The user:password (or token) part of an address: `https://user:pass@host` → `https://[credentials]@host`. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]{0,30}:\/\/)[^\s/?#]+@(?=[^\s@])/giu;

/** `Bearer abc…`, `Basic dXNl…`: an authorization header pasted into a question. */
const AUTH_SCHEME = /\b(Bearer|Basic)(\s+)([A-Za-z0-9._~+/=-]{8,})/giu;

/** `api_key=…`, `password: …`, `?access_token=…`: the value after a name that says it is secret. */
const SECRET_NAME =
  '[\\w-]*?(?:api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|secret|token|passw(?:or)?d|pwd|passphrase|signature|sig|credentials?|session[_-]?id)\\s*[:=]';
const NAMED_SECRET = new RegExp(
  // The value is what follows the name, unless that is another such name ("token: api_key: …").
  `\\b(${SECRET_NAME}\\s*)(?!${SECRET_NAME})("[^"\\n]*"|'[^'\\n]*'|[^\\s&"',;)\\]}]+)`,
  'giu',
);

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

/** Discord's mention syntax, @everyone and @here, and an @handle typed as text. */
const MENTION = /<@[!&]?\d+>|<#\d+>|@(?:everyone|here)\b|(?<![\p{L}\p{N}_.\]])@[\p{L}\p{N}_.]{2,32}/gu;

/** Credentials with a well-known prefix (JWT, OpenAI, GitHub, Slack, AWS, Google, GitLab), even cut short. */
const PREFIXED_TOKEN =
  /\b(?:eyJ[\w-]{6,}(?:\.[\w-]*){0,2}|(?:sk|pk|rk)-[\w-]{16,}|gh[pousr]_\w{20,}|github_pat_\w{20,}|xox[abprs]-[\w-]{10,}|AKIA[0-9A-Z]{16}|AIza[\w-]{30,}|glpat-[\w-]{20,})/gu;

/** Three base64url parts separated by dots: a Discord bot token or a JWT. */
const DOTTED_TOKEN = /(?<![\w-])[\w-]{10,}\.[\w-]{4,}\.[\w-]{10,}(?![\w-])/gu;

/** A long run of the characters tokens are made of (base64, base64url, hex). */
const OPAQUE_RUN = /(?<![A-Za-z0-9+/_=-])[A-Za-z0-9+/_=-]{20,}(?![A-Za-z0-9+/_=-])/gu;

/**
 * Zero-width characters and bidirectional controls: invisible, they could split a token so that
 * no rule sees it whole, or make a stored question display differently from what it says.
 */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u00AD]/gu;
/** Control characters other than line breaks and tabs (a terminal would obey some). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/gu;

/** 17 to 20 digits: a Discord ID (a person, a channel, a message). */
const SNOWFLAKE = /(?<!\d)\d{17,20}(?!\d)/gu;
/** More digits than any amount is written with: a numeric secret. */
const LONG_NUMBER = /(?<!\d)\d{21,}(?!\d)/gu;

/**
 * A run looks like a token when one of its pieces mixes letters and digits (hex, UUIDs), or when
 * it keeps switching between lower case, upper case and digits the way random strings do (base64,
 * with or without digits). Long hyphenated phrases ("state-of-the-art", "Kazakhstan-US-2025")
 * switch a few times only: they are words, not tokens.
 */
function looksOpaque(run: string): boolean {
  const pieces = run.split(/[-_/+=]+/);
  if (pieces.some((piece) => piece.length >= 6 && /\d/.test(piece) && /[A-Za-z]/.test(piece))) return true;
  let switches = 0;
  let previous = '';
  for (const char of run) {
    const kind = char >= 'a' && char <= 'z' ? 'l' : char >= 'A' && char <= 'Z' ? 'u' : char >= '0' && char <= '9' ? 'd' : '';
    if (!kind) continue;
    if (previous && kind !== previous) switches += 1;
    previous = kind;
  }
  return switches >= Math.max(4, run.length / 6);
}

/** "Bearer 4f9a…" is a credential (a digit or a symbol, or long); "Basic materials" is not. */
function looksLikeCredential(value: string): boolean {
  return /[\d._~+/=-]/.test(value) || value.length >= 16;
}

function looksLikeDottedToken(text: string): boolean {
  return /[A-Z0-9]/.test(text);
}

/**
 * The text with secrets, e-mail addresses, mentions and Discord IDs replaced by placeholders, and
 * without invisible and control characters. Whatever is masked cannot be recovered: the original is
 * never written anywhere.
 */
export function maskText(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(CONTROL, ' ')
    .replace(URL_CREDENTIALS, '$1[credentials]@')
    .replace(AUTH_SCHEME, (all, scheme: string, space: string, value: string) => (looksLikeCredential(value) ? `${scheme}${space}[token]` : all))
    .replace(NAMED_SECRET, '$1[secret]')
    .replace(EMAIL, '[email]')
    .replace(MENTION, '[mention]')
    .replace(PREFIXED_TOKEN, '[token]')
    .replace(DOTTED_TOKEN, (run) => (looksLikeDottedToken(run) ? '[token]' : run))
    .replace(OPAQUE_RUN, (run) => (looksOpaque(run) ? '[token]' : run))
    .replace(LONG_NUMBER, '[token]')
    .replace(SNOWFLAKE, '[id]');
}

/** The masked text without its placeholders, for analysis: a placeholder is not something asked about. */
export function withoutPlaceholders(masked: string): string {
  return masked.replace(PLACEHOLDER_PATTERN, ' ');
}
