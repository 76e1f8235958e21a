import type { DigestMessage } from './compose-digest';

/** Where a digest message goes: the Discord adapter posts it to a channel. */
export interface DigestPoster {
  /**
   * Posts one message with `nonce` (and enforce_nonce, so that posting again with the same nonce
   * returns the first message instead of a second) and no pings. Resolves with the message id;
   * throws a PostRefused.
   */
  post(channelId: string, message: DigestMessage, nonce: string): Promise<string>;
}

/** Discord did not take the post: why, in words, and whether trying again later can help. */
export class PostRefused extends Error {
  constructor(
    readonly reason: string,
    /** True for rate limits, server errors and network trouble; false for missing permission or an unknown channel. */
    readonly retryable: boolean,
    readonly detail: { status?: number; code?: number | string; retryAfterMs?: number } = {},
  ) {
    super(`digest: the post was refused: ${reason}`);
  }
}

export function asPostRefused(err: unknown): PostRefused {
  if (err instanceof PostRefused) return err;
  return new PostRefused(err instanceof Error ? err.message : String(err), true);
}
