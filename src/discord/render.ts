import type { APIActionRowComponent, APIButtonComponent, APIEmbed, APIMessageTopLevelComponent, APIModalInteractionResponseCallbackData } from 'discord.js';
import { ButtonStyle, ComponentType, MessageFlags, TextInputStyle } from 'discord.js';
import { MESSAGE_LIMITS, type Inline, type Page, type Reply, type ReplyAction, type RichText } from '../core/reply';
import type { NoteModal } from '../feedback';
import { cutAtWord, isHttpUrl, sentences } from '../util/text';

/** A quoted passage is cut well before the description limit so that a reply stays readable. */
const QUOTE_BUDGET = 3500;

export interface RenderedMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[] | APIMessageTopLevelComponent[];
  flags?: number;
  allowedMentions: { parse: [] };
}

const INLINE_MARKDOWN = /[\\*_~`|[\]<>]/g;
const LINE_START_MARKDOWN = /^(\s*)(?:([-+#>])|(\d+)([.)]))/gm;

/** Escapes the Markdown Discord reads within a line (a title, a field's name): "1. 1 person" is no list there. */
function escapeInline(text: string): string {
  return text.replace(INLINE_MARKDOWN, (char) => `\\${char}`);
}

/** Escapes Discord Markdown so that text taken from articles or users shows as written, never as formatting. */
export function escapeMarkdown(text: string): string {
  // A backslash escapes punctuation only: "1." becomes "1\." ("\1." would show the backslash).
  return escapeInline(text).replace(LINE_START_MARKDOWN, (_all, space: string, mark?: string, digits?: string, dot?: string) => (mark ? `${space}\\${mark}` : `${space}${digits}\\${dot}`));
}

/** A link's address as Markdown takes it: parentheses encoded, so that they cannot end the link early. */
function linkTarget(href: string): string {
  return href.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/** Rich text as Discord Markdown: plain text escaped, marks written as Discord reads them. */
export function toMarkdown(text: RichText): string {
  let written = '';
  for (const piece of text) {
    const markdown = inlineMarkdown(piece);
    // A quotation is a block: it starts on a line of its own.
    written += typeof piece === 'object' && 'quote' in piece && written !== '' && !written.endsWith('\n') ? `\n${markdown}` : markdown;
  }
  return written;
}

function inlineMarkdown(piece: Inline): string {
  if (typeof piece === 'string') return escapeMarkdown(piece);
  if ('link' in piece) {
    const words = escapeMarkdown(piece.link);
    const linked = isHttpUrl(piece.href) ? `[${words}](${linkTarget(piece.href)})` : words;
    return piece.strong ? `**${linked}**` : linked;
  }
  if ('strong' in piece) return `**${escapeMarkdown(piece.strong)}**`;
  // Inline code cannot hold a backtick; a look-alike keeps the text readable.
  if ('code' in piece) return `\`${piece.code.replace(/`/g, 'ˋ')}\``;
  if ('quote' in piece) return escapeMarkdown(piece.quote).split('\n').map((line) => `> ${line}`).join('\n');
  // A role mention shows the role's name; allowed_mentions (parse: []) keeps it from pinging anyone.
  if ('role' in piece) return /^\d{17,20}$/.test(piece.role) ? `<@&${piece.role}>` : escapeMarkdown(piece.role);
  return /^\d{17,20}$/.test(piece.channel) ? `<#${piece.channel}>` : escapeMarkdown(`#${piece.channel}`);
}

/** Cuts text to `max` characters at the last line end or space before it, adding "…". */
export const cut = cutAtWord;

/** The quote as Discord Markdown: escaped, matched words bold, cut at a sentence end with a link to the rest. */
function quoteMarkdown(page: Page, budget: number): string {
  const quote = page.quote!;
  const full = quote.segments.map((s) => (s.match ? `**${escapeMarkdown(s.text)}**` : escapeMarkdown(s.text))).join('');
  if (full.length <= budget) return full;
  const url = quote.citation.url;
  const tail = isHttpUrl(url) ? ` … [read the rest](${linkTarget(url)})` : ' …';
  // Rebuild from whole sentences of the plain text so a cut never splits a bold marker or an escape.
  const plain = quote.segments.map((s) => s.text).join('');
  let kept = '';
  for (const sentence of sentences(plain)) {
    const next = kept ? `${kept} ${sentence}` : sentence;
    if (escapeMarkdown(next).length + tail.length > budget) break;
    kept = next;
  }
  return `${escapeMarkdown(kept || cut(plain, Math.floor(budget / 2) - tail.length))}${tail}`;
}

/** One page as an embed, within Discord's limits; `position` ("2 of 5") joins the footer. */
export function embedOf(page: Page, position: string | null = null): APIEmbed {
  const embed: APIEmbed = { color: 0x2b6cb0 };
  // A title as published ("Rare earths: *the* priority") and a field's name are shown as written, not as formatting.
  if (page.title) embed.title = cut(escapeInline(page.title), MESSAGE_LIMITS.title);
  if (isHttpUrl(page.url)) embed.url = page.url;
  const description = [page.quote ? quoteMarkdown(page, QUOTE_BUDGET) : null, page.text ? toMarkdown(page.text) : null].filter(Boolean).join('\n\n');
  if (description) embed.description = cut(description, MESSAGE_LIMITS.description);
  // Discord refuses a field without a name or a value.
  const fields = (page.fields ?? []).map((f) => ({ name: escapeInline(f.name), value: toMarkdown(f.value) })).filter((f) => f.name.trim() !== '' && f.value.trim() !== '');
  if (page.quote?.citation.section) fields.unshift({ name: 'Section', value: escapeMarkdown(page.quote.citation.section) });
  if (fields.length) {
    embed.fields = fields.slice(0, MESSAGE_LIMITS.fields).map((f) => ({ name: cut(f.name, MESSAGE_LIMITS.fieldName), value: cut(f.value, MESSAGE_LIMITS.fieldValue) }));
  }
  const footer = [page.footer, position].filter(Boolean).join(' · ');
  if (footer) embed.footer = { text: cut(footer, MESSAGE_LIMITS.footer) };
  return shrinkToTotal(embed);
}

function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

function shrinkToTotal(embed: APIEmbed): APIEmbed {
  const over = embedLength(embed) - MESSAGE_LIMITS.embedTotal;
  if (over > 0 && embed.description) embed.description = cut(embed.description, Math.max(1, embed.description.length - over));
  // Still over (the fields make up the excess): cut the last field's value, or drop the field.
  while (embed.fields?.length && embedLength(embed) > MESSAGE_LIMITS.embedTotal) {
    const excess = embedLength(embed) - MESSAGE_LIMITS.embedTotal;
    const last = embed.fields[embed.fields.length - 1]!;
    if (last.value.length - excess >= 2) last.value = cut(last.value, last.value.length - excess);
    else embed.fields.pop();
  }
  if (embed.fields?.length === 0) delete embed.fields;
  return embed;
}

export const PAGE_BUTTON = 'page';

const BUTTON_STYLES: Record<ReplyAction['style'], ButtonStyle> = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  success: ButtonStyle.Success,
  danger: ButtonStyle.Danger,
};

function actionButton(action: ReplyAction): APIButtonComponent {
  return { type: ComponentType.Button, style: BUTTON_STYLES[action.style] as ButtonStyle.Primary, custom_id: action.id.slice(0, MESSAGE_LIMITS.customId), label: cut(action.label, MESSAGE_LIMITS.buttonLabel) };
}

/** Buttons in rows of at most five. */
function rowsOf(buttons: APIButtonComponent[]): APIActionRowComponent<APIButtonComponent>[] {
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let i = 0; i < buttons.length; i += MESSAGE_LIMITS.buttonsPerRow) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + MESSAGE_LIMITS.buttonsPerRow) });
  }
  return rows;
}

function finish(reply: Reply, embeds: APIEmbed[], buttons: APIButtonComponent[]): RenderedMessage {
  const message: RenderedMessage = { embeds, components: rowsOf(buttons), allowedMentions: { parse: [] } };
  if (reply.content?.length) message.content = cut(toMarkdown(reply.content), MESSAGE_LIMITS.content);
  if (reply.private) message.flags = MessageFlags.Ephemeral;
  return message;
}

/** All pages in one message, as many as fit (10 embeds, 6000 characters across them). */
function renderTogether(reply: Reply): RenderedMessage {
  const embeds: APIEmbed[] = [];
  let total = 0;
  for (const page of reply.pages) {
    const embed = embedOf(page);
    if (embeds.length === MESSAGE_LIMITS.embedsPerMessage || total + embedLength(embed) > MESSAGE_LIMITS.embedTotal) break;
    embeds.push(embed);
    total += embedLength(embed);
  }
  return finish(reply, embeds, (reply.actions ?? []).map(actionButton));
}

/** The message for page `index` of a reply; `pagerKey` makes the "More results" button when there are more pages. */
export function renderReply(reply: Reply, index = 0, pagerKey?: string): RenderedMessage {
  if (reply.together) return renderTogether(reply);
  const page = reply.pages[index] ?? reply.pages[0];
  const count = reply.pages.length;
  const embeds = page ? [embedOf(page, count > 1 ? `${index + 1} of ${count}` : null)] : [];
  const buttons: APIButtonComponent[] = [];
  const url = page?.quote?.citation.url ?? null;
  if (isHttpUrl(url)) buttons.push({ type: ComponentType.Button, style: ButtonStyle.Link, label: 'Open article', url });
  if (pagerKey && count > 1) {
    const next = (index + 1) % count;
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      custom_id: `${PAGE_BUTTON}:${pagerKey}:${next}`,
      label: next === 0 ? 'Back to the first result' : `More results (${next + 1} of ${count})`,
    });
  }
  buttons.push(...(reply.actions ?? []).map(actionButton));
  return finish(reply, embeds, buttons);
}

/** A whole message's text as Discord would show it (for the digest poster, which sends pages as embeds). */
export function contentOf(text: RichText | undefined): string | undefined {
  return text?.length ? cut(toMarkdown(text), MESSAGE_LIMITS.content) : undefined;
}

/** Discord's limits for a modal: title and label 45 characters, placeholder 100, a text input's value 4000. */
const MODAL_LIMITS = { title: 45, label: 45, placeholder: 100, value: 4000 } as const;

/** The "What were you looking for?" modal as Discord takes it: one optional paragraph input under a label. */
export function renderModal(modal: NoteModal): APIModalInteractionResponseCallbackData {
  const { input } = modal;
  return {
    custom_id: modal.customId.slice(0, MESSAGE_LIMITS.customId),
    title: cut(modal.title, MODAL_LIMITS.title),
    components: [
      {
        type: ComponentType.Label,
        label: cut(input.label, MODAL_LIMITS.label),
        component: {
          type: ComponentType.TextInput,
          custom_id: input.customId,
          style: TextInputStyle.Paragraph,
          required: input.required,
          max_length: Math.min(input.maxLength, MODAL_LIMITS.value),
          placeholder: cut(input.placeholder, MODAL_LIMITS.placeholder),
        },
      },
    ],
  };
}
