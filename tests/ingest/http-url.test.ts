/** Which addresses the ingest side takes: http and https only, trimmed, relative ones resolved against their page or feed. */
import { describe, expect, it } from 'vitest';
import { httpUrlWithoutFragment, parseHttpUrl } from '../../src/ingest/http-url';

describe('http addresses', () => {
  it('are trimmed and resolved against the base; the fragment is kept unless asked', () => {
    expect(parseHttpUrl('  /articles/1#top ', 'https://news.example/feed.xml')?.href).toBe('https://news.example/articles/1#top');
    expect(httpUrlWithoutFragment('/articles/1#top', 'https://news.example/feed.xml')).toBe('https://news.example/articles/1');
    expect(httpUrlWithoutFragment(' http://news.example/rss#x ')).toBe('http://news.example/rss');
  });

  it('blank, unparsable or of another scheme: none', () => {
    for (const raw of [undefined, null, '', '   ', 'not an address', 'mailto:desk@news.example', 'ftp://news.example/a', 'javascript:alert(1)']) {
      expect(parseHttpUrl(raw)).toBeUndefined();
      expect(httpUrlWithoutFragment(raw)).toBeUndefined();
    }
    expect(parseHttpUrl('javascript:alert(1)', 'https://news.example/')).toBeUndefined();
    expect(parseHttpUrl('/relative')).toBeUndefined();
  });
});
