// The page's inflate (fflate) gives node:zlib's answers and refuses what it refuses, at the same cap.
import zlib from 'node:zlib';
import { inflateRaw as pageInflate, InflateTooLarge as PageTooLarge } from '../../src/files/inflate.browser';
import { inflateRaw as nodeInflate, InflateTooLarge as NodeTooLarge } from '../../src/files/inflate';

function sample(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    b[i] = i % 7 === 0 ? x & 0xff : 65 + (x % 5); // compressible, not trivially so
  }
  return b;
}

test.each([0, 1, 100, 65_535, 65_536, 300_000, 2_000_000])('%i bytes: the same output as node:zlib', (n) => {
  const raw = sample(n, n + 1);
  const packed = zlib.deflateRawSync(raw);
  expect(Buffer.compare(pageInflate(packed, n + 10), raw)).toBe(0);
  expect(Buffer.compare(nodeInflate(packed, n + 10), raw)).toBe(0);
  // the result is a Buffer (the zip reader decodes parts with toString('utf8'))
  expect(Buffer.isBuffer(pageInflate(packed, n + 10))).toBe(true);
});

test('a bomb is refused at the cap, by both', () => {
  const packed = zlib.deflateRawSync(Buffer.alloc(50_000_000));
  expect(packed.length).toBeLessThan(100_000);
  expect(() => pageInflate(packed, 1_000_000)).toThrow(PageTooLarge);
  expect(() => nodeInflate(packed, 1_000_000)).toThrow(NodeTooLarge);
});

test('corrupt or cut data throws (not a result)', () => {
  const packed = zlib.deflateRawSync(sample(100_000, 7));
  expect(() => pageInflate(packed.subarray(0, packed.length >> 1), 1e6)).toThrow();
  expect(() => nodeInflate(packed.subarray(0, packed.length >> 1), 1e6)).toThrow();
  const garbage = Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x12]);
  expect(() => pageInflate(garbage, 1e6)).toThrow();
});
