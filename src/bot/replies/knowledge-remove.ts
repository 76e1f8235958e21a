import type { ArticleRecord } from '../../core/engine';
import { code, lines, MESSAGE_LIMITS, notice, strong, type Reply } from '../../core/reply';
import type { Article } from '../../core/types';
import type { Library } from '../../library/library';
import { cutAtWord, plural } from '../../util/text';
import { articleChoice, type Choice } from '../command';
import type { KnowledgeIngest, Member } from '../ingest';
import { MANAGE_SERVER_ONLY } from './knowledge-status';

/** An article's title as named in a notice. */
const TITLE_SHOWN = 200;
const titleOf = (article: Pick<Article, 'title'>) => strong(cutAtWord(article.title, TITLE_SHOWN));

export const knowledgeRemoveRefusal = (addRole: string | undefined): Reply =>
  MANAGE_SERVER_ONLY('remove articles from the knowledge base or put them back, since the articles are the sources the bot quotes to the whole server', [code('/sources'), ' shows anyone the articles.'], addRole);

export const KNOWLEDGE_REMOVE_NOT_HERE = notice([
  'Articles are removed by the bot running in Discord. From the shell, ',
  code('npm run remove-article -- FILE'),
  ' moves the file to ',
  code('STATE_DIR/removed/'),
  ' (and ',
  code('--restore FILE'),
  ' puts it back).',
]);

export const notRemoved = (file: string): Reply =>
  notice(['No article in the knowledge base has the file ', code(cutAtWord(file, TITLE_SHOWN)), '. Pick one from the list as you type (titles and file names), or see ', code('/sources'), '.']);

export const notRestored = (file: string): Reply =>
  notice(['No removed article has the file ', code(cutAtWord(file, TITLE_SHOWN)), '. Pick one from the list as you type.']);

export const removeFailed = (reason: string): Reply => notice(`Not removed: ${reason}. The article is still in the knowledge base.`);
export const restoreFailed = (reason: string): Reply => notice(`Not restored: ${reason}.`);

export function articleRemoved(article: Article, keptAs: string, served: boolean): Reply {
  if (!served) return notice(['Moved ', titleOf(article), ' to ', code(`removed/${keptAs}`), ', but the knowledge base still serves it: it will stop at its next reload.']);
  return notice(
    lines(
      ['Removed ', titleOf(article), ': it no longer answers questions, and no feed or link adds it again.'],
      ['The file is kept as ', code(`removed/${keptAs}`), ' in the bot’s state folder; ', code('/knowledge restore'), ' puts it back.'],
    ),
  );
}

export function articleRestored(file: string, record: ArticleRecord | undefined, problem?: string): Reply {
  if (!record) return notice(['Put ', code(file), ` back in the knowledge folder, but the knowledge base does not serve it: ${problem ?? 'it is not served yet'}.`]);
  return notice(['Restored ', titleOf(record.article), ' as ', code(file), ` — searchable again (${plural(record.passages.length, 'passage')}).`]);
}

/** What a person is typing, matched against a title or a file name (case and spacing aside). */
const matches = (typed: string) => {
  const words = typed.toLowerCase().split(/\s+/).filter(Boolean);
  return (...texts: string[]) => words.every((word) => texts.some((text) => text.toLowerCase().includes(word)));
};

/** A file name longer than a choice's value can be would be cut, and name no file: typed in full instead. */
const choosable = (file: string) => file.length <= MESSAGE_LIMITS.choiceLength;

/** The knowledge base's articles as choices, newest first: the title (and date) shown, the file name the value. */
export function articleChoices(library: Library, typed: string): Choice[] {
  const match = matches(typed);
  return [...library.engine.articles]
    .sort((a, b) => (b.published ?? '').localeCompare(a.published ?? '') || a.file.localeCompare(b.file))
    .filter((article) => choosable(article.file) && match(article.title, article.file))
    .map(articleChoice);
}

/** The removed articles' files as choices. */
export async function removedChoices(ingest: KnowledgeIngest | undefined, typed: string): Promise<Choice[]> {
  if (!ingest) return [];
  const match = matches(typed);
  return (await ingest.removedFiles()).filter((file) => choosable(file) && match(file)).map((file) => ({ name: file, value: file }));
}

/** `/knowledge remove article:` and `/knowledge restore article:`, from Discord only. */
export function knowledgeRemove(ingest: KnowledgeIngest | undefined, member: Member, file: string | undefined): Promise<Reply> | Reply {
  if (!ingest) return KNOWLEDGE_REMOVE_NOT_HERE;
  if (!file) return notice(['Name the article: ', code('/knowledge remove article:'), ' lists them as you type.']);
  return ingest.removeArticle(member, file);
}

export function knowledgeRestore(ingest: KnowledgeIngest | undefined, member: Member, file: string | undefined): Promise<Reply> | Reply {
  if (!ingest) return KNOWLEDGE_REMOVE_NOT_HERE;
  if (!file) return notice(['Name the article: ', code('/knowledge restore article:'), ' lists the removed ones as you type.']);
  return ingest.restoreArticle(member, file);
}
