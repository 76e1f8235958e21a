import type { APIActionRowComponent, APIButtonComponent, APIEmbed, APIMessageTopLevelComponent } from 'discord.js';
import { ButtonStyle, ComponentType, MessageFlags } from 'discord.js';
import { escapeMarkdown, type Page, type Reply } from '../bot/reply';
import { sentences } from '../core/passages';

/** Discord's limits (API v10) that replies are cut to. */
export const LIMITS = { content: 2000, title: 256, description: 4096, footer: 2048, fieldName: 256, fieldValue: 1024, fields: 25, embedTotal: 6000, label: 80 };
/** A quoted passage is cut well before the description limit so that a reply stays readable. */
const QUOTE_BUDGET = 3500;

export interface RenderedMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[] | APIMessageTopLevelComponent[];
  flags?: number;
  allowedMentions: { parse: [] };
}

/** Cuts text to `max` characters at the last line end or space before it, adding "…". */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const at = Math.max(room.lastIndexOf('\n'), room.lastIndexOf(' '));
  return `${(at > max / 2 ? room.slice(0, at) : room).trimEnd()}…`;
}

/** The quote as Discord Markdown: escaped, matched words bold, cut at a sentence end with a link to the rest. */
function quoteMarkdown(page: Page, budget: number): string {
  const quote = page.quote!;
  const full = quote.segments.map((s) => (s.match ? `**${escapeMarkdown(s.text)}**` : escapeMarkdown(s.text))).join('');
  if (full.length <= budget) return full;
  const url = quote.citation.url;
  const tail = url ? ` … [read the rest](${url})` : ' …';
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

function isHttpUrl(url: string | null | undefined): url is string {
  return typeof url === 'string' && /^https?:\/\/\S+$/.test(url) && url.length <= 512;
}

/** One page as an embed, within Discord's limits; `position` ("2 of 5") joins the footer. */
export function embedOf(page: Page, position: string | null = null): APIEmbed {
  const embed: APIEmbed = { color: 0x2b6cb0 };
  if (page.title) embed.title = cut(page.title, LIMITS.title);
  if (isHttpUrl(page.url)) embed.url = page.url;
  const description = [page.quote ? quoteMarkdown(page, QUOTE_BUDGET) : null, page.text ?? null].filter(Boolean).join('\n\n');
  if (description) embed.description = cut(description, LIMITS.description);
  // Discord refuses a field without a name or a value.
  const fields = (page.fields ?? []).filter((f) => f.name.trim() !== '' && f.value.trim() !== '');
  if (page.quote?.citation.section) fields.unshift({ name: 'Section', value: escapeMarkdown(page.quote.citation.section) });
  if (fields.length) {
    embed.fields = fields.slice(0, LIMITS.fields).map((f) => ({ name: cut(f.name, LIMITS.fieldName), value: cut(f.value, LIMITS.fieldValue) }));
  }
  const footer = [page.footer, position].filter(Boolean).join(' · ');
  if (footer) embed.footer = { text: cut(footer, LIMITS.footer) };
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
  const over = embedLength(embed) - LIMITS.embedTotal;
  if (over > 0 && embed.description) embed.description = cut(embed.description, Math.max(1, embed.description.length - over));
  // Still over (the fields make up the excess): cut the last field's value, or drop the field.
  while (embed.fields?.length && embedLength(embed) > LIMITS.embedTotal) {
    const excess = embedLength(embed) - LIMITS.embedTotal;
    const last = embed.fields[embed.fields.length - 1]!;
    if (last.value.length - excess >= 2) last.value = cut(last.value, last.value.length - excess);
    else embed.fields.pop();
  }
  if (embed.fields?.length === 0) delete embed.fields;
  return embed;
}

export const PAGE_BUTTON = 'page';
const MAX_EMBEDS = 10;

/** All pages in one message, as many as fit (10 embeds, 6000 characters across them). */
function renderTogether(reply: Reply): RenderedMessage {
  const embeds: APIEmbed[] = [];
  let total = 0;
  for (const page of reply.pages) {
    const embed = embedOf(page);
    if (embeds.length === MAX_EMBEDS || total + embedLength(embed) > LIMITS.embedTotal) break;
    embeds.push(embed);
    total += embedLength(embed);
  }
  const message: RenderedMessage = { embeds, components: [], allowedMentions: { parse: [] } };
  if (reply.content) message.content = cut(reply.content, LIMITS.content);
  if (reply.private) message.flags = MessageFlags.Ephemeral;
  return message;
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
  const message: RenderedMessage = {
    embeds,
    components: buttons.length ? [{ type: ComponentType.ActionRow, components: buttons }] : [],
    allowedMentions: { parse: [] },
  };
  if (reply.content) message.content = cut(reply.content, LIMITS.content);
  if (reply.private) message.flags = MessageFlags.Ephemeral;
  return message;
}
