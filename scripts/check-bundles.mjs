// After `webpack`: every bundle parses at the language level its webview needs (acorn), and the
// pane page loads them in the right order. Part of `npm run build`, so a dependency or a regex flag
// that raises the level fails the build instead of giving a blank pane or #NAME? in Excel.
//   functions.js  ES5     (the shared runtime may be Internet Explorer 11: manifest/runtimes docs)
//   start.js      ES5     (the notice shown on Internet Explorer 11 / Trident)
//   taskpane.js   ES2017  (WebView2 / Safari; React 19 and Fluent UI need no less)
//   commands.js   ES2017
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const acorn = require('acorn');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const LEVELS = { 'functions.js': 5, 'start.js': 5, 'taskpane.js': 2017, 'commands.js': 2017 };

/** null when `source` parses at `ecmaVersion`, else the error with some context. */
export function parseError(source, ecmaVersion) {
  try {
    acorn.parse(source, { ecmaVersion, sourceType: 'script' });
    return null;
  } catch (e) {
    const at = e.pos ?? 0;
    return `${e.message} near …${source.slice(Math.max(0, at - 60), at + 30)}…`;
  }
}

export function checkBundles(dist = path.join(root, 'dist')) {
  const problems = [];
  for (const [file, level] of Object.entries(LEVELS)) {
    const full = path.join(dist, file);
    if (!fs.existsSync(full)) {
      problems.push(`${file}: missing`);
      continue;
    }
    const err = parseError(fs.readFileSync(full, 'utf8'), level);
    if (err) problems.push(`${file} is not ES${level === 5 ? 5 : level}: ${err}`);
  }
  // Data types are not handled by the engine: the built metadata must not ask Excel for them.
  for (const meta of ['functions.json', 'functions.zh-cn.json']) {
    const full = path.join(dist, meta);
    if (!fs.existsSync(full)) problems.push(`${meta}: missing`);
    else if (JSON.parse(fs.readFileSync(full, 'utf8')).allowCustomDataForDataTypeAny !== false)
      problems.push(`${meta}: allowCustomDataForDataTypeAny must be false`);
  }
  const html = fs.existsSync(path.join(dist, 'taskpane.html')) ? fs.readFileSync(path.join(dist, 'taskpane.html'), 'utf8') : '';
  const order = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)/g)].map((m) => m[1].replace(/^\.?\//, ''));
  const want = ['start.js', 'functions.js', 'taskpane.js'];
  const idx = want.map((f) => order.indexOf(f));
  if (idx.some((i) => i < 0) || idx.some((v, i) => i > 0 && v < idx[i - 1]))
    problems.push(`taskpane.html must load ${want.join(' → ')} in that order; loads ${order.join(', ')}`);
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = checkBundles(process.argv[2]);
  if (problems.length > 0) {
    for (const p of problems) console.error(`check-bundles: ${p}`);
    process.exit(1);
  }
  console.log(`check-bundles: ${Object.entries(LEVELS).map(([f, l]) => `${f} ES${l}`).join(', ')} — ok`);
}
