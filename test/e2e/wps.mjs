// End-to-end test of the pane in WPS 表格: the built dist/wps/pe-self-check/taskpane.js in headless
// Chromium over the fake WPS object model (test/fakes/fakeWps.ts), with the pane run's assertions:
// the ribbon's 校验 request checks on open, counts as checkWorkbook computes, one result line
// announced, fills and notes in the workbook, 自评汇总, a finding selects its cell, the ribbon's
// 清除标记 (and the button) give the workbook back, a protected sheet is named, axe clean, no
// horizontal scroll at 270 / 320 / 500 px. Screenshots in test-results/e2e-wps/.
import fs from 'node:fs';
import path from 'node:path';
import { assert, axe as axeCheck, buildHarness, fixtureFiles, launchChromium, loadModel, pageProbes, requireChromium, root, startServer, stepper } from './lib.mjs';

requireChromium();
if (!fs.existsSync(path.join(root, 'dist', 'wps', 'pe-self-check', 'taskpane.js'))) {
  console.error('dist/wps/pe-self-check/taskpane.js not found: run `npm run build` first (npm run test:e2e does).');
  process.exit(1);
}
const outDir = path.join(root, 'test-results', 'e2e-wps');
fs.mkdirSync(outDir, { recursive: true });
const { step, results } = stepper('wps.mjs');
const axe = (page, state) => axeCheck(page, state, { region: 'the announcer live region lives outside the landmarks by design' });

const tools = await buildHarness();
const files = fixtureFiles();
const NAMES = ['kaifu-2022-project-jcdj', 'kaifu-2022-dept', 'realworld/qingshen-fagaiju-2023-gongzixingzhichu'];
const models = {};
const expected = {};
const grids = {};
for (const name of NAMES) {
  const { wb, model } = await loadModel(tools, files[name]);
  models[name] = model;
  grids[name] = tools.workbookToGrids(wb);
  expected[name] = tools.checkWorkbook(grids[name], tools.mof2020);
}
const protectedModel = JSON.parse(JSON.stringify(models[NAMES[0]]));
protectedModel.sheets[0].protected = true;
models.protected = protectedModel;
const server = await startServer({ base: path.join(root, 'dist'), files: [] }, models);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launchChromium();

async function open(name, width = 320, request = 'check') {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.addInitScript(pageProbes);
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${base}/wps-harness.html?fixture=${encodeURIComponent(name)}&request=${request}`);
  return { page, context, problems };
}

const done = (page) =>
  page.waitForFunction(() => {
    const pane = document.querySelector('[data-testid=pane-root]');
    return pane && pane.getAttribute('aria-busy') === 'false' && (pane.querySelector('[data-testid=results]') || pane.querySelector('[data-testid=all-good]'));
  }, null, { timeout: 20000 });

console.log('pane in WPS (fake WPS object model):');

for (const name of NAMES) {
  await step(`${name}: the ribbon's 校验 checks on open; counts as checkWorkbook; one line announced; marks, 自评汇总; 定位; 清除标记 gives the workbook back`, async () => {
    const { page, context, problems } = await open(name);
    // The workbook as served (the pane may be done before the page could be asked).
    const before = JSON.stringify(models[name]);
    await done(page);
    const want = expected[name];
    const count = (sev) => want.findings.filter((f) => f.severity === sev).length;
    const tile = async (id) => Number((await page.textContent(`[data-testid=${id}]`)).replace(/\D+/g, ''));
    for (const sev of ['error', 'warning', 'info']) assert((await tile(`count-${sev}`)) === count(sev), `${sev}: ${await tile(`count-${sev}`)} vs ${count(sev)}`);
    await page.waitForFunction(() => window.__announced.some((t) => t.includes('校验完成')), null, { timeout: 5000 });
    assert((await page.evaluate(() => window.__announced.filter((t) => t.includes('校验完成')).length)) === 1, 'one result line');
    const marks = tools.planHighlights(want, { grids: grids[name] });
    const model = await page.evaluate(() => window.__wps.model);
    const served = JSON.parse(before);
    for (const m of marks) {
      const s = model.sheets.find((x) => x.name === m.sheet);
      // A merged 一级 block keeps its own fill: its note alone marks it.
      const want = m.noteOnly ? served.sheets.find((x) => x.name === m.sheet).cells[m.cell]?.fill?.color : `#${m.fill}`;
      assert(s.cells[m.cell]?.fill?.color === want, `fill of ${m.sheet}!${m.cell}`);
    }
    assert(model.notes.filter((n) => n.content.startsWith('【绩效自评助手】')).length === marks.length, 'notes');
    assert(model.sheets.some((s) => s.name === '自评汇总'), '自评汇总 written');
    assert(model.sheets.find((s) => s.name === '_PeCheckMarks')?.visibility === 'VeryHidden', 'the record is very hidden');
    // 定位
    const first = page.locator('[data-testid=finding]').first();
    const cell = await first.getAttribute('data-cell');
    await first.click();
    await page.waitForFunction((c) => window.__wps.model.selection?.address === c, cell, { timeout: 5000 });
    await axe(page, `${name} checked`);
    await page.screenshot({ path: path.join(outDir, `${name.replace(/\//g, '_')}-checked.png`), fullPage: true });
    // the ribbon's 清除标记 while the pane is open
    await page.evaluate(() => window.__wps.PluginStorage.setItem('peSelfCheck.request', JSON.stringify({ action: 'clear', seq: 2 })));
    await page.waitForSelector('[data-testid=notice]', { timeout: 5000 });
    const after = await page.evaluate(() => {
      const m = JSON.parse(JSON.stringify(window.__wps.model));
      // 自评汇总 is gone with the marks; the document property that named it is blank
      delete m.documentProperties;
      delete m.selection;
      delete m.active;
      return JSON.stringify(m);
    });
    const original = JSON.parse(before);
    delete original.selection;
    delete original.active;
    if (after !== JSON.stringify(original)) {
      const a = JSON.parse(after);
      const diffs = [];
      a.sheets.forEach((s, i) => {
        const o = original.sheets[i];
        for (const k of new Set([...Object.keys(s.cells), ...Object.keys(o?.cells ?? {})])) if (JSON.stringify(s.cells[k]) !== JSON.stringify(o?.cells[k])) diffs.push(`${s.name}!${k}: ${JSON.stringify(o?.cells[k])} → ${JSON.stringify(s.cells[k])}`);
      });
      for (const k of Object.keys(a)) if (k !== 'sheets' && JSON.stringify(a[k]) !== JSON.stringify(original[k])) diffs.push(`${k}: ${JSON.stringify(original[k])} → ${JSON.stringify(a[k])}`.slice(0, 300));
      assert(false, `the workbook is as it was: ${diffs.slice(0, 8).join('; ')}`);
    }
    assert(problems.length === 0, problems.join('\n'));
    await context.close();
  });
}

await step('a protected sheet: the findings are listed and the pane names the sheet it could not mark', async () => {
  const { page, context } = await open('protected');
  await done(page);
  // At 320 px the notices wait behind the toolbar's button (the first finding stays on screen).
  await page.click('[data-testid=notices-toggle]');
  const text = await page.textContent('[data-testid=pane-root]');
  assert(text.includes('受保护') && text.includes(protectedModel.sheets[0].name), 'the sheet is named');
  assert((await page.locator('[data-testid=finding]').count()) > 0, 'findings listed');
  await context.close();
});

await step('270 / 320 / 500 px: no horizontal scroll, axe clean', async () => {
  for (const width of [270, 320, 500]) {
    const { page, context } = await open(NAMES[0], width);
    await done(page);
    const m = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert(m.scroll <= m.client, `${width}px: horizontal scroll ${m.scroll} > ${m.client}`);
    await axe(page, `${width}px`);
    await context.close();
  }
});

await step('opened without a request, the pane waits for 校验 (button) and then checks', async () => {
  const { page, context } = await open(NAMES[0], 320, 'none');
  await page.waitForSelector('[data-testid=check]');
  assert((await page.locator('[data-testid=finding]').count()) === 0, 'nothing checked yet');
  await page.click('[data-testid=check]');
  await done(page);
  await context.close();
});

await browser.close();
server.close();
const failed = results.filter((r) => !r.ok);
console.log(`\npane in WPS: ${results.length - failed.length}/${results.length} passed; screenshots in ${path.relative(root, outDir)}/`);
process.exit(failed.length ? 1 : 0);
