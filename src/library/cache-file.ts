import * as zlib from 'node:zlib';
import type { Packed } from '../core/minisearch-snapshot';

/**
 * The binary cache file: a fixed header (magic, byte order, header length, CRC-32 of the rest), a
 * JSON header (format, key, small facts, where each section lies), then the sections: typed arrays
 * (native byte order, 8-byte aligned, viewed in place without copying) and long strings. Reading it
 * costs little more than reading the file. Any file that is not exactly what this code wrote (older
 * format, other key, truncated, corrupt) is refused with a CacheFileError saying why.
 */

/** Bump when the layout of the file or of a part in it changes. */
export const CACHE_FORMAT = 11;
const MAGIC = Buffer.from('KZINDEX\n', 'latin1');
const BYTE_ORDER = new Uint8Array(Uint32Array.of(0x0102_0304).buffer);
/** magic (8), byte order (4), header length (4), CRC-32 of everything after the fixed header (4), unused (4). */
const FIXED_HEADER = 24;
const ALIGN = 8;

export class CacheFileError extends Error {}

function corrupt(what: string): never {
  throw new CacheFileError(what);
}

const wellFormed = (text: string): boolean => (text as unknown as { isWellFormed(): boolean }).isWellFormed();

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
  meta: Record<string, Packed['meta']>;
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
export function packCacheFile(key: string, parts: Record<string, Packed>): Buffer {
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
  const header = Buffer.from(JSON.stringify({ format: CACHE_FORMAT, key, meta, sections } satisfies Header), 'utf8');
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
export function unpackCacheFile(file: Buffer, key: string): Record<string, Packed> {
  if (file.length < FIXED_HEADER || !file.subarray(0, 8).equals(MAGIC)) corrupt('not a cache file of this program');
  if (!file.subarray(8, 12).equals(BYTE_ORDER)) corrupt('written on a machine of another byte order');
  const headerLength = file.readUInt32LE(12);
  if (FIXED_HEADER + headerLength > file.length) corrupt('truncated');
  if (crc32(file.subarray(FIXED_HEADER)) !== file.readUInt32LE(16)) corrupt('checksum mismatch');
  let header: Header;
  try {
    header = JSON.parse(file.toString('utf8', FIXED_HEADER, FIXED_HEADER + headerLength)) as Header;
  } catch {
    corrupt('header is not JSON');
  }
  if (typeof header !== 'object' || header === null || typeof header.meta !== 'object' || header.meta === null || !Array.isArray(header.sections)) corrupt('header');
  if (header.format !== CACHE_FORMAT || header.key !== key) corrupt('another format or key');

  // Typed arrays are viewed in place, which needs the file's bytes 8-byte aligned in memory.
  const bytes = file.byteOffset % ALIGN === 0 ? file : Buffer.from(file);
  const dataStart = aligned(FIXED_HEADER + headerLength);
  const parts: Record<string, Packed> = {};
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
