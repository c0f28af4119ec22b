// The gateway's write side (applyMarks, writeSummary, clearMarks) on the 200-table workbook
// (bench/make-workbook.mjs, ~5,000 marks on 40 sheets) over the fake Excel, in Node: context.sync()
// calls (each a round trip to Excel, 50–200 ms on Excel on the web), the pane-side time (the
// gateway's own work, the fake's sync time taken out), the longest stretch without giving the
// thread back, and how often the marks record (workbook.settings) was written. The baseline of the same run is
// reading the workbook through the same gateway (readSheets).
//   node bench/marks-bench.mjs            (builds test-results/e2e-harness/tools.cjs first)
import path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { benchWorkbookFile, buildHarness, e2eDist, loadModel } from '../test/e2e/lib.mjs';

const require = createRequire(import.meta.url);

async function buildTools() {
  if (process.env.MARKS_BENCH_NO_BUILD) return require(path.join(e2eDist, 'tools.cjs'));
  return buildHarness(['tools']);
}

/** Wraps the fake so every sync is timed (that time is Excel's, not the pane's) and blocks are measured. */
function instrument(fake) {
  const stats = { syncs: 0, syncMs: 0, longestSyncMs: 0, settingsAdds: 0, longestBlockMs: 0, longestTaskMs: 0 };
  const origRun = fake.run;
  let last = performance.now();
  let lastTick = performance.now();
  const mark = () => {
    const now = performance.now();
    if (process.env.DEBUG_BLOCKS && now - last > 45) console.log(`block ${(now - last).toFixed(0)} ms ending at`, new Error().stack.split('\n').slice(2, 5).join(' | '));
    stats.longestBlockMs = Math.max(stats.longestBlockMs, now - last);
  };
  fake.run = async (a, b) => {
    const batch = typeof a === 'function' ? a : b;
    return origRun(a, async (ctx) => {
      const sync = ctx.sync.bind(ctx);
      ctx.sync = async () => {
        mark(); // the pane's work since it last got the thread back ends here
        const t0 = performance.now();
        stats.syncs++;
        try {
          await sync();
        } finally {
          stats.syncMs += performance.now() - t0;
          stats.longestSyncMs = Math.max(stats.longestSyncMs, performance.now() - t0);
          last = performance.now();
        }
      };
      const add = ctx.workbook.settings.add.bind(ctx.workbook.settings);
      ctx.workbook.settings.add = (k, v) => {
        if (k === 'peSelfCheck.marks') stats.settingsAdds++; // the marks record (MARKS_KEY)
        return add(k, v);
      };
      return batch(ctx);
    });
  };
  // A macrotask that gets through means the pane gave the thread back.
  let ticking = true;
  const tick = () => {
    mark();
    const now = performance.now();
    stats.longestTaskMs = Math.max(stats.longestTaskMs, now - lastTick);
    last = now;
    lastTick = now;
    if (ticking) setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  return {
    stats,
    reset() {
      Object.assign(stats, { syncs: 0, syncMs: 0, longestSyncMs: 0, settingsAdds: 0, longestBlockMs: 0, longestTaskMs: 0 });
      last = performance.now();
      lastTick = last;
    },
    /** Ends a step: the stretch since the last macrotask counts too. */
    end() {
      mark();
      stats.longestTaskMs = Math.max(stats.longestTaskMs, performance.now() - lastTick);
    },
    stop() {
      ticking = false;
    },
  };
}

export async function runMarksBench() {
  const tools = await buildTools();
  const { file, cleanup } = await benchWorkbookFile();
  try {
    const { model } = await loadModel(tools, file);
    const fake = new tools.FakeExcel(model);
    const probe = instrument(fake);
    // Yields as setTimeout(0) here (the gateway's default is a MessageChannel macrotask), so the
    // ticks above interleave with them in Node as they would in a browser.
    const gw = tools.createExcelGateway({ run: fake.run, isSetSupported: fake.isSetSupported, yieldToHost: () => new Promise((resolve) => setTimeout(resolve, 0)) });
    const step = async (fn) => {
      probe.reset();
      const t0 = performance.now();
      const value = await fn();
      const wallMs = performance.now() - t0;
      probe.end();
      const s = { ...probe.stats };
      return { value, syncs: s.syncs, wallMs, paneMs: wallMs - s.syncMs, fakeMs: s.syncMs, longestSyncMs: s.longestSyncMs, longestBlockMs: s.longestBlockMs, longestTaskMs: s.longestTaskMs, settingsAdds: s.settingsAdds };
    };
    const read = await step(() => gw.readSheets());
    const check = tools.checkWorkbook(read.value, tools.mof2020);
    const marks = tools.planHighlights(check);
    const mark = await step(() => gw.applyMarks(marks));
    const t0 = performance.now();
    const summaryModel = tools.buildSummary([{ file: 'bench.xlsx', check }]);
    const buildSummaryMs = performance.now() - t0;
    const summary = await step(() => gw.writeSummary(summaryModel));
    const remark = await step(() => gw.applyMarks(marks)); // a second check: clears the first marks
    const clear = await step(() => gw.clearMarks());
    probe.stop();
    const left = Object.keys(fake.fills()).filter((k) => !k.startsWith('自评汇总')).length;
    // What clearing the first marks adds at their measured request sizes (requestSize.ts): the
    // restores and deletes, and the probes, each in as many ~3 MB requests as they need.
    const requests = (bytes) => Math.ceil(bytes / tools.REQUEST_BUDGET) - 1;
    const cost = tools.REQUEST_COST;
    const clearingExtra = requests(marks.length * (cost.fill + cost.objectDelete + cost.probe)) + requests(marks.length * cost.probe);
    return { marks: marks.length, findings: check.findings.length, buildSummaryMs, read, mark, summary, remark, clear, left, notesLeft: fake.model.notes.length, clearingExtra };
  } finally {
    cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runMarksBench();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(r, (k, v) => (k === 'value' ? undefined : v)));
    process.exit(0);
  }
  const f = (x) => `${String(x.syncs).padStart(3)} syncs  pane ${x.paneMs.toFixed(0).padStart(5)} ms  fake(Excel) ${x.fakeMs.toFixed(0).padStart(5)} ms (longest sync ${x.longestSyncMs.toFixed(0).padStart(4)} ms)  longest pane block ${x.longestBlockMs.toFixed(0).padStart(4)} ms (with the fake's ${x.longestTaskMs.toFixed(0).padStart(4)} ms)  record writes ×${x.settingsAdds}`;
  console.log(`${r.findings} findings, ${r.marks} marks; buildSummary (core, before writeSummary) ${r.buildSummaryMs.toFixed(0)} ms`);
  for (const k of ['read', 'mark', 'summary', 'remark', 'clear']) console.log(`${k.padEnd(8)} ${f(r[k])}`);
  console.log(`pane-side applyMarks + writeSummary / readSheets: ${((r.mark.paneMs + r.summary.paneMs) / r.read.paneMs).toFixed(2)}`);
  console.log(`after clearMarks: ${r.left} fills, ${r.notesLeft} notes left`);
}
