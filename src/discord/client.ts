import { Client, GatewayIntentBits } from 'discord.js';

/** The discord.js client: the Guilds intent only, no pings unless a message says otherwise, and another API base when given. */
export function createClient(options: { apiUrl?: string; requestsPerSecond?: number } = {}): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: {
      ...(options.apiUrl ? { api: options.apiUrl } : {}),
      ...(options.requestsPerSecond ? { globalRequestsPerSecond: options.requestsPerSecond } : {}),
    },
  });
}
