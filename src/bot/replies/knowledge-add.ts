import { code, lines, notice, strong, type Page, type Reply, type RichText } from '../../core/reply';
import { cutAtSentence, cutAtWord, isHttpUrl, plural } from '../../util/text';
import type { KnowledgeIngest, Member } from '../ingest';
import { draftButtonId, DRAFT_TTL_MS, type PendingDraft } from '../pending-drafts';
import { MANAGE_SERVER_ONLY } from './knowledge-status';

/** How much of the first paragraph a preview shows. */
const LEAD_SHOWN = 900;
/** A link as echoed back. */
const LINK_SHOWN = 300;
/** An article's title, and its byline, as named in a notice or the preview. */
const TITLE_SHOWN = 200;
const BYLINE_SHOWN = 200;

const shown = (url: string) => code(cutAtWord(url, LINK_SHOWN));
const titleOf = (entry: PendingDraft) => strong(cutAtWord(entry.draft.title, TITLE_SHOWN));

export const knowledgeAddRefusal = (addRole: string | undefined): Reply =>
  MANAGE_SERVER_ONLY(
    'add articles to the knowledge base, since every article becomes a source the bot quotes to the whole server',
    [code('/sources'), ' shows anyone the articles.'],
    addRole,
  );

export const KNOWLEDGE_ADD_NOT_HERE = notice([
  'Articles are added from a link by the bot running in Discord. From the shell, ',
  code('npm run add-article -- URL'),
  ' writes the article into the knowledge folder.',
]);

/** What the person sees while the page is fetched and read. */
export const fetchingLink = (url: string): Reply => notice(['Fetching ', shown(url), ' and reading the article… (up to 15 seconds)']);

/** `/knowledge add url:`: who may add is checked, the page fetched (progress shown), and a private preview with Save and Cancel. */
export async function knowledgeAdd(ingest: KnowledgeIngest | undefined, member: Member, url: string | undefined, progress?: (reply: Reply) => void): Promise<Reply> {
  if (!ingest) return KNOWLEDGE_ADD_NOT_HERE;
  if (!ingest.mayAdd(member)) return knowledgeAddRefusal(ingest.addRole);
  if (!url || !isHttpUrl(url)) return notice(['Give the address of a news article, starting with ', code('https://'), ' (or ', code('http://'), ').']);
  progress?.(fetchingLink(url));
  const outcome = await ingest.preview(url, member);
  if (outcome.ok) return outcome.reply;
  if (outcome.code === 'duplicate') return notice(['Not added: ', shown(url), ` is ${outcome.reason}. Nothing was saved.`]);
  if (outcome.code === 'not-article') return notice(['Not added: ', shown(url), ` is not an article I can use (${outcome.reason}). Nothing was saved.`]);
  return notice(['Not added: could not fetch ', shown(url), ` (${outcome.reason}). Nothing was saved.`]);
}

/** The preview of a fetched article: title, publisher, date, first paragraph, passages, and Save and Cancel. */
export function draftPreview(entry: PendingDraft, lead: string | undefined, problem?: string): Reply {
  const { draft } = entry;
  const fields: Page['fields'] = [
    { name: 'Publisher', value: [draft.publisher ?? 'not given on the page (left out)'] },
    { name: 'Published', value: [draft.published ?? "not given on the page (left out; the file is named with today's date)"] },
    { name: 'Passages', value: [`${entry.passages} (the pieces answers quote)`] },
    { name: 'File', value: [code(entry.fileName)] },
  ];
  if (draft.byline) fields.splice(1, 0, { name: 'By', value: [cutAtWord(draft.byline, BYLINE_SHOWN)] });
  if (draft.url !== entry.link) fields.push({ name: 'Canonical link', value: [code(cutAtWord(draft.url, LINK_SHOWN))] });
  const minutes = Math.round(DRAFT_TTL_MS / 60_000);
  const content: RichText = problem ? [strong(problem)] : [strong('Preview'), ' — only you see it. Save adds it to the knowledge base; Cancel writes nothing.'];
  return {
    private: true,
    content,
    pages: [
      {
        title: draft.title,
        url: draft.url,
        ...(lead ? { text: [cutAtSentence(lead, LEAD_SHOWN)] } : {}),
        fields,
        footer: `The text is saved as published. This preview lasts ${minutes} minutes.`,
      },
    ],
    actions: [
      { id: draftButtonId('save', entry.key), label: 'Save', style: 'success' },
      { id: draftButtonId('cancel', entry.key), label: 'Cancel', style: 'secondary' },
    ],
  };
}

export const draftSaving = (entry: PendingDraft): Reply => notice(['Saving ', titleOf(entry), '…']);

export function draftSaved(entry: PendingDraft, file: string, passages: number, problem?: string): Reply {
  const title = titleOf(entry);
  if (problem) return notice(['Saved ', title, ' as ', code(file), `, but the knowledge base does not serve it: it ${problem}.`]);
  return notice(
    lines(['Saved as ', code(file), ` — searchable now (${plural(passages, 'passage')}).`], [title, ' is answered from at once and will be in the next digest.']),
  );
}

export const draftCancelled = (entry: PendingDraft): Reply => notice(['Cancelled: ', titleOf(entry), ' was not saved. Nothing was written.']);

export const draftNotSaved = (entry: PendingDraft): Reply =>
  notice(['Not saved: ', titleOf(entry), ` is ${entry.state.kind === 'not-saved' ? entry.state.reason : 'not saved'}. Nothing was written.`]);

/** A second press on a preview that was already answered. */
export function draftAlready(entry: PendingDraft): Reply {
  const title = titleOf(entry);
  switch (entry.state.kind) {
    case 'saving':
      return notice([title, ' is being saved.']);
    case 'saved':
      return notice([title, ' is already saved, as ', code(entry.state.file), '.']);
    case 'cancelled':
      return notice(['This preview was cancelled; nothing was written. Run ', code('/knowledge add'), ' again to add it.']);
    default:
      return draftNotSaved(entry);
  }
}

export const draftExpired = (): Reply =>
  notice([
    `This preview has expired (previews last ${Math.round(DRAFT_TTL_MS / 60_000)} minutes, and not across a restart of the bot). Nothing was saved. Run `,
    code('/knowledge add'),
    ' again to add the article.',
  ]);

export const draftNotYours = (): Reply => notice(['Only the person who asked for this preview can save or cancel it. Run ', code('/knowledge add'), ' yourself to add an article.']);

export const draftButtonUnknown = (): Reply => notice(["That button is not one I know, so nothing was done. Run ", code('/knowledge add'), ' again to add an article.']);
