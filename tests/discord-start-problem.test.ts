import { createServer } from 'node:net';
import { Client, GatewayIntentBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { LoginFailed } from '../src/discord/bot';
import { startProblem } from '../src/discord/run';

/** A port on 127.0.0.1 that nothing listens on: one just let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the one line npm start prints when it cannot connect to Discord', () => {
  it('Discord unreachable (the real client against a closed port): says so and what to check', async () => {
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: `http://127.0.0.1:${await closedPort()}/api` } });
    const failure = await client.login('MTIz.abc.def').then(
      () => undefined,
      (err: unknown) => err,
    );
    await client.destroy();
    const line = startProblem(new LoginFailed(failure));
    expect(line).toMatch(/^Could not connect to Discord: connect ECONNREFUSED 127\.0\.0\.1:\d+\. Check this machine's network connection/);
    expect(line).toContain('without DISCORD_TOKEN the bot answers in the terminal instead');
  });

  it('a rejected token and an error of another kind keep their own lines', () => {
    expect(startProblem(new LoginFailed(Object.assign(new Error('An invalid token was provided.'), { code: 'TokenInvalid' })))).toBe(
      'Discord rejected the token (DISCORD_TOKEN): check it in the Developer Portal, Bot tab, and reset it if needed.',
    );
    expect(startProblem(new LoginFailed(Object.assign(new Error('Service Unavailable'), { status: 503 })))).toBe('Could not connect to Discord: Service Unavailable');
    expect(startProblem(new Error('the cache folder is not writable'))).toBe('Could not start: the cache folder is not writable');
  });
});
