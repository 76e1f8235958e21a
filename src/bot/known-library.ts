import type { ArticleRecord } from '../core/engine';
import { KnownArticlesIndex, type KnownArticleMatch, type KnownArticles } from '../ingest/known-articles';
import type { Library } from '../library/library';

/**
 * An article's text as the library holds it: its passages in order, each section heading before
 * the first passage under it. The library keeps passages, not the file's body; for the duplicate
 * lookup this is the same text, since its fingerprint ignores Markdown marks, punctuation and
 * spacing (a heading with no passage under it is the one thing left out).
 */
export function bodyOf(record: Pick<ArticleRecord, 'passages'>): string {
  const blocks: string[] = [];
  let section: string | null = null;
  for (const passage of record.passages) {
    if (passage.section !== null && passage.section !== section) blocks.push(`## ${passage.section}`);
    section = passage.section;
    blocks.push(passage.text);
  }
  return blocks.join('\n\n');
}

/**
 * What ingesting knows of the knowledge base, backed by the bot's live library: built when first
 * asked (it reads every passage's text, which a library restored from its cache reads only when
 * needed), then kept up to date from each change the library applies, file by file.
 */
export class LibraryKnownArticles implements KnownArticles {
  private index: KnownArticlesIndex | undefined;
  private readonly stop: () => void;

  constructor(private readonly library: Library) {
    this.stop = library.onChange((change) => {
      const index = this.index;
      if (!index) return; // built from the library as it is when first asked
      for (const file of change.removed) index.remove(file);
      for (const file of [...change.added, ...change.changed]) this.addFile(index, file);
    });
  }

  find(query: { url: string | null; text: string; title?: string }): KnownArticleMatch | undefined {
    return this.built().find(query);
  }

  /** Articles known (builds the index if it is not yet). */
  get size(): number {
    return this.built().size;
  }

  /** Stops following the library's changes. */
  close(): void {
    this.stop();
  }

  private built(): KnownArticlesIndex {
    if (!this.index) {
      const index = new KnownArticlesIndex();
      for (const file of this.library.engine.files) this.addFile(index, file);
      this.index = index;
    }
    return this.index;
  }

  private addFile(index: KnownArticlesIndex, file: string): void {
    const record = this.library.engine.record(file);
    if (!record) return index.remove(file);
    index.add({ file, url: record.article.url, title: record.article.title, body: bodyOf(record) });
  }
}
