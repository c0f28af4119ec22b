// The page's host behind the pane's WorkbookGateway: the pane's own check flow over it gives the
// engine's result, marks and 自评汇总 go to the preview, 定位 reaches the page, settings persist.
import fs from 'node:fs';
import path from 'node:path';
import { checkWorkbook } from '../../src/core/check';
import { planHighlights } from '../../src/core/highlight';
import { DEFAULT_SETTINGS, SUMMARY_SHEET } from '../../src/taskpane/excel/gateway';
import { CheckCancelled, performCheck, profileFor, type Action } from '../../src/taskpane/state';
import { checkFileBytes, copyOfFile } from '../../src/web/fileJobs';
import { MemoryWorkbook, browserSettingsStore } from '../../src/web/memoryGateway';
import { ourCopyInFolder, takeFromFolder } from '../../src/web/pickFiles';
import { FIXTURES } from '../cli/helpers';

async function gridsOf(file: string) {
  const b = fs.readFileSync(path.join(FIXTURES, file));
  return (await checkFileBytes({ name: file, bytes: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer }, DEFAULT_SETTINGS)).grids;
}

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}

test("the pane's check flow over the page's host: checkWorkbook's result, marks and 自评汇总 for the preview", async () => {
  const grids = await gridsOf('kaifu-2022-dept.xlsx');
  const shown: string[] = [];
  const gw = new MemoryWorkbook(grids, browserSettingsStore(memoryStorage()), (sheet, cell) => shown.push(`${sheet}!${cell}`));
  const states: number[] = [];
  gw.subscribe((s) => states.push(s.marks.length));
  const actions: Action[] = [];
  const result = await performCheck(gw, DEFAULT_SETTINGS, 'kaifu-2022-dept.xlsx', (a) => actions.push(a), 'zh');
  const expected = checkWorkbook(grids, profileFor(DEFAULT_SETTINGS));
  expect(result.check).toEqual(expected);
  expect(result.problems).toEqual([]);
  expect(result.summarySheet).toBe(SUMMARY_SHEET);
  expect(gw.current.marks).toEqual(planHighlights(expected, { locale: 'zh-CN', grids }));
  // The 一级 labels over the 产出 and 效益 blocks (B14:B32, B33:B36) carry notes without a fill.
  expect(gw.current.marks.filter((m) => m.noteOnly).map((m) => m.cell)).toEqual(['B14', 'B33']);
  expect(gw.current.summary?.rows.length).toBeGreaterThan(expected.findings.length);
  expect(states.at(-1)).toBe(gw.current.marks.length);
  // the sheets were handed over one by one (findings listed while the rest is checked)
  expect(actions.filter((a) => a.type === 'progress').length).toBeGreaterThanOrEqual(grids.length);
  await gw.selectCell(grids[0].name, 'F14');
  expect(shown).toEqual([`${grids[0].name}!F14`]);
  const painted = gw.current.marks.length;
  expect(painted).toBeGreaterThan(0);
  expect(await gw.clearMarks()).toEqual({ restored: painted });
  expect(gw.current.marks).toEqual([]);
});

test('取消 while reading stops before anything is marked', async () => {
  const grids = await gridsOf('kaifu-2022-dept.xlsx');
  const gw = new MemoryWorkbook([...grids, ...grids.map((g) => ({ ...g, name: `${g.name}2` }))], browserSettingsStore(null), () => undefined);
  const controller = new AbortController();
  const run = performCheck(gw, DEFAULT_SETTINGS, 'a.xlsx', (a) => a.type === 'progress' && controller.abort(), 'zh', { signal: controller.signal });
  await expect(run).rejects.toBeInstanceOf(CheckCancelled);
  expect(gw.current.marks).toEqual([]);
  expect(gw.current.summary).toBeNull();
});

test('settings: saved in the browser, read back, bad or missing storage falls back to the defaults', async () => {
  const storage = memoryStorage();
  const changed: unknown[] = [];
  const gw = new MemoryWorkbook([], browserSettingsStore(storage), () => undefined, (s) => changed.push(s));
  expect(await gw.loadSettings()).toEqual(DEFAULT_SETTINGS);
  const gx = { profile: 'gx130', overTarget: 1.3, reverse: 'ratio' as const };
  await gw.saveSettings(gx);
  expect(changed).toEqual([gx]);
  expect(await new MemoryWorkbook([], browserSettingsStore(storage), () => undefined).loadSettings()).toEqual(gx);
  storage.setItem('peSelfCheck.web.settings', '{not json');
  expect(browserSettingsStore(storage).load()).toEqual(DEFAULT_SETTINGS);
  storage.setItem('peSelfCheck.web.settings', JSON.stringify({ profile: 7, overTarget: 'x', reverse: 'odd' }));
  expect(browserSettingsStore(storage).load()).toEqual(DEFAULT_SETTINGS);
  // a browser that refuses storage (some file:// policies): the setting lasts for the visit
  const refusing = { getItem: () => null, setItem: () => { throw new Error('SecurityError'); } };
  const store = browserSettingsStore(refusing);
  store.save(gx);
  expect(store.load()).toEqual(gx);
});

test('a folder gives spreadsheets only: no Excel/WPS temp files; a *.checked.xlsx is left out only when it is really ours', async () => {
  expect(['a.xlsx', 'b.XLS', 'c.et', 'd.ods', 'e.xlsb', 'f.xlsm', 'a.checked.xlsx'].every(takeFromFolder)).toBe(true);
  expect(['~$a.xlsx', 'notes.docx', 'readme', 'x.pdf'].some(takeFromFolder)).toBe(false);
  const theirs = fs.readFileSync(path.join(FIXTURES, 'kaifu-2022-dept.xlsx'));
  const toAb = (b: Uint8Array) => b.slice().buffer as ArrayBuffer;
  expect(ourCopyInFolder('a.checked.xlsx', toAb(theirs))).toBe(false);
  const b = fs.readFileSync(path.join(FIXTURES, 'kaifu-2022-dept.xlsx'));
  const ours = await copyOfFile({ name: 'a.xlsx', bytes: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer }, DEFAULT_SETTINGS);
  expect(ourCopyInFolder('a.checked.xlsx', ours.bytes!)).toBe(true);
  expect(ourCopyInFolder('a.xlsx', ours.bytes!)).toBe(false); // a folder's a.xlsx is checked whatever it holds
});

test("the worker's check is handed to the pane when the pane asks with the same settings and language; otherwise the pane checks", async () => {
  const grids = await gridsOf('kaifu-2022-dept.xlsx');
  const b = fs.readFileSync(path.join(FIXTURES, 'kaifu-2022-dept.xlsx'));
  const worker = await checkFileBytes({ name: 'k.xlsx', bytes: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer }, DEFAULT_SETTINGS, 'zh-CN');
  const handed = { ...worker.check!, findings: worker.check!.findings.slice(0, 1) }; // marked, so we can tell which check the pane used
  const gw = new MemoryWorkbook(grids, browserSettingsStore(memoryStorage()), () => undefined, () => undefined, { check: handed, settings: DEFAULT_SETTINGS, locale: 'zh-CN' });
  const same = await performCheck(gw, DEFAULT_SETTINGS, 'k.xlsx', () => undefined, 'zh');
  expect(same.check).toBe(handed);
  const other = await performCheck(gw, { ...DEFAULT_SETTINGS, profile: 'gx130', overTarget: 1.3 }, 'k.xlsx', () => undefined, 'zh');
  expect(other.check.findings.length).toBeGreaterThan(1);
  const english = await performCheck(gw, DEFAULT_SETTINGS, 'k.xlsx', () => undefined, 'en');
  expect(english.check).not.toBe(handed);
  expect(english.check.findings[0].message).toMatch(/[A-Za-z]{4}/);
  // and the worker's own check is the engine's
  expect(worker.check).toEqual(checkWorkbook(grids, profileFor(DEFAULT_SETTINGS)));
});
