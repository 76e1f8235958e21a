import { Events, type Client } from 'discord.js';
import type { Logger } from '../util/logger';

export interface ReconnectPolicy {
  /** discord.js retries about twice a second; after this many failures in a row the bot pauses instead. */
  pauseAfter: number;
  firstPauseMs: number;
  longestPauseMs: number;
}

export const RECONNECT_DEFAULTS: ReconnectPolicy = { pauseAfter: 10, firstPauseMs: 5_000, longestPauseMs: 300_000 };

/**
 * Watches the gateway connection so an operator sees an outage (each failed attempt as a warning
 * with the reason, how long the bot has been cut off, and when it is back), and backs off while
 * Discord stays unreachable: discord.js retries about twice a second for ever, so after
 * `pauseAfter` failures in a row the bot closes the client and logs in again after a pause that
 * doubles each time (5 s, 10 s, … 5 min).
 */
export function superviseConnection(client: Client, log: Logger, token: string, policy: ReconnectPolicy) {
  let downSince: number | undefined;
  let attempts = 0;
  let failures = 0;
  let pauses = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const down = () => (downSince === undefined ? 0 : Math.round((Date.now() - downSince) / 1000));

  const pause = async () => {
    const pauseMs = Math.min(policy.longestPauseMs, policy.firstPauseMs * 2 ** pauses);
    pauses++;
    failures = 0;
    log.warn({ attempts, downSeconds: down(), pauseMs }, 'Discord unreachable: pausing before trying again');
    await client.destroy();
    timer = setTimeout(() => {
      if (stopped) return;
      log.info({ attempt: attempts + 1 }, 'logging in to Discord again');
      client.login(token).catch((err: unknown) => {
        attempts++;
        log.warn({ err, attempt: attempts, downSeconds: down() }, 'gateway connection attempt failed');
        if (!stopped) void pause();
      });
    }, pauseMs);
  };

  client.on(Events.Error, (err) => log.error({ err }, 'discord client error'));
  client.on(Events.ShardDisconnect, (event) => {
    if (!stopped) log.warn({ code: event.code }, 'gateway connection closed for good; not reconnecting');
  });
  client.on(Events.ShardReconnecting, () => {
    if (stopped) return; // closing the connection on purpose is not an outage
    downSince ??= Date.now();
    attempts++;
    const message = 'gateway connection lost: reconnecting';
    if (attempts === 1) log.warn({ attempt: attempts }, message);
    else log.warn({ attempt: attempts, downSeconds: down() }, `${message} (still down)`);
  });
  client.on(Events.ShardError, (err) => {
    if (stopped) return;
    log.warn({ err, attempt: attempts, downSeconds: down() }, 'gateway connection attempt failed');
    if (++failures >= policy.pauseAfter && !stopped) void pause();
  });
  const back = (how: string) => {
    if (downSince === undefined) return;
    log.info({ attempts, downSeconds: down() }, `gateway connection ${how}`);
    downSince = undefined;
    attempts = failures = pauses = 0;
  };
  client.on(Events.ShardResume, () => back('resumed'));
  client.on(Events.ShardReady, () => back('re-established'));

  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
