import { citationLine, type Page, type Reply, type RichText } from '../core/reply';

export interface TextStyle {
  bold(text: string): string;
}

export const PLAIN: TextStyle = { bold: (text) => text };
export const ANSI: TextStyle = { bold: (text) => `\u001b[1m${text}\u001b[22m` };

/** Rich text for a terminal: emphasis in bold (or plain), links with their address, quotes indented. */
export function richToText(text: RichText, style: TextStyle): string {
  return text
    .map((piece) => {
      if (typeof piece === 'string') return piece;
      if ('link' in piece) return `${piece.strong ? style.bold(piece.link) : piece.link} <${piece.href}>`;
      if ('strong' in piece) return style.bold(piece.strong);
      if ('code' in piece) return piece.code;
      if ('quote' in piece) return piece.quote.split('\n').map((line) => `  │ ${line}`).join('\n');
      if ('role' in piece) return `role ${piece.role}`;
      return `channel ${piece.channel}`;
    })
    .join('');
}

const OPENS_WITH_QUOTE = /^["“«‘'„]/u;

function renderPage(page: Page, style: TextStyle): string {
  const lines: string[] = [];
  if (page.quote) {
    const quoted = page.quote.segments.map((s) => (s.match ? style.bold(s.text) : s.text)).join('');
    // A passage that opens with a quotation ("“We are open…,” Nagaspayev said.") is not put in a second pair.
    lines.push(OPENS_WITH_QUOTE.test(page.quote.segments[0]?.text ?? '') ? quoted : `“${quoted}”`);
    const { citation } = page.quote;
    lines.push(`  — ${citation.title}`);
    lines.push(`    ${citationLine(citation)}${citation.section ? ` · section “${citation.section}”` : ''}`);
    if (citation.url) lines.push(`    ${citation.url}`);
  } else {
    if (page.title) lines.push(style.bold(page.title) + (page.url ? ` <${page.url}>` : ''));
    if (page.footer && !page.text) lines.push(page.footer);
  }
  if (page.text) lines.push(richToText(page.text, style));
  for (const field of page.fields ?? []) lines.push(`${style.bold(field.name)}:\n${richToText(field.value, style).replace(/^/gm, '  ')}`);
  if (!page.quote && page.text && page.footer) lines.push(page.footer);
  return lines.join('\n');
}

/** A reply as text for a terminal: every page, the first as the answer and the rest as further results. */
export function renderText(reply: Reply, style: TextStyle = PLAIN): string {
  const parts: string[] = [];
  if (reply.content?.length) parts.push(richToText(reply.content, style));
  reply.pages.forEach((page, i) => {
    if (i === 1 && page.quote) parts.push(style.bold(`More results (${reply.pages.length - 1}):`));
    parts.push(renderPage(page, style));
  });
  return parts.join('\n\n');
}
