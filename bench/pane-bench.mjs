// The task pane in Chromium over the fake Excel (the e2e harness), on the 200-table workbook
// (bench/make-workbook.mjs, ~5,000 findings) and, as the baseline of the same run, on one real
// single-table fixture. Measures click-to-first-results, the longest main-thread block
// (PerformanceObserver 'longtask'), DOM nodes, and the time a filter switch takes (click → next frame).
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
  // Click → the first finding in the DOM, timed in the page (no CDP round trips in the figure).
  const firstResultsMs = await page.evaluate(
    () =>
      new Promise((resolve) => {
        window.__longtasks.length = 0;
        const button = document.querySelector('[data-testid="check"]');
        let t0 = 0;
        const obs = new MutationObserver(() => {
          if (document.querySelector('[data-testid="finding"]')) {
            obs.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - t0));
          }
        });
        obs.observe(document.body, { childList: true, subtree: true });
        t0 = performance.now();
        button.click();
      }),
  );
  await page.waitForFunction(() => !document.querySelector('[data-testid="progress"]'), null, { timeout: 120000 });
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
  return { firstResultsMs, longest, longtasks, domNodes, domAfterFilters, filterMax: Math.max(...switches), filterMedian: median(switches), findings };
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
