// Raw DEFLATE with an output cap, in the browser page (replaces ./inflate there). fflate's streaming
// inflater is fed 64 KB at a time and the output is counted as it comes, so a zip bomb costs at most
// the cap before it is refused, as node:zlib's maxOutputLength does in the CLI.
import { Inflate } from 'fflate';

export class InflateTooLarge extends Error {
  constructor() {
    super('inflated data over the limit');
    this.name = 'InflateTooLarge';
  }
}

const CHUNK = 64 * 1024;

export function inflateRaw(data: Uint8Array, maxOutput: number): Buffer {
  const parts: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    size += chunk.length;
    if (size > maxOutput) throw new InflateTooLarge();
    parts.push(chunk);
    if (final) ended = true;
  });
  for (let at = 0; at < data.length; at += CHUNK) {
    const end = Math.min(at + CHUNK, data.length);
    inflater.push(data.subarray(at, end), end === data.length);
  }
  if (data.length === 0) inflater.push(new Uint8Array(0), true);
  if (!ended) throw new Error('unexpected end of deflate data');
  const out = new Uint8Array(size);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}
