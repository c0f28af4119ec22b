// Raw DEFLATE and CRC-32 for the copy writer in the browser page (replaces ./deflate there).
import { deflateSync } from 'fflate';
import { crc32Table } from './crc32';

export function deflateRaw(data: Uint8Array): Uint8Array {
  return deflateSync(data, { level: 6 });
}

export const crc32 = crc32Table;
