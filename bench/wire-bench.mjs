// The gateway on the 200-table workbook through Microsoft's own Office.js client library
// (test/fakes/wireExcel.ts: @microsoft/office-js builds every request, the fake model answers):
// round trips as Excel receives them (Excel.run's cleanup requests included), the largest request
// and answer in UTF-8 bytes, bytes per marked cell and per read cell. The baseline of the same run
// is the same operations on the fake's own API, whose sync count the pane's tests use.
//   node bench/wire-bench.mjs            (builds test-results/e2e-harness/tools.cjs first)
import path from 'node:path';
import { createRequire } from 'node:module';
import { benchWorkbookFile, buildHarness, e2eDist, loadModel } from '../test/e2e/lib.mjs';

const require = createRequire(import.meta.url);

async function buildTools() {
  if (process.env.MARKS_BENCH_NO_BUILD) return require(path.join(e2eDist, 'tools.cjs'));
  return buildHarness(['tools']);
}

/** Every operation of a check, on one engine; what each cost. */
async function session(tools, run, isSetSupported, counter) {
  const gw = tools.createExcelGateway({ run, isSetSupported });
  const steps = {};
  const step = async (name, fn) => {
    const before = counter();
    const value = await fn();
    steps[name] = counter() - before;
    return value;
  };
  const grids = await step('read', () => gw.readSheets());
  const check = tools.checkWorkbook(grids, tools.mof2020);
  const marks = tools.planHighlights(check);
  await step('mark', () => gw.applyMarks(marks));
  await step('summary', () => gw.writeSummary(tools.buildSummary([{ file: 'bench.xlsx', check }])));
  await step('clear', () => gw.clearMarks());
  return { steps, marks: marks.length, cells: grids.reduce((n, g) => n + g.values.reduce((m, r) => m + (r?.length ?? 0), 0), 0) };
}

export async function runWireBench() {
  const tools = await buildTools();
  const { file, cleanup } = await benchWorkbookFile();
  try {
    const { model } = await loadModel(tools, file);
    const fake = new tools.FakeExcel(model, { apiVersion: '1.15' });
    const direct = await session(tools, fake.run, fake.isSetSupported, () => fake.syncCount);
    const wire = tools.createWireExcel(model, { apiVersion: '1.15' });
    const through = await session(tools, wire.run, wire.isSetSupported, () => wire.requests.length);
    const reqs = wire.requests;
    // Which requests belong to which step: in order, by the counts above.
    const by = {};
    let i = 0;
    for (const [name, n] of Object.entries(through.steps)) {
      by[name] = reqs.slice(i, i + n);
      i += n;
    }
    const sum = (list, key) => list.reduce((s, r) => s + r[key], 0);
    return {
      marks: through.marks,
      cells: through.cells,
      fakeSyncs: direct.steps,
      wireRequests: through.steps,
      cleanupRequests: reqs.filter((r) => r.cleanup).length,
      cleanupBytes: sum(reqs.filter((r) => r.cleanup), 'bytes'),
      largestRequest: Math.max(...reqs.map((r) => r.bytes)),
      largestResponse: Math.max(...reqs.map((r) => r.responseBytes)),
      bytesPerMarkedCell: Math.round(sum(by.mark, 'bytes') / through.marks),
      bytesPerReadCell: Math.round(sum(by.read, 'responseBytes') / through.cells),
    };
  } finally {
    cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await runWireBench(), null, 1));
}
