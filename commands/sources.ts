import { SlashCommandBuilder } from 'discord.js';
import type { CommandContext } from '../src/bot/command';
import { citationLine, escapeMarkdown, notFound, type Page, type Reply } from '../src/bot/reply';
import type { Article } from '../src/core/types';

export const data = new SlashCommandBuilder().setName('sources').setDescription('The articles the answers come from, with their citations');

const PER_PAGE = 10;

function line(article: Article): string {
  const title = escapeMarkdown(article.title);
  const linked = article.url ? `[${title}](${article.url})` : title;
  return `• **${linked}** — ${escapeMarkdown(citationLine(article))}`;
}

export function execute(_request: unknown, { library }: CommandContext): Reply {
  const articles = [...library.current.engine.articles].sort((a, b) => (b.published ?? '').localeCompare(a.published ?? ''));
  if (articles.length === 0) return notFound('The knowledge base has no articles yet.');
  const pages: Page[] = [];
  for (let start = 0; start < articles.length; start += PER_PAGE) {
    const chunk = articles.slice(start, start + PER_PAGE);
    pages.push({
      title: `Sources (${articles.length} article${articles.length === 1 ? '' : 's'})`,
      text: chunk.map(line).join('\n'),
      footer: `Articles ${start + 1}–${start + chunk.length} of ${articles.length}, newest first`,
    });
  }
  return { private: false, pages };
}
