/** /knowledge add url: what the bot shows before Save (draftFromLink), and what Save writes. */
import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { splitArticle } from '../../src/core/passages';
import { draftAsArticle, leadParagraph } from '../../src/ingest/article-from-link';
import { createIngest } from '../../src/ingest/ingest';
import { KnownArticlesIndex } from '../../src/ingest/known-articles';
import { createLogger } from '../../src/util/logger';
import { ManualClock } from '../support/manual-clock';
import { temporaryDir } from '../support/temporary-dir';
import { drive } from './support/drive';
import { fixture } from './support/fixtures';
import { body, startSite } from './support/web';

describe('an article from a link', () => {
  it('gives a preview (title, publisher, date, first paragraph, passages) and writes nothing until saved', async () => {
    const knowledgeDir = temporaryDir('link-knowledge-');
    const clock = new ManualClock('2026-03-10T06:00:00Z');
    const known = new KnownArticlesIndex(); // the bot gives its live library here
    const ingest = await createIngest({ knowledgeDir, stateDir: temporaryDir('link-state-'), log: createLogger('silent'), clock, known, allowPrivateNetwork: true });
    const site = await startSite({ '/business/tungsten': body('text/html', fixture('article-tungsten.html')) });
    try {
      const preview = await drive(clock, ingest.draftFromLink(site.url('/business/tungsten')));
      if (!preview.ok) throw new Error(preview.reason);
      expect(preview).toMatchObject({
        draft: { title: 'Kazakhstan Opens Tungsten Deposit to US Investors', publisher: 'The Steppe Ledger', published: '2026-03-09', byline: 'Aigerim Sadykova' },
        fileName: '2026-03-09-kazakhstan-opens-tungsten-deposit-us-investors.md',
        lead: expect.stringMatching(/^ASTANA – Kazakhstan's Ministry of Industry/),
      });
      expect(splitArticle(draftAsArticle(preview.draft, preview.fileName)).length).toBeGreaterThan(4);
      expect(await readdir(knowledgeDir)).toEqual([]); // Cancel: nothing to undo

      const saved = await ingest.writer.save(preview.draft);
      expect(saved).toMatchObject({ ok: true, file: preview.fileName });
      // Known at once, before the library reloads: the same link again is refused in the preview.
      const again = await drive(clock, ingest.draftFromLink(site.url('/business/tungsten')));
      expect(again).toEqual({ ok: false, code: 'duplicate', reason: `already in the knowledge base as ${preview.fileName} (the same link)` });
    } finally {
      await ingest.close();
    }
  });

  it('takes the first paragraph that is prose for the preview', () => {
    expect(leadParagraph('## Heading\n\n- a list\n\n| a | b |\n\nThe first real paragraph.\n\nAnother.')).toBe('The first real paragraph.');
    expect(leadParagraph('- only a list')).toBe('- only a list');
  });
});
