import { newestPublishedFirst } from '../../core/catalog';
import { citationLine, link, notFound, strong, type Page, type Reply, type RichText } from '../../core/reply';
import type { Article } from '../../core/types';
import type { Library } from '../../library/library';
import { isHttpUrl, plural } from '../../util/text';
import { whatToTry } from '../suggestions';

const PER_PAGE = 10;

function line(article: Article): RichText {
  return ['• ', isHttpUrl(article.url) ? link(article.title, article.url, { strong: true }) : strong(article.title), ` — ${citationLine(article)}`];
}

/** /sources: the articles with their citations, newest first, ten a page. */
export function sourcesReply(library: Library): Reply {
  const articles = [...library.engine.articles].sort(newestPublishedFirst);
  if (articles.length === 0) return notFound(whatToTry(library, { command: 'sources' }));
  const pages: Page[] = [];
  for (let start = 0; start < articles.length; start += PER_PAGE) {
    const chunk = articles.slice(start, start + PER_PAGE);
    pages.push({
      title: `Sources (${plural(articles.length, 'article')})`,
      text: chunk.flatMap((article, i) => [...(i ? ['\n'] : []), ...line(article)]),
      footer: `Articles ${start + 1}–${start + chunk.length} of ${articles.length}, newest first`,
    });
  }
  return { private: false, pages };
}
