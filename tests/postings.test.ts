import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { internalsOf } from '../src/core/minisearch-snapshot';
import { InternalPostings, PublicPostings } from '../src/core/postings';
import { brownArticles } from './support/brown';

// Guards src/core/postings.ts, which reads MiniSearch internals: every read must agree with
// MiniSearch's own search, so an upgrade that changes the internals fails here. The reader through
// the public API (used when the layout is not the known one) must agree too.
const boosts = { text: 1, section: 1.5, title: 0.4 };
const docs = brownArticles()
  .slice(0, 40)
  .flatMap((article, a) =>
    article.body.split('\n\n').map((text, p) => ({ id: a * 1000 + p, text, section: p % 3 === 0 ? 'Heading words' : '', title: article.title })),
  );
const miniSearch = new MiniSearch({ fields: ['text', 'section', 'title'], storeFields: [], searchOptions: { boost: boosts } });
miniSearch.addAll(docs);
const internals = internalsOf(miniSearch);
const readers = {
  internals: new InternalPostings(internals, boosts, { averageOf: (field) => internals._avgFieldLength[field]! }),
  'public API': new PublicPostings(miniSearch, boosts),
};
const terms = ['jury', 'election', 'city', 'said', 'heading', 'corpus', 'news', 'atlanta', 'nothingatall'];

describe.each(Object.entries(readers))('posting reads (%s)', (_kind, postings) => {
  it('say which passages have a term exactly as MiniSearch finds them', () => {
    for (const term of terms) {
      const found = new Set(miniSearch.search(term).map((r) => r.id));
      const read = postings.term(term);
      for (const doc of docs) expect(read.has(doc.id), `${term} in ${doc.id}`).toBe(found.has(doc.id));
      expect(new Set(read.ids())).toEqual(found);
    }
  });

  it('score a term as MiniSearch does', () => {
    for (const term of terms) {
      const read = postings.term(term);
      for (const result of miniSearch.search(term)) expect(read.score(result.id)).toBeCloseTo(result.score, 6);
    }
  });

  it('list a term’s champions best first', () => {
    const ranked = miniSearch.search('said').map((r) => r.id);
    expect(postings.championList('said', 10)).toEqual(ranked.slice(0, 10));
    expect(postings.championList('nothingatall', 10)).toEqual([]);
  });
});

describe('posting reads in a damaged index', () => {
  it('leave out a passage the postings name but the index no longer has, and still rank the rest', () => {
    const damaged = new MiniSearch({ fields: ['text', 'section', 'title'], storeFields: [], searchOptions: { boost: boosts } });
    damaged.addAll(docs);
    const inside = internalsOf(damaged);
    const reader = new InternalPostings(inside, boosts, { averageOf: (field) => inside._avgFieldLength[field]! });
    const [best, ...rest] = miniSearch.search('said').map((r) => r.id as number);
    // The best passage's short id stays in the posting lists, its id gone (as in a cache damaged on disk).
    inside._documentIds.delete(inside._idToShortId.get(best!)!);
    expect(reader.championList('said', 5)).toEqual(rest.slice(0, 5));
  });
});
