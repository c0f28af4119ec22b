// Issue 19: a 评价等次 only on a frame that can hold it. 分值 that do not add up to the 总分, or a
// recalculated total above the full score, withhold the grade (待核, with the reason) everywhere a
// person reads it — the report keeps `grade` (REPORT.md), `gradePending` says why not to use it.
import { checkWorkbook } from '../../src/core/check';
import { gradePendingText } from '../../src/core/messages';
import { mof2020 } from '../../src/core/profile';
import { buildSummary } from '../../src/core/summary';
import { cleanRows, standardTable, withRow } from '../helpers/grids';

test('weights that add up to 110: no grade to read, no grade-mismatch asserted, the reason in words', () => {
  const rows = withRow(0, { weight: 20, score: 20 });
  const r = checkWorkbook([standardTable({ rows, total: [110, 109.5], grade: '良' })], mof2020);
  // The 总分 row repeats the wrong sum (110): the frame is still the full 100.
  expect(r.tables[0].totals.gradePending).toEqual({ reason: 'weights', total: 110, expected: 100 });
  expect(gradePendingText(r.tables[0].totals.gradePending!)).toBe('分值合计 110 分，不是 100 分');
  expect(r.findings.filter((f) => f.code === 'grade-mismatch')).toEqual([]);
  expect(r.findings.some((f) => f.code === 'weight-total-mismatch')).toBe(true);
});

test('a clean table keeps its grade; the English reason is English', () => {
  const clean = checkWorkbook([standardTable({ rows: cleanRows() })], mof2020);
  expect(clean.tables[0].totals).toMatchObject({ grade: '优' });
  expect(clean.tables[0].totals.gradePending).toBeUndefined();
  const rows = withRow(0, { weight: 20, score: 20 });
  const en = checkWorkbook([standardTable({ rows })], mof2020, { locale: 'en' });
  expect(gradePendingText(en.tables[0].totals.gradePending!, 'en')).toBe('weights total 110, not 100');
});

test('自评汇总 shows 待核 with the reason instead of the grade', () => {
  const rows = withRow(0, { weight: 20, score: 20 });
  const check = checkWorkbook([standardTable({ rows })], mof2020);
  const model = buildSummary([{ file: 'a.xlsx', check }]);
  const texts = model.rows.flatMap((r) => r.map((c) => c?.text ?? ''));
  expect(texts.some((t) => t.startsWith('待核（分值合计 110 分'))).toBe(true);
});

test('the pane’s overview row and the bureau’s 总览 carry the withheld grade', async () => {
  const { tableSummaries } = await import('../../src/taskpane/state');
  const { strings } = await import('../../src/taskpane/i18n');
  const rows = withRow(0, { weight: 20, score: 20 });
  const check = checkWorkbook([standardTable({ rows })], mof2020);
  const [row] = tableSummaries(check);
  expect(row.gradePending).toEqual({ reason: 'weights', total: 110, expected: 100 });
  expect(strings.zh.gradePendingReason(row.gradePending!)).toBe('分值合计 110 分，不是 100 分');
  expect(strings.en.gradePendingReason(row.gradePending!)).toBe('weights total 110, not 100');
});
