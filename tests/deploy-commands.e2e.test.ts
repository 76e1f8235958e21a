/**
 * `npm run deploy-commands` against the local Discord stand-in: it registers the commands to the
 * server (as a real process, the way npm starts it), changes nothing the second time, and a
 * rejected token exits 1 with a reason (run in this process through its main).
 */
import { spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCommands } from '../src/bot/load-commands';
import { main } from '../src/cli/deploy-commands';
import { fakeBotToken } from './support/bot-harness';
import { capture } from './support/capture';
import { checkCommands, startStandIn, type StandIn } from './support/discord-standin';

const REPO = fileURLToPath(new URL('..', import.meta.url));
let standIn: StandIn;

/** The program as npm starts it: one node process running the compiled JavaScript. */
function deployAsProcess(env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['scripts/run.mjs', 'src/cli/deploy-commands.ts'], {
      cwd: REPO,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CI: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The program's main, in this process. */
async function deploy(env: Record<string, string>) {
  const stdout = capture();
  const stderr = capture();
  const code = await main([], { stdin: Readable.from([]), stdout: stdout.stream, stderr: stderr.stream, env: { CI: '1', ...env } });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const settingsFor = (s: StandIn, token = s.token) => ({
  DISCORD_TOKEN: token,
  DISCORD_APPLICATION_ID: s.applicationId,
  DISCORD_GUILD_ID: s.guildId,
  DISCORD_API_URL: s.apiUrl,
});

beforeAll(async () => {
  standIn = await startStandIn({ token: fakeBotToken() });
});
afterAll(async () => {
  await standIn?.close();
});

describe('npm run deploy-commands', () => {
  it('registers the commands to the server (a real process), then finds them up to date', async () => {
    const first = await deployAsProcess(settingsFor(standIn));
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const names = [...(await loadCommands()).keys()].sort();
    expect(names).toEqual(expect.arrayContaining(['ask', 'help', 'minerals', 'sources', 'tungsten', 'who']));
    expect(first.stdout).toBe(`Commands registered (server ${standIn.guildId}): added ${names.join(', ')}.\n`);
    const registered = standIn.registeredCommands({ guildId: standIn.guildId });
    expect(checkCommands('registered', registered)).toEqual([]);
    expect(standIn.registeredCommands()).toEqual([]); // nothing global

    const puts = standIn.requests.filter((r) => r.method === 'PUT').length;
    const second = await deploy(settingsFor(standIn));
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^Commands already up to date \(server \d+\)/);
    expect(standIn.requests.filter((r) => r.method === 'PUT').length).toBe(puts);
  });

  it('exits 1 with the reason when Discord rejects the token, and never prints it', async () => {
    const wrong = fakeBotToken();
    const result = await deploy(settingsFor(standIn, wrong));
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('Could not register the commands: Discord rejected the token (DISCORD_TOKEN).');
    expect(result.stdout + result.stderr).not.toContain(wrong.split('.')[0]);
  });

  it('exits 1 naming what is missing without a token', async () => {
    const result = await deploy({ DISCORD_API_URL: standIn.apiUrl });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('deploy-commands needs DISCORD_TOKEN and DISCORD_APPLICATION_ID');
  });
});
