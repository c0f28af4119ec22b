// Order and content of the bureau's overview model (core/overview.ts).
import { buildOverview, rankFiles, OverviewFile } from '../../src/core/overview';
import type { Finding, TableReport, WorkbookCheck } from '../../src/core/types';

const table = (entered: number | null, computed: number | null): TableReport =>
  ({
    sheet: 'S',
    range: 'A1:I20',
    title: 'T',
    kind: 'project',
    scorable: true,
    budget: null,
    indicators: [],
    totals: { weight: 100, entered, enteredSum: entered, computed, grade: '优', unverifiedRows: [] },
    cells: {},
  }) as unknown as TableReport;
const finding = (severity: Finding['severity'], cell = 'H5'): Finding =>
  ({ severity, cell, sheet: 'S', table: 0, code: 'score-mismatch', message: 'm', row: 5 }) as unknown as Finding;
const file = (name: string, findings: Finding[], t = table(90, 90), error: string | null = null): OverviewFile => ({
  file: name,
  target: `out/${name}`,
  targetIsCopy: true,
  error,
  check: error ? null : ({ tables: [t], findings } as unknown as WorkbookCheck),
});

test('worst first: unreadable, then errors, warnings, total gap, name', () => {
  const files = [
    file('b.xlsx', [finding('warning')]),
    file('a.xlsx', [finding('warning')]),
    file('gap.xlsx', [finding('warning')], table(95, 80)),
    file('err.xlsx', [finding('error'), finding('info')]),
    file('bad.xls', [], undefined, '文件设置了打开密码：请去掉密码后再检查'),
    file('clean.xlsx', []),
  ];
  expect(rankFiles(files).map((f) => f.file)).toEqual(['bad.xls', 'err.xlsx', 'gap.xlsx', 'a.xlsx', 'b.xlsx', 'clean.xlsx']);
});

test('rows carry external links to the copy, the gap is marked, the totals line counts everything', () => {
  const m = buildOverview([file('a.xlsx', [finding('error', 'H7')], table(95, 80))]);
  const row = m.rows.find((r) => r[0]?.text === 'a.xlsx')!;
  expect(row[0].link).toEqual({ file: 'out/a.xlsx', sheet: 'S', cell: 'A1' });
  expect(row[6]).toEqual({ number: 95 });
  expect(row[7].number).toBe(80);
  expect(row[7].fill).toBeDefined(); // 重算总分 differs from 填报总分
  expect(row[9].link).toEqual({ file: 'out/a.xlsx', sheet: 'S', cell: 'H7' });
  expect(m.rows[1][0].text).toBe('共 1 个文件、1 张表：错误 1 · 警告 0 · 提示 0。问题最多的文件排在前面。');
});

test('the findings list uses the words of 自评汇总: 说明 the message, 问题 the kind in Chinese, 代码 last', () => {
  const m = buildOverview([file('a.xlsx', [finding('error', 'H7')], table(95, 80))]);
  expect(m.rows[m.findingsHeaderRow!].map((c) => c.text).filter(Boolean)).toEqual(['文件', '位置', '说明', '级别', '问题', '代码']);
  const row = m.rows[m.findingsHeaderRow! + 1];
  expect(row.map((c) => c.text).filter(Boolean)).toEqual(['a.xlsx', 'S!H7', 'm', '错误', '得分与评分规则不符', 'score-mismatch']);
  // The code sits in a hidden column past the table block.
  expect(m.hiddenColumns).toEqual([row.length - 1]);
  expect(row.length).toBeGreaterThan(m.rows[m.findingsHeaderRow! - 2].length);
});

test('the findings list stops at its maximum, worst files first, and says how many more there are', () => {
  const finding = (i: number) => ({ code: 'score-mismatch', severity: 'error', sheet: '表', cell: `H${i + 5}`, message: `第 ${i} 条`, table: 0 }) as unknown as Finding;
  const files: OverviewFile[] = [3, 5, 4].map((n, k) => ({
    file: `部门${k}.xlsx`,
    target: null,
    targetIsCopy: false,
    error: null,
    check: { tables: [], findings: Array.from({ length: n }, (_, i) => finding(i)) },
  }));
  const model = buildOverview(files, 6);
  const listed = model.rows.slice(model.findingsHeaderRow + 1).filter((r) => r.length > 1);
  expect(listed).toHaveLength(6);
  expect(listed.map((r) => r[0].text)).toEqual(['部门1.xlsx', '部门1.xlsx', '部门1.xlsx', '部门1.xlsx', '部门1.xlsx', '部门2.xlsx']); // the worst file first
  expect(model.rows[model.rows.length - 1][0].text).toBe('以上列出前 6 条问题，其余 6 条未列出：请查看各文件的标记副本或 --json 报告。');
  expect(buildOverview(files).rows.some((r) => r[0]?.text?.startsWith('以上列出前'))).toBe(false);
});

test('首个问题 is the root cause when a table has one, not merely the first error in sheet order', () => {
  const early = finding('error', 'H7');
  const cause = { ...finding('error', 'G40'), code: 'weight-total-mismatch', message: '各项分值合计 125 分' } as Finding;
  const m = buildOverview([file('a.xlsx', [early, cause], table(95, 80))]);
  const row = m.rows.find((r) => r[0]?.text === 'a.xlsx' && r.length === 10)!;
  expect(row[9].text).toContain('G40 各项分值合计 125 分');
});
