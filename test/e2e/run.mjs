// End-to-end test of the task pane: the real built pane (dist/) in headless Chromium, against the
// fake Excel host (test/fakes/fakeExcel.ts) over a fixture workbook. Run: npm run test:e2e
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const outDir = path.join(root, 'test-results', 'e2e');
const e2eDist = path.join(root, 'test-results', 'e2e-harness');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHEET = '项目支出自评表';

if (!fs.existsSync(CHROMIUM)) {
  console.error(`Chromium not found at ${CHROMIUM}.`);
  console.error('Install it (Debian/Ubuntu):  sudo apt-get update && sudo apt-get install -y chromium');
  console.error('or point CHROMIUM_PATH at a Chromium/Chrome binary.');
  process.exit(1);
}

// ---------------------------------------------------------------- the pane scripts to load

function paneScripts() {
  const dist = path.join(root, 'dist');
  const html = path.join(dist, 'taskpane.html');
  if (fs.existsSync(html)) {
    // Every local script the built taskpane.html loads (chunks included), never the CDN office.js.
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

// ---------------------------------------------------------------- build the harness

async function buildHarness() {
  const webpack = require('webpack');
  const configs = require(path.join(here, 'webpack.e2e.config.js'));
  await new Promise((resolve, reject) =>
    webpack(configs, (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    }),
  );
}

// ---------------------------------------------------------------- server

function startServer(pane, fixtures) {
  const types = { '.js': 'text/javascript; charset=utf-8', '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.map': 'application/json' };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const send = (code, body, type = 'text/plain; charset=utf-8') => {
      res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (url.pathname === '/favicon.ico') return send(204, '');
    if (url.pathname === '/harness.html') {
      const fixture = url.searchParams.get('fixture') ?? 'kaifu-2022-project-jcdj';
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
    const fx = /^\/fixture\/(.+)\.js$/.exec(url.pathname);
    if (fx) {
      const model = fixtures[decodeURIComponent(fx[1])];
      return model ? send(200, `window.__PE_FIXTURE__=${JSON.stringify(model)};`, types['.js']) : send(404, 'no fixture');
    }
    const map = [
      ['/pane/', pane.base],
      ['/e2e/', e2eDist],
    ];
    for (const [prefix, dir] of map) {
      if (!url.pathname.startsWith(prefix)) continue;
      const file = path.normalize(path.join(dir, decodeURIComponent(url.pathname.slice(prefix.length))));
      if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return send(404, 'not found');
      return send(200, fs.readFileSync(file), types[path.extname(file)] ?? 'application/octet-stream');
    }
    // Anything else (e.g. assets the pane asks for) is not part of the harness.
    send(404, 'not found');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---------------------------------------------------------------- tests

const results = [];
async function step(name, fn) {
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name}`);
  } catch (e) {
    results.push({ name, ok: false, error: e });
    console.log(`  ✗ ${name}\n      ${String(e && e.stack ? e.stack : e).split('\n').slice(0, 4).join('\n      ')}`);
  }
}
function assert(cond, message) {
  if (!cond) throw new Error(message);
}
function eq(a, b, message) {
  const ja = JSON.stringify(a);
  const jb = JSON.stringify(b);
  if (ja !== jb) throw new Error(`${message}: expected ${jb}, got ${ja}`);
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const pane = paneScripts();
  process.stdout.write('building e2e harness… ');
  await buildHarness();
  console.log('done');
  const tools = require(path.join(e2eDist, 'tools.cjs'));
  const ExcelJS = require('exceljs');

  const fixtureName = 'kaifu-2022-project-jcdj';
  const fixturePath = path.join(root, 'test', 'fixtures', `${fixtureName}.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(fixturePath);
  const expected = tools.checkWorkbook(tools.workbookToGrids(wb), tools.mof2020);
  const expectedMarks = tools.planHighlights(expected);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of expected.findings) counts[f.severity]++;

  const kaifu = tools.fakeModelFromExcelJs(wb);
  // A pre-existing user fill on a cell that will be marked, to see it restored.
  kaifu.sheets[0].cells.H24 = { ...kaifu.sheets[0].cells.H24, fill: { color: '#92D050' } };
  const fixtures = {
    [fixtureName]: kaifu,
    'no-table': {
      sheets: [
        {
          id: '{n1}',
          name: '说明',
          cells: { A1: { v: '2023 年工作计划' }, A2: { v: '一、加强预算管理' }, B3: { v: 42 } },
          merges: [],
        },
      ],
      settings: {},
      notes: [],
      comments: [],
    },
  };

  // Issue 8: the same table on a protected sheet (WorksheetProtection.protected: writes refused).
  fixtures['protected'] = { ...JSON.parse(JSON.stringify(kaifu)), sheets: kaifu.sheets.map((s) => ({ ...JSON.parse(JSON.stringify(s)), protected: true })) };
  const server = await startServer(pane, fixtures);
  const base = `http://127.0.0.1:${server.address().port}`;
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  const pageErrors = [];
  const open = async (fixture, lang = 'zh-CN', extra = '') => {
    const page = await browser.newPage({ viewport: { width: 380, height: 900 }, deviceScaleFactor: 1 });
    page.on('pageerror', (e) => pageErrors.push(`${fixture}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().includes('[绩效自评助手]')) pageErrors.push(`${fixture} console: ${m.text()}`);
    });
    await page.goto(`${base}/harness.html?fixture=${encodeURIComponent(fixture)}&lang=${lang}${extra}`);
    await page.waitForSelector('[data-testid="check"]', { timeout: 15000 });
    return page;
  };
  const shot = (page, name) => page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: true });
  const fills = (page) => page.evaluate((sheet) => window.__fake.fills([sheet]), SHEET);

  console.log(`e2e: pane from ${path.relative(root, pane.base)}/${pane.files.join(', ')}; server ${base}`);
  try {
    let page;
    let fillsBefore;
    await step('initial state: empty-state explanation and the 校验 button', async () => {
      page = await open(fixtureName);
      await page.waitForSelector('[data-testid="empty-state"]');
      const text = await page.textContent('[data-testid="empty-state"]');
      assert(text.includes('三级指标') && text.includes('年度指标值') && text.includes('偏差原因'), 'empty state lists the header columns');
      eq((await page.textContent('[data-testid="check"]')).trim(), '校验', 'check button label');
      fillsBefore = await fills(page);
      // Focus order starts at the 校验 button, then 清除标记, then 设置.
      const order = [];
      for (let i = 0; i < 3; i++) {
        await page.keyboard.press('Tab');
        order.push(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')));
      }
      eq(order, ['check', 'clear', 'settings-toggle'], 'tab order');
      await page.evaluate(() => document.activeElement.blur());
      await shot(page, 'initial');
    });

    if (pane.files.includes('functions.js')) {
      await step('the page registers the six PE.* custom functions (shared runtime)', async () => {
        const ids = await page.evaluate(() => window.__PE_ASSOCIATED__);
        eq([...ids].sort(), ['DEVIATION', 'EXECRATE', 'EXECSCORE', 'GRADE', 'NEEDREASON', 'SCORE'], 'associated ids');
      });
    }
    await step('校验 shows the counts checkWorkbook computes', async () => {
      await page.click('[data-testid="check"]');
      await page.waitForSelector('[data-testid="finding"]', { timeout: 20000 });
      await page.waitForSelector('[data-testid="notice"]');
      const shown = {};
      for (const sev of ['error', 'warning', 'info'])
        shown[sev] = Number(await page.getAttribute(`[data-testid="count-${sev}"]`, 'data-count'));
      eq(shown, counts, 'severity counts');
      eq(await page.locator('[data-testid="finding"]').count(), expected.findings.length, 'number of findings listed');
      await shot(page, 'checked');
    });

    await step('fills and notes applied in the (fake) workbook; summary sheet written', async () => {
      const after = await fills(page);
      for (const m of expectedMarks) eq(after[`${m.sheet}!${m.cell}`]?.color, `#${m.fill}`, `fill of ${m.cell}`);
      const notes = await page.evaluate(() => window.__fake.model.notes.length);
      eq(notes, expectedMarks.length, 'notes');
      const names = await page.evaluate(() => window.__fake.model.sheets.map((s) => s.name));
      eq(names, [SHEET, '自评汇总'], 'sheets');
    });

    await step('clicking a finding (H24 score-mismatch) activates its sheet and selects the cell', async () => {
      await page.evaluate(() => {
        const f = window.__fake;
        f.model.active = f.model.sheets.find((s) => s.name === '自评汇总').id;
        f.model.selection = undefined;
      });
      await page.click('[data-testid="finding"][data-cell="H24"][data-code="score-mismatch"]');
      await page.waitForFunction(() => window.__fake.selection()?.address === 'H24', null, { timeout: 5000 });
      eq(await page.evaluate(() => window.__fake.selection()), { sheet: SHEET, address: 'H24' }, 'selection');
      eq(await page.evaluate(() => window.__fake.activeSheetName()), SHEET, 'active sheet');
      await shot(page, 'navigated');
    });

    await step('keyboard: Tab to a finding and press Enter selects its cell', async () => {
      const target = page.locator('[data-testid="finding"][data-cell="I14"]');
      await target.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => window.__fake.selection()?.address === 'I14', null, { timeout: 5000 });
    });

    await step('filter by severity (警告)', async () => {
      await page.click('[data-testid="filter-warning"]');
      const sev = await page.$$eval('[data-testid="finding"]', (els) => els.map((e) => e.getAttribute('data-severity')));
      eq(sev.length, counts.warning, 'warnings listed');
      assert(sev.every((s) => s === 'warning'), 'only warnings');
      await shot(page, 'filtered-warning');
      await page.click('[data-testid="filter-all"]');
    });

    await step('清除标记 restores every fill and removes our notes', async () => {
      await page.click('[data-testid="clear"]');
      await page.waitForSelector('[data-testid="notice"]:has-text("已清除标记")', { timeout: 10000 });
      eq(await fills(page), fillsBefore, 'fills after clearing');
      eq(await page.evaluate(() => window.__fake.model.notes.length), 0, 'notes after clearing');
      eq(await page.evaluate(() => window.__fake.cell('项目支出自评表', 'H24').fill), { color: '#92D050' }, 'user fill on H24');
      await shot(page, 'cleared');
    });

    await step('settings panel saves the profile in workbook.settings', async () => {
      await page.click('[data-testid="settings-toggle"]');
      await page.waitForSelector('[data-testid="settings"]');
      await page.getByLabel('超额完成 130% 口径').check();
      await page.waitForFunction(() => String(window.__fake.model.settings['peSelfCheck.settings'] ?? '').includes('gx130'));
      const saved = JSON.parse(await page.evaluate(() => window.__fake.model.settings['peSelfCheck.settings']));
      eq(saved, { profile: 'gx130', overTarget: 1.3, reverse: 'linear' }, 'saved settings');
      await shot(page, 'settings');
      await page.close();
    });

    await step('an Excel error is shown in Chinese with what to do next', async () => {
      const p = await open(fixtureName);
      await p.evaluate(() => {
        window.__fake.failNextRun = { code: 'InvalidOperationInCellEditMode', message: 'Excel is in cell-editing mode.' };
      });
      await p.click('[data-testid="check"]');
      await p.waitForSelector('[data-testid="error"]');
      const text = await p.textContent('[data-testid="error"]');
      assert(text.includes('请先退出单元格编辑（按 Enter 或 Esc）再校验'), `error text: ${text}`);
      await shot(p, 'error');
      await p.close();
    });

    await step('a workbook with no table: empty state after checking', async () => {
      const p = await open('no-table');
      await shot(p, 'empty-initial');
      await p.click('[data-testid="check"]');
      await p.waitForSelector('[data-testid="empty-state"]:has-text("没有找到绩效自评表")', { timeout: 10000 });
      eq(await p.evaluate(() => window.__fake.model.sheets.map((s) => s.name)), ['说明'], 'no summary sheet for a workbook without tables');
      await shot(p, 'empty');
      await p.close();
    });

    await step('English UI when Office.context.displayLanguage is en-US', async () => {
      const p = await open(fixtureName, 'en-US');
      eq((await p.textContent('[data-testid="check"]')).trim(), 'Check', 'button label');
      await p.click('[data-testid="check"]');
      await p.waitForSelector('[data-testid="finding"]');
      await shot(p, 'checked-en');
      await p.close();
    });

    // Issue 8: a protected sheet is checked in full; the pane names the sheet it could not mark.
    await step('protected sheet: every finding listed, and the pane names the sheet it could not mark', async () => {
      const p = await open('protected');
      const before = await p.evaluate(() => JSON.stringify(window.__fake.model.sheets[0].cells));
      await p.click('[data-testid="check"]');
      await p.waitForSelector('[data-testid="write-problems"]', { timeout: 20000 });
      eq(await p.locator('[data-testid="finding"]').count(), expected.findings.length, 'findings listed on the protected sheet');
      const item = p.locator('[data-testid="write-problem"][data-reason="protected"]');
      eq(await item.getAttribute('data-sheet'), SHEET, 'sheet named');
      const text = await item.textContent();
      assert(text.includes(SHEET) && text.includes('受保护'), `problem text names the sheet: ${text}`);
      eq(await p.evaluate(() => JSON.stringify(window.__fake.model.sheets[0].cells)), before, 'protected sheet untouched');
      eq(await p.evaluate(() => window.__fake.model.notes.length), 0, 'no notes on the protected sheet');
      await shot(p, 'protected');
      await p.close();
    });

    // Issue 8: Office shows add-ins with <Runtimes> in Internet Explorer 11 when WebView2 is missing;
    // the ES5 start page (start.js) must say what to install instead of a blank pane.
    await step('IE11 / Trident: the start page says in Chinese to install WebView2 or use Excel on the web', async () => {
      const ctx = await browser.newContext({
        viewport: { width: 380, height: 700 },
        userAgent: 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; ms-office; MSOffice 16) like Gecko',
      });
      const p = await ctx.newPage();
      await p.goto(`${base}/harness.html?fixture=${fixtureName}`);
      await p.waitForSelector('#pe-legacy[role="alert"]', { timeout: 10000 });
      const text = await p.textContent('#pe-legacy');
      for (const want of ['Internet Explorer 11', 'Microsoft Edge WebView2', '网页版 Excel', 'PE.* 函数'])
        assert(text.includes(want), `start page mentions ${want}: ${text}`);
      assert(await p.isVisible('#pe-legacy'), 'notice visible');
      eq(await p.evaluate(() => getComputedStyle(document.getElementById('container')).display), 'none', 'pane hidden');
      await shot(p, 'ie11-start');
      await ctx.close();
    });

    await step('no uncaught errors in the page', async () => {
      eq(pageErrors, [], 'page errors');
    });
  } finally {
    await browser.close();
    server.close();
  }

  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`screenshots: ${path.relative(root, outDir)}/`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
