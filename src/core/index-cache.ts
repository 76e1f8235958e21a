import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import type { Snapshot } from './minisearch-snapshot';
import { SearchIndex } from './search-index';
import type { Article, Passage } from './types';

/**
 * The index cache: the search index and the articles' passages, saved after a build and read back
 * at the next start when nothing changed, so that start-up skips splitting and indexing.
 *
 * A cache file is binary: a fixed header (magic, byte order, header length, CRC-32 of the rest), a
 * JSON header (format, key, small facts, where each section lies), then the sections: typed arrays
 * (native byte order, 8-byte aligned, viewed in place without copying) and long strings. Reading it
 * costs little more than reading the file; see minisearch-snapshot.ts for how the index is laid out.
 * Any file that is not exactly what this code wrote — older format, other key, truncated, corrupt —
 * is ignored and the index rebuilt.
 */

/**
 * Bump when indexing or splitting changes in a way the cache key cannot see (analyzer code, fields,
 * boosts, passages.ts) or when the file layout changes.
 */
const INDEX_FORMAT = 6;
const KEEP_FILES = 4;
const MAGIC = Buffer.from('KZINDEX\n', 'latin1');
const BYTE_ORDER = new Uint8Array(Uint32Array.of(0x0102_0304).buffer);
/** magic (8), byte order (4), header length (4), CRC-32 of everything after the fixed header (4), unused (4). */
const FIXED_HEADER = 24;
const ALIGN = 8;

const wellFormed = (text: string): boolean => (text as unknown as { isWellFormed(): boolean }).isWellFormed();

/** What analysis depends on: the vocabulary and the analyzer's version (the index format). */
export function analysisKey(vocabularySource: string): string {
  return `format ${INDEX_FORMAT}\0${vocabularySource}`;
}

/** A key that changes whenever any article, the vocabulary, or the index format changes. */
export function cacheKey(articles: readonly Article[], vocabularySource: string): string {
  const hash = createHash('sha256');
  hash.update(`format ${INDEX_FORMAT}\0${vocabularySource.length}\0`);
  hash.update(vocabularySource);
  for (const { body, ...rest } of articles) {
    // The small fields as JSON (which escapes \0 and lone surrogates), then the body framed by its
    // length. Hashing the body string directly is several times faster than JSON.stringify'ing it.
    hash.update(`\0${JSON.stringify(rest)}\0${body.length}`);
    if (wellFormed(body)) {
      hash.update('\0');
      hash.update(body);
    } else {
      hash.update('\x01'); // UTF-8 would turn lone surrogates into U+FFFD: hash the UTF-16 code units
      hash.update(Buffer.from(body, 'utf16le'));
    }
  }
  return hash.digest('hex').slice(0, 32);
}

const fileFor = (dir: string, key: string) => join(dir, `index-${key}.bin`);
const CACHE_FILE = /^index-[0-9a-f]+\.(?:bin|json)$/; // .json: the format before 6

// ---------------------------------------------------------------------------------------------
// Passages: which piece of which article each one is. A passage's text is usually a slice of its
// article's body (kept as an offset), otherwise stored.

const NO_SECTION = 0;
const OWN_TEXT = -1;

function capturePassages(articles: readonly Article[], passages: readonly Passage[]): Snapshot {
  const counts = new Uint32Array(articles.length);
  const sectionOf = new Uint32Array(passages.length);
  const offsets = new Float64Array(passages.length);
  const lengths = new Uint32Array(passages.length);
  const sections = new Map<string, number>();
  const ownTexts: string[] = [];
  let p = 0;
  for (let a = 0; a < articles.length; a++) {
    const article = articles[a]!;
    let from = 0;
    for (; p < passages.length && passages[p]!.article === article; p++) {
      const passage = passages[p]!;
      if (passage.id !== p || passage.position !== counts[a]) throw new Error('passages out of order');
      counts[a]!++;
      if (passage.section !== null && !sections.has(passage.section)) sections.set(passage.section, sections.size + 1);
      sectionOf[p] = passage.section === null ? NO_SECTION : sections.get(passage.section)!;
      let offset = article.body.indexOf(passage.text, from);
      if (offset < 0) offset = article.body.indexOf(passage.text);
      if (offset < 0) ownTexts.push(passage.text);
      else from = offset + passage.text.length;
      offsets[p] = offset < 0 ? OWN_TEXT : offset;
      lengths[p] = passage.text.length;
    }
  }
  if (p !== passages.length) throw new Error('passages out of order');
  return {
    meta: {},
    arrays: { counts, sectionOf, offsets, lengths, sectionLengths: Uint32Array.from(sections.keys(), (section) => section.length) },
    strings: { sections: [...sections.keys()].join(''), ownTexts: ownTexts.join('') },
  };
}

function corrupt(what: string): never {
  throw new Error(`corrupt index cache: ${what}`);
}

function restorePassages(snapshot: Snapshot, articles: readonly Article[]): Passage[] {
  const { counts, sectionOf, offsets, lengths, sectionLengths } = snapshot.arrays;
  const { sections: sectionText, ownTexts } = snapshot.strings;
  if (!(counts instanceof Uint32Array) || counts.length !== articles.length) corrupt('passage counts');
  if (!(sectionOf instanceof Uint32Array && offsets instanceof Float64Array && lengths instanceof Uint32Array && sectionLengths instanceof Uint32Array)) corrupt('passages');
  if (sectionText === undefined || ownTexts === undefined) corrupt('passage strings');
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (sectionOf.length !== total || offsets.length !== total || lengths.length !== total) corrupt('passage tables');

  const sections: (string | null)[] = [null];
  let at = 0;
  for (const length of sectionLengths) sections.push(sectionText.slice(at, (at += length)));
  if (at !== sectionText.length) corrupt('sections');

  const passages: Passage[] = new Array(total);
  let id = 0;
  let own = 0;
  for (let a = 0; a < articles.length; a++) {
    const article = articles[a]!;
    const { body } = article;
    for (let position = 0; position < counts[a]!; position++, id++) {
      const offset = offsets[id]!;
      const length = lengths[id]!;
      let text: string;
      if (offset === OWN_TEXT) {
        if (own + length > ownTexts.length) corrupt('passage texts');
        text = ownTexts.slice(own, (own += length));
      } else {
        if (!(offset >= 0 && offset + length <= body.length)) corrupt('passage offsets');
        text = body.slice(offset, offset + length);
      }
      const section = sections[sectionOf[id]!];
      if (section === undefined) corrupt('passage sections');
      passages[id] = { id, article, section, position, text };
    }
  }
  if (own !== ownTexts.length) corrupt('passage texts');
  return passages;
}

// ---------------------------------------------------------------------------------------------
// The file

type SectionKind = 'u8' | 'u32' | 'f64' | 'utf8' | 'utf16le';
interface Section {
  name: string;
  kind: SectionKind;
  offset: number;
  length: number;
}
interface Header {
  format: number;
  key: string;
  meta: Record<string, Snapshot['meta']>;
  sections: Section[];
}

/** zlib.crc32 (Node ≥ 20.15), or the same CRC-32 in JavaScript. */
const crc32: (data: Uint8Array) => number =
  typeof zlib.crc32 === 'function'
    ? (data) => zlib.crc32(data)
    : (() => {
        const table = Array.from({ length: 256 }, (_, n) => {
          let c = n;
          for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb8_8320 ^ (c >>> 1) : c >>> 1;
          return c >>> 0;
        });
        return (data) => {
          let c = 0xffff_ffff;
          for (const byte of data) c = table[(c ^ byte) & 0xff]! ^ (c >>> 8);
          return (c ^ 0xffff_ffff) >>> 0;
        };
      })();

const aligned = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

/** The bytes of a cache file holding `parts` (each part's sections are named `part.name`). */
function pack(key: string, parts: Record<string, Snapshot>): Buffer {
  const sections: Section[] = [];
  const contents: Uint8Array[] = [];
  let offset = 0;
  const add = (name: string, kind: SectionKind, bytes: Uint8Array) => {
    sections.push({ name, kind, offset, length: bytes.byteLength });
    contents.push(bytes);
    offset += aligned(bytes.byteLength);
  };
  const meta: Header['meta'] = {};
  for (const [part, snapshot] of Object.entries(parts)) {
    meta[part] = snapshot.meta;
    for (const [name, array] of Object.entries(snapshot.arrays)) {
      const kind = array instanceof Uint8Array ? 'u8' : array instanceof Uint32Array ? 'u32' : 'f64';
      add(`${part}.${name}`, kind, new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    }
    for (const [name, text] of Object.entries(snapshot.strings)) {
      const kind = wellFormed(text) ? 'utf8' : 'utf16le'; // UTF-8 cannot carry lone surrogates
      add(`${part}.${name}`, kind, Buffer.from(text, kind));
    }
  }
  const header = Buffer.from(JSON.stringify({ format: INDEX_FORMAT, key, meta, sections } satisfies Header), 'utf8');
  const dataStart = aligned(FIXED_HEADER + header.length);
  const file = Buffer.alloc(dataStart + offset);
  MAGIC.copy(file, 0);
  file.set(BYTE_ORDER, 8);
  file.writeUInt32LE(header.length, 12);
  header.copy(file, FIXED_HEADER);
  sections.forEach((section, i) => file.set(contents[i]!, dataStart + section.offset));
  file.writeUInt32LE(crc32(file.subarray(FIXED_HEADER)), 16);
  return file;
}

/** The parts of a cache file `pack` wrote for `key`. Throws for anything else. */
function unpack(file: Buffer, key: string): Record<string, Snapshot> {
  if (file.length < FIXED_HEADER || !file.subarray(0, 8).equals(MAGIC)) corrupt('not an index cache file');
  if (!file.subarray(8, 12).equals(BYTE_ORDER)) corrupt('written on a machine of another byte order');
  const headerLength = file.readUInt32LE(12);
  if (FIXED_HEADER + headerLength > file.length) corrupt('truncated');
  if (crc32(file.subarray(FIXED_HEADER)) !== file.readUInt32LE(16)) corrupt('checksum mismatch');
  const header = JSON.parse(file.toString('utf8', FIXED_HEADER, FIXED_HEADER + headerLength)) as Header;
  if (header.format !== INDEX_FORMAT || header.key !== key) corrupt('another format or key');

  // Typed arrays are viewed in place, which needs the file's bytes 8-byte aligned in memory.
  const bytes = file.byteOffset % ALIGN === 0 ? file : Buffer.from(file);
  const dataStart = aligned(FIXED_HEADER + headerLength);
  const parts: Record<string, Snapshot> = {};
  for (const part of Object.keys(header.meta)) parts[part] = { meta: header.meta[part]!, arrays: {}, strings: {} };
  for (const { name, kind, offset, length } of header.sections) {
    const [part, field] = name.split('.') as [string, string | undefined];
    const snapshot = parts[part];
    const start = dataStart + offset;
    if (!snapshot || !field || offset % ALIGN !== 0 || !(length >= 0) || start + length > bytes.length) corrupt(`section ${name}`);
    if (kind === 'u8') snapshot.arrays[field] = new Uint8Array(bytes.buffer, bytes.byteOffset + start, length);
    else if (kind === 'u32' && length % 4 === 0) snapshot.arrays[field] = new Uint32Array(bytes.buffer, bytes.byteOffset + start, length / 4);
    else if (kind === 'f64' && length % 8 === 0) snapshot.arrays[field] = new Float64Array(bytes.buffer, bytes.byteOffset + start, length / 8);
    else if (kind === 'utf8' || kind === 'utf16le') snapshot.strings[field] = bytes.toString(kind, start, start + length);
    else corrupt(`section ${name}`);
  }
  return parts;
}

// ---------------------------------------------------------------------------------------------
// Reading and writing

export interface CachedIndex {
  index: SearchIndex;
  passages: Passage[];
}

/** The cache file's bytes for `key`, or undefined when there is none. */
export function readCacheFile(dir: string, key: string): Buffer | undefined {
  try {
    return readFileSync(fileFor(dir, key));
  } catch {
    return undefined;
  }
}

/** The index and passages in a cache file's bytes, which must be for `key` and these articles. Throws when they cannot be used. */
export function decodeCacheFile(file: Buffer, key: string, articles: readonly Article[]): CachedIndex {
  const { index, passages } = unpack(file, key);
  if (!index || !passages) corrupt('missing parts');
  return { index: SearchIndex.deserialize(index), passages: restorePassages(passages, articles) };
}

/**
 * The cached index and passages for `key` (computed from `articles`), or undefined when there is
 * none or it cannot be used (it is then rebuilt).
 */
export function readCachedIndex(dir: string, key: string, articles: readonly Article[]): CachedIndex | undefined {
  const file = readCacheFile(dir, key);
  if (!file) return undefined;
  try {
    return decodeCacheFile(file, key, articles);
  } catch {
    return undefined;
  }
}

let writes = 0;
const pending = new Set<Promise<void>>();

/**
 * Writes the index and passages atomically (temporary file, then rename) and keeps only the few
 * newest cache files. A failure only costs speed: the index is built again at the next start.
 */
async function writeCachedIndex(dir: string, key: string, articles: readonly Article[], passages: readonly Passage[], index: SearchIndex): Promise<void> {
  const target = fileFor(dir, key);
  const temporary = `${target}.${process.pid}-${++writes}.tmp`;
  try {
    const file = pack(key, { index: index.serialize(), passages: capturePassages(articles, passages) });
    await writeFile(temporary, file);
    renameSync(temporary, target);
    const old = readdirSync(dir)
      .filter((name) => CACHE_FILE.test(name))
      .map((name) => ({ name, time: statSync(join(dir, name)).mtimeMs }))
      .sort((a, b) => b.time - a.time)
      .slice(KEEP_FILES);
    for (const { name } of old) rmSync(join(dir, name), { force: true });
  } catch {
    await rm(temporary, { force: true }).catch(() => {});
  }
}

/**
 * `writeCachedIndex`, started once the current task is over (after the first answer, when the
 * engine was created just before it), so that writing never delays start-up.
 */
export function writeCachedIndexSoon(dir: string, key: string, articles: readonly Article[], passages: readonly Passage[], index: SearchIndex): void {
  try {
    mkdirSync(dir, { recursive: true }); // now: a folder removed meanwhile (tests) is not created again
  } catch {
    return;
  }
  const write = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => writeCachedIndex(dir, key, articles, passages, index))
    .finally(() => pending.delete(write));
  pending.add(write);
}

/** Resolves when the cache writes started so far are over (for tests and orderly shutdowns). */
export async function cacheWritesSettled(): Promise<void> {
  while (pending.size) await Promise.all(pending);
}
