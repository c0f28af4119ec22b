// Raw DEFLATE and CRC-32 for the copy writer (zipWriter.ts). This is the Node build (node:zlib,
// native: several times faster than a JavaScript deflate on a 200-table copy); the browser page's
// build swaps this module for ./deflate.browser (webpack NormalModuleReplacementPlugin in
// webpack.config.js), which gives valid streams and the same CRCs with fflate and a table.
import zlib from 'node:zlib';
import { crc32Table } from './crc32';

export function deflateRaw(data: Uint8Array): Uint8Array {
  return zlib.deflateRawSync(data, { level: 6 });
}

// zlib.crc32 exists from Node 22.2; Node 20 computes it with the table.
const native = (zlib as unknown as { crc32?: (data: Uint8Array) => number }).crc32;

export function crc32(data: Uint8Array): number {
  return native ? native(data) >>> 0 : crc32Table(data);
}
