import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ArticleRecord } from '../core/engine';
import { KnownArticlesIndex, type KnownArticleMatch, type KnownArticles } from '../ingest/known-articles';
import type { KnowledgeChange, Library } from '../library/library';

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

/** Work done on this thread between two turns of the event loop while the lookup is built (so that answers never wait longer). */
const SLICE_MS = 15;

/**
 * What ingesting knows of the knowledge base, backed by the bot's live library. Built once from
 * every article's passages (which a library restored from its cache reads only when needed: at 5×
 * the Brown corpus this takes most of a second), a slice at a time with answers in between
 * (`ready()`, started by the bot at start-up); then kept up to date from each change the library
 * applies, file by file. A lookup asked before it is ready builds the rest at once.
 */
export class LibraryKnownArticles implements KnownArticles {
  private index: KnownArticlesIndex | undefined;
  private building: Promise<void> | undefined;
  /** Changes applied while the lookup is being built, replayed on it once built. */
  private missed: KnowledgeChange[] = [];
  private readonly stop: () => void;

  constructor(
    private readonly library: Library,
    /** Work between two turns of the event loop while building, and how a turn is given (tests hold it). */
    private readonly slices: { ms: number; turn: () => Promise<unknown> } = { ms: SLICE_MS, turn: nextTurn },
  ) {
    this.stop = library.onChange((change) => {
      if (this.index) this.apply(this.index, change);
      else if (this.building) this.missed.push(change);
      // Otherwise nothing to do: the lookup is built from the library as it is when first needed.
    });
  }

  /** Builds the lookup a slice at a time, answering in between; resolves when it is built. */
  ready(): Promise<void> {
    if (this.index) return Promise.resolve();
    return (this.building ??= this.buildInSlices());
  }

  find(query: { url: string | null; text: string }): KnownArticleMatch | undefined {
    return this.built().find(query);
  }

  /** Articles known (builds the lookup if it is not yet). */
  get size(): number {
    return this.built().size;
  }

  /** Stops following the library's changes. */
  close(): void {
    this.stop();
  }

  private async buildInSlices(): Promise<void> {
    const index = new KnownArticlesIndex();
    let sliceStart = performance.now();
    for (const file of [...this.library.engine.files]) {
      if (this.index) return; // built at once meanwhile
      this.addFile(index, file);
      if (performance.now() - sliceStart >= this.slices.ms) {
        await this.slices.turn();
        sliceStart = performance.now();
      }
    }
    if (this.index) return;
    for (const change of this.missed.splice(0)) this.apply(index, change);
    this.index = index;
  }

  private built(): KnownArticlesIndex {
    if (!this.index) {
      const index = new KnownArticlesIndex();
      for (const file of this.library.engine.files) this.addFile(index, file);
      this.missed = [];
      this.index = index;
    }
    return this.index;
  }

  private apply(index: KnownArticlesIndex, change: KnowledgeChange): void {
    for (const file of change.removed) index.remove(file);
    for (const file of [...change.added, ...change.changed]) this.addFile(index, file);
  }

  private addFile(index: KnownArticlesIndex, file: string): void {
    const record = this.library.engine.record(file);
    if (!record) return index.remove(file);
    index.add({ file, url: record.article.url, body: bodyOf(record) });
  }
}
