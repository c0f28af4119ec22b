// After `webpack`: every bundle parses at the language level its webview needs (acorn), and the
// pane page loads them in the right order. Part of `npm run build`, so a dependency or a regex flag
// that raises the level fails the build instead of giving a blank pane or #NAME? in Excel.
//   functions.js  ES5     (the shared runtime may be Internet Explorer 11: manifest/runtimes docs)
//   start.js      ES5     (the notice shown on Internet Explorer 11 / Trident)
//   taskpane.js   ES2017  (WebView2 / Safari; React 19 and Fluent UI need no less)
//   commands.js   ES2017
//   wps/          the WPS 加载项: main.js and taskpane.js ES2018, ribbon.xml a customUI without an
//                 XML declaration whose callbacks main.js defines, every file the pages name present,
//                 the deployment files and the offline .7z (scripts/build-wps.mjs)
//   web/绩效自评助手.html  its one inline script ES2018 (old Chromium on 信创 desks), a CSP that allows
//                 no connection and names the script by its hash, nothing loaded from elsewhere, ≤ 4 MB
import crypto from 'node:crypto';
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

export const PAGE_LEVEL = 2018;
export const PAGE_MAX_BYTES = 4 * 1024 * 1024;
export const PAGE_NAMES = ['绩效自评助手.html', 'index.html'];

/** The browser page's problems: one self-contained, offline HTML file. */
export function checkPage(dist = path.join(root, 'dist')) {
  const problems = [];
  const files = PAGE_NAMES.map((n) => path.join(dist, 'web', n));
  if (!files.every((f) => fs.existsSync(f))) return [`web/: missing ${PAGE_NAMES.join(' or ')}`];
  const html = fs.readFileSync(files[0], 'utf8');
  if (!fs.readFileSync(files[1]).equals(fs.readFileSync(files[0]))) problems.push('web/index.html differs from web/绩效自评助手.html');
  const size = Buffer.byteLength(html);
  if (size > PAGE_MAX_BYTES) problems.push(`web page is ${size} bytes (limit ${PAGE_MAX_BYTES})`);
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  if (scripts.length !== 1 || !/id="pe-app"/.test(scripts[0][1]) || /\ssrc=/.test(scripts[0][1])) problems.push('web page must have exactly one inline <script id="pe-app">');
  const script = scripts[0]?.[2] ?? '';
  const err = parseError(script, PAGE_LEVEL);
  if (err) problems.push(`web page script is not ES${PAGE_LEVEL}: ${err}`);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
  const hash = crypto.createHash('sha256').update(script, 'utf8').digest('base64');
  for (const part of ["default-src 'none'", "connect-src 'none'", `script-src 'sha256-${hash}'`]) if (!csp.includes(part)) problems.push(`web page CSP lacks ${part}`);
  const outside = html.replace(script, '');
  if (/\s(src|href)="?(https?:)?\/\//i.test(outside) || /<link\b/i.test(outside)) problems.push('web page loads something from elsewhere');
  return problems;
}

export const WPS_LEVEL = 2018;

/** The WPS add-in folder and its deployment files. */
export function checkWps(dist = path.join(root, 'dist')) {
  const problems = [];
  const wps = path.join(dist, 'wps');
  const addin = path.join(wps, 'pe-self-check');
  for (const f of ['jsplugins.xml', 'jsplugins-offline.xml', 'publish.xml', 'pe-self-check.7z']) if (!fs.existsSync(path.join(wps, f))) problems.push(`wps/${f}: missing`);
  const read = (f) => (fs.existsSync(path.join(addin, f)) ? fs.readFileSync(path.join(addin, f), 'utf8') : null);
  for (const js of ['main.js', 'taskpane.js']) {
    const src = read(js);
    if (src === null) problems.push(`wps/pe-self-check/${js}: missing`);
    else {
      const err = parseError(src, WPS_LEVEL);
      if (err) problems.push(`wps ${js} is not ES${WPS_LEVEL}: ${err}`);
    }
  }
  const ribbon = read('ribbon.xml');
  if (ribbon === null) problems.push('wps/pe-self-check/ribbon.xml: missing');
  else {
    if (/^\s*<\?xml/.test(ribbon)) problems.push('wps ribbon.xml must not start with an XML declaration');
    if (!/^\s*<customUI xmlns="http:\/\/schemas\.microsoft\.com\/office\/2006\/01\/customui"/.test(ribbon)) problems.push('wps ribbon.xml is not a customUI document');
    const callbacks = [...ribbon.matchAll(/="ribbon\.([A-Za-z]+)"/g)].map((m) => m[1]);
    const ribbonJs = read('main.js') ?? '';
    for (const cb of new Set(callbacks)) if (!ribbonJs.includes(cb)) problems.push(`wps ribbon.xml names ribbon.${cb}, which main.js does not define`);
  }
  for (const page of ['index.html', 'taskpane.html']) {
    const html = read(page);
    if (html === null) {
      problems.push(`wps/pe-self-check/${page}: missing`);
      continue;
    }
    const refs = [...html.matchAll(/\s(?:src|href)="?([^"\s>]+)/g)].map((m) => m[1]).filter((r) => !/^(https?:|data:|#)/.test(r));
    if (refs.length === 0) problems.push(`wps ${page} loads no script`);
    for (const r of refs) if (!fs.existsSync(path.join(addin, r))) problems.push(`wps ${page} names ${r}, which is missing`);
    if (/\s(src|href)="?(https?:)?\/\//i.test(html)) problems.push(`wps ${page} loads something from elsewhere`);
  }
  return problems;
}

export function checkBundles(dist = path.join(root, 'dist')) {
  const problems = [...checkPage(dist), ...checkWps(dist)];
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
  const wpsOnly = process.argv.includes('--wps-only');
  const distArg = process.argv.slice(2).find((a) => !a.startsWith('--'));
  const problems = wpsOnly ? checkWps(distArg) : checkBundles(distArg);
  if (wpsOnly && problems.length === 0) {
    console.log(`check-bundles: wps main.js, taskpane.js ES${WPS_LEVEL}, ribbon.xml, pages, deployment files — ok`);
    process.exit(0);
  }
  if (problems.length > 0) {
    for (const p of problems) console.error(`check-bundles: ${p}`);
    process.exit(1);
  }
  const page = fs.statSync(path.join(distArg ?? path.join(root, 'dist'), 'web', PAGE_NAMES[0])).size;
  console.log(`check-bundles: ${Object.entries(LEVELS).map(([f, l]) => `${f} ES${l}`).join(', ')}, web page ES${PAGE_LEVEL} ${(page / 1048576).toFixed(2)} MB, wps ES${WPS_LEVEL} — ok`);
}
