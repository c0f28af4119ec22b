// End-to-end test of the browser page (issue 16): the built dist/web/绩效自评助手.html opened from
// file:// in headless Chromium with every network request refused and counted. Run by
// npm run test:e2e after the pane's test.
//   1. Parity: every fixture and format copy, chosen at once: the page's findings (and Chinese
//      reasons) equal pe-check --json's.
//   2. 320 / 768 / 1280 px: drop a file, results, click a finding → the preview shows the cell;
//      keyboard only; axe-core clean; the result line announced; no horizontal scroll.
//   3. The downloaded marked copy equals pe-check's copy cell for cell (exceljs) and opens in
//      LibreOffice (when installed); the .zip holds every copy and 总览.xlsx.
//   4. Bad input in one drop with a good file: each bad file gets its one Chinese line, the good one
//      is checked, the page keeps working.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { assert, axe as axeCheck, launchChromium, pageProbes, requireChromium, root, stepper } from './lib.mjs';

const require = createRequire(import.meta.url);
const ExcelJS = require('exceljs');
const JSZip = require('jszip');

export const PAGE = path.join(root, 'dist', 'web', '绩效自评助手.html');
const outDir = path.join(root, 'test-results', 'e2e-web');
const FIX = path.join(root, 'test', 'fixtures');
const MAIN = path.join(FIX, 'kaifu-2022-project-jcdj.xlsx');

requireChromium();
if (!fs.existsSync(PAGE)) {
  console.error(`${PAGE} not found: run \`npm run build\` first (npm run test:e2e does).`);
  process.exit(1);
}
fs.mkdirSync(outDir, { recursive: true });

const { step, results } = stepper('web.mjs');

// ---------------------------------------------------------------- the page

const browser = await launchChromium();
/** Requests that left the page (anything but the file itself, blob: and data:), over every page opened. */
const network = [];

async function openPage(width, { locale = 'zh-CN', height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale, acceptDownloads: true });
  // Every request but the page's own file is refused and counted (the page must need none).
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') && decodeURIComponent(url).includes('绩效自评助手.html')) return route.continue();
    network.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  // What screen readers are told (ariaNotify / live regions) and long tasks, recorded from the start.
  await page.addInitScript(pageProbes);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text().slice(0, 300)}`);
  });
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith('blob:') && !url.startsWith('data:') && !(url.startsWith('file:') && decodeURIComponent(url).includes('绩效自评助手.html'))) network.push(url);
  });
  await page.goto(`${pathToFileURL(PAGE).href}#pe-test`);
  await page.waitForSelector('[data-testid=choose-files]', { timeout: 15000 });
  return { page, context, problems };
}

async function dropFiles(page, files) {
  const payload = files.map((f) => ({ name: f.name ?? path.basename(f), data: (f.bytes ?? fs.readFileSync(f)).toString('base64') }));
  await page.evaluate((items) => {
    const dt = new DataTransfer();
    for (const it of items) {
      const bin = atob(it.data);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], it.name));
    }
    const zone = document.querySelector('[data-testid=drop-zone]');
    zone.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
    zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
  }, payload);
}

async function allDone(page, n, timeout = 120000) {
  await page.waitForFunction((n) => Array.isArray(window.__peFiles) && window.__peFiles.length === n && window.__peFiles.every((f) => f.status === 'done'), n, { timeout });
  return page.evaluate(() => window.__peFiles);
}

/** The pane finished its check of the file on show (results or the all-good line are there). */
async function paneDone(page, timeout = 30000) {
  await page.waitForFunction(
    () => {
      const pane = document.querySelector('[data-testid=pane-root]');
      return pane && pane.getAttribute('aria-busy') === 'false' && (pane.querySelector('[data-testid=results]') || pane.querySelector('[data-testid=all-good]'));
    },
    null,
    { timeout },
  );
}

// Fluent's AriaLiveAnnouncer keeps its live region outside the landmarks on purpose (as in the pane's run).
const axe = (page, state) => axeCheck(page, state, { region: 'the announcer live region lives outside the landmarks by design' });

function cliJson(files) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'pe-check.js'), '--no-write', '-q', '--json', '-', ...files], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return JSON.parse(r.stdout);
}

async function dump(bytes) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const cells = {};
  const sheets = [];
  wb.eachSheet((ws) => {
    sheets.push(`${ws.name}:${ws.state}`);
    ws.eachRow((row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        const fill = cell.fill?.type === 'pattern' ? cell.fill.fgColor?.argb ?? null : null;
        const note = cell.note ? (typeof cell.note === 'string' ? cell.note : cell.note.texts.map((t) => t.text).join('')) : null;
        const value = cell.value instanceof Date ? cell.value.toISOString() : cell.value;
        if (value !== null || fill !== null || note !== null) cells[`${ws.name}!${cell.address}`] = JSON.stringify({ value, fill, note });
      }),
    );
  });
  return { sheets, cells };
}

function sameDump(a, b, what) {
  assert(JSON.stringify(a.sheets) === JSON.stringify(b.sheets), `${what}: sheets ${a.sheets} vs ${b.sheets}`);
  const keys = new Set([...Object.keys(a.cells), ...Object.keys(b.cells)]);
  for (const k of keys) assert(a.cells[k] === b.cells[k], `${what}: ${k} differs: ${a.cells[k]} vs ${b.cells[k]}`);
}

// ---------------------------------------------------------------- tests

console.log('browser page (file://, no network):');

await step('parity: every fixture and format copy gives pe-check\'s findings and reasons', async () => {
  const files = [];
  for (const dir of ['', 'realworld', 'unseen', 'formats']) {
    const full = path.join(FIX, dir);
    if (fs.existsSync(full)) for (const f of fs.readdirSync(full).sort()) if (/\.(xlsx|xlsm|xls|et|xlsb|ods)$/i.test(f)) files.push(path.join(full, f));
  }
  assert(files.length > 40, `only ${files.length} fixtures`);
  const cli = cliJson(files);
  const { page, context, problems } = await openPage(1280);
  await page.setInputFiles('[data-testid=file-input]', files);
  const got = await allDone(page, files.length, 300000);
  let findings = 0;
  for (let i = 0; i < files.length; i++) {
    const want = cli.files[i];
    assert(got[i].name === want.file, `order: ${got[i].name} vs ${want.file}`);
    assert(got[i].error === want.error, `${want.file}: error ${got[i].error} vs ${want.error}`);
    assert(JSON.stringify(got[i].findings) === JSON.stringify(want.findings), `${want.file}: findings differ (${got[i].findings.length} vs ${want.findings.length})`);
    findings += want.findings.length;
  }
  assert(problems.length === 0, problems.join('\n'));
  console.log(`      ${files.length} files, ${findings} findings equal`);
  await context.close();
});

for (const width of [320, 768, 1280]) {
  await step(`${width} px: drop, results announced, click a finding → the preview shows the cell; keyboard; axe`, async () => {
    const { page, context, problems } = await openPage(width);
    await axe(page, `${width} empty`);
    assert((await page.textContent('[data-testid=privacy]')).includes('文件只在本机处理，不会上传'), 'privacy line');
    await dropFiles(page, [MAIN]);
    await paneDone(page);
    // the announcer's live region got the result line
    await page.waitForFunction(() => window.__announced.some((t) => t.includes('校验完成')), null, { timeout: 5000 });
    const lines = await page.evaluate(() => window.__announced.filter((t) => t.includes('校验完成')));
    assert(lines.length === 1, `one result line announced: ${lines}`);
    const first = page.locator('[data-testid=finding]').first();
    const cell = await first.getAttribute('data-cell');
    const sheet = await first.getAttribute('data-sheet');
    await first.click();
    await page.waitForSelector('[data-current=true]');
    const shown = await page.getAttribute('[data-current=true]', 'data-cell');
    assert(shown === cell, `preview shows ${shown}, finding is ${cell}`);
    assert((await page.inputValue('[data-testid=preview-sheet]')) === sheet, 'preview sheet');
    const inView = await page.evaluate(() => {
      const el = document.querySelector('[data-current=true]');
      const box = el.closest('[data-testid=preview-grid]').getBoundingClientRect();
      const r = el.getBoundingClientRect();
      return r.top >= box.top - 1 && r.bottom <= box.bottom + 1 && r.top >= 0 && r.top < innerHeight;
    });
    assert(inView, 'the cell is visible in the preview');
    // As in the copy: a filled cell, or a merged 一级 block marked by its note alone (a stripe, no fill).
    const fill = await page.getAttribute('[data-current=true]', 'data-fill');
    const noteOnly = (await page.getAttribute('[data-current=true]', 'data-note-only')) === 'true';
    assert((fill && /^[0-9A-F]{6}$/.test(fill)) || (noteOnly && (await page.getAttribute('[data-current=true]', 'rowspan')) > 1), `the cell has the copy's fill (${fill}, note only: ${noteOnly})`);
    assert((await page.getAttribute('[data-current=true]', 'title'))?.startsWith('【绩效自评助手】'), 'the cell shows its note');
    await page.screenshot({ path: path.join(outDir, `page-${width}.png`), fullPage: width !== 320 });
    const m = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert(m.scroll <= m.client, `horizontal scroll ${m.scroll} > ${m.client}`);
    await axe(page, `${width} results`);

    // Keyboard only: Tab to the list, arrow down, Enter → the preview follows.
    await page.evaluate(() => document.activeElement?.blur());
    let onFinding = false;
    for (let i = 0; i < 40 && !onFinding; i++) {
      await page.keyboard.press('Tab');
      onFinding = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'finding');
    }
    assert(onFinding, 'Tab reaches the findings');
    await page.keyboard.press('ArrowDown');
    const next = await page.evaluate(() => document.activeElement.getAttribute('data-cell'));
    await page.keyboard.press('Enter');
    await page.waitForFunction((c) => document.querySelector('[data-current=true]')?.getAttribute('data-cell') === c, next, { timeout: 5000 });
    // 下一个 moves on from there
    assert(problems.length === 0, problems.join('\n'));
    await context.close();
  });
}

await step('English browser: the page and the pane in English', async () => {
  const { page, context } = await openPage(1280, { locale: 'en-US' });
  assert((await page.textContent('h1')) === 'PE Self-Check', 'English title');
  await dropFiles(page, [MAIN]);
  await page.waitForSelector('[data-testid=results]');
  assert((await page.textContent('[data-testid=download-copy]')).includes('Download marked copy'), 'English download');
  await context.close();
});

await step('the downloaded copy equals pe-check\'s copy cell for cell and opens in LibreOffice; the .zip holds every copy and 总览', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pe-web-'));
  const inputs = [MAIN, path.join(FIX, 'formats', 'hengshan-2022-project.xls')];
  const cli = spawnSync(process.execPath, [path.join(root, 'bin', 'pe-check.js'), '-q', '--out', path.join(tmp, 'cli'), ...inputs], { encoding: 'utf8' });
  assert(cli.status === 1, `pe-check exit ${cli.status}: ${cli.stderr}`);
  const before = inputs.map((f) => fs.readFileSync(f).toString('base64'));
  const { page, context, problems } = await openPage(1280);
  await dropFiles(page, inputs);
  await allDone(page, 2);
  for (const [i, input] of inputs.entries()) {
    await page.locator('[data-testid=file-item]').nth(i).click();
    await paneDone(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-copy]')]);
    const name = download.suggestedFilename();
    const saved = path.join(tmp, name);
    await download.saveAs(saved);
    const cliCopy = path.join(tmp, 'cli', name);
    assert(fs.existsSync(cliCopy), `pe-check wrote no ${name}`);
    sameDump(await dump(fs.readFileSync(saved)), await dump(fs.readFileSync(cliCopy)), name);
    assert(fs.readFileSync(input).toString('base64') === before[i], 'input unchanged');
    const soffice = spawnSync('soffice', ['--version']).status === 0;
    if (soffice) {
      const lo = spawnSync('soffice', ['--headless', '--convert-to', 'csv', '--outdir', path.join(tmp, 'lo'), saved], { encoding: 'utf8', timeout: 120000 });
      const csv = path.join(tmp, 'lo', name.replace(/\.xlsx$/, '.csv'));
      assert(lo.status === 0 && fs.existsSync(csv) && fs.statSync(csv).size > 100, `LibreOffice could not open ${name}: ${lo.stderr}`);
    } else console.log('      (LibreOffice not installed: the LibreOffice open is skipped)');
  }
  const [zipDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-zip]')]);
  const zipPath = path.join(tmp, zipDl.suggestedFilename());
  await zipDl.saveAs(zipPath);
  const zip = await JSZip.loadAsync(fs.readFileSync(zipPath));
  const names = Object.keys(zip.files).sort();
  assert(JSON.stringify(names) === JSON.stringify(['hengshan-2022-project.xls.checked.xlsx', 'kaifu-2022-project-jcdj.checked.xlsx', '总览.xlsx']), `zip: ${names}`);
  sameDump(await dump(await zip.file('kaifu-2022-project-jcdj.checked.xlsx').async('nodebuffer')), await dump(fs.readFileSync(path.join(tmp, 'cli', 'kaifu-2022-project-jcdj.checked.xlsx'))), 'zip copy');
  assert(problems.length === 0, problems.join('\n'));
  await context.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

await step('bad input in one drop: each gets its Chinese line, the good file is checked, the page keeps working', async () => {
  const zipOf = async (parts) => {
    const z = new JSZip();
    for (const [n, c] of Object.entries(parts)) z.file(n, c);
    return z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  };
  const bomb = await zipOf({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>', 'xl/worksheets/sheet1.xml': Buffer.alloc(80 * 1024 * 1024, 0x20) });
  const cases = [
    { name: 'password.xlsx', bytes: fs.readFileSync(path.join(FIX, 'formats', 'password.xlsx')), want: '文件设置了打开密码' },
    { name: 'empty.xlsx', bytes: Buffer.alloc(0), want: '不是有效的 .xlsx 文件' },
    { name: 'report.xlsx', bytes: await zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }), want: '' },
    { name: 'damaged.xlsx', bytes: fs.readFileSync(MAIN).subarray(0, 4000), want: '' },
    { name: 'bomb.xlsx', bytes: bomb, want: '' },
  ];
  const cli = (() => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pe-bad-'));
    const files = cases.map((c) => {
      const f = path.join(tmp, c.name);
      fs.writeFileSync(f, c.bytes);
      return f;
    });
    const r = cliJson(files);
    fs.rmSync(tmp, { recursive: true, force: true });
    return r;
  })();
  const { page, context, problems } = await openPage(768);
  await dropFiles(page, [...cases, { name: 'good.xlsx', bytes: fs.readFileSync(MAIN) }]);
  const got = await allDone(page, cases.length + 1);
  for (const [i, c] of cases.entries()) {
    assert(got[i].error && got[i].error === cli.files[i].error, `${c.name}: page "${got[i].error}" vs pe-check "${cli.files[i].error}"`);
    if (c.want) assert(got[i].error.includes(c.want), `${c.name}: ${got[i].error}`);
    const text = await page.locator('[data-testid=file-item]').nth(i).textContent();
    assert(text.includes(got[i].error), `${c.name}: the list says ${text}`);
  }
  assert(got.at(-1).error === null && got.at(-1).findings.length > 0, 'the good file is checked');
  await page.locator('[data-testid=file-item]').nth(cases.length).click();
  await page.waitForSelector('[data-testid=results]');
  await page.locator('[data-testid=file-item]').nth(0).click();
  await page.waitForSelector('[data-testid=file-error]');
  await page.screenshot({ path: path.join(outDir, 'page-bad-input.png') });
  assert(problems.filter((p) => !p.includes('[绩效自评助手')).length === 0, problems.join('\n'));
  await context.close();
});

await step('取消 on a long check: files not yet checked say so, the page keeps working', async () => {
  const { benchWorkbookFile } = await import('./lib.mjs');
  const big = await benchWorkbookFile();
  try {
    const { page, context, problems } = await openPage(1280);
    await dropFiles(page, [big.file, MAIN]);
    await page.waitForSelector('[data-testid=page-cancel]');
    await page.click('[data-testid=page-cancel]');
    await page.waitForFunction(() => window.__peFiles?.length === 2 && window.__peFiles.every((f) => f.status === 'cancelled'), null, { timeout: 10000 });
    assert(!(await page.locator('[data-testid=page-progress]').count()), 'no progress after 取消');
    assert((await page.locator('[data-testid=file-status]').first().textContent()) === '已取消', 'the list says 已取消');
    // a new worker takes the next file
    await dropFiles(page, [MAIN]);
    const files = await page.waitForFunction(() => window.__peFiles?.length === 3 && window.__peFiles[2].status === 'done' && window.__peFiles[2]).then((h) => h.jsonValue());
    assert(files.error === null && files.findings.length > 0, 'checked after 取消');
    assert(problems.length === 0, problems.join('\n'));
    await context.close();
  } finally {
    big.cleanup();
  }
});

await step('a browser that cannot run the script shows the Chinese notice, not a blank page', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(pathToFileURL(PAGE).href);
  const text = await page.textContent('#pe-notice');
  assert(text.includes('浏览器版本过旧') && text.includes('Chromium'), `notice: ${text}`);
  await context.close();
});

await step('no network request was made by any page', async () => {
  assert(network.length === 0, `requests: ${network.slice(0, 5).join(', ')}`);
});

await browser.close();
const failed = results.filter((r) => !r.ok);
console.log(`\nbrowser page: ${results.length - failed.length}/${results.length} passed; screenshots in ${path.relative(root, outDir)}/`);
process.exit(failed.length ? 1 : 0);
