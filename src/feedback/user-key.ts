import { createHmac, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
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
  try {
    const handle = await open(file, 'wx', 0o600);
    const key = randomBytes(32);
    try {
      await handle.writeFile(`${key.toString('hex')}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    log.info({ file }, 'feedback: made the key that hashes user ids');
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const text = (await readFile(file, 'utf8')).trim();
  if (!KEY_TEXT.test(text)) {
    throw new FeedbackKeyError(file, 'is not a feedback key (64 hexadecimal characters). Delete it to make a new one; earlier votes then count as other people’s.');
  }
  const { mode } = await stat(file);
  if ((mode & 0o077) !== 0) {
    log.warn({ file, mode: `0${(mode & 0o777).toString(8)}` }, `feedback: ${file} can be read by others; chmod 600 it`);
  }
  return Buffer.from(text, 'hex');
}
