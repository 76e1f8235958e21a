import { code, strong, type Reply, type RichText } from '../../core/reply';
import type { Library } from '../../library/library';
import { articleChoices } from './knowledge-remove';

/** Stands for an article's file name in the examples where the library has none to name. */
const SOME_FILE = 'YYYY-MM-DD-short-title.md';

export const HELP: [command: string, what: string, example: string][] = [
  ['/ask', 'Any question; the answer is the passage that answers it, quoted with its source.', '/ask question: Who signed the memorandum?'],
  ['/minerals', 'Which critical minerals the articles cover, or the passages about one.', '/minerals mineral: gallium'],
  ['/tungsten', 'Tungsten in Kazakhstan: reserves, deposits, market share, or a question about it.', '/tungsten question: How big are the reserves?'],
  ['/who signed', 'Who signed an agreement, with their roles.', '/who signed'],
  ['/who met', 'Who met whom.', '/who met person: Kassym-Jomart Tokayev'],
  ['/who visited', 'Who visited where, and why.', '/who visited'],
  ['/sources', 'The articles the answers come from, with title, publisher, date and link.', '/sources'],
  ['/digest preview', 'What the next daily digest of new articles would say (only you see it).', '/digest preview'],
  ['/digest now', "Post the digest now; it counts as today's (Manage Server).", '/digest now'],
  ['/digest channel', 'Where the daily digest is posted (Manage Server).', '/digest channel channel: #news'],
  ['/digest time', 'When it is posted each day, and in which time zone (Manage Server).', '/digest time time: 08:00 timezone: Asia/Almaty'],
  ['/knowledge status', 'Articles, passages, last change and rejected files (Manage Server).', '/knowledge status'],
  ['/knowledge gaps', 'What members asked that the articles do not answer, and answers marked Not helpful, most asked first (Manage Server).', '/knowledge gaps days: 30'],
  ['/knowledge add', 'Add a news article from its link: a private preview (title, outlet, date, first paragraph), then Save or Cancel (Manage Server, or the role set for adding).', '/knowledge add url: https://example.org/news/tungsten-deal'],
  ['/knowledge remove', 'Take an article out of the knowledge base (a wrong or unwanted import); its file is kept and no feed adds it again (Manage Server, or the role set for adding).', `/knowledge remove article: ${SOME_FILE}`],
  ['/knowledge restore', 'Put a removed article back in the knowledge base (Manage Server, or the role set for adding).', `/knowledge restore article: ${SOME_FILE}`],
  ['/feeds add', 'Subscribe to a news feed: new items that match the keywords become articles (Manage Server, or the role set for adding).', '/feeds add url: https://example.org/rss.xml keywords: kazakhstan, tungsten'],
  ['/feeds list', 'Each feed: last success, last error, items imported and skipped, next check (only you see it).', '/feeds list'],
  ['/feeds test', 'What a feed has now and which items the keywords would take, with why; nothing is saved.', '/feeds test url: https://example.org/rss.xml keywords: tungsten'],
  ['/feeds remove', 'Unsubscribe; the articles it brought stay. /feeds resume starts a paused feed again.', '/feeds remove url: https://example.org/rss.xml'],
  ['/help', 'This list.', '/help'],
];

/**
 * /help: every command with an example. An example naming an article names one the library has
 * (the newest, the first that /knowledge remove lists as you type); without a library, or with no
 * article in it, it shows what a file name looks like.
 */
export function helpReply(library?: Library): Reply {
  const file = (library && articleChoices(library, '')[0]?.value) || SOME_FILE;
  const text: RichText = HELP.flatMap(([command, what, example], i) => [...(i ? ['\n'] : []), strong(command), ` — ${what}\n  e.g. `, code(example.replace(SOME_FILE, file))]);
  return {
    private: true,
    pages: [
      {
        title: 'Kazakhstan–US critical minerals: what I can answer',
        text,
        footer: 'Answers are quoted from news articles in the knowledge base, with their sources. In Discord, Helpful and Not helpful under an answer tell whoever keeps the articles what is missing.',
      },
    ],
  };
}
