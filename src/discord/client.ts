import { Client, GatewayIntentBits } from 'discord.js';

export interface ClientOptions {
  apiUrl?: string;
  requestsPerSecond?: number;
  /**
   * Logs in again at once after an outage. discord.js spaces two logins (IDENTIFYs) 5 to 6.5 s
   * apart, as Discord limits them; a local stand-in of Discord does not, and tests need not wait.
   */
  identifyAtOnce?: boolean;
}

/** The discord.js client: the Guilds intent only, no pings unless a message says otherwise, and another API base when given. */
export function createClient(options: ClientOptions = {}): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: {
      ...(options.apiUrl ? { api: options.apiUrl } : {}),
      ...(options.requestsPerSecond ? { globalRequestsPerSecond: options.requestsPerSecond } : {}),
    },
    ...(options.identifyAtOnce ? { ws: { buildIdentifyThrottler: async () => ({ waitForIdentify: async () => {} }) } } : {}),
  });
}
