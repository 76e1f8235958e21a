/** Turning the bytes of a response into text by the charset it declares. */
import { TextDecoder } from 'node:util';

/** The `charset` parameter of a Content-Type header, if any. */
function charsetOfContentType(contentType: string | null | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}

/** The charset a document declares inside itself: a byte order mark, an XML declaration, or a <meta> in its first 1024 bytes. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  // The declarations are ASCII in every charset we read, so latin1 shows them as they are.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml) return xml[1]!.toLowerCase();
  const meta = /<meta\s[^>]*charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return meta?.[1]?.toLowerCase();
}

function decoderFor(label: string | undefined): TextDecoder | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label);
  } catch {
    return undefined; // a label TextDecoder does not know
  }
}

/**
 * Decodes a response body: by the HTTP header's charset, else the document's own declaration, else
 * UTF-8. An unknown label is ignored rather than fatal (the next source decides). Malformed bytes
 * become U+FFFD, as browsers show them.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null | undefined): { text: string; charset: string } {
  const decoder = decoderFor(charsetOfContentType(contentType)) ?? decoderFor(declaredCharset(bytes)) ?? new TextDecoder('utf-8');
  return { text: decoder.decode(bytes), charset: decoder.encoding };
}
