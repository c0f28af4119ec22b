// The browser page (dist/web/绩效自评助手.html from file://) against pe-check --no-write on the same
// 200-table workbook, in the same run: page ready (parse + first paint), the workbook checked (the
// worker's result in the file list) and the pane's whole list shown, the longest main-thread task
// while checking; the HTML's size raw and gzipped.
// Goals (issue 16): ready < 1 s, checked < 3 × the CLI's time, no main-thread task > 200 ms, HTML ≤ 4 MB.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium, pageProbes } from '../test/e2e/lib.mjs';
import { makeBenchWorkbook } from './make-workbook.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PAGE = path.join(root, 'dist', 'web', '绩效自评助手.html');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function cliMs(file) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [path.join(root, 'bin/pe-check.js'), '--no-write', '--quiet', '--json', path.join(os.tmpdir(), `pe-web-bench-${process.pid}.json`), file], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`pe-check exited ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function pageRound(browser, file) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  let requests = 0;
  await context.route('**/*', (route) => {
    if (route.request().url().startsWith('file:')) return route.continue();
    requests++;
    return route.abort();
  });
  const page = await context.newPage();
  await page.addInitScript(pageProbes);
  const t0 = Date.now();
  await page.goto(`${pathToFileURL(PAGE).href}#pe-test`);
  await page.waitForSelector('[data-testid=choose-files]');
  const readyMs = Date.now() - t0;
  // From the page's own navigation start: an upper bound of when its buttons could first be used.
  const interactiveMs = await page.evaluate(() => performance.now());
  const startupTask = await page.evaluate(() => Math.max(0, ...window.__longtasks.map((t) => t.duration)));
  const paint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
  await page.evaluate(() => (window.__longtasks = []));
  const t1 = Date.now();
  await page.setInputFiles('[data-testid=file-input]', file);
  await page.waitForFunction(() => window.__peFiles?.[0]?.status === 'done', null, { timeout: 120000, polling: 20 });
  const checkedMs = Date.now() - t1;
  await page.waitForFunction(() => document.querySelector('[data-testid=pane-root]')?.getAttribute('aria-busy') === 'false' && document.querySelector('[data-testid=results]'), null, { timeout: 120000, polling: 20 });
  const listedMs = Date.now() - t1;
  const longtasks = await page.evaluate(() => window.__longtasks.slice());
  const findings = await page.evaluate(() => window.__peFiles[0].findings.length);
  await context.close();
  return { readyMs, interactiveMs, startupTask, paintMs: paint, checkedMs, listedMs, longest: Math.max(0, ...longtasks.map((t) => t.duration)), longtasks: longtasks.length, findings, requests };
}

export async function runWebBench({ rounds = 3 } = {}) {
  if (!fs.existsSync(PAGE)) throw new Error('dist/web/绩效自评助手.html missing: npm run build');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pe-web-bench-'));
  const file = path.join(dir, 'bench-200-tables.xlsx');
  await makeBenchWorkbook(file);
  cliMs(file); // warm the file cache
  const browser = await launchChromium();
  try {
    await pageRound(browser, file); // warm Chromium's code cache, as a second visit would be
    const cli = [];
    const page = [];
    for (let i = 0; i < rounds; i++) {
      cli.push(cliMs(file));
      page.push(await pageRound(browser, file));
    }
    const html = fs.readFileSync(PAGE);
    const pick = (k) => median(page.map((p) => p[k]));
    return {
      cliMs: median(cli),
      readyMs: pick('readyMs'),
      interactiveMs: pick('interactiveMs'),
      startupTask: pick('startupTask'),
      paintMs: pick('paintMs'),
      checkedMs: pick('checkedMs'),
      listedMs: pick('listedMs'),
      longest: Math.max(...page.map((p) => p.longest)),
      longtasks: pick('longtasks'),
      findings: page[0].findings,
      requests: page.reduce((n, p) => n + p.requests, 0),
      htmlBytes: html.length,
      gzipBytes: zlib.gzipSync(html, { level: 9 }).length,
    };
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await runWebBench());
