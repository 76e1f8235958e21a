/** Articles taken out of the knowledge base: kept, never overwritten, put back on request, and never imported again unasked. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArticleWriter, renderArticleFile } from '../../src/ingest/article-file';
import type { ArticleDraft } from '../../src/ingest/extract';
import { KnownArticlesIndex, knownArticlesInFolder } from '../../src/ingest/known-articles';
import { knownOrRemoved, REMOVED_DIR, RemovedArticles } from '../../src/ingest/removed-articles';
import { ManualClock } from '../support/manual-clock';
import { temporaryDir } from '../support/temporary-dir';

const draft: ArticleDraft = {
  title: 'Kazakhstan Opens Tungsten Deposit to US Investors',
  publisher: 'The Steppe Ledger',
  published: '2026-03-09',
  url: 'https://steppe-ledger.example/business/2026/03/kazakhstan-opens-tungsten-deposit',
  text: 'ASTANA – The ministry invited American companies to develop the Boguty deposit.',
};
const FILE = '2026-03-09-kazakhstan-opens-tungsten-deposit-us-investors.md';
/** A knowledge base that has none of them again. */
const nothing = new KnownArticlesIndex();

function folders() {
  const knowledgeDir = temporaryDir('kz-removed-knowledge-');
  const stateDir = temporaryDir('kz-removed-state-');
  writeFileSync(join(knowledgeDir, FILE), renderArticleFile(draft));
  return { knowledgeDir, stateDir, removedDir: join(stateDir, REMOVED_DIR) };
}

describe('removed articles', () => {
  it('are moved to STATE_DIR/removed/ as they were, and put back by restore', async () => {
    const { knowledgeDir, stateDir, removedDir } = folders();
    const content = readFileSync(join(knowledgeDir, FILE), 'utf8');
    const removed = await RemovedArticles.open(knowledgeDir, stateDir);
    expect(await removed.remove(FILE)).toEqual({ ok: true, file: FILE });
    expect(readdirSync(knowledgeDir)).toEqual([]);
    expect(readFileSync(join(removedDir, FILE), 'utf8')).toBe(content);
    expect(await removed.files()).toEqual([FILE]);

    expect(await removed.restore(FILE, nothing)).toEqual({ ok: true, file: FILE });
    expect(readFileSync(join(knowledgeDir, FILE), 'utf8')).toBe(content);
    expect(await removed.files()).toEqual([]);
  });

  it('are not restored when the knowledge base has them again (put back by hand, or brought by a link): no second copy', async () => {
    const { knowledgeDir, stateDir, removedDir } = folders();
    const removed = await RemovedArticles.open(knowledgeDir, stateDir);
    await removed.remove(FILE);
    writeFileSync(join(knowledgeDir, FILE), readFileSync(join(removedDir, FILE)));
    const known = await knownArticlesInFolder(knowledgeDir);
    expect(await removed.restore(FILE, known)).toEqual({ ok: false, duplicate: true, reason: `the knowledge base has it again, as ${FILE} (the same link)` });
    expect(readdirSync(knowledgeDir)).toEqual([FILE]);
    expect(await removed.files()).toEqual([FILE]);
  });

  it('never overwrite a file: a name taken in either folder gets -2, -3, …', async () => {
    const { knowledgeDir, stateDir, removedDir } = folders();
    mkdirSync(removedDir);
    writeFileSync(join(removedDir, FILE), 'removed before');
    const removed = await RemovedArticles.open(knowledgeDir, stateDir);
    const kept = FILE.replace(/\.md$/, '-2.md');
    expect(await removed.remove(FILE)).toEqual({ ok: true, file: kept });
    expect(readFileSync(join(removedDir, FILE), 'utf8')).toBe('removed before');
    // The same name added to the knowledge base meanwhile stays; the restored one takes another.
    writeFileSync(join(knowledgeDir, kept), 'added since');
    expect(await removed.restore(kept, nothing)).toEqual({ ok: true, file: FILE.replace(/\.md$/, '-2-2.md') });
    expect(readFileSync(join(knowledgeDir, kept), 'utf8')).toBe('added since');
  });

  it('refuse names that are not article files of the folder, and files that are not there, moving nothing', async () => {
    const { knowledgeDir, stateDir } = folders();
    const removed = await RemovedArticles.open(knowledgeDir, stateDir);
    writeFileSync(join(stateDir, 'state.json'), '{}');
    for (const name of ['../state.json', '../../etc/passwd.md', '.hidden.md', 'notes.txt', 'a/../../b.md']) {
      expect(await removed.remove(name), name).toMatchObject({ ok: false });
    }
    expect(await removed.remove('2026-01-01-not-there.md')).toEqual({ ok: false, reason: `there is no 2026-01-01-not-there.md in ${knowledgeDir}` });
    expect(await removed.restore(FILE, nothing)).toMatchObject({ ok: false });
    expect(await removed.restore('../state.json', nothing)).toMatchObject({ ok: false });
    expect(readdirSync(knowledgeDir)).toEqual([FILE]);
    // Every kind of article file the library reads can be removed: .markdown too.
    writeFileSync(join(knowledgeDir, 'notes.markdown'), renderArticleFile({ ...draft, url: 'https://example.org/notes' }));
    expect(await removed.remove('notes.markdown')).toEqual({ ok: true, file: 'notes.markdown' });
    expect(removed.find({ url: 'https://example.org/notes', text: '' })).toEqual({ file: 'notes.markdown', match: 'url', removed: true });
    expect(existsSync(join(stateDir, 'state.json'))).toBe(true);
  });

  it('are known to the writer: the same link or text is not saved again, saying it was removed and how to put it back', async () => {
    const { knowledgeDir, stateDir } = folders();
    const removed = await RemovedArticles.open(knowledgeDir, stateDir);
    await removed.remove(FILE);
    const writer = new ArticleWriter({ knowledgeDir, clock: new ManualClock('2026-03-10T06:00:00Z'), known: knownOrRemoved(new KnownArticlesIndex(), removed) });
    expect(await writer.save({ ...draft, url: `${draft.url}?utm_source=feed` })).toEqual({
      ok: false,
      code: 'duplicate',
      file: FILE,
      removed: true,
      reason: `an article removed from the knowledge base, kept as removed/${FILE} (the same link); /knowledge restore (or npm run remove-article -- --restore ${FILE}) puts it back`,
    });
    expect(await writer.save({ ...draft, url: 'https://elsewhere.example/copy' })).toMatchObject({ ok: false, code: 'duplicate', removed: true });
    expect(readdirSync(knowledgeDir)).toEqual([]);
    // Known again after a restart (read from the folder), and no longer once restored.
    const reopened = await RemovedArticles.open(knowledgeDir, stateDir);
    expect(reopened.find({ url: draft.url, text: '' })).toEqual({ file: FILE, match: 'url', removed: true });
    await reopened.restore(FILE, nothing);
    expect(reopened.find({ url: draft.url, text: '' })).toBeUndefined();
  });
});
