// The task pane in Chromium over the fake Excel (the e2e harness), on the 200-table workbook
// (bench/make-workbook.mjs, ~5,000 findings) and, as the baseline of the same run, on one real
// single-table fixture. Measures click-to-first-results, the longest main-thread block
// (PerformanceObserver 'longtask'), DOM nodes, and the time a filter switch takes (click → next frame);
// also when the whole list is there and when the flow ends (marks, 自评汇总), for the record.
// Goals (issue 9): first results < 1 s, no task > 200 ms, < 3,000 DOM nodes, filter switch < 100 ms.
import { fileURLToPath } from 'node:url';
import { benchWorkbookFile, buildHarness, fixtureFiles, launchChromium, loadModel, pageProbes, paneScripts, requireChromium, startServer } from '../test/e2e/lib.mjs';

const BASELINE = 'kaifu-2022-project-jcdj';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(browser, base, fixture) {
  const context = await browser.newContext({ viewport: { width: 320, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(pageProbes);
  await page.goto(`${base}/harness.html?fixture=${encodeURIComponent(fixture)}`);
  await page.waitForSelector('[data-testid="check"]');
  // Click → the first finding in the DOM (findings so far are shown while the rest is checked), →
  // the whole list (no longer partial), → the end of the flow (marks and 自评汇总 written), timed in
  // the page (no CDP round trips in the figures).
  const times = await page.evaluate(
    () =>
      new Promise((resolve) => {
        window.__longtasks.length = 0;
        const button = document.querySelector('[data-testid="check"]');
        let t0 = 0;
        const out = {};
        const obs = new MutationObserver(() => {
          const t = performance.now() - t0;
          if (out.firstResultsMs === undefined && document.querySelector('[data-testid="finding"]')) out.firstResultsMs = t;
          const results = document.querySelector('[data-testid="results"]');
          if (out.wholeListMs === undefined && results && results.getAttribute('data-partial') === 'false') out.wholeListMs = t;
          if (out.firstResultsMs !== undefined && !document.querySelector('[data-testid="progress"]')) {
            obs.disconnect();
            out.doneMs = t;
            resolve(out);
          }
        });
        obs.observe(document.body, { childList: true, subtree: true, attributes: true });
        t0 = performance.now();
        button.click();
      }),
  );
  const { firstResultsMs, wholeListMs, doneMs } = times;
  await page.waitForTimeout(200);
  const longest = await page.evaluate(() => Math.max(0, ...window.__longtasks.map((t) => t.duration)));
  const longtasks = await page.evaluate(() => window.__longtasks.length);
  const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  // Filter switches: each tile in turn, click → the frame after React rendered it.
  const switches = [];
  for (const id of ['count-error', 'count-warning', 'count-info', 'filter-all', 'count-error', 'count-warning', 'count-info', 'filter-all']) {
    switches.push(
      await page.evaluate(
        (id) =>
          new Promise((resolve) => {
            const el = document.querySelector(`[data-testid="${id}"]`);
            const t0 = performance.now();
            el.click();
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
          }),
        id,
      ),
    );
  }
  const findings = await page.evaluate(() => Number(document.querySelector('[data-testid="filter-all"]')?.getAttribute('data-count') ?? 0));
  const domAfterFilters = await page.evaluate(() => document.getElementsByTagName('*').length);
  await context.close();
  return { firstResultsMs, wholeListMs, doneMs, longest, longtasks, domNodes, domAfterFilters, filterMax: Math.max(...switches), filterMedian: median(switches), findings };
}

export async function runPaneBench() {
  requireChromium();
  const pane = paneScripts();
  const tools = await buildHarness();
  const big = await benchWorkbookFile();
  const fixtures = {
    big: (await loadModel(tools, big.file)).model,
    baseline: (await loadModel(tools, fixtureFiles()[BASELINE])).model,
  };
  big.cleanup();
  const server = await startServer(pane, fixtures);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium();
  try {
    await measure(browser, base, 'baseline'); // warm-up (JIT, caches)
    const baseline = await measure(browser, base, 'baseline');
    const run = await measure(browser, base, 'big');
    return { baseline, big: run };
  } finally {
    await browser.close();
    server.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await runPaneBench();
  console.log(JSON.stringify(r, null, 2));
}
