// Generates the add-in icons (assets/icon-<size>.png): a small table grid with a green check mark.
// No dependencies: shapes are drawn with signed distances, 4×4 supersampling, PNG written with zlib.
// Usage: node scripts/make-icons.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZES = [16, 32, 64, 80, 128];
const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');

// ---------- PNG encoding ----------
const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------- shapes (unit square coordinates, y down) ----------
const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) / 255);
function sdRoundRect(x, y, x0, y0, x1, y1, r) {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const qx = Math.abs(x - cx) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(y - cy) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
function sdSegment(x, y, ax, ay, bx, by) {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const h = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * h, py - dy * h);
}
function sdPolyline(x, y, pts) {
  let d = Infinity;
  for (let i = 0; i + 1 < pts.length; i++) {
    d = Math.min(d, sdSegment(x, y, pts[i][0], pts[i][1], pts[i + 1][0], pts[i + 1][1]));
  }
  return d;
}

/** Layers painted bottom to top; each returns true when the sample point is inside. */
function layersFor(size) {
  // keep hairlines at least ~1 px wide on the small icons
  const px = 1 / size;
  const line = Math.max(0.035, 1.0 * px);
  const border = Math.max(0.05, 1.2 * px);
  const T = { x0: 0.05, y0: 0.1, x1: 0.8, y1: 0.8, r: 0.08 };
  const rows = [0.29, 0.46, 0.63];
  const col = 0.33;
  const check = [
    [0.43, 0.63],
    [0.6, 0.8],
    [0.93, 0.4],
  ];
  const checkW = Math.max(0.075, 1.3 * px);
  const halo = checkW + Math.max(0.055, 1.2 * px);
  const inTable = (x, y) => sdRoundRect(x, y, T.x0, T.y0, T.x1, T.y1, T.r) <= 0;
  const inInner = (x, y) => sdRoundRect(x, y, T.x0, T.y0, T.x1, T.y1, T.r) <= -border;
  return [
    // table frame (dark slate) and white body
    { color: hex('#4A5A6A'), hit: inTable },
    { color: hex('#FFFFFF'), hit: inInner },
    // header row (pale green)
    { color: hex('#CFEBD9'), hit: (x, y) => inInner(x, y) && y <= rows[0] },
    // grid lines
    {
      color: hex('#8796A5'),
      hit: (x, y) =>
        inInner(x, y) &&
        (rows.some((r) => Math.abs(y - r) <= line / 2) || Math.abs(x - col) <= line / 2),
    },
    // white halo separating the check from the grid, then the green check
    { color: hex('#FFFFFF'), hit: (x, y) => sdPolyline(x, y, check) <= halo },
    { color: hex('#1E9E4A'), hit: (x, y) => sdPolyline(x, y, check) <= checkW },
  ];
}

function render(size) {
  const layers = layersFor(size);
  const SS = 4;
  const out = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let pxi = 0; pxi < size; pxi++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const x = (pxi + (sx + 0.5) / SS) / size;
          const y = (py + (sy + 0.5) / SS) / size;
          let col = null;
          for (const layer of layers) if (layer.hit(x, y)) col = layer.color;
          if (col) {
            r += col[0];
            g += col[1];
            b += col[2];
            a += 1;
          }
        }
      }
      const i = (py * size + pxi) * 4;
      if (a > 0) {
        out[i] = Math.round((r / a) * 255);
        out[i + 1] = Math.round((g / a) * 255);
        out[i + 2] = Math.round((b / a) * 255);
        out[i + 3] = Math.round((a / (SS * SS)) * 255);
      }
    }
  }
  return out;
}

mkdirSync(OUT_DIR, { recursive: true });
for (const size of SIZES) {
  const file = join(OUT_DIR, `icon-${size}.png`);
  writeFileSync(file, encodePng(size, render(size)));
  console.log(`wrote ${file}`);
}
