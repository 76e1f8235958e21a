import type { ArticleText } from '../core/types';
import type { ArticleWriter } from './article-file';
import { articleFileName, withoutFutureDate } from './article-file';
import type { ArticleDraft } from './extract';
import { extractHere, type Extract } from './extract-off-thread';
import type { PoliteFetcher } from './host-queue';
import type { Clock } from '../util/clock';

export type LinkDraft =
  | {
      ok: true;
      draft: ArticleDraft;
      /** The name the file would get (a -2 is added at saving if it is taken by then). */
      fileName: string;
      /** The first paragraph of the text, for a preview. */
      lead: string;
    }
  | { ok: false; code: 'fetch' | 'not-article' | 'duplicate'; reason: string };

/** The first paragraph of a Markdown text (not a heading, list or table), for a preview. */
export function leadParagraph(markdown: string): string {
  const blocks = markdown.split(/\n{2,}/).map((block) => block.trim());
  return blocks.find((block) => block && !/^(#{1,6} |[-*+] |\d+[.)] |\|)/.test(block)) ?? blocks[0] ?? '';
}

/** A draft as the core's Article, so the bot can count its passages for a preview (`splitArticle`). */
export function draftAsArticle(draft: ArticleDraft, file: string, tags: string[] = []): ArticleText {
  return { file, title: draft.title, publisher: draft.publisher ?? null, published: draft.published ?? null, url: draft.url, tags, body: draft.text };
}

/**
 * What `/knowledge add url:` and `npm run add-article` do before saving: fetch the page a person
 * gave (safely, politely; robots.txt is for crawling, and a link a person hands over is not), extract
 * the article, and refuse it if the knowledge base already has it. Nothing is written here:
 * `writer.save(draft)` does that.
 */
export async function draftFromLink(url: string, deps: { fetcher: PoliteFetcher; writer: ArticleWriter; clock: Clock; signal?: AbortSignal; extract?: Extract }): Promise<LinkDraft> {
  const page = await deps.fetcher.fetch(url, { purpose: 'page', signal: deps.signal });
  if (!page.ok) return { ok: false, code: 'fetch', reason: page.message };
  if (page.notModified) return { ok: false, code: 'fetch', reason: 'the server answered "not modified"' };
  if (page.kind !== 'html') return { ok: false, code: 'not-article', reason: `not an article page: content type ${page.contentType || page.kind}` };
  const extracted = await (deps.extract ?? extractHere)(page.text, page.url);
  if (!extracted.ok) return { ok: false, code: 'not-article', reason: extracted.reason };
  const duplicate = deps.writer.duplicateOf(extracted.draft);
  if (duplicate) return { ok: false, code: 'duplicate', reason: duplicate.reason };
  const draft = withoutFutureDate(extracted.draft, deps.clock.now());
  return { ok: true, draft, fileName: articleFileName(draft, deps.clock.now()), lead: leadParagraph(draft.text) };
}
