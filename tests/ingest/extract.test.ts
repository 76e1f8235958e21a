/** Article extraction from pages shaped like real news pages: the article and its metadata, none of the furniture. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle, type ArticleDraft } from '../../src/ingest/extract';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

function draftOf(name: string, url: string): ArticleDraft {
  const result = extractArticle(fixture(name), url);
  if (!result.ok) throw new Error(`expected an article from ${name}: ${result.reason}`);
  return result.draft;
}

const FURNITURE = [
  'Politics', // navigation
  'Subscribe for $1',
  'Share on Facebook', // share buttons
  'Post on X',
  'Tell a friend',
  'Copy link',
  'Tenge hits a record low', // an inline "Read also:" paragraph between the article's own
  '2 hours ago',
  'Read also', // related links
  'Lithium rush reaches East Kazakhstan',
  'C5+1 summit',
  'Comments (3)', // comments
  'reader42',
  'Finally some good news',
  'Who will actually profit',
  'Post comment',
  'Most read', // sidebar
  'Tenge hits record low',
  'All rights reserved', // footer
  'morning briefing', // newsletter box
  'on Telegram', // a call to follow the outlet elsewhere
  'Home',
];

describe('a news page with Open Graph and JSON-LD', () => {
  const draft = draftOf('article-tungsten.html', 'https://steppe-ledger.example/business/2026/03/kazakhstan-opens-tungsten-deposit?utm_source=feed');

  it('takes the headline, outlet, date, author and canonical link', () => {
    expect(draft).toMatchObject({
      title: 'Kazakhstan Opens Tungsten Deposit to US Investors',
      publisher: 'The Steppe Ledger',
      published: '2026-03-09', // the outlet's calendar day (08:15 at +05:00), not the UTC one
      byline: 'Aigerim Sadykova',
      url: 'https://steppe-ledger.example/business/2026/03/kazakhstan-opens-tungsten-deposit', // <link rel=canonical>, relative, resolved
    });
  });

  it('keeps the text as published, with its headings, list and table', () => {
    expect(draft.text.split('\n\n')).toEqual([
      "ASTANA – Kazakhstan's Ministry of Industry and Construction has invited American companies to take part in developing the Boguty tungsten deposit, one of the largest in the world, the ministry's press service reported on Monday.",
      'Minister Yersayin Nagaspayev told a delegation of the US-Kazakhstan Business Council that the country is ready to offer long-term contracts for tungsten concentrate and to share geological data on the deposit.',
      '## Reserves and output',
      'According to the ministry, Kazakhstan holds the following tungsten resources:',
      '- Boguty: 110,000 tonnes of tungsten trioxide\n- Verkhnee Kairakty: 2.1 million tonnes of ore\n- Northern Katpar: under exploration',
      '| Deposit | Region | Status |\n| --- | --- | --- |\n| Boguty | Almaty | Construction |\n| Verkhnee Kairakty | Karaganda | Feasibility study |',
      '## What comes next',
      'The ministry said a round of talks with US investors is planned for April in Washington, where the parties expect to discuss volumes, prices and the construction of a processing plant near the deposit.',
      '"We are open to partners who bring technology and build processing here, in Kazakhstan," Nagaspayev said.',
    ]);
  });

  it('leaves out navigation, share buttons, related links, comments, sidebar and footer', () => {
    for (const words of FURNITURE) expect(draft.text, words).not.toContain(words);
    expect(draft.text).not.toMatch(/^# /m); // the headline is in the front matter, not repeated as a heading
  });
});

describe('pages that say less', () => {
  it('reads Open Graph alone: og:url as the canonical link, a date-only published time', () => {
    const draft = draftOf('article-og-only.html', 'https://wire.example/news/uzbekistan-us-roadmap?from=rss');
    expect(draft).toEqual({
      title: 'Uzbekistan and US agree on critical minerals roadmap',
      publisher: 'Central Asia Wire',
      published: '2026-02-27',
      url: 'https://wire.example/news/uzbekistan-us-roadmap',
      text: expect.stringMatching(/^TASHKENT – Uzbekistan and the United States agreed/),
    });
    for (const words of ['Facebook', 'Telegram', 'Related', 'Kyrgyzstan gold', 'Disqus', 'Log in']) expect(draft.text, words).not.toContain(words);
    expect(draft.text.split('\n\n')).toHaveLength(3);
  });

  it('takes the date from <time>, and leaves out what the page does not say (no publisher, no author)', () => {
    const draft = draftOf('article-time-only.html', 'https://metals.example/2026/01/gallium');
    expect(draft).toEqual({
      title: 'Gallium output to double by 2027',
      published: '2026-01-15',
      url: 'https://metals.example/2026/01/gallium',
      text: expect.stringMatching(/^Pavlodar's aluminium plant/),
    });
    expect(draft.text).not.toContain('Posted');
    expect(draft.text).not.toContain('Contact us');
  });

  it('does not take a canonical link that points at the home page', () => {
    const html = fixture('article-time-only.html').replace('<head>', '<head><link rel="canonical" href="https://metals.example/">');
    const result = extractArticle(html, 'https://metals.example/2026/01/gallium');
    expect(result.ok && result.draft.url).toBe('https://metals.example/2026/01/gallium');
  });
});

describe('pages without an article', () => {
  it('refuses a home page of headlines', () => {
    expect(extractArticle(fixture('no-article.html'), 'https://steppe-ledger.example/')).toEqual({
      ok: false,
      reason: expect.stringMatching(/^not an article: /),
    });
  });

  it('refuses a section page: headlines linking to their stories, each with its summary and date', () => {
    // Its teasers hold enough text, and few enough links, to pass for an article called "Mining".
    expect(extractArticle(fixture('section-page.html'), 'https://steppe-ledger.example/mining/')).toEqual({
      ok: false,
      reason: expect.stringMatching(/^not an article: the page lists several stories/),
    });
  });

  it('keeps an article whose headings link to their own anchors, or that ends with headlines of related stories', () => {
    const paragraph = (n: number) => `<p>Paragraph ${n} of the story says that Kazakhstan shipped gallium from the Pavlodar smelter to the United States this week, a year after the two countries agreed to work together.</p>`;
    const related = [1, 2, 3].map((n) => `<h3><a href="/mining/story-${n}">Another story ${n}</a></h3><p>Its summary ${n}.</p>`).join('');
    const headings = [1, 2, 3].map((n) => `<h2><a href="#part-${n}">Part ${n}</a></h2>${paragraph(n)}`).join('');
    for (const body of [headings, `${paragraph(1)}${paragraph(2)}${related}`]) {
      const html = `<html><head><meta property="og:type" content="article"></head><body><article><h1>Kazakhstan ships gallium</h1>${body}</article></body></html>`;
      expect(extractArticle(html, 'https://steppe-ledger.example/mining/gallium'), body).toMatchObject({ ok: true, draft: { title: 'Kazakhstan ships gallium' } });
    }
  });

  it('refuses an empty page, a photo page and a teaser', () => {
    for (const html of ['', '<html><body></body></html>', '<html><body><img src="a.jpg"><p>Photo: the new plant.</p></body></html>', '<article><h1>Breaking</h1><p>More soon.</p></article>']) {
      expect(extractArticle(html, 'https://example.org/x'), html).toMatchObject({ ok: false, reason: expect.stringMatching(/^not an article/) });
    }
  });
});

describe('furniture written as plain text (a site with no class or id to name it)', () => {
  it('leaves out a photo credit, tags, share links ("Share this article on Telegram", link or not), a newsletter call, an advertisement label and the copyright line; keeps the article, its source line and sentences that begin the same way', () => {
    const story = [
      'Minister of Industry and Construction Yersayin Nagaspayev met with a delegation of the US Department of Commerce in Astana to discuss a rare earth processing plant.',
      'Copyright holders of the geological data will be paid for its use, and photos of the deposit were shown to the delegation.',
      'Share prices of Kazakh miners rose after the meeting, <a href="/markets">the exchange said</a>.',
      'Source: Ministry of Industry and Construction',
    ];
    const furniture = [
      'Photo: press service of the Ministry of Industry',
      'Tags: <a href="/tag/rare-earths">rare earths</a>, <a href="/tag/usa">USA</a>',
      'Share: <a href="#">Facebook</a> <a href="#">Telegram</a>',
      'Subscribe to our newsletter: <a href="/subscribe">sign up</a>',
      'ADVERTISEMENT',
      'Share this article on Telegram',
    ];
    const html = `<html><head><meta property="og:type" content="article"><title>Kazakhstan, US discuss rare earths</title></head><body><div id="wrap"><div class="content"><h1>Kazakhstan, US discuss rare earths</h1><p><img src="/1.jpg"></p>${[furniture[0], story[0], furniture[4]!, ...story.slice(1), ...furniture.slice(1, 4), furniture[5]].map((block) => `<p>${block}</p>`).join('')}</div><div class="bottom">© 2025 Qazaq Times. All rights reserved.</div></div></body></html>`;
    const result = extractArticle(html, 'https://qazaq-times.example/economy/rare-earths');
    expect(result.ok && result.draft.text.split('\n\n')).toEqual(story.map((block) => block.replace(/<[^>]+>/g, '')));
  });

  it('leaves out the same lines on a Russian page', () => {
    const story = [
      'Министр промышленности и строительства Ерсайын Нагаспаев встретился с делегацией Министерства торговли США в Астане, чтобы обсудить строительство завода по переработке редкоземельных металлов.',
      'Стороны обсудили месторождение Куйректыколь в Карагандинской области, запасы которого оцениваются в 800 тысяч тонн редкоземельных металлов.',
    ];
    const furniture = ['Фото: пресс-служба министерства', 'Читайте также: <a href="/a">Казахстан и США подписали меморандум</a>', 'Подписывайтесь на наш <a href="https://t.me/x">Telegram-канал</a>', 'Теги: <a href="/t">редкоземельные металлы</a>', 'Поделиться: <a href="#">WhatsApp</a>', 'Реклама', '© 2025 Qazaq Times. Все права защищены.'];
    const html = `<html><head><meta property="og:type" content="article"><title>Казахстан и США обсудили переработку</title></head><body><div><h1>Казахстан и США обсудили переработку</h1>${[furniture[0], story[0], furniture[1], furniture[5], story[1], ...furniture.slice(2, 5), furniture[6]].map((block) => `<p>${block}</p>`).join('')}</div></body></html>`;
    const result = extractArticle(html, 'https://qazaq-times.example/ru/economy/redkozemy');
    expect(result.ok && result.draft.text.split('\n\n')).toEqual(story);
  });
});

describe('datelines', () => {
  it('are left out of the text once read for the date ("14.02.2026 10:30", "Published 14.02.2026, updated 15.02.2026"); a sentence with a date stays', () => {
    const story = 'Kazakhstan and American investors discussed a cobalt refinery in Astana on 14.02.2026, the Ministry of Industry and Construction said, and agreed to meet again in the spring to sign the terms.';
    const html = `<html><head><meta property="og:type" content="article"><title>Cobalt talks in Astana</title></head><body><article><h1>Cobalt talks in Astana</h1><div class="date">14.02.2026 10:30</div><p>Published 14.02.2026, updated 15.02.2026</p><p>${story}</p><p>${story}</p><p>Updated: 7 November 2025</p></article></body></html>`;
    const result = extractArticle(html, 'https://steppe-ledger.example/cobalt');
    expect(result.ok && result.draft.published).toBe('2026-02-14');
    expect(result.ok && result.draft.text.split('\n\n')).toEqual([story, story]);
  });
});

describe('the byline', () => {
  const story =
    'Kazakhstan shipped its first batch of gallium to the United States this week, the Ministry of Industry and Construction said, a year after the two countries agreed to deepen cooperation on critical minerals and the supply of rare metals.';
  const page = (byline: string) => `<html><head><meta property="og:type" content="article"><title>Gallium shipped</title></head><body><article><h1>Gallium shipped</h1>${byline}<p>${story}</p><p>${story}</p></article></body></html>`;

  it('is read from an element marked as it ("byline", rel=author), though such elements are left out of the text; a box about the author is not one', () => {
    for (const marked of ['<p class="byline">By Aigerim Seitkali</p>', '<span><a rel="author" href="/a/seitkali">Aigerim Seitkali</a></span>']) {
      const result = extractArticle(page(marked), 'https://steppe-ledger.example/gallium');
      expect(result.ok && result.draft.byline, marked).toBe('Aigerim Seitkali');
      expect(result.ok && result.draft.text, marked).not.toContain('Seitkali');
    }
    // An empty author link in the head, or another story's author beside the article, is not it.
    const elsewhere = `<html><head><link rel="author" href="/humans.txt"></head><body><aside><span class="author">Dana Omarova</span></aside>${page('<p class="byline">By Aigerim Seitkali</p>').replace(/^<html><head>.*?<body>/, '')}`;
    const beside = extractArticle(elsewhere, 'https://steppe-ledger.example/gallium');
    expect(beside.ok && beside.draft.byline).toBe('Aigerim Seitkali');
    const box = extractArticle(page(`<div class="author">${'Aigerim Seitkali has covered mining in Central Asia for a decade and writes on trade. '.repeat(2)}</div>`), 'https://steppe-ledger.example/gallium');
    expect(box.ok && box.draft.byline).toBeFalsy();
  });
});

describe('calls to follow the outlet elsewhere', () => {
  it('are left out; a sentence of the story that begins the same way stays', () => {
    const story = 'Kazakhstan shipped its first batch of gallium to the United States this week, the Ministry of Industry and Construction said, a year after the two countries agreed to deepen cooperation on critical minerals.';
    const kept = 'Find out more about X-energy, the reactor maker that signed with Kazatomprom, <a href="/x-energy">in our profile</a>.';
    const calls = ['Follow us on <a href="https://x.com/ledger">X</a>', 'Join our <a href="https://wa.me/1">WhatsApp channel</a>', 'Subscribe to our <a href="https://youtube.com/@ledger">YouTube channel</a>'];
    const html = `<html><head><meta property="og:type" content="article"></head><body><article><h1>Gallium shipped</h1><p>${story}</p>${calls.map((c) => `<p>${c}</p>`).join('')}<p>${kept}</p></article></body></html>`;
    const result = extractArticle(html, 'https://steppe-ledger.example/mining/gallium');
    expect(result.ok && result.draft.text.split('\n\n')).toEqual([story, 'Find out more about X-energy, the reactor maker that signed with Kazatomprom, in our profile.']);
  });
});

describe('captions', () => {
  const page = (figures: string) => `<!doctype html><html><head><title>Katpar deal</title><meta property="og:title" content="Katpar deal"></head><body><article><h1>Katpar deal</h1>
    ${figures}
    <p>ASTANA – Kazakhstan's national mining company and a US company will jointly develop the Northern Katpar and Upper Kairakty tungsten deposits, the ministry said on Thursday in a statement on the deal.</p>
    <p>The agreement provides for an investment of about $1.1 billion, and production is expected to begin in 2028, according to the ministry, which called the deposits among the largest in the world.</p>
    <figure><table><tr><th>Deposit</th><th>Region</th></tr><tr><td>Northern Katpar</td><td>Karaganda</td></tr></table><figcaption>Deposits in the agreement</figcaption></figure>
    </article></body></html>`;

  it("leaves out a picture's caption (the picture is left out), and keeps a table's", () => {
    const result = extractArticle(page('<figure><img src="katpar.jpg" alt="Mine"><figcaption>The Northern Katpar site. Photo credit: Tau-Ken Samruk</figcaption></figure>'), 'https://news.example/katpar');
    if (!result.ok) throw new Error(result.reason);
    const blocks = result.draft.text.split('\n\n');
    expect(blocks[0]).toMatch(/^ASTANA – /);
    expect(result.draft.text).not.toContain('Photo credit');
    expect(blocks.slice(-2)).toEqual(['| Deposit | Region |\n| --- | --- |\n| Northern Katpar | Karaganda |', 'Deposits in the agreement']);
  });
});

describe('a page drawn by its scripts', () => {
  const page = (body: string) => `<!doctype html><html><head><title>Tungsten talks advance | Kazinform</title><meta property="og:site_name" content="Kazinform">
    <script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Tungsten talks advance', datePublished: '2025-12-01T09:00:00+05:00', articleBody: body })}</script>
    </head><body><div id="__next"><div class="loading">Loading…</div></div><script src="/app.js"></script></body></html>`;
  const first = 'ASTANA. KAZINFORM – Kazakhstan and the United States have agreed on the terms of a joint venture to develop the Upper Kairakty tungsten deposit, the Ministry of Industry and Construction said on Monday.';
  const second = '# 1 partner: the joint venture will be 70 percent owned by Cove Kaz Capital Group and 30 percent by Tau-Ken Samruk. Construction of the mine is to start in 2026.';

  it('takes the text from JSON-LD articleBody, a paragraph per line, its Markdown characters escaped', () => {
    const result = extractArticle(page(`${first}\n${second}`), 'https://kazinform.example/tungsten');
    if (!result.ok) throw new Error(result.reason);
    expect(result.draft).toMatchObject({ title: 'Tungsten talks advance', publisher: 'Kazinform', published: '2025-12-01' });
    expect(result.draft.text.split('\n\n')).toEqual([first, `\\${second}`]);
  });

  it('converts an articleBody written in HTML as it would the page', () => {
    const result = extractArticle(page(`<p>${first}</p><p>The joint venture will be 70 percent owned by Cove Kaz Capital Group.</p>`), 'https://kazinform.example/tungsten');
    if (!result.ok) throw new Error(result.reason);
    expect(result.draft.text.split('\n\n')).toEqual([first, 'The joint venture will be 70 percent owned by Cove Kaz Capital Group.']);
  });

  it('refuses it when JSON-LD has no article text either (a teaser is not an article)', () => {
    const result = extractArticle(page('Kazakhstan and the US agreed on tungsten.'), 'https://kazinform.example/tungsten');
    expect(result).toEqual({ ok: false, reason: 'not an article: the page has no article text that could be found' });
  });
});

describe('a date the page shows but no metadata gives', () => {
  const body = 'ASTANA – Kazatomprom raised uranium output by 12 percent in the third quarter, the company said in a statement on Friday, and expects to produce between 25,000 and 26,500 tonnes of uranium in 2025, in line with its earlier guidance. Kazakhstan is the world’s largest uranium producer, accounting for about 40 percent of global supply.';
  const page = (dated: string, ticker = '') =>
    `<!doctype html><html><head><title>Kazinform - Uranium output rises</title><meta property="og:site_name" content="Kazinform"></head><body>${ticker}<div class="content"><h1>Uranium output rises</h1>${dated}<div class="text">${body}</div></div></body></html>`;
  const publishedOf = (html: string) => {
    const result = extractArticle(html, 'https://kazinform.example/uranium');
    if (!result.ok) throw new Error(result.reason);
    return result.draft.published;
  };

  it('reads it as outlets write it, in English, in Russian, with dots or as ISO', () => {
    expect(publishedOf(page('<div class="date">7 November 2025, 10:15</div>'))).toBe('2025-11-07');
    expect(publishedOf(page('<span class="post-date">Nov. 7, 2025</span>'))).toBe('2025-11-07');
    expect(publishedOf(page('<span class="post-date">Friday, November 7th, 2025</span>'))).toBe('2025-11-07');
    expect(publishedOf(page('<div class="article-date">7 ноября 2025, 10:15</div>'))).toBe('2025-11-07');
    expect(publishedOf(page('<div id="pubdate">07.11.2025 10:15</div>'))).toBe('2025-11-07');
    expect(publishedOf(page('<p class="published">2025-11-07</p>'))).toBe('2025-11-07');
  });

  it('takes the one beside the headline, not a ticker dating other stories, nor an update; and never guesses', () => {
    expect(publishedOf(page('<div class="date">7 November 2025</div>', '<ul class="ticker"><li class="date">6 November 2025</li></ul>'))).toBe('2025-11-07');
    expect(publishedOf(page('<div class="updated-date">9 November 2025</div><div class="date">7 November 2025</div>'))).toBe('2025-11-07');
    expect(publishedOf(page('<div class="date">2 hours ago</div>'))).toBeUndefined();
    expect(publishedOf(page('<div class="date">31 February 2025</div>'))).toBeUndefined();
    expect(publishedOf(page('<div class="date">Mayday 7, 2025</div>'))).toBeUndefined();
  });
});
