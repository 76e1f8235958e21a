/**
 * The compiled programs import discord.js and zod from one bundle each (scripts/build.mjs) loaded
 * with a V8 code cache. The global setup (tests/support/build-dist.ts) has built dist/ before this
 * file runs.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VENDORED } from '../scripts/build.mjs';

const VENDOR = join(import.meta.dirname, '..', 'dist', 'vendor');

/** Runs a module in a plain node, as `npm start` runs the bot (the test runner's own flags would change V8's view of the cache). */
function runInNode(source: string): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', source], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
}

describe('the bundles of discord.js and zod', () => {
  it('are the packages the build bundles', () => {
    expect(VENDORED).toEqual(['discord.js', 'zod']);
  });

  it('export what discord.js exports, by name and as default', () => {
    const out = runInNode(`
      import discord, { Client, GatewayIntentBits, REST, Routes } from ${JSON.stringify(join(VENDOR, 'discord.js.mjs'))};
      console.log(JSON.stringify({ client: typeof Client, intents: GatewayIntentBits.Guilds, rest: typeof REST, routes: typeof Routes.applicationCommands, same: discord.Client === Client }));
    `);
    expect(JSON.parse(out)).toEqual({ client: 'function', intents: 1, rest: 'function', routes: 'function', same: true });
  });

  it('export what zod exports, names that cannot name a variable too ("null", "enum"), and check as zod does', () => {
    const out = runInNode(`
      import zod, { z, null as zNull, enum as zEnum } from ${JSON.stringify(join(VENDOR, 'zod.mjs'))};
      const schema = z.object({ port: z.coerce.number().int().min(1), mode: zEnum(['a', 'b']), gone: zNull() });
      const bad = schema.safeParse({ port: 'x', mode: 'c', gone: null });
      console.log(JSON.stringify({ good: schema.parse({ port: '80', mode: 'a', gone: null }), bad: bad.error.issues.map((i) => i.path.join('.')), same: zod.z === z }));
    `);
    expect(JSON.parse(out)).toEqual({ good: { port: 80, mode: 'a', gone: null }, bad: ['port', 'mode'], same: true });
  });

  it('the compiled programs import them, never the packages', () => {
    expect(readFileSync(join(VENDOR, '..', 'src', 'bot', 'settings.js'), 'utf8')).toMatch(/from "\.\.\/\.\.\/vendor\/zod\.mjs"/);
    expect(readFileSync(join(VENDOR, '..', 'src', 'discord', 'bot.js'), 'utf8')).toMatch(/from "\.\.\/\.\.\/vendor\/discord\.js\.mjs"/);
  });

  it.each(VENDORED)('%s: has a code cache that this node accepts for the bundle as built', (name) => {
    const out = runInNode(`
      import Module from 'node:module';
      import { readFileSync } from 'node:fs';
      import { Script } from 'node:vm';
      const file = ${JSON.stringify(join(VENDOR, `${name}.cjs`))};
      const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData: readFileSync(${JSON.stringify(join(VENDOR, `${name}.code-cache`))}) });
      console.log(script.cachedDataRejected);
    `);
    expect(out.trim()).toBe('false');
  });

  it.each([
    ['refuses', (dir: string) => writeFileSync(join(dir, 'discord.js.code-cache'), 'not a code cache')],
    ['lacks', (dir: string) => rmSync(join(dir, 'discord.js.code-cache'))],
  ])('load all the same from a folder whose code cache V8 %s (another node version, a partial copy)', (_, spoil) => {
    const dir = mkdtempSync(join(tmpdir(), 'kz-vendor-'));
    try {
      cpSync(VENDOR, dir, { recursive: true });
      spoil(dir);
      const out = runInNode(`
        import { Client } from ${JSON.stringify(join(dir, 'discord.js.mjs'))};
        console.log(typeof Client);
      `);
      expect(out.trim()).toBe('function');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
