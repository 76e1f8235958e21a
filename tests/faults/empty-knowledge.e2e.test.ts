/**
 * Issue 11, item 8: a bot with nothing to answer from says so loudly, at start and in /knowledge
 * status; and (item 3) a knowledge folder that appears only after the start is watched once it
 * does. The real bot (connectBot) against the local Discord stand-in.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { articleFile } from '../support/article-file';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { temporaryDir } from '../support/temporary-dir';
import '../support/unhandled';

let harness: BotHarness | undefined;
afterEach(async () => {
  expect(harness?.standIn.violations.splice(0) ?? []).toEqual([]);
  await harness?.close();
  harness = undefined;
});

const status = async (h: BotHarness) => (await h.standIn.dispatchCommand({ name: 'knowledge', subcommand: 'status' }).finalResponse).body.data.embeds[0].description as string;

describe('nothing to answer from', () => {
  it('a missing knowledge folder: a warning at start, said in /knowledge status; once it appears, its articles are answered', async () => {
    const dir = join(temporaryDir('kz-missing-knowledge-'), 'knowledge');
    harness = await startBotHarness({ knowledgeDir: dir, env: { KNOWLEDGE_POLL_SECONDS: '0' }, connect: { watch: { debounceMs: 20, pollMs: 0, identityCheckMs: 0 } } });
    expect(harness.logs.atLeast(40)).toContainEqual(
      expect.objectContaining({ msg: `knowledge: ${dir} knowledge folder not found: there is nothing to answer from until articles are added there` }),
    );
    const said = await status(harness);
    expect(said).toContain('**The knowledge base is empty:** there is nothing to answer from until articles are added to the knowledge folder.');
    expect(said).toContain(`• \`${dir}\` knowledge folder not found`);

    const added = harness.bot.library.nextChange();
    mkdirSync(join(dir, '..', 'incoming'));
    writeFileSync(join(dir, '..', 'incoming', 'gallium.md'), articleFile({ title: 'Gallium exports rise', body: 'Gallium exports from Pavlodar rose sharply in February.' }));
    // As a deploy script would: the folder is made elsewhere and moved into place.
    renameSync(join(dir, '..', 'incoming'), dir);
    expect(await added).toMatchObject({ added: ['gallium.md'] });
    const answer = (await harness.standIn.dispatchCommand({ name: 'ask', options: { question: 'How did gallium exports change?' } }).finalResponse).body.data;
    expect(answer.embeds[0].title).toBe('Gallium exports rise');
    expect(await status(harness)).not.toContain('The knowledge base is empty');
  });

  it('an empty knowledge folder: a warning at start, and /knowledge status says the knowledge base is empty', async () => {
    const dir = temporaryDir('kz-empty-knowledge-');
    writeFileSync(join(dir, 'README.md'), '# The articles go here\n');
    harness = await startBotHarness({ knowledgeDir: dir });
    expect(harness.logs.atLeast(40)).toContainEqual(
      expect.objectContaining({ msg: `knowledge: ${dir} has no articles: there is nothing to answer from until articles are added there` }),
    );
    const said = await status(harness);
    expect(said).toContain('**Articles:** 0 · **Passages:** 0');
    expect(said).toContain('**The knowledge base is empty:**');
  });
});
