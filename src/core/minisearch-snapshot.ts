import MiniSearch, { type Options } from 'minisearch';

/**
 * A fast save and restore of a MiniSearch index, for the index cache (see index-cache.ts).
 *
 * Why: MiniSearch's own toJSON / loadJS round trip costs seconds on a large index (a 47 MB JSON
 * text, JSON.parse, then one Map per term, field and posting rebuilt eagerly). Here the state goes
 * into a few typed arrays, and on restore only the small parts are built at once: the radix tree
 * of terms (a few tens of thousands of nodes), the per-document tables, and MiniSearch's scalars.
 * The posting lists — millions of entries — stay encoded, and a term's are decoded into the very
 * Maps MiniSearch would have built the first time anything reads that term (`LazyLeafNode`).
 *
 * This reaches into MiniSearch 7 internals: the fields listed in `EXPECTED_FIELDS`, and
 * SearchableMap's radix tree (`_tree`: nested Maps keyed by edge labels; a term's value sits under
 * the key '' of its node, and every read of it goes through that node's `get('')`). Everything
 * that touches them is in this module. `assertKnownLayout` refuses an instance whose fields differ
 * (a MiniSearch upgrade): capture throws (no cache is written) and restore throws (the cache is
 * rebuilt). tests/index-cache.test.ts checks that a restored index answers exactly as a built one.
 */

/** The own fields of a MiniSearch 7.2 instance. */
const EXPECTED_FIELDS = [
  '_options',
  '_index',
  '_documentCount',
  '_documentIds',
  '_idToShortId',
  '_fieldIds',
  '_fieldLength',
  '_avgFieldLength',
  '_nextId',
  '_storedFields',
  '_dirtCount',
  '_currentVacuum',
  '_enqueuedVacuum',
  '_enqueuedVacuumConditions',
].join(',');

/** The value of a term: field id → (short document id → term frequency). */
export type TermData = Map<number, Map<number, number>>;
type TreeNode = Map<string, unknown>;

export interface Internals {
  _index: { _tree: TreeNode; _prefix: string; atPrefix: unknown; get(term: string): TermData | undefined; fetch(term: string, initial: () => TermData): TermData };
  _documentCount: number;
  _documentIds: Map<number, unknown>;
  _idToShortId: Map<unknown, number>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _nextId: number;
  _storedFields: Map<number, unknown>;
  _dirtCount: number;
  _currentVacuum: unknown;
  _enqueuedVacuum: unknown;
}

const LEAF = '';

/** What a cache file stores of one part (an index, passages): small JSON-able facts, typed arrays, and long strings. */
export interface Packed {
  meta: Record<string, unknown>;
  arrays: Record<string, Uint8Array | Uint32Array | Float64Array>;
  strings: Record<string, string>;
}

/** Whether a MiniSearch instance has the layout this code knows (MiniSearch 7.2's), so that its internals can be read. */
export function hasKnownLayout(miniSearch: MiniSearch<any>): boolean {
  const internals = miniSearch as unknown as Internals;
  const index = internals._index as Partial<Internals['_index']> | undefined;
  return Object.keys(miniSearch).join(',') === EXPECTED_FIELDS && typeof index?.atPrefix === 'function' && index._tree instanceof Map && index._prefix === '';
}

/** MiniSearch's internal state, after checking it has the layout this code knows (postings.ts reads it too). */
export function internalsOf(miniSearch: MiniSearch<any>): Internals {
  if (!hasKnownLayout(miniSearch)) {
    throw new Error(`MiniSearch internals are not the expected ones (fields: ${Object.keys(miniSearch).join(',')}); the index snapshot cannot be used`);
  }
  return miniSearch as unknown as Internals;
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffff_ffff;

function growable() {
  let array = new Uint32Array(1024);
  let length = 0;
  return {
    push(value: number) {
      if (!isCount(value)) throw new Error(`cannot store ${value} in a snapshot`);
      if (length === array.length) {
        const bigger = new Uint32Array(array.length * 2);
        bigger.set(array);
        array = bigger;
      }
      array[length++] = value;
    },
    get length() {
      return length;
    },
    done: () => array.slice(0, length),
  };
}

/** Unsigned integers as LEB128 varints: the posting lists are mostly small numbers (id gaps, frequencies of 1). */
function varints() {
  let bytes = new Uint8Array(1 << 16);
  let length = 0;
  return {
    push(value: number) {
      if (!isCount(value)) throw new Error(`cannot store ${value} in a snapshot`);
      if (length + 5 > bytes.length) {
        const bigger = new Uint8Array(bytes.length * 2);
        bigger.set(bytes);
        bytes = bigger;
      }
      while (value > 0x7f) {
        bytes[length++] = (value & 0x7f) | 0x80;
        value >>>= 7;
      }
      bytes[length++] = value;
    },
    get length() {
      return length;
    },
    done: () => bytes.slice(0, length),
  };
}

/**
 * The state of an idle MiniSearch index (no vacuum running), for `restoreMiniSearch`. Documents
 * are renumbered 0, 1, … in the order MiniSearch holds them, so an index that documents were
 * removed from is saved as if built without them.
 */
export function captureMiniSearch(miniSearch: MiniSearch<any>): Packed {
  const internals = internalsOf(miniSearch);
  if (internals._currentVacuum || internals._enqueuedVacuum) throw new Error('cannot snapshot a MiniSearch index while it is vacuuming');
  const fieldCount = Object.keys(internals._fieldIds).length;

  // Per document, in MiniSearch's order: its new short id (its position), its id, and the length of each field.
  const documentCount = internals._documentIds.size;
  if (!isCount(internals._nextId)) throw new Error('unexpected next id');
  // Old short id → new one, -1 for none: an array, since every posting of the index is looked up in it.
  const renumbered = new Int32Array(internals._nextId).fill(-1);
  const ids: number[] = [];
  const fieldLength = new Uint32Array(documentCount * fieldCount);
  for (const [shortId, id] of internals._documentIds) {
    if (typeof id !== 'number') throw new Error('only an index of numeric ids can be snapshot');
    const lengths = internals._fieldLength.get(shortId);
    if (!lengths || lengths.length !== fieldCount) throw new Error('unexpected field lengths');
    for (let field = 0; field < fieldCount; field++) {
      const length = lengths[field];
      if (!isCount(length)) throw new Error('unexpected field length');
      fieldLength[ids.length * fieldCount + field] = length;
    }
    if (shortId >= renumbered.length) throw new Error('unexpected short id');
    renumbered[shortId] = ids.length;
    ids.push(id);
  }
  const documentIds = ids.every(isCount) ? Uint32Array.from(ids) : Float64Array.from(ids);

  // The radix tree, depth first, each node's entries in their Map order (which decides the order
  // of prefix and fuzzy matches): per node, entryCount * 2 + (1 if it holds a term); per entry,
  // 0 for the term's value (the leaves are numbered in this order), or the edge label's length
  // followed by the child node. Edge labels are concatenated in `labels`.
  const shape = growable();
  const labels: string[] = [];
  const leafFields = growable();
  const fieldOf = growable();
  const postingStart = growable();
  const postingBytes = varints(); // per field of a term: (short id - previous short id, frequency)…
  const stack: { node: TreeNode; keys: string[]; next: number }[] = [];
  const enter = (node: TreeNode) => {
    const keys = [...node.keys()];
    shape.push(keys.length * 2 + (node.has(LEAF) ? 1 : 0));
    stack.push({ node, keys, next: 0 });
  };
  enter(internals._index._tree);
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.next === top.keys.length) {
      stack.pop();
      continue;
    }
    const key = top.keys[top.next++]!;
    if (key === LEAF) {
      shape.push(0);
      leafFields.push(fieldOf.length);
      let previous = 0;
      const list = (fieldId: number) => {
        fieldOf.push(fieldId);
        postingStart.push(postingBytes.length);
        previous = 0;
      };
      const posting = (oldShortId: number, frequency: number) => {
        const shortId = oldShortId < renumbered.length ? renumbered[oldShortId]! : -1;
        if (shortId < 0) return; // a discarded document's posting, not yet vacuumed
        // Ids usually ascend; one that does not is written as a wrapped-around (uint32) gap.
        postingBytes.push((shortId - previous) >>> 0);
        postingBytes.push(frequency);
        previous = shortId;
      };
      const arrays = (fieldId: number, shorts: Uint32Array, counts: Uint32Array) => {
        list(fieldId);
        for (let i = 0; i < shorts.length; i++) posting(shorts[i]!, counts[i]!);
      };
      // A restored term not read since is decoded for this walk only: kept, the decoded lists of every
      // term would stay with the index (in the cache builder, about 90 MB at 10×, in small blocks the
      // process does not give back to the system when its thread ends).
      if (top.node instanceof LazyLeafNode && top.node.encoded) top.node.forEachEncodedField(arrays);
      else {
        for (const [fieldId, postings] of top.node.get(LEAF) as TermData) {
          const sorted = postings instanceof PostingArray ? postings.sorted : null;
          if (sorted) arrays(fieldId, sorted.shorts, sorted.counts);
          else {
            list(fieldId);
            for (const [oldShortId, frequency] of postings) posting(oldShortId, frequency);
          }
        }
      }
    } else {
      shape.push(key.length);
      labels.push(key);
      enter(top.node.get(key) as TreeNode);
    }
  }
  leafFields.push(fieldOf.length);
  postingStart.push(postingBytes.length);

  return {
    meta: {
      fields: EXPECTED_FIELDS,
      documentCount,
      nextId: documentCount,
      dirtCount: 0,
      fieldIds: internals._fieldIds,
      averageFieldLength: internals._avgFieldLength,
      storedFields: [...internals._storedFields],
    },
    arrays: {
      shape: shape.done(),
      leafFields: leafFields.done(),
      fieldOf: fieldOf.done(),
      postingStart: postingStart.done(),
      postingBytes: postingBytes.done(),
      documentIds,
      fieldLength,
    },
    strings: { labels: labels.join('') },
  };
}

/** A document as `addDocuments` takes it: its id, and its terms per field in the order of the fields named. */
export interface TermDocument {
  id: number;
  fields: readonly (readonly string[])[];
}

const NO_POSTINGS = new Uint32Array(0);

/**
 * Adds documents to a MiniSearch 7.2 index whose `tokenize` splits a field's text at spaces and
 * whose `processTerm` keeps each term as it is (no stored fields), leaving exactly the state its
 * `addAll` of the terms joined by spaces would leave, faster: a term's place in the radix tree is
 * looked up once per batch instead of once per occurrence, and the batch's postings of a term are
 * appended to its lists at once (kept as arrays, PostingArray, in a list the batch begins). A cold
 * build spent 40% of its time in `addAll`. Ids are all checked first: a batch with an id the index
 * has (or two alike) is refused whole.
 */
export function addDocuments(miniSearch: MiniSearch<any>, fields: readonly string[], documents: readonly TermDocument[]): void {
  const internals = internalsOf(miniSearch);
  const fieldIds = fields.map((field) => internals._fieldIds[field]);
  if (!fieldIds.every((id): id is number => typeof id === 'number')) throw new Error(`unknown fields: ${fields.join(', ')}`);
  const ids = new Set<number>();
  for (const { id } of documents) {
    if (internals._idToShortId.has(id) || ids.has(id)) throw new Error(`MiniSearch: duplicate ID ${id}`);
    ids.add(id);
  }
  // Per term of the batch: its value in the index, and per field id the batch's postings.
  const batch = new Map<string, { data: TermData; added: ({ shorts: number[]; counts: number[] } | undefined)[] }>();
  const frequencies = new Map<string, number>();
  for (const document of documents) {
    // As MiniSearch's addDocumentId.
    const short = internals._nextId;
    internals._idToShortId.set(document.id, short);
    internals._documentIds.set(short, document.id);
    internals._documentCount += 1;
    internals._nextId += 1;
    for (let f = 0; f < fieldIds.length; f++) {
      const fieldId = fieldIds[f]!;
      frequencies.clear();
      for (const token of tokensOf(document.fields[f] ?? [])) frequencies.set(token, (frequencies.get(token) ?? 0) + 1);
      addFieldLength(internals, short, fieldId, internals._documentCount - 1, frequencies.size);
      for (const [term, frequency] of frequencies) {
        if (!term) continue; // MiniSearch skips an empty term, though its field length counts it
        let entry = batch.get(term);
        if (!entry) batch.set(term, (entry = { data: internals._index.fetch(term, () => new Map()), added: [] }));
        let added = entry.added[fieldId];
        if (!added) {
          // Where the term's first posting in this field goes in: its place among the term's fields, as MiniSearch's.
          if (!entry.data.has(fieldId)) entry.data.set(fieldId, new PostingArray(NO_POSTINGS, NO_POSTINGS));
          entry.added[fieldId] = added = { shorts: [], counts: [] };
        }
        added.shorts.push(short);
        added.counts.push(frequency);
      }
    }
  }
  for (const { data, added } of batch.values()) {
    added.forEach((postings, fieldId) => {
      const list = data.get(fieldId)!;
      if (list instanceof PostingArray) list.append(postings!.shorts, postings!.counts);
      else for (let i = 0; i < postings!.shorts.length; i++) list.set(postings!.shorts[i]!, postings!.counts[i]!);
    });
  }
}

/** A field's terms as MiniSearch's tokenize (split at spaces) finds them in the terms joined by spaces. */
function tokensOf(terms: readonly string[]): readonly string[] {
  if (terms.every((term) => term !== '' && !term.includes(' '))) return terms;
  const joined = terms.join(' ');
  return joined ? joined.split(' ') : [];
}

/** As MiniSearch's addFieldLength: the length, and the field's running average (the same arithmetic, so the same bits). */
function addFieldLength(internals: Internals, short: number, fieldId: number, count: number, length: number): void {
  let lengths = internals._fieldLength.get(short);
  if (lengths == null) internals._fieldLength.set(short, (lengths = []));
  lengths[fieldId] = length;
  const average = internals._avgFieldLength[fieldId] || 0;
  const total = average * count + length;
  internals._avgFieldLength[fieldId] = total / (count + 1);
}

/**
 * The encoded posting lists, decoded one term at a time. A posting that names no document (a
 * damaged file that still passed its checksum) is left out and reported, never handed to a reader.
 */
class EncodedPostings {
  constructor(
    private readonly leafFields: Uint32Array,
    private readonly fieldOf: Uint32Array,
    private readonly postingStart: Uint32Array,
    private readonly bytes: Uint8Array,
    private readonly documentCount: number,
    private readonly onDamage: (what: string) => void,
  ) {}

  decode(leaf: number): TermData {
    const data: TermData = new Map();
    for (let f = this.leafFields[leaf]!, end = this.leafFields[leaf + 1]!; f < end; f++) {
      const size = this.sizeOf(f);
      const shorts = new Uint32Array(size);
      const counts = new Uint32Array(size);
      const n = this.decodeField(f, shorts, counts, size);
      if (n) data.set(this.fieldOf[f]!, new PostingArray(shorts.subarray(0, n), counts.subarray(0, n)));
    }
    return data;
  }

  /** Arrays `forEachField` decodes into, again and again. */
  private scratch = { shorts: new Uint32Array(0), counts: new Uint32Array(0) };

  /**
   * Each field's list of a term, as `decode` gives it, in arrays reused from call to call (good only
   * while the callback runs): a walk over every term (saving a restored index) leaves nothing behind
   * to collect. Decoded into new arrays each time, the lists' memory, outside the JavaScript heap, was
   * freed only as the collector came by: the process kept about 20 MB more after a rewrite at 10×.
   */
  forEachField(leaf: number, callback: (fieldId: number, shorts: Uint32Array, counts: Uint32Array) => void): void {
    for (let f = this.leafFields[leaf]!, end = this.leafFields[leaf + 1]!; f < end; f++) {
      const size = this.sizeOf(f);
      if (this.scratch.shorts.length < size) this.scratch = { shorts: new Uint32Array(size), counts: new Uint32Array(size) };
      const n = this.decodeField(f, this.scratch.shorts, this.scratch.counts, size);
      if (n) callback(this.fieldOf[f]!, this.scratch.shorts.subarray(0, n), this.scratch.counts.subarray(0, n));
    }
  }

  /** How many postings a field's list holds at most: two numbers each, each ending with a byte below 0x80. */
  private sizeOf(f: number): number {
    const { bytes } = this;
    let ends = 0;
    for (let p = this.postingStart[f]!, last = this.postingStart[f + 1]!; p < last; p++) if (bytes[p]! < 0x80) ends++;
    return ends >>> 1;
  }

  /** Decodes a field's list into the arrays (at least `capacity`, its sizeOf, long); returns how many postings it holds. */
  private decodeField(f: number, shorts: Uint32Array, counts: Uint32Array, capacity: number): number {
    const { bytes } = this;
    let n = 0;
    let shortId = 0;
    for (let p = this.postingStart[f]!, last = this.postingStart[f + 1]!; p < last; ) {
      let gap = 0;
      for (let shift = 0; ; shift += 7) {
        const byte = bytes[p++]!;
        gap += (byte & 0x7f) * 2 ** shift;
        if (byte < 0x80) break;
      }
      let frequency = 0;
      for (let shift = 0; ; shift += 7) {
        const byte = bytes[p++]!;
        frequency += (byte & 0x7f) * 2 ** shift;
        if (byte < 0x80) break;
      }
      shortId = (shortId + gap) >>> 0;
      if (shortId < this.documentCount && frequency > 0 && n < capacity && (n === 0 || shortId > shorts[n - 1]!)) {
        shorts[n] = shortId;
        counts[n++] = frequency;
      } else {
        this.onDamage(`a posting of document ${shortId} (of ${this.documentCount}) with frequency ${frequency}`);
      }
    }
    return n;
  }
}

/**
 * One field's posting list of a restored term (short id → frequency), as MiniSearch reads it, kept
 * as two arrays in ascending order of short id: decoding a long list into a Map would cost a
 * question more than all the rest of its work, and hold several times the memory. Reads (get, has,
 * size, iteration) use the arrays; so do the changes an added or removed passage makes (a new
 * passage has the highest short id: its posting is appended; a removed one's is cut out). Any
 * other change first copies the entries into the Map itself, which from then on is a plain Map.
 */
export class PostingArray extends Map<number, number> {
  /** The arrays, with room to grow; null once the list is a plain Map. */
  private buffers: { shorts: Uint32Array; counts: Uint32Array } | null;
  private length: number;
  /** The first `length` entries of the buffers. */
  private views: { shorts: Uint32Array; counts: Uint32Array } | null;

  constructor(shorts: Uint32Array, counts: Uint32Array) {
    super();
    this.buffers = { shorts, counts };
    this.length = shorts.length;
    this.views = { shorts, counts };
  }

  /** The arrays (ascending short ids, and their frequencies) while the list is kept as arrays, for readers that walk them; else null. */
  get sorted(): { readonly shorts: Uint32Array; readonly counts: Uint32Array } | null {
    return this.views;
  }

  /** Adds postings (short ids ascending, all after the list's last) at once: a batch's, where `set` would add them one by one. */
  append(shorts: readonly number[], counts: readonly number[]): void {
    const { views, buffers } = this;
    let fits = views !== null && buffers !== null;
    let last = fits && this.length > 0 ? views!.shorts[this.length - 1]! : -1;
    for (let i = 0; fits && i < shorts.length; i++) {
      const short = shorts[i]!;
      fits = short >>> 0 === short && short > last && counts[i]! >>> 0 === counts[i];
      last = short;
    }
    if (!fits || !views || !buffers) {
      for (let i = 0; i < shorts.length; i++) this.set(shorts[i]!, counts[i]!);
      return;
    }
    const length = this.length + shorts.length;
    const room = this.roomFor(length);
    room.shorts.set(shorts, this.length);
    room.counts.set(counts, this.length);
    this.resized(length);
  }

  /**
   * Buffers that hold `length` postings, the list's own when they do; else larger ones, with a
   * quarter more room than the list has, so that a list added to again and again (posting by
   * posting, or batch after batch in a build) is not copied whole each time.
   */
  private roomFor(length: number): { shorts: Uint32Array; counts: Uint32Array } {
    const buffers = this.buffers!;
    if (length <= buffers.shorts.length) return buffers;
    const capacity = Math.max(length, Math.ceil(this.length * 1.25) + 16);
    const room = { shorts: new Uint32Array(capacity), counts: new Uint32Array(capacity) };
    room.shorts.set(this.views!.shorts);
    room.counts.set(this.views!.counts);
    return (this.buffers = room);
  }

  private resized(length: number): void {
    this.length = length;
    const { shorts, counts } = this.buffers!;
    this.views = { shorts: shorts.subarray(0, length), counts: counts.subarray(0, length) };
  }

  private materialize(): void {
    const { views } = this;
    if (!views) return;
    this.buffers = this.views = null;
    for (let i = 0; i < views.shorts.length; i++) super.set(views.shorts[i]!, views.counts[i]!);
  }

  override get(key: number): number | undefined {
    if (!this.views) return super.get(key);
    const at = indexOf(this.views.shorts, key, 0);
    return at < 0 ? undefined : this.views.counts[at];
  }

  override has(key: number): boolean {
    return this.views ? indexOf(this.views.shorts, key, 0) >= 0 : super.has(key);
  }

  override get size(): number {
    return this.views ? this.length : super.size;
  }

  override set(key: number, value: number): this {
    const { views, buffers } = this;
    if (views && buffers && Number.isInteger(value) && value >= 0 && value <= 0xffffffff) {
      const at = indexOf(views.shorts, key, 0);
      if (at >= 0) {
        views.counts[at] = value;
        return this;
      }
      if (key >>> 0 === key && (this.length === 0 || key > views.shorts[this.length - 1]!)) {
        const room = this.roomFor(this.length + 1);
        room.shorts[this.length] = key;
        room.counts[this.length] = value;
        this.resized(this.length + 1);
        return this;
      }
    }
    this.materialize();
    return super.set(key, value);
  }

  override delete(key: number): boolean {
    const { views, buffers } = this;
    if (!views || !buffers) return super.delete(key);
    const at = indexOf(views.shorts, key, 0);
    if (at < 0) return false;
    buffers.shorts.copyWithin(at, at + 1, this.length);
    buffers.counts.copyWithin(at, at + 1, this.length);
    this.resized(this.length - 1);
    return true;
  }

  override clear(): void {
    this.buffers = this.views = null;
    super.clear();
  }

  /**
   * The entries in order, as a Map's iteration gives them even when the list changes meanwhile: a
   * key removed before it is reached is not given, and one added after the last key given is.
   */
  private *walk(): Generator<[number, number]> {
    let views = this.views;
    let i = 0;
    let last = -1;
    while (views) {
      if (this.views !== views) {
        views = this.views;
        if (!views) break;
        const at = indexOf(views.shorts, last, 0);
        i = at >= 0 ? at + 1 : -at - 1;
      }
      if (i >= views.shorts.length) return;
      last = views.shorts[i]!;
      yield [last, views.counts[i]!];
      i++;
    }
    // Now a plain Map: its first entries are the arrays' in order; past those already given, the rest.
    let given = last >= 0;
    let previous = -1;
    for (const entry of super.entries()) {
      if (given && entry[0] <= last && entry[0] > previous) {
        previous = entry[0];
        continue;
      }
      given = false;
      yield entry;
    }
  }

  override *entries(): MapIterator<[number, number]> {
    if (!this.views) return yield* super.entries();
    yield* this.walk();
  }

  override *keys(): MapIterator<number> {
    if (!this.views) return yield* super.keys();
    for (const [key] of this.walk()) yield key;
  }

  override *values(): MapIterator<number> {
    if (!this.views) return yield* super.values();
    for (const [, value] of this.walk()) yield value;
  }

  override [Symbol.iterator](): MapIterator<[number, number]> {
    return this.entries();
  }

  override forEach(callback: (value: number, key: number, map: Map<number, number>) => void, thisArg?: unknown): void {
    if (!this.views) return super.forEach(callback, thisArg);
    const { shorts, counts } = this.views;
    for (let i = 0; i < shorts.length; i++) callback.call(thisArg, counts[i]!, shorts[i]!, this);
  }
}

/** Where `key` is in the ascending `array`, searching from `from` to `last`; or -(where it would go) - 1. */
export function indexOf(array: Uint32Array, key: number, from: number, last = array.length - 1): number {
  let low = from;
  let high = last;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = array[middle]!;
    if (value < key) low = middle + 1;
    else if (value > key) high = middle - 1;
    else return middle;
  }
  return -low - 1;
}

/**
 * A Map from 0, 1, … count-1 (in that order) whose values are read from a table when asked: a
 * restored index's per-document maps, which would otherwise cost hundreds of thousands of Map
 * insertions at start-up (and as many again, with tens of MB, at the first change). What changes
 * is kept beside the table: values set for its keys, its keys deleted, and keys added after it
 * (a new passage's), in the order a Map would give them.
 */
export class TableMap<V> extends Map<number, V> {
  /** Keys of the table deleted. */
  private readonly removed = new Set<number>();
  /** Values set for keys of the table (which keep their place). */
  private readonly changed = new Map<number, V>();
  /** Keys added (after the table's, in the order they came). */
  private readonly added = new Map<number, V>();

  constructor(
    private count: number,
    private readonly table: (key: number) => V,
  ) {
    super();
  }

  private inTable(key: unknown): key is number {
    return typeof key === 'number' && key >>> 0 === key && key < this.count && !this.removed.has(key);
  }

  override get(key: number): V | undefined {
    if (this.added.has(key)) return this.added.get(key);
    if (!this.inTable(key)) return undefined;
    return this.changed.has(key) ? this.changed.get(key) : this.table(key);
  }

  override has(key: number): boolean {
    return this.added.has(key) || this.inTable(key);
  }

  override get size(): number {
    return this.count - this.removed.size + this.added.size;
  }

  override set(key: number, value: V): this {
    if (!this.added.has(key) && this.inTable(key)) this.changed.set(key, value);
    else this.added.set(key, value);
    return this;
  }

  override delete(key: number): boolean {
    if (this.added.delete(key)) return true;
    if (!this.inTable(key)) return false;
    this.removed.add(key);
    this.changed.delete(key);
    return true;
  }

  override clear(): void {
    this.count = 0;
    this.removed.clear();
    this.changed.clear();
    this.added.clear();
  }

  override *entries(): MapIterator<[number, V]> {
    for (let key = 0; key < this.count; key++) if (this.inTable(key)) yield [key, this.changed.has(key) ? this.changed.get(key)! : this.table(key)];
    yield* this.added.entries();
  }

  override *keys(): MapIterator<number> {
    for (const [key] of this.entries()) yield key;
  }

  override *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  override [Symbol.iterator](): MapIterator<[number, V]> {
    return this.entries();
  }

  override forEach(callback: (value: V, key: number, map: Map<number, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
}

/**
 * A radix tree node holding a term: its value is kept as the number of the term's encoded
 * posting lists until first read, then decoded and stored as usual. All of SearchableMap's reads
 * (get, has, prefix and fuzzy search, iteration) take a value with `node.get('')`; the iterations
 * are covered too, in case a MiniSearch method walks a node's entries directly.
 */
class LazyLeafNode extends Map<string, unknown> {
  constructor(private readonly postings: EncodedPostings) {
    super();
  }

  override get(key: string): unknown {
    const value = super.get(key);
    if (key !== LEAF || typeof value !== 'number') return value;
    const data = this.postings.decode(value);
    super.set(LEAF, data);
    return data;
  }

  /** Whether the term's posting lists are still encoded (nothing has read them). */
  get encoded(): boolean {
    return typeof super.get(LEAF) === 'number';
  }

  /** The term's posting lists while still encoded, each decoded for the callback only and not kept (see captureMiniSearch). */
  forEachEncodedField(callback: (fieldId: number, shorts: Uint32Array, counts: Uint32Array) => void): void {
    this.postings.forEachField(super.get(LEAF) as number, callback);
  }

  override entries() {
    this.get(LEAF);
    return super.entries();
  }

  override values() {
    this.get(LEAF);
    return super.values();
  }

  override [Symbol.iterator]() {
    this.get(LEAF);
    return super[Symbol.iterator]();
  }

  override forEach(callback: (value: unknown, key: string, map: Map<string, unknown>) => void, thisArg?: unknown): void {
    this.get(LEAF);
    super.forEach(callback, thisArg);
  }
}

function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`corrupt index snapshot: ${what}`);
}

function ascending(array: Uint32Array, last: number): boolean {
  for (let i = 1; i < array.length; i++) if (array[i]! < array[i - 1]!) return false;
  return array.length > 0 && array[0] === 0 && array[array.length - 1] === last;
}

/** A MiniSearch index with `options` (those of the captured one) in the state `captureMiniSearch` saved. */
export function restoreMiniSearch<T>(snapshot: Packed, options: Options<T>, onDamage: (what: string) => void = () => {}): MiniSearch<T> {
  const { meta, arrays, strings } = snapshot;
  const u32 = (name: string) => {
    const array = arrays[name];
    check(array instanceof Uint32Array, name);
    return array;
  };
  const [shape, leafFields, fieldOf, postingStart, fieldLength] = ['shape', 'leafFields', 'fieldOf', 'postingStart', 'fieldLength'].map(u32) as [
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
  ];
  const postingBytes = arrays.postingBytes;
  check(postingBytes instanceof Uint8Array, 'postingBytes');
  const documentIds = arrays.documentIds;
  check(documentIds instanceof Uint32Array || documentIds instanceof Float64Array, 'documentIds');
  const labels = strings.labels;
  check(typeof labels === 'string', 'labels');
  check(meta.fields === EXPECTED_FIELDS, 'written by another MiniSearch');

  const miniSearch = new MiniSearch<T>(options);
  const internals = internalsOf(miniSearch);
  const fieldCount = Object.keys(internals._fieldIds).length;
  check(JSON.stringify(meta.fieldIds) === JSON.stringify(internals._fieldIds), 'fields');
  check(isCount(meta.documentCount) && isCount(meta.nextId) && isCount(meta.dirtCount), 'counts');
  check(meta.documentCount === documentIds.length && meta.nextId >= documentIds.length, 'document count');
  const averageFieldLength = meta.averageFieldLength as number[];
  check(Array.isArray(averageFieldLength) && averageFieldLength.every((n) => typeof n === 'number'), 'average field lengths');
  check(Array.isArray(meta.storedFields), 'stored fields');

  // The posting tables must be consistent, so that decoding a term later cannot fail.
  check(ascending(postingStart, postingBytes.length) && postingStart.length === fieldOf.length + 1, 'posting offsets');
  check(postingBytes.length === 0 || postingBytes[postingBytes.length - 1]! < 0x80, 'posting bytes');
  check(ascending(leafFields, fieldOf.length), 'term offsets');
  for (const fieldId of fieldOf) check(fieldId < fieldCount, 'field ids');
  const postings = new EncodedPostings(leafFields, fieldOf, postingStart, postingBytes, documentIds.length, onDamage);

  // The radix tree, rebuilt in the order it was written.
  let cursor = 0;
  let labelAt = 0;
  let leaves = 0;
  const newNode = (): TreeNode => {
    check(cursor < shape.length, 'tree shape');
    const header = shape[cursor++]!;
    const node: TreeNode = header & 1 ? new LazyLeafNode(postings) : new Map();
    stack.push({ node, left: header >>> 1 });
    return node;
  };
  const stack: { node: TreeNode; left: number }[] = [];
  const tree = newNode();
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.left === 0) {
      stack.pop();
      continue;
    }
    top.left--;
    check(cursor < shape.length, 'tree shape');
    const length = shape[cursor++]!;
    if (length === 0) {
      check(top.node instanceof LazyLeafNode && !top.node.has(LEAF) && leaves < leafFields.length - 1, 'tree leaves');
      top.node.set(LEAF, leaves++);
    } else {
      check(labelAt + length <= labels.length, 'tree labels');
      const label = labels.slice(labelAt, (labelAt += length));
      top.node.set(label, newNode());
    }
  }
  check(cursor === shape.length && labelAt === labels.length && leaves === leafFields.length - 1, 'tree size');

  // The per-document maps, keyed by short id 0, 1, … (see captureMiniSearch).
  const documentCount = documentIds.length;
  check(fieldLength.length === documentCount * fieldCount, 'field lengths');
  const ids = new TableMap<unknown>(documentCount, (shortId) => documentIds[shortId]);
  let identity = true;
  for (let shortId = 0; shortId < documentCount && identity; shortId++) identity = documentIds[shortId] === shortId;
  const shortIds = identity ? new TableMap<number>(documentCount, (id) => id) : new Map<unknown, number>();
  if (!identity) for (let shortId = 0; shortId < documentCount; shortId++) shortIds.set(documentIds[shortId], shortId);
  check(shortIds.size === documentCount, 'document ids are not unique');
  // Each document's lengths are one array, made on first read and the same at every read after
  // (MiniSearch may write into it).
  const lengthArrays = new Array<number[] | undefined>(documentCount);
  const lengths = new TableMap<number[]>(documentCount, (shortId) => {
    let perField = lengthArrays[shortId];
    if (!perField) {
      perField = lengthArrays[shortId] = [];
      for (let field = 0, at = shortId * fieldCount; field < fieldCount; field++) perField.push(fieldLength[at + field]!);
    }
    return perField;
  });

  // MiniSearch's bundle has its own copy of the SearchableMap class: use the one it built.
  const RadixTree = internals._index.constructor as new (tree: TreeNode) => Internals['_index'];
  internals._index = new RadixTree(tree);
  internals._documentCount = meta.documentCount;
  internals._nextId = meta.nextId;
  internals._dirtCount = meta.dirtCount;
  internals._fieldIds = meta.fieldIds as Record<string, number>;
  internals._avgFieldLength = averageFieldLength;
  internals._documentIds = ids;
  internals._idToShortId = shortIds;
  internals._fieldLength = lengths;
  internals._storedFields = new Map(meta.storedFields as [number, unknown][]);
  return miniSearch;
}
