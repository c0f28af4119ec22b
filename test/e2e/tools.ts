// Node-side helpers for test/e2e/run.mjs, bundled by webpack.e2e.config.js (run.mjs is plain JS).
export { loadFakeWorkbookFromXlsx, fakeModelFromExcelJs } from '../fakes/xlsxToFake';
export { checkWorkbook } from '../../src/core/check';
export { planHighlights } from '../../src/core/highlight';
export { mof2020, gx130 } from '../../src/core/profile';
export { workbookToGrids } from '../../src/files/xlsxGrid';
// For bench/marks-bench.mjs (the gateway's write side over the fake, in Node).
export { FakeExcel } from '../fakes/fakeExcel';
export { createExcelGateway } from '../../src/taskpane/excel/gateway';
export { buildSummary } from '../../src/core/summary';
export { encodeMarks, decodeMarks } from '../../src/taskpane/excel/gateway';
// For bench/wire-bench.mjs (the gateway through Microsoft's own Office.js client library).
export { createWireExcel } from '../fakes/wireExcel';
export { REQUEST_BUDGET, REQUEST_COST } from '../../src/taskpane/excel/requestSize';
