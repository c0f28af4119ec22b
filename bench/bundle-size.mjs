// Gzip size of each add-in bundle in dist/, and whether the functions chunk stays free of
// React and Fluent (it loads whenever a workbook with our formulas opens).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const markers = ['react-dom', '@fluentui', 'useState', '__reactFiber', 'makeStyles'];

export function runBundleSize() {
  const dist = path.join(root, 'dist');
  const out = {};
  for (const f of fs.readdirSync(dist).filter((f) => f.endsWith('.js'))) {
    const buf = fs.readFileSync(path.join(dist, f));
    const text = buf.toString('utf8');
    out[f] = {
      bytes: buf.length,
      gzipBytes: zlib.gzipSync(buf, { level: 9 }).length,
      uiLibraries: markers.filter((m) => text.includes(m)),
    };
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(runBundleSize(), null, 2));
