import { DiscordAPIError, HTTPError, RateLimitError, Routes, type Client } from 'discord.js';
import type { DigestMessage } from '../digest/compose-digest';
import { PostRefused, type DigestPoster } from '../digest/digest-poster';
import { contentOf, embedOf } from './render';

/** Discord's error codes that trying again will not fix, in words an admin can act on. */
const LASTING: Record<number, string> = {
  50013: 'the bot lacks permission to post there (it needs View Channel, Send Messages and Embed Links in that channel)',
  50001: 'the bot cannot see that channel (Missing Access: add it to the channel or give it View Channel)',
  10003: 'unknown channel (deleted, or not in a server the bot is in): set another with /digest channel',
  50035: 'Discord found the message invalid',
};

/** What Discord's refusal means: why, in words, and whether a later attempt can succeed. */
function refusalOf(err: unknown): PostRefused {
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === 'number' ? err.code : Number(err.code);
    const lasting = LASTING[code];
    if (lasting) return new PostRefused(`${lasting} (Discord error ${code})`, false, { status: err.status, code: err.code });
    if (err.status === 429 || err.status >= 500) return new PostRefused(`Discord answered ${err.status}: ${err.message}`, true, { status: err.status, code: err.code });
    return new PostRefused(`Discord refused it (${err.status}, error ${err.code}): ${err.message}`, err.status === 408, { status: err.status, code: err.code });
  }
  if (err instanceof RateLimitError) {
    return new PostRefused(`rate limited by Discord (retry after ${err.retryAfter} ms)`, true, { status: 429, retryAfterMs: err.retryAfter });
  }
  if (err instanceof HTTPError) {
    return new PostRefused(`Discord answered ${err.status} (${err.message})`, err.status >= 500 || err.status === 429, { status: err.status });
  }
  // Network trouble (refused connection, timeout): worth another try.
  return new PostRefused(`could not reach Discord: ${(err as Error)?.message ?? String(err)}`, true);
}

/** The REST body of a digest message: embeds from its pages, nobody pinged, the nonce enforced. */
function digestMessageBody(message: DigestMessage, nonce: string) {
  return {
    ...(message.content?.length ? { content: contentOf(message.content) } : {}),
    embeds: message.pages.map((page) => embedOf(page)),
    allowed_mentions: { parse: [] },
    nonce,
    enforce_nonce: true,
  };
}

/** Posts digest messages to a channel through the client's REST manager (which itself retries 5xx a few times and waits out rate limits). */
export function discordDigestPoster(client: Client): DigestPoster {
  return {
    async post(channelId, message, nonce) {
      try {
        const created = (await client.rest.post(Routes.channelMessages(channelId), { body: digestMessageBody(message, nonce) })) as { id: string };
        return created.id;
      } catch (err) {
        throw refusalOf(err);
      }
    },
  };
}
