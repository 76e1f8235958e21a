/** Web addresses as the ingest side takes them from feeds, pages and people: http and https only. */

/** `raw`, trimmed, as an http or https address (resolved against `base` when relative); undefined when blank, not an address, or of another scheme. */
export function parseHttpUrl(raw: string | null | undefined, base?: string): URL | undefined {
  const trimmed = raw?.trim();
  if (!trimmed) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed, base);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}

/** As parseHttpUrl, written out without its #fragment: the form in which a page or a feed is one address. */
export function httpUrlWithoutFragment(raw: string | null | undefined, base?: string): string | undefined {
  const url = parseHttpUrl(raw, base);
  if (!url) return undefined;
  url.hash = '';
  return url.href;
}
