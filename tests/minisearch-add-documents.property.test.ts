import fc from 'fast-check';
import MiniSearch, { type Options } from 'minisearch';
import { describe, expect, it } from 'vitest';
import { addDocuments, captureMiniSearch, internalsOf, PostingArray, restoreMiniSearch, type TermDocument } from '../src/core/minisearch-snapshot';
import { MINISEARCH_OPTIONS, type StoredPassage } from '../src/core/search-index';

// addDocuments stands in for MiniSearch's addAll in every build of the index (a cold build spent 40%
// of its time there), so the index it leaves must be the one addAll leaves, with the options the
// index gives MiniSearch: the same radix tree in the same order (which decides the order of fuzzy
// and prefix matches), the same posting lists and field lengths, the same running averages to the
// last bit.
type Stored = StoredPassage;
const options: Options<Stored> = MINISEARCH_OPTIONS;
const FIELDS = options.fields;
const stored = ({ id, fields }: TermDocument): Stored => ({ id, text: fields[0]!.join(' '), section: fields[1]!.join(' '), title: fields[2]!.join(' ') });

// Few distinct terms, so that terms recur across documents and fields; prefixes of each other, so that the tree splits edges.
const term = fc.constantFrom('tung', 'tungsten', 'tungstate', 'rare', 'rarely', 'earth', 'mou', 'signed', 'sign', 'кз', 'казахстан', 'a');
const terms = fc.array(term, { maxLength: 12 });
// An empty term and one with a space in it, as a tokenizer splitting at spaces would see them joined.
const oddTerms = fc.array(fc.oneof(term, fc.constantFrom('', 'rare earth')), { maxLength: 6 });
const fieldsOf = fc.tuple(fc.oneof({ weight: 5, arbitrary: terms }, { weight: 1, arbitrary: oddTerms }), fc.array(term, { maxLength: 3 }), fc.array(term, { maxLength: 4 }));
const step = fc.oneof(
  { weight: 3, arbitrary: fc.record({ add: fc.array(fieldsOf, { minLength: 1, maxLength: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ remove: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.constant({ restore: true as const }) },
);

/** The state captureMiniSearch saves, with what it leaves out: the averages' bits and the posting lists' Map order. */
function stateOf(miniSearch: MiniSearch<Stored>) {
  const internals = internalsOf(miniSearch);
  return { packed: captureMiniSearch(miniSearch), averages: [...internals._avgFieldLength], nextId: internals._nextId, count: internals._documentCount };
}

describe('addDocuments', () => {
  it('leaves the index MiniSearch’s addAll leaves, through adds, removes and restores from a snapshot', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        let viaAddAll = new MiniSearch<Stored>(options);
        let viaAddDocuments = new MiniSearch<Stored>(options);
        const present = new Map<number, TermDocument>();
        let nextId = 0;
        for (const change of steps) {
          if ('add' in change) {
            const documents = change.add.map((fields) => ({ id: nextId++ * 7, fields }));
            viaAddAll.addAll(documents.map(stored));
            addDocuments(viaAddDocuments, FIELDS, documents);
            for (const document of documents) present.set(document.id, document);
          } else if ('remove' in change) {
            const ids = [...present.keys()];
            for (const pick of change.remove) {
              if (ids.length === 0) break;
              const [id] = ids.splice(pick % ids.length, 1);
              viaAddAll.remove(stored(present.get(id!)!));
              viaAddDocuments.remove(stored(present.get(id!)!));
              present.delete(id!);
            }
          } else {
            // A restored index (lazily decoded lists, kept as arrays) takes the next batches.
            viaAddAll = restoreMiniSearch(captureMiniSearch(viaAddAll), options);
            viaAddDocuments = restoreMiniSearch(captureMiniSearch(viaAddDocuments), options);
          }
          expect(stateOf(viaAddDocuments)).toEqual(stateOf(viaAddAll));
        }
        for (const query of ['tungsten', 'tung', 'rare earth', 'казахстан', 'signd']) {
          for (const search of [{}, { prefix: true }, { fuzzy: 1 }]) expect(viaAddDocuments.search(query, search)).toEqual(viaAddAll.search(query, search));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the posting lists it begins as arrays, and refuses a batch with an id the index has, changing nothing', () => {
    const miniSearch = new MiniSearch<Stored>(options);
    addDocuments(miniSearch, FIELDS, [{ id: 1, fields: [['tungsten', 'mou', 'tungsten'], [], ['mou']] }, { id: 2, fields: [['tungsten'], [], []] }]);
    const tungsten = internalsOf(miniSearch)._index.get('tungsten')!.get(0)!;
    expect(tungsten).toBeInstanceOf(PostingArray);
    expect([...tungsten]).toEqual([[0, 2], [1, 1]]);
    expect((tungsten as PostingArray).sorted).not.toBeNull();
    const before = stateOf(miniSearch);
    expect(() => addDocuments(miniSearch, FIELDS, [{ id: 3, fields: [['rare'], [], []] }, { id: 1, fields: [['earth'], [], []] }])).toThrow(/duplicate ID 1/);
    expect(() => addDocuments(miniSearch, FIELDS, [{ id: 4, fields: [['rare'], [], []] }, { id: 4, fields: [['earth'], [], []] }])).toThrow(/duplicate ID 4/);
    expect(stateOf(miniSearch)).toEqual(before);
  });
});
