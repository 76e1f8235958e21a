import { answerReply, citationLine, code, notice, quotePage, smallTalkReply, strong, withAsked, type Reply } from '../../core/reply';
import { asksForNews, checkQuestion, smallTalkOf } from '../../core/question';
import { answerFromSource, publishersOf, sourceAsked } from '../../core/queries';
import { parseHttpUrl } from '../../ingest/http-url';
import { normaliseUrl } from '../../ingest/known-articles';
import type { Article, Passage } from '../../core/types';
import type { Library } from '../../library/library';
import { relatedQuestions, whatToTry } from '../suggestions';
import { cutAtWord } from '../../util/text';
import { sourcesReply } from './sources';

/** The question shown above its answer is cut to this many characters. */
export const QUESTION_SHOWN = 300;

/** /ask: the question is checked, then answered with the passages that answer it. */
export function askReply(library: Library, question: string | undefined): Reply {
  const check = checkQuestion(question);
  if (!check.ok) return notice(check.message);
  const smallTalk = smallTalkOf(check.question);
  if (smallTalk) return smallTalkReply(smallTalk, whatToTry(library));
  const link = linkAlone(check.question);
  if (link) return linkReply(library, link);
  if (asksForNews(check.question)) return newsReply(library);
  const { engine } = library;
  // "What does El-Balad say about tungsten?": the question, asked of that publisher's articles;
  // "What does https://… say about tungsten?", of that article.
  const linked = linkedIn(library, check.question);
  // A link the library lacks leaves the rest of the question, which may name a publisher.
  const source = (linked?.pointsToArticle ? linked : undefined) ?? sourceAsked(linked?.question ?? check.question, () => publishersOf(engine)) ?? linked;
  const answer = source ? answerFromSource(engine, check.question, source) : engine.answer(check.question);
  const related = answer.answered ? [] : relatedQuestions(library, check.question);
  const instead = () => whatToTry(library, { question: check.question });
  return withAsked(answerReply(answer, engine.analyzer, instead, [strong('Q:'), ` ${cutAtWord(check.question, QUESTION_SHOWN)}`], related), check.question, answer.results);
}

/** A link, as Discord writes it or not ("<…>" is one not to be previewed), up to a space or a quotation mark; "www.…" is one without its scheme. */
const LINK = /<?((?:https?:\/\/|(?<![\p{L}\p{N}.@/])www\.)[^\s<>"“”«»]+)>?/iu;
/** A link written in Markdown, "[the uranium deal](https://…)": its words are the question's, the link an aside to them. */
const MARKDOWN_LINK = /\[([^\]\n]*)\]\(\s*<?((?:https?:\/\/|www\.)[^\s<>]+?)>?\s*\)(?=[\s.,;:!?"'”’»]|$)/giu;
const asWritten = (text: string) => text.replace(MARKDOWN_LINK, (_, words: string, link: string) => (/[\p{L}\p{N}]/u.test(words) && words.trim() !== link ? `${words.trim()} (${link})` : link));

/**
 * The first link in a text, and the text around it: without the punctuation a sentence ends it with,
 * nor a closing bracket it does not open ("(see https://…/a)"; "…/Tungsten_(element)" keeps its own).
 */
function firstLink(written: string): { link: string; before: string; after: string } | undefined {
  const text = asWritten(written);
  const found = LINK.exec(text);
  if (!found) return undefined;
  let link = found[1]!;
  for (let trimmed = ''; trimmed !== link; ) {
    trimmed = link;
    link = link.replace(/[.,;:!?'’]+$/u, '');
    if (link.endsWith(')') && (link.match(/\(/g)?.length ?? 0) < (link.match(/\)/g)?.length ?? 0)) link = link.slice(0, -1);
  }
  const at = found.index + (found[0].startsWith('<') ? 1 : 0);
  const after = text.slice(at + link.length).replace(/^>/, '');
  if (/^www\./iu.test(link)) link = `https://${link}`;
  if (!parseHttpUrl(link)) return undefined;
  return { link, before: text.slice(0, found.index), after };
}

/** What opens a link in brackets: "(see https://…)", "(in https://…)", "(link: https://…)". */
const ASIDE_OPENING = /\(\s*(?:(?:see|in|from|via|source:?|link:?)\s+)?$/iu;
/** What labels a link outside a sentence: "Source: https://…", "see https://…". */
const LINK_LABEL = /(?:^|\s)(?:see|source|link|via|from)\s*:?\s*$/iu;

/**
 * A question with a link in it, which is no words to search for: asked of the article it points to
 * when the knowledge base has it ("What does https://… say about tungsten?" asks what the article
 * says), else asked without it ("Who signed the MOU? (see https://…)").
 */
function linkedIn(library: Library, question: string): { question: string; keep: (passage: Passage) => boolean; pointsToArticle: boolean } | undefined {
  const found = firstLink(question);
  if (!found) return undefined;
  const article = articleLinked(library, found.link);
  // A link in brackets is an aside ("Who signed the MOU? (see https://…)"); its quotation marks go
  // with it ("What does “https://…” say about …?", which asks what the article says).
  // In the middle of a sentence it stands for the article; before or after one ("Who signed? https://…",
  // "… Source: https://…"), with its label, it is no part of it.
  const aside = ASIDE_OPENING.exec(found.before);
  const before = found.before.replace(/[“"«‘']$/u, '');
  const after = found.after.replace(/^[”"»’']/u, '');
  const inSentence = /[\p{L}\p{N}]\s+$/u.test(before) && /^\s+\p{L}/u.test(after);
  const rest = (
    aside && found.after.startsWith(')')
      ? `${found.before.slice(0, aside.index)}${found.after.slice(1)}`
      : inSentence
        ? `${before}${article ? 'the article' : ''}${after}`
        : `${before.replace(LINK_LABEL, '')} ${after}`
  )
    .replace(/\s+/gu, ' ')
    .trim();
  if (!/[\p{L}\p{N}]/u.test(rest)) return undefined;
  return { question: rest, keep: article ? (passage) => passage.article === article : () => true, pointsToArticle: article !== undefined };
}

/** The article of the knowledge base a link points to (by its link as duplicates are found: http or https, "www.", tracking parameters make no difference). */
function articleLinked(library: Library, link: string): Article | undefined {
  const wanted = normaliseUrl(link);
  return library.engine.articles.find((candidate) => candidate.url !== null && normaliseUrl(candidate.url) === wanted);
}

/** The link a message is made of, if it is one: in brackets or quotes, or with the punctuation a sentence ends with. */
function linkAlone(text: string): string | undefined {
  // A Markdown link alone is a link alone, whatever its words ("[the article](https://…)").
  if (/^\s*\[[^\]\n]*\]\([^()\s]+\)\s*[.!?]*\s*$/u.test(text)) return firstLink(text.replace(/^\s*\[[^\]\n]*\]/u, ''))?.link;
  const found = firstLink(text);
  return found && /^[(“"«‘']?$/u.test(found.before) && /^[)”"»’']?[.,;:!?]*$/u.test(found.after) ? found.link : undefined;
}

/** A word the shell takes as it is: in single quotes, a quote in it closed, escaped and opened again. */
const shellWord = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

/**
 * A link pasted as a question: searched for, its words found nothing. The article it points to
 * when the knowledge base has it (by its link as duplicates are found: http or https, "www.",
 * tracking parameters make no difference), else how to add it.
 */
function linkReply(library: Library, link: string): Reply {
  const { engine } = library;
  const article = articleLinked(library, link);
  if (article) {
    const opening = engine.record(article.file)?.passages[0];
    if (!opening) return notice(`That link is an article in the knowledge base, “${article.title}” (${citationLine(article)}), but it has no text to quote.`);
    const content = 'That link is an article in the knowledge base; ask about it in your own words. It begins:';
    return { private: true, content: [content], pages: [quotePage({ passage: opening, score: 0, matchedTerms: [] }, engine.analyzer)] };
  }
  return notice([
    'That link is not an article in the knowledge base. To add the article it points to: ',
    code(`/knowledge add url: ${link}`),
    ' (for those who may add articles), or from the shell ',
    code(`npm run add-article -- ${shellWord(link)}`),
    '.',
  ]);
}

/** "What's new?": the articles, newest first, as /sources lists them. */
function newsReply(library: Library): Reply {
  const sources = sourcesReply(library);
  if (!sources.pages.some((page) => page.title)) return sources; // no articles: it says so
  return { ...sources, content: ['The newest articles (', code('/digest preview'), ' shows what the next digest posts):'] };
}
