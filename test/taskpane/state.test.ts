import path from 'path';
import ExcelJS from 'exceljs';
import { checkWorkbook } from '../../src/core/check';
import { mof2020, gx130 } from '../../src/core/profile';
import type { WorkbookCheck } from '../../src/core/types';
import { workbookToGrids } from '../../src/cli/xlsxGrid';
import { createExcelGateway, DEFAULT_SETTINGS, type ExcelRun } from '../../src/taskpane/excel/gateway';
import { langOf, strings } from '../../src/taskpane/i18n';
import {
  countFindings,
  groupFindings,
  initialState,
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

  test('counts by severity', () => {
    const c = countFindings(check);
    expect(c.error + c.warning + c.info).toBe(check.findings.length);
    expect(c.tables).toBe(1);
    expect(countFindings(null)).toEqual({ tables: 0, error: 0, warning: 0, info: 0, all: 0 });
  });

  test('grouped by table and row, rows ascending, filter by severity', () => {
    const all = groupFindings(check, 'all');
    expect(all).toHaveLength(1);
    expect(all[0].sheet).toBe('项目支出自评表');
    const rows = all[0].rows.map((r) => r.row);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(all[0].rows.flatMap((r) => r.findings)).toHaveLength(check.findings.length);
    const row24 = all[0].rows.find((r) => r.row === 24)!;
    expect(row24.label).toBe('党员教育宣传片成片及时率');
    expect(row24.findings.map((f) => f.cell)).toEqual(['D24', 'H24']);
    const errors = groupFindings(check, 'error').flatMap((g) => g.rows.flatMap((r) => r.findings));
    expect(errors.every((f) => f.severity === 'error')).toBe(true);
    expect(errors).toHaveLength(countFindings(check).error);
  });

  test('reducer: check lifecycle, busy guard, errors', () => {
    let s = reducer(initialState, { type: 'checkStarted' });
    expect(s.busy).toBe('check');
    expect(reducer(s, { type: 'clearStarted' })).toBe(s); // no clearing while checking
    s = reducer(s, { type: 'progress', progress: { done: 2, total: 12, sheet: 'x' } });
    expect(s.progress).toEqual({ done: 2, total: 12, sheet: 'x' });
    s = reducer(s, { type: 'checkDone', check, summarySheet: '自评汇总' });
    expect(s).toMatchObject({ busy: null, check, marked: true, notice: { kind: 'summary', sheet: '自评汇总' } });
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
