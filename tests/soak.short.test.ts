/**
 * A short soak (the long one is `npm run soak`): 300 interactions, a mix of every command,
 * autocomplete and "More results" clicks, 20 in flight, against the real bot and the local Discord
 * stand-in, while an article is added to the knowledge folder and another one changed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_KNOWLEDGE_DIR, startBotHarness, type BotHarness } from './support/bot-harness';
import { copyKnowledge, DISCORD_LIMIT_MS, holds, knowledgeChanges, MIX, reloadedWith, runSoak } from './support/soak';
import './support/unhandled';

const COUNT = 300;

let h: BotHarness;
let dir: string;
let files: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kz-bot-soak-'));
  files = await copyKnowledge(REPO_KNOWLEDGE_DIR, dir);
  h = await startBotHarness({ knowledgeDir: dir, logLevel: 'warn', connect: { watch: { debounceMs: 100, pollMs: 0 } } });
});

afterAll(async () => {
  if (h) {
    await h.bot.stop(1_000);
  }
  await h?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('short soak', () => {
  it(`${COUNT} mixed interactions, 20 in flight, while the knowledge folder changes twice: each answered once, within 3 s`, async () => {
    const articlesBefore = h.bot.library.engine.articles.length;
    const result = await runSoak(h.standIn, {
      count: COUNT,
      inFlight: 20,
      maxMs: 30_000,
      changes: knowledgeChanges(dir, files, COUNT, (kind) => reloadedWith(h.bot.library, kind)),
    });
    expect(result.problems).toEqual([]);
    expect(result.aborted).toBeNull();
    expect(result).toMatchObject({ dispatched: COUNT, answered: COUNT, answeredOnce: COUNT, late: 0 });
    expect(result.finalAnswerMs.max).toBeLessThan(DISCORD_LIMIT_MS);
    expect(Object.keys(result.byKind)).toHaveLength(new Set(MIX.map((m) => m.label)).size);
    expect(result.changes.map((c) => c.label)).toEqual(['article added', 'article changed']);
    // Both changes were taken in while answering.
    expect(h.bot.library.engine.articles.length).toBe(articlesBefore + 1);
    expect(holds(h.bot.library, 'added') && holds(h.bot.library, 'changed')).toBe(true);
    expect(h.standIn.violations).toEqual([]);
    expect(h.standIn.unknownRoutes).toEqual([]);
    expect(h.logs.atLeast(50)).toEqual([]);
  }, 30_000);
});
