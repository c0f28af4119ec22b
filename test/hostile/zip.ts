// A minimal zip writer for hostile test files: entries are stored, deflated, or given as a raw
// deflate stream with a declared size that may lie (a zip bomb says "1 KB" and inflates to GBs).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { XlsxPackage } from '../../src/files/zipPackage';

export interface ZipEntry {
  name: string;
  /** Content to deflate (or store with `store`). */
  data?: Buffer | string;
  store?: boolean;
  /** A ready deflate stream and the size the headers claim. */
  raw?: { deflated: Buffer; declaredSize: number };
}

export function writeZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    let body: Buffer;
    let method: number;
    let size: number;
    let crc = 0;
    if (e.raw) {
      body = e.raw.deflated;
      method = 8;
      size = e.raw.declaredSize;
    } else {
      const data = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data ?? '', 'utf8');
      crc = zlib.crc32(data);
      size = data.length;
      method = e.store ? 0 : 8;
      body = e.store ? data : zlib.deflateRawSync(data);
    }
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0x0800, 6); // UTF-8 names
    lh.writeUInt16LE(method, 8);
    lh.writeUInt16LE(0x21, 12); // 1980-01-01
    lh.writeUInt32LE(crc >>> 0, 14);
    lh.writeUInt32LE(body.length, 18);
    lh.writeUInt32LE(size >>> 0, 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(0x0800, 8);
    ch.writeUInt16LE(method, 10);
    ch.writeUInt16LE(0x21, 14);
    ch.writeUInt32LE(crc >>> 0, 16);
    ch.writeUInt32LE(body.length, 20);
    ch.writeUInt32LE(size >>> 0, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, body);
    central.push(ch, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * A deflate stream of `mb` MiB of one byte, built from one full-flushed 1 MiB block repeated:
 * a 2 GiB part costs 2 MB and milliseconds to make, as it does for an attacker.
 */
export function bombStream(mb: number, byte = 0x20): Buffer {
  const block = zlib.deflateRawSync(Buffer.alloc(1 << 20, byte), { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const parts: Buffer[] = [];
  for (let i = 0; i < mb; i++) parts.push(block);
  parts.push(Buffer.from([0x03, 0x00])); // final empty block
  return Buffer.concat(parts);
}

/** A fixture's parts by name (text), for editing. */
export function fixtureParts(file: string): Map<string, Buffer> {
  const pkg = XlsxPackage.open(fs.readFileSync(file));
  const out = new Map<string, Buffer>();
  for (const n of pkg.names) out.set(n, pkg.bytes(n)!);
  return out;
}

export const FIXTURE = path.resolve(__dirname, '../fixtures/kaifu-2022-project-jcdj.xlsx');

/** The fixture re-zipped, with parts replaced (string/Buffer), removed (null) or added. */
export function edited(changes: Record<string, string | Buffer | null | ((old: string) => string)>, extra: ZipEntry[] = []): Buffer {
  const parts = fixtureParts(FIXTURE);
  const entries: ZipEntry[] = [];
  for (const [name, data] of parts) {
    const c = changes[name];
    if (c === null) continue;
    if (c === undefined) entries.push({ name, data });
    else if (typeof c === 'function') entries.push({ name, data: c(data.toString('utf8')) });
    else entries.push({ name, data: c });
  }
  for (const [name, c] of Object.entries(changes)) {
    if (!parts.has(name) && c !== null && typeof c !== 'function') entries.push({ name, data: c });
  }
  return writeZip([...entries, ...extra]);
}
