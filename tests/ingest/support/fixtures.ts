import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(import.meta.dirname, '..', 'fixtures');

/** A fixture file's text, with {{origin}} replaced by the test server's origin. */
export function fixture(name: string, origin = 'https://news.example'): string {
  return readFileSync(join(DIR, name), 'utf8').replaceAll('{{origin}}', origin);
}

/** An RSS 2.0 feed of `count` items, newest first, linking to `${origin}/articles/N`. */
export function bigFeed(origin: string, count: number, newest = Date.parse('2026-03-10T00:00:00Z'), firstId = 1): string {
  const items: string[] = [];
  for (let i = firstId + count - 1; i >= firstId; i--) {
    items.push(
      `<item><title>Item number ${i} about the markets</title><link>${origin}/articles/${i}</link><guid isPermaLink="false">big-${i}</guid>` +
        `<description>Short summary of item ${i}.</description><pubDate>${new Date(newest - (firstId + count - 1 - i) * 60_000).toUTCString()}</pubDate></item>`,
    );
  }
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Big feed</title><link>${origin}/</link>${items.join('\n')}</channel></rss>`;
}

/** windows-1251 bytes of text with Cyrillic (TextEncoder writes only UTF-8, so the table is done by hand). */
export function win1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const code = ch.codePointAt(0)!;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      if (code === 0x401) return 0xa8;
      if (code === 0x451) return 0xb8;
      if (code === 0x2014) return 0x97;
      if (code === 0xab) return 0xab;
      if (code === 0xbb) return 0xbb;
      throw new Error(`no windows-1251 byte for ${ch}`);
    }),
  );
}
