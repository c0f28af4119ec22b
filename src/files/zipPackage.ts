// The .xlsx zip package, opened with limits: every entry is inflated once up front with a running
// count (./inflate stops at the cap and throws), so the true size of each part is known
// before anything else inflates it — declared sizes in a zip are not to be trusted. A 6 MB file
// that inflates to 6 GB costs at most READ_LIMITS.partBytes of output before it is refused.
// Parts are inflated again when read (nothing large is kept): inflating is cheap, memory is not.
import { InflateTooLarge, inflateRaw } from './inflate';
import { CliError } from './errors';
import { LimitError, READ_LIMITS, limitMessages } from './limits';

export const MSG_NOT_XLSX = '不是有效的 .xlsx 文件';
export const MSG_CORRUPT = '文件已损坏（压缩数据无法解开）';

interface Entry {
  name: string;
  method: number;
  /** Offset of the compressed data in the buffer. */
  start: number;
  compressedSize: number;
  /** True inflated size (measured). */
  size: number;
  /** CRC-32 of the inflated data, as the central directory gives it (copied, never recomputed). */
  crc32: number;
}

/** A part exactly as stored: what the copy writer (zipWriter.ts) puts back byte for byte. */
export interface StoredPart {
  name: string;
  method: number;
  compressed: Uint8Array;
  crc32: number;
  size: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function notXlsx(): never {
  throw new CliError(MSG_NOT_XLSX);
}

const u16 = (b: Buffer, o: number) => (o + 2 <= b.length ? b.readUInt16LE(o) : notXlsx());
const u32 = (b: Buffer, o: number) => (o + 4 <= b.length ? b.readUInt32LE(o) : notXlsx());
function u64(b: Buffer, o: number): number {
  if (o + 8 > b.length) notXlsx();
  const v = b.readBigUInt64LE(o);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) notXlsx();
  return Number(v);
}

/** Where the end-of-central-directory record starts (searched from the end, as JSZip does). */
function findEocd(b: Buffer): number {
  const min = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= min; i--) if (b.readUInt32LE(i) === EOCD) return i;
  return notXlsx();
}

export class XlsxPackage {
  private readonly entries = new Map<string, Entry>();
  /** Names as stored (leading '/' dropped), in central-directory order. */
  readonly names: string[] = [];
  /** Two entries share a name (the last one is the one read). */
  duplicateNames = false;

  private constructor(private readonly buf: Buffer) {}

  /** Reads the central directory and measures every entry; throws CliError / LimitError. */
  static open(data: Uint8Array): XlsxPackage {
    const b = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    if (b.length < 22) notXlsx();
    const pkg = new XlsxPackage(b);
    pkg.readDirectory();
    return pkg;
  }

  private readDirectory(): void {
    const b = this.buf;
    const eocd = findEocd(b);
    let count = u16(b, eocd + 10);
    let cdSize = u32(b, eocd + 12);
    let cdOffset = u32(b, eocd + 16);
    let expectedEnd = cdOffset + cdSize;
    if (eocd >= 20 && b.readUInt32LE(eocd - 20) === ZIP64_LOCATOR) {
      const z = u64(b, eocd - 20 + 8);
      if (u32(b, z) !== ZIP64_EOCD) notXlsx();
      count = u64(b, z + 32);
      cdSize = u64(b, z + 40);
      cdOffset = u64(b, z + 48);
      expectedEnd = cdOffset + cdSize + (eocd - z); // the zip64 records sit between CD and EOCD
    }
    if (count > READ_LIMITS.entries) throw new LimitError(limitMessages.entries(count));
    // Bytes prepended to the archive (a self-extractor stub) shift every offset, as JSZip allows.
    const shift = eocd - expectedEnd;
    if (shift < 0) notXlsx();
    let p = cdOffset + shift;
    let total = 0;
    for (let k = 0; k < count; k++) {
      if (u32(b, p) !== CENTRAL) notXlsx();
      const flags = u16(b, p + 8);
      const method = u16(b, p + 10);
      const crc32 = u32(b, p + 16);
      let compressedSize = u32(b, p + 20);
      let size = u32(b, p + 24);
      const nameLen = u16(b, p + 28);
      const extraLen = u16(b, p + 30);
      const commentLen = u16(b, p + 32);
      let local = u32(b, p + 42);
      if (p + 46 + nameLen + extraLen + commentLen > b.length) notXlsx();
      let name = b.toString('utf8', p + 46, p + 46 + nameLen);
      // ZIP64 extra field: the 0xFFFFFFFF fields, in this order.
      for (let e = p + 46 + nameLen, end = e + extraLen; e + 4 <= end; ) {
        const id = b.readUInt16LE(e);
        const len = b.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          if (size === 0xffffffff) {
            size = u64(b, q);
            q += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = u64(b, q);
            q += 8;
          }
          if (local === 0xffffffff) local = u64(b, q);
        }
        e += 4 + len;
      }
      p += 46 + nameLen + extraLen + commentLen;
      if (name.endsWith('/')) continue; // a folder
      if (flags & 1) throw new CliError(MSG_NOT_XLSX); // encrypted entries: JSZip (and exceljs) refuse them
      if (method !== 0 && method !== 8) notXlsx();
      const lp = local + shift;
      if (u32(b, lp) !== LOCAL) notXlsx();
      const start = lp + 30 + u16(b, lp + 26) + u16(b, lp + 28);
      if (start + compressedSize > b.length) notXlsx();
      if (name.startsWith('/')) name = name.slice(1);
      const entry: Entry = { name, method, start, compressedSize, size: 0, crc32 };
      const budget = Math.min(READ_LIMITS.partBytes, READ_LIMITS.packageBytes - total);
      entry.size = this.measure(entry, budget);
      total += entry.size;
      if (this.entries.has(name)) this.duplicateNames = true;
      else this.names.push(name);
      this.entries.set(name, entry);
    }
  }

  /** Inflates an entry with a running count, discarding the output. */
  private measure(e: Entry, budget: number): number {
    if (e.method === 0) {
      if (e.compressedSize > budget) this.tooBig(e, budget);
      return e.compressedSize;
    }
    return this.inflate(e, budget).length;
  }

  private tooBig(e: Entry, budget: number): never {
    throw new LimitError(budget < READ_LIMITS.partBytes ? limitMessages.package() : limitMessages.part(e.name));
  }

  private inflate(e: Entry, budget: number): Buffer {
    const data = this.buf.subarray(e.start, e.start + e.compressedSize);
    if (e.method === 0) return data;
    if (budget <= 0) this.tooBig(e, budget);
    try {
      return inflateRaw(data, budget);
    } catch (err) {
      if (err instanceof InflateTooLarge) this.tooBig(e, budget);
      throw new CliError(MSG_CORRUPT);
    }
  }

  /** Whether the package has this part (exact name, or any case when `anyCase`). */
  has(name: string, anyCase = false): boolean {
    if (this.entries.has(name)) return true;
    if (!anyCase) return false;
    const lower = name.toLowerCase();
    return this.names.some((n) => n.toLowerCase() === lower);
  }

  /** A part as stored in the zip (compressed bytes, CRC, size), or null when absent. */
  stored(name: string): StoredPart | null {
    const e = this.entries.get(name);
    if (!e) return null;
    return { name, method: e.method, compressed: this.buf.subarray(e.start, e.start + e.compressedSize), crc32: e.crc32, size: e.size };
  }

  /** Inflated size of a part (0 when absent). */
  size(name: string): number {
    return this.entries.get(name)?.size ?? 0;
  }

  /** A part's bytes, or null when absent. */
  bytes(name: string): Buffer | null {
    const e = this.entries.get(name);
    return e ? this.inflate(e, READ_LIMITS.partBytes) : null;
  }

  /** A part as UTF-8 text, or null when absent (Buffer decoding, as JSZip does under Node). */
  text(name: string): string | null {
    const b = this.bytes(name);
    return b === null ? null : b.toString('utf8');
  }
}
