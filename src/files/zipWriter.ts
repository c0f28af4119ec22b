// Writes a zip package from parts: a part we did not change goes back exactly as it was stored
// (its compressed bytes and CRC copied, never inflated and deflated again), a part we wrote is
// deflated here. The highlighted copy is the user's package with a few parts replaced or added
// (patchCopy.ts), so everything else in it is byte for byte what the user saved. The browser page
// writes its copies with the same code (./deflate is node:zlib in the CLI, fflate in the page).
// Format: PKWARE APPNOTE 6.3.x §4.3 (local headers, central directory, end record); names UTF-8
// (general purpose bit 11). No ZIP64: READ_LIMITS keeps packages and entry counts far below it.
import { crc32, deflateRaw } from './deflate';
import type { StoredPart } from './zipPackage';

/** A part written by us: its bytes, deflated on output. */
export interface NewPart {
  name: string;
  data: Uint8Array;
}

export type ZipPart = StoredPart | NewPart;

const utf8 = new TextEncoder();

/** A fixed timestamp for parts we write (1980-01-01 00:00, the DOS epoch): copies of the same input are identical. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

interface Laid {
  name: Uint8Array;
  method: number;
  crc: number;
  size: number;
  data: Uint8Array;
  offset: number;
}

export function writeZip(parts: readonly ZipPart[]): Uint8Array {
  const laid: Laid[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = utf8.encode(p.name);
    let entry: Omit<Laid, 'offset' | 'name'>;
    if ('compressed' in p) entry = { method: p.method, crc: p.crc32, size: p.size, data: p.compressed };
    else entry = { method: 8, crc: crc32(p.data), size: p.data.length, data: deflateRaw(p.data) };
    laid.push({ ...entry, name, offset });
    offset += 30 + name.length + entry.data.length;
  }
  const centralSize = laid.reduce((n, e) => n + 46 + e.name.length, 0);
  const out = new Uint8Array(offset + centralSize + 22);
  const view = new DataView(out.buffer);
  let at = 0;
  const u16 = (v: number) => {
    view.setUint16(at, v, true);
    at += 2;
  };
  const u32 = (v: number) => {
    view.setUint32(at, v >>> 0, true);
    at += 4;
  };
  const bytes = (b: Uint8Array) => {
    out.set(b, at);
    at += b.length;
  };
  // The fields a local header and its central directory entry share, from "version needed" to the name's length.
  const shared = (e: (typeof laid)[number]) => {
    u16(20); // version needed: 2.0 (deflate)
    u16(0x0800); // names in UTF-8
    u16(e.method);
    u16(DOS_TIME);
    u16(DOS_DATE);
    u32(e.crc);
    u32(e.data.length);
    u32(e.size);
    u16(e.name.length);
  };
  for (const e of laid) {
    u32(0x04034b50);
    shared(e);
    u16(0); // extra
    bytes(e.name);
    bytes(e.data);
  }
  const centralStart = at;
  for (const e of laid) {
    u32(0x02014b50);
    u16(20); // made by: 2.0, MS-DOS attributes
    shared(e);
    u16(0); // extra
    u16(0); // comment
    u16(0); // disk
    u16(0); // internal attributes
    u32(0); // external attributes
    u32(e.offset);
    bytes(e.name);
  }
  const centralEnd = at;
  u32(0x06054b50);
  u16(0);
  u16(0);
  u16(laid.length);
  u16(laid.length);
  u32(centralEnd - centralStart);
  u32(centralStart);
  u16(0);
  return out;
}
