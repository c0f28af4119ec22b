import path from 'path';
import ExcelJS from 'exceljs';
import { checkWorkbook } from '../../src/core/check';
import { mof2020, gx130 } from '../../src/core/profile';
import type { WorkbookCheck } from '../../src/core/types';
import { workbookToGrids } from '../../src/files/xlsxGrid';
import { createExcelGateway, DEFAULT_SETTINGS, type ExcelRun } from '../../src/taskpane/excel/gateway';
import { langOf, strings } from '../../src/taskpane/i18n';
import {
  buildList,
  countFindings,
  initialState,
  stepPlace,
  tableSummaries,
  performCheck,
  profileFor,
  reducer,
  type Action,
} from '../../src/taskpane/state';
import { FakeExcel } from '../fakes/fakeExcel';
import { fakeModelFromExcelJs } from '../fakes/xlsxToFake';

async function fixture(name: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(__dirname, '..', 'fixtures', `${name}.xlsx`));
  return wb;
}

describe('pane state', () => {
  let check: WorkbookCheck;
  beforeAll(async () => {
    check = checkWorkbook(workbookToGrids(await fixture('kaifu-2022-project-jcdj')), mof2020);
  });

  test('a block’s 分值 finding is its own item, under the block’s name, not the indicator on its row', () => {
    // jcdj: 产出 labelled 50 over indicators worth 40 (B13), on the row of 党务工作者到岗人数.
    const items = buildList(check, { filter: 'all', table: null, view: 'rows' }).flatMap((s) => s.items);
    const block = items.find((i) => i.findings.some((f) => f.cell === 'B13'))!;
    expect(block.findings.map((f) => f.code)).toEqual(['weight-sum-mismatch']);
    expect(block.label).toBe('产出指标(50分)');
    const sameRow = items.filter((i) => i.row === 13 && i !== block);
    expect(sameRow.every((i) => i.label !== block.label && i.findings.every((f) => f.code !== 'weight-sum-mismatch'))).toBe(true);
    const byKind = buildList(check, { filter: 'all', table: null, view: 'kinds' }).flatMap((s) => s.items);
    expect(byKind.find((i) => i.findings[0].cell === 'B13')!.label).toBe('产出指标(50分)');
  });

  test('counts by severity', () => {
    const c = countFindings(check);
    expect(c.error + c.warning + c.info).toBe(check.findings.length);
    expect(c.tables).toBe(1);
    expect(countFindings(null)).toEqual({ tables: 0, error: 0, warning: 0, info: 0, all: 0 });
  });

  test('by rows: one item per row with its cells, worst first; filter by severity and table', () => {
    const all = buildList(check, { filter: 'all', table: null, view: 'rows' });
    const tables = all.filter((s) => s.kind === 'table');
    expect(tables).toHaveLength(1);
    expect(tables[0].sheet).toBe('项目支出自评表');
    const items = all.flatMap((s) => s.items);
    expect(items.flatMap((i) => i.findings)).toHaveLength(check.findings.length);
    // each row once, its findings together, with its cells
    const rows = tables[0].items.map((i) => i.row);
    expect(new Set(rows).size).toBe(rows.length);
    const row24 = tables[0].items.find((r) => r.row === 24)!;
    expect(row24.label).toBe('党员教育宣传片成片及时率');
    expect([...row24.cells].sort()).toEqual(['D24', 'H24']);
    expect(row24.findings.every((f) => f.row === 24)).toBe(true);
    // severity order: no error after a warning, no warning after a tip
    const rank = { error: 0, warning: 1, info: 2 } as const;
    const ranks = tables[0].items.map((i) => rank[i.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    for (const i of items) expect(i.severity).toBe(i.findings[0].severity);
    const errors = buildList(check, { filter: 'error', table: null, view: 'rows' }).flatMap((s) => s.items.flatMap((i) => i.findings));
    expect(errors.every((f) => f.severity === 'error')).toBe(true);
    expect(errors).toHaveLength(countFindings(check).error);
    expect(buildList(check, { filter: 'all', table: 't5', view: 'rows' })).toEqual([]);
  });

  test('root causes pinned under 请先处理, before the tables, with the findings they make moot under them', () => {
    const rowsOf = (row: number) => check.findings.filter((f) => f.row === row);
    const busiest = [...new Set(check.findings.map((f) => f.row))].sort((x, y) => rowsOf(y).length - rowsOf(x).length)[0];
    const shifted = {
      ...check,
      findings: [
        ...check.findings,
        // Shifted from the busiest row on, for two rows: that row's findings are moot, and so is the 分值合计.
        { code: 'columns-shifted' as const, severity: 'error' as const, sheet: '项目支出自评表', cell: 'I' + busiest, row: busiest, message: '第…行…', table: 0, found: 2 },
        { code: 'weight-total-mismatch' as const, severity: 'warning' as const, sheet: '项目支出自评表', cell: 'G40', row: 40, message: '分值合计…', table: 0 },
      ],
    };
    const list = buildList(shifted, { filter: 'all', table: null, view: 'rows' });
    expect(list[0].kind).toBe('pinned');
    expect(list[0].items).toHaveLength(1);
    const cause = list[0].items[0];
    expect(cause.cause).toBe(true);
    expect(cause.findings[0].code).toBe('columns-shifted');
    const moot = cause.findings.slice(1);
    expect(moot.map((f) => f.code)).toContain('weight-total-mismatch');
    // The two rows' findings and the table's totals (分值 and 得分 sums) it throws off.
    const totals = new Set(['weight-total-mismatch', 'weight-sum-mismatch', 'total-mismatch', 'grade-mismatch']);
    const covered = check.findings.filter((f) => f.row === busiest || f.row === busiest + 1 || totals.has(f.code));
    expect(moot).toHaveLength(covered.length + 1);
    // Every finding listed exactly once: the moot ones under their cause, the rest under their table.
    const rest = list.slice(1).flatMap((s) => s.items.flatMap((i) => i.findings));
    expect(rest).toHaveLength(check.findings.length - covered.length);
    expect(rest.some((f) => f.row === busiest || totals.has(f.code))).toBe(false);
    // Filtered to tips: no cause listed, nothing pinned.
    expect(buildList(shifted, { filter: 'info', table: null, view: 'rows' })[0]?.kind).not.toBe('pinned');
  });

  test('a repeated indicator is a cause where the 分值 are over the whole; it takes the 分值合计 when its 分值 are the excess', () => {
    const dup = { code: 'duplicate-indicator' as const, severity: 'warning' as const, sheet: '项目支出自评表', cell: 'C29', row: 29, message: '指标重复…', table: 0 };
    const w = check.tables[0].indicators.find((i) => i.row === 29)!.weight!;
    const total = (found: number) => ({ code: 'weight-total-mismatch' as const, severity: 'error' as const, sheet: '项目支出自评表', cell: 'G40', row: 40, message: `各项分值合计 ${found} 分…`, table: 0, expected: 100, found });
    const own = check.findings.filter((f) => f.row === 29).map((f) => f.code);
    // The copy's 分值 are exactly what the sum is over by: the repeated row explains the 分值合计.
    const exact = buildList({ ...check, findings: [...check.findings, total(100 + w), dup] }, { filter: 'all', table: null, view: 'rows' });
    expect(exact[0].kind).toBe('pinned');
    expect(exact[0].items[0].findings.map((f) => f.code)).toEqual(['duplicate-indicator', ...own, 'weight-total-mismatch']);
    expect(exact[0].items[0].severity).toBe('error');
    // Over by more than the copy: the row still takes its own findings; the 分值合计 is pinned alone.
    const more = buildList({ ...check, findings: [...check.findings, total(100 + w + 7), dup] }, { filter: 'all', table: null, view: 'rows' });
    expect(more[0].items.map((i) => i.findings.map((f) => f.code))).toEqual([['duplicate-indicator', ...own], ['weight-total-mismatch']]);
    // Under the whole, or with no 分值合计 off: an ordinary warning in its table.
    for (const findings of [[...check.findings, total(90), dup], [...check.findings, dup]]) {
      const list = buildList({ ...check, findings }, { filter: 'all', table: null, view: 'rows' });
      expect(list.find((s) => s.kind === 'pinned')?.items.some((i) => i.findings[0] === dup) ?? false).toBe(false);
    }
  });

  test('by kind: one section per code with its count, worst kinds first', () => {
    const kinds = buildList(check, { filter: 'all', table: null, view: 'kinds' });
    const codes = new Set(check.findings.map((f) => f.code));
    expect(kinds).toHaveLength(codes.size);
    for (const k of kinds) {
      expect(k.count).toBe(check.findings.filter((f) => f.code === k.ref).length);
      expect(k.items).toHaveLength(k.count);
      expect(k.title).toMatch(/[\u4e00-\u9fff]/);
    }
    const rank = { error: 0, warning: 1, info: 2 } as const;
    const worst = kinds.map((k) => Math.min(...k.items.map((i) => rank[i.severity])));
    expect(worst).toEqual([...worst].sort((a, b) => a - b));
    expect(buildList(check, { filter: 'all', table: null, view: 'kinds', locale: 'en' })[0].title).toMatch(/^[A-Z]/);
  });

  test('overview: tables worst first, with totals and the partly-unverified mark', () => {
    const t0 = check.tables[0];
    const two = {
      tables: [
        { ...t0, title: 'clean', totals: { ...t0.totals, unverifiedRows: [] } },
        { ...t0, title: 'bad', totals: { ...t0.totals, unverifiedRows: [12, 13] } },
      ],
      findings: check.findings.map((f) => ({ ...f, table: 1 })).concat([{ ...check.findings[0], severity: 'info' as const, table: 0 }]),
    };
    const o = tableSummaries(two);
    expect(o.map((x) => x.title)).toEqual(['bad', 'clean']);
    expect(o[0]).toMatchObject({ key: 't1', error: countFindings(check).error, partial: true, entered: t0.totals.entered, computed: t0.totals.computed });
    expect(o[1]).toMatchObject({ key: 't0', error: 0, info: 1, partial: false });
    expect(countFindings(two, 't0')).toMatchObject({ all: 1, info: 1 });
    // the list follows the overview order
    expect(buildList(two, { filter: 'all', table: null, view: 'rows' }).map((s) => s.title)).toEqual(['bad', 'clean']);
  });

  test('上一个 / 下一个 walk the listed cells in the list’s own order, each cell once', () => {
    for (const view of ['rows', 'kinds'] as const) {
      const opts = { filter: 'all' as const, table: null, view };
      const listed = [...new Set(buildList(check, opts).flatMap((sec) => sec.items.flatMap((i) => i.findings.map((f) => f.cell))))];
      const seen: string[] = [];
      const places: number[] = [];
      let at: string | null = null;
      for (;;) {
        const to = stepPlace(check, opts, at, 1);
        if (!to) break;
        at = `${to.finding.sheet}!${to.finding.cell}`;
        seen.push(to.finding.cell);
        places.push(to.place);
        expect(to.total).toBe(listed.length);
      }
      expect(seen).toEqual(listed); // the order the list shows, not sheet order
      expect(places).toEqual(listed.map((_, i) => i + 1));
      expect(stepPlace(check, opts, at, -1)?.finding.cell).toBe(seen[seen.length - 2]);
      expect(stepPlace(check, opts, null, -1)?.finding.cell).toBe(seen[seen.length - 1]);
      expect(stepPlace(check, opts, at, 1)).toBeNull(); // the end: nowhere further
    }
    // Rows view: errors before warnings within a table, so the walk is not in sheet order.
    const rows = { filter: 'all' as const, table: null, view: 'rows' as const };
    const first = stepPlace(check, rows, null, 1)!.finding;
    expect(first.severity === 'error' || buildList(check, rows)[0].kind === 'pinned').toBe(true);
    // From a cell the filter does not list: the first listed one.
    const warn = { ...rows, filter: 'warning' as const };
    const firstWarn = stepPlace(check, warn, null, 1)!.finding;
    expect(firstWarn.severity).toBe('warning');
    expect(stepPlace(check, warn, `项目支出自评表!A1`, 1)?.finding).toEqual(firstWarn);
  });

  test('every listed item knows its table', () => {
    for (const view of ['rows', 'kinds'] as const) {
      for (const sec of buildList(check, { filter: 'all', table: null, view })) for (const item of sec.items) expect(item.table).toBe(`t${item.findings[0].table}`);
    }
  });

  test('stale results: a settings change after a check says so, a new check clears it', () => {
    let s = reducer(initialState, { type: 'settingsChanged', settings: { ...DEFAULT_SETTINGS, overTarget: 1.3, profile: 'gx130' } });
    expect(s.stale).toBe(false); // nothing checked yet
    s = reducer(s, { type: 'checkStarted' });
    s = reducer(s, { type: 'checkDone', check, summarySheet: '自评汇总' });
    expect(s.summarySheet).toBe('自评汇总');
    s = reducer(s, { type: 'settingsChanged', settings: s.settings });
    expect(s.stale).toBe(false); // the same settings saved again
    s = reducer(s, { type: 'settingsChanged', settings: DEFAULT_SETTINGS });
    expect(s.stale).toBe(true);
    s = reducer(s, { type: 'checkStarted' });
    s = reducer(s, { type: 'cancelRequested' });
    expect(s.cancelling).toBe(true);
    s = reducer(s, { type: 'cancelled' });
    expect(s).toMatchObject({ busy: null, stale: true, check, notice: { kind: 'cancelled' } });
    s = reducer(s, { type: 'setTable', table: 't0' });
    s = reducer(reducer(s, { type: 'checkStarted' }), { type: 'checkDone', check, summarySheet: '自评汇总' });
    expect(s).toMatchObject({ stale: false, table: 't0' });
    s = reducer(reducer(s, { type: 'checkStarted' }), { type: 'checkDone', check: { tables: [], findings: [] }, summarySheet: null });
    expect(s.table).toBeNull(); // the table is gone
  });

  test('reducer: findings so far are shown while checking; 取消 or a failure brings the previous results back', () => {
    const part: WorkbookCheck = { tables: check.tables, findings: check.findings.slice(0, 3) };
    const old: WorkbookCheck = { tables: check.tables, findings: check.findings.slice(0, 1) };
    let s = reducer({ ...initialState, check: old }, { type: 'checkStarted' });
    expect(s.check).toBe(old);
    s = reducer(s, { type: 'partial', check: part });
    expect(s.check).toBe(part);
    expect(s.partial).toBe(true);
    // 取消: the partial findings go, the results from before come back.
    const cancelled = reducer(s, { type: 'cancelled' });
    expect(cancelled.check).toBe(old);
    expect(cancelled.partial).toBe(false);
    const failed = reducer(s, { type: 'failed', message: 'x' });
    expect(failed.check).toBe(old);
    // The whole check replaces the partial one; a late partial never overwrites it.
    s = reducer(s, { type: 'checked', check, hidden: [] });
    expect(s.check).toBe(check);
    expect(s.partial).toBe(false);
    expect(reducer(s, { type: 'partial', check: part }).check).toBe(check);
    // A cancel after the list is complete (while marking) keeps the complete list.
    expect(reducer(s, { type: 'cancelled' }).check).toBe(check);
    // Not while idle.
    expect(reducer(initialState, { type: 'partial', check: part })).toBe(initialState);
  });

  test('the list is derived once per check and filter: the same sections again, a new check anew', () => {
    const opts = { filter: 'error' as const, table: null, view: 'rows' as const };
    const a = buildList(check, opts);
    expect(buildList(check, { ...opts })).toBe(a);
    expect(buildList(check, { ...opts, filter: 'warning' })).not.toBe(a);
    const copy: WorkbookCheck = { tables: check.tables, findings: [...check.findings] };
    const b = buildList(copy, opts);
    expect(b).not.toBe(a);
    expect(b).toEqual(a);
    expect(tableSummaries(check)).toBe(tableSummaries(check));
  });

  test('reducer: check lifecycle, busy guard, errors', () => {
    let s = reducer(initialState, { type: 'checkStarted' });
    expect(s.busy).toBe('check');
    expect(reducer(s, { type: 'clearStarted' })).toBe(s); // no clearing while checking
    s = reducer(s, { type: 'progress', progress: { done: 2, total: 12, sheet: 'x' } });
    expect(s.progress).toEqual({ done: 2, total: 12, sheet: 'x' });
    s = reducer(s, { type: 'checkDone', check, summarySheet: '自评汇总' });
    expect(s).toMatchObject({ busy: null, check, marked: true, summarySheet: '自评汇总', notice: null });
    s = reducer(s, { type: 'setFilter', filter: 'warning' });
    s = reducer(s, { type: 'clearStarted' });
    s = reducer(s, { type: 'clearDone', restored: 5 });
    expect(s).toMatchObject({ busy: null, marked: false, filter: 'warning', notice: { kind: 'cleared', restored: 5 } });
    s = reducer(s, { type: 'checkStarted' });
    s = reducer(s, { type: 'failed', message: '请先退出单元格编辑（按 Enter 或 Esc）再校验' });
    expect(s).toMatchObject({ busy: null, error: '请先退出单元格编辑（按 Enter 或 Esc）再校验', check });
    expect(reducer(s, { type: 'dismissError' }).error).toBeNull();
  });

  test('settings map to the rule profile', () => {
    expect(profileFor(DEFAULT_SETTINGS)).toEqual(mof2020);
    expect(profileFor({ profile: 'gx130', overTarget: 1.3, reverse: 'linear' })).toEqual(gx130);
    expect(profileFor({ profile: 'mof2020', overTarget: 1.3, reverse: 'ratio' })).toMatchObject({ overTarget: 1.3, reverse: 'ratio' });
    expect(profileFor({ profile: 'nope', overTarget: 1.2, reverse: 'linear' }).name).toBe('mof2020');
  });

  test('performCheck through the fake reports phases and gives the CLI findings', async () => {
    const wb = await fixture('kaifu-2022-project-jcdj');
    const fake = new FakeExcel(fakeModelFromExcelJs(wb));
    const gw = createExcelGateway({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported });
    const actions: Action[] = [];
    const result = await performCheck(gw, DEFAULT_SETTINGS, 'a.xlsx', (a) => actions.push(a));
    expect(result.check.findings).toEqual(check.findings);
    expect(result.summarySheet).toBe('自评汇总');
    expect(actions.filter((a) => a.type === 'phase').map((a) => (a as { phase: string }).phase)).toEqual(['read', 'check', 'mark', 'summary']);
    expect(actions.some((a) => a.type === 'progress')).toBe(true);
  });

  test('i18n: English when the display language is English; both tables have every key', () => {
    expect(langOf('en-US')).toBe('en');
    expect(langOf('zh-CN')).toBe('zh');
    expect(langOf(undefined)).toBe('zh');
    expect(Object.keys(strings.en).sort()).toEqual(Object.keys(strings.zh).sort());
    expect(strings.zh.readingSheet(3, 12, '')).toBe('正在读取工作表 3/12…');
  });
});
