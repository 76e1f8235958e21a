import { createHmac, randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { temporaryPathFor } from '../util/atomic-file';
import type { Logger } from '../util/logger';

/**
 * The key that turns a Discord user id into the hash the feedback record keeps. Made at the first
 * start (32 random bytes, written as hex to `STATE_DIR/feedback.key`, mode 0600) and never written
 * into the record. Without the key, a hash cannot be traced back to a person by trying user ids;
 * deleting the key makes every past hash unlinkable to future ones (a person's old and new
 * questions then count as two people).
 */
export const KEY_FILE = 'feedback.key';
/** Hex characters of the hash kept (64 bits: no two people of a team collide). */
const HASH_LENGTH = 16;
const KEY_TEXT = /^[0-9a-f]{64}$/;

export class FeedbackKeyError extends Error {
  constructor(readonly file: string, problem: string) {
    super(`feedback: ${file} ${problem}`);
  }
}

export type UserHasher = (userId: string) => string;

/** The keyed hash of a user id: HMAC-SHA256, hex, first 16 characters. */
export function userHasher(key: Buffer): UserHasher {
  return (userId) => createHmac('sha256', key).update(userId, 'utf8').digest('hex').slice(0, HASH_LENGTH);
}

/**
 * Reads the key in `dir`, or makes it when there is none (the folder too). Throws a
 * FeedbackKeyError when the file exists but is not a key: replacing it would silently split every
 * person in the record in two, so that is left to whoever runs the bot (delete the file).
 */
export async function loadOrCreateKey(dir: string, log: Logger): Promise<Buffer> {
  const file = join(dir, KEY_FILE);
  await mkdir(dir, { recursive: true });
  let text = await readKeyText(file);
  if (text === '') {
    // An empty file is a key whose writing failed (a full disk, under earlier versions): no hash was made with it.
    log.warn({ file }, `feedback: ${file} is empty; making a new key`);
    await rm(file, { force: true });
    text = undefined;
  }
  if (text === undefined) {
    const made = await makeKey(file);
    if (made) {
      log.info({ file }, 'feedback: made the key that hashes user ids');
      return made;
    }
    text = (await readKeyText(file)) ?? ''; // another process made it first
  }
  if (!KEY_TEXT.test(text)) {
    throw new FeedbackKeyError(file, 'is not a feedback key (64 hexadecimal characters). Delete it to make a new one; earlier votes then count as other people’s.');
  }
  const { mode } = await stat(file);
  if ((mode & 0o077) !== 0) {
    log.warn({ file, mode: `0${(mode & 0o777).toString(8)}` }, `feedback: ${file} can be read by others; chmod 600 it`);
  }
  return Buffer.from(text, 'hex');
}

/** The key file's text, trimmed; undefined when there is no file. */
async function readKeyText(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Writes a new key to a temporary file and links it into place, so that the key file appears whole
 * or not at all (a full disk leaves no empty key behind); undefined when a key file appeared meanwhile.
 */
async function makeKey(file: string): Promise<Buffer | undefined> {
  const key = randomBytes(32);
  const temporary = temporaryPathFor(file);
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(`${key.toString('hex')}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await link(temporary, file);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw err;
  } finally {
    await rm(temporary, { force: true });
  }
}
