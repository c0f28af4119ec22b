// Shared by the e2e test (test/e2e/run.mjs) and the pane benchmark (bench/pane-bench.mjs): the built
// pane (dist/) served with the fake Excel host, the fixture workbooks as fake models, Chromium.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..', '..');
export const e2eDist = path.join(root, 'test-results', 'e2e-harness');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function requireChromium() {
  if (fs.existsSync(CHROMIUM)) return;
  console.error(`Chromium not found at ${CHROMIUM}.`);
  console.error('Install it (Debian/Ubuntu):  sudo apt-get update && sudo apt-get install -y chromium');
  console.error('or point CHROMIUM_PATH at a Chromium/Chrome binary.');
  process.exit(1);
}

/** The pane scripts the built taskpane.html loads (chunks included), never the CDN office.js. */
export function paneScripts() {
  const dist = path.join(root, 'dist');
  const html = path.join(dist, 'taskpane.html');
  if (fs.existsSync(html)) {
    const srcs = [...fs.readFileSync(html, 'utf8').matchAll(/<script[^>]*\ssrc=(?:"([^"]+)"|([^\s>]+))/g)]
      .map((m) => m[1] ?? m[2])
      .filter((s) => !/^(https?:)?\/\//.test(s))
      .map((s) => s.replace(/^\.?\//, '').split('?')[0]);
    if (srcs.length > 0 && srcs.every((s) => fs.existsSync(path.join(dist, s)))) return { base: dist, files: srcs };
  }
  if (fs.existsSync(path.join(dist, 'taskpane.js'))) return { base: dist, files: ['taskpane.js'] };
  if (process.env.PE_E2E_BUILD_PANE === '1') return { base: path.join(e2eDist, 'pane'), files: ['taskpane.js'] };
  console.error('dist/taskpane.js not found: run `npm run build` first (npm run test:e2e does).');
  process.exit(1);
}

/**
 * Builds the fake host and the node helpers (webpack.e2e.config.js); returns the helpers.
 * `only`: the compilations to build by name (e.g. ['tools'] for a Node-only bench).
 */
export async function buildHarness(only = null) {
  const webpack = require('webpack');
  const all = require(path.join(here, 'webpack.e2e.config.js'));
  const configs = only ? all.filter((c) => only.includes(c.name)) : all;
  await new Promise((resolve, reject) =>
    webpack(configs, (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    }),
  );
  return require(path.join(e2eDist, 'tools.cjs'));
}

/** Every fixture workbook of the repository, by a short name. */
export function fixtureFiles() {
  const dir = path.join(root, 'test', 'fixtures');
  const out = {};
  for (const f of fs.readdirSync(dir)) if (f.endsWith('.xlsx')) out[f.replace(/\.xlsx$/, '')] = path.join(dir, f);
  const rw = path.join(dir, 'realworld');
  if (fs.existsSync(rw)) for (const f of fs.readdirSync(rw)) if (f.endsWith('.xlsx')) out[`realworld/${f.replace(/\.xlsx$/, '')}`] = path.join(rw, f);
  return out;
}

/** The 200-table benchmark workbook (bench/make-workbook.mjs) as a file in a temp folder. */
export async function benchWorkbookFile() {
  const { makeBenchWorkbook } = await import(path.join(root, 'bench', 'make-workbook.mjs'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pe-e2e-'));
  const file = path.join(dir, 'bench-200-tables.xlsx');
  await makeBenchWorkbook(file);
  return { file, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export async function loadModel(tools, file) {
  const ExcelJS = require('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return { wb, model: tools.fakeModelFromExcelJs(wb) };
}

/** Serves /harness.html?fixture=NAME, the fixture models, the fake host and the pane. */
export function startServer(pane, fixtures) {
  const types = { '.js': 'text/javascript; charset=utf-8', '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.map': 'application/json' };
  const cache = new Map();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const send = (code, body, type = 'text/plain; charset=utf-8') => {
      res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (url.pathname === '/favicon.ico') return send(204, '');
    if (url.pathname === '/harness.html') {
      const fixture = url.searchParams.get('fixture') ?? '';
      const lang = url.searchParams.get('lang') ?? 'zh-CN';
      if (!fixtures[fixture]) return send(404, `unknown fixture ${fixture}`);
      const scripts = pane.files.map((f) => `<script src="/pane/${f}"></script>`).join('\n');
      return send(
        200,
        `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>绩效自评助手 e2e</title>
<style>html,body{margin:0;padding:0}</style></head><body><div id="container"></div>
<script>window.__PE_LANG__=${JSON.stringify(lang)};</script>
<script src="/fixture/${encodeURIComponent(fixture)}.js"></script>
<script src="/e2e/host.js"></script>
${scripts}
</body></html>`,
        types['.html'],
      );
    }
    // The WPS pane (dist/wps/pe-self-check/taskpane.js) over the fake WPS object model.
    if (url.pathname === '/wps-harness.html') {
      const fixture = url.searchParams.get('fixture') ?? '';
      if (!fixtures[fixture]) return send(404, `unknown fixture ${fixture}`);
      return send(
        200,
        `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>绩效自评助手 e2e (WPS)</title>
<style>html,body{margin:0;padding:0}</style></head><body><div id="container"></div>
<script src="/fixture/${encodeURIComponent(fixture)}.js"></script>
<script src="/e2e/wps-host.js"></script>
<script src="/wps/taskpane.js"></script>
</body></html>`,
        types['.html'],
      );
    }
    const fx = /^\/fixture\/(.+)\.js$/.exec(url.pathname);
    if (fx) {
      const name = decodeURIComponent(fx[1]);
      const model = fixtures[name];
      if (!model) return send(404, 'no fixture');
      if (!cache.has(name)) cache.set(name, `window.__PE_FIXTURE__=${JSON.stringify(model)};`);
      return send(200, cache.get(name), types['.js']);
    }
    const map = [
      ['/pane/', pane.base],
      ['/e2e/', e2eDist],
      ['/wps/', path.join(root, 'dist', 'wps', 'pe-self-check')],
    ];
    for (const [prefix, dir] of map) {
      if (!url.pathname.startsWith(prefix)) continue;
      const file = path.normalize(path.join(dir, decodeURIComponent(url.pathname.slice(prefix.length))));
      if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return send(404, 'not found');
      return send(200, fs.readFileSync(file), types[path.extname(file)] ?? 'application/octet-stream');
    }
    send(404, 'not found');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function launchChromium() {
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Installed before the pane loads: records what reaches a screen reader (text put into an aria-live
 * region, or document.ariaNotify where Chromium has it — Fluent's AriaLiveAnnouncer prefers it) and
 * long tasks (PerformanceObserver 'longtask').
 */
export function pageProbes() {
  window.__announced = [];
  window.__longtasks = [];
  const record = (text) => {
    const t = String(text ?? '').trim();
    if (t) window.__announced.push(t);
  };
  if (typeof document.ariaNotify === 'function') {
    const orig = document.ariaNotify.bind(document);
    document.ariaNotify = (message, options) => {
      record(message);
      return orig(message, options);
    };
  }
  new MutationObserver((muts) => {
    for (const m of muts) {
      const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
      const live = el && el.closest('[aria-live]');
      if (live && live.getAttribute('aria-live') !== 'off') record(live.textContent);
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no longtask support: the bench says so
  }
}

// ---------------------------------------------------------------- steps and checks shared by the e2e runs

/**
 * Named steps that record pass/fail and go on (PE_E2E_ONLY=text runs only the steps whose name
 * contains it, while working on one thing). `file` names the script whose stack lines are shown.
 */
export function stepper(file) {
  const results = [];
  const only = process.env.PE_E2E_ONLY ?? '';
  async function step(name, fn) {
    if (only && !name.includes(only)) return;
    try {
      await fn();
      results.push({ name, ok: true });
      console.log(`  ✓ ${name}`);
    } catch (e) {
      results.push({ name, ok: false, error: e });
      const where = String(e?.stack ?? '').split('\n').filter((l) => l.includes(file)).slice(0, 2);
      console.log(`  ✗ ${name}\n      ${[String(e?.message ?? e).split('\n').slice(0, 40).join('\n      '), ...where].join('\n      ')}`);
    }
  }
  return { step, results };
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

const axeSource = () => fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core on the page (WCAG 2.1 A/AA and best practice), `disabled` rules off (each with its
 * reason). axe is evaluated into the page (a page's CSP does not stop what the test evaluates).
 * Colours are judged at rest: a Fluent control caught mid-transition fails color-contrast on a
 * colour it only passes through.
 */
export async function axe(page, state, disabled = {}) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.evaluate(axeSource());
    await page.addStyleTag({ content: '*,*::before,*::after{transition:none!important;animation:none!important}' });
  }
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const rules = Object.fromEntries(Object.keys(disabled).map((r) => [r, { enabled: false }]));
  const violations = await page.evaluate(
    (rules) =>
      window.axe
        // Tabster's focus "dummy" <i> elements are aria-hidden and focusable on purpose: they only pass
        // focus on (microsoft/tabster#288, Fluent v9 known issue); excluded, the rule still runs.
        .run({ exclude: [['[data-tabster-dummy]']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }, rules })
        .then((r) => r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.html.slice(0, 160)}`) }))),
    rules,
  );
  assert(violations.length === 0, `axe (${state}): ${JSON.stringify(violations, null, 1)}`);
}
