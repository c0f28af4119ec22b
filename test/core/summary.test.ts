import { kindName } from '../../src/core/kinds';
import { checkWorkbook } from '../../src/core/check';
import { NOTE_PREFIX, markFills, planHighlights } from '../../src/core/highlight';
import { mof2020 } from '../../src/core/profile';
import { buildReport } from '../../src/core/report';
import { buildSummary } from '../../src/core/summary';
import { FIRST_ROW, cellOf, cleanRows, standardTable, withRow } from '../helpers/grids';

const broken = () => checkWorkbook([standardTable({ name: '=HYPERLINK("http://x","y")', rows: withRow(0, { actual: '800人次' }), total: [100, 98] })], mof2020);

describe('planHighlights', () => {
  it('gives one mark per cell with the worst severity and all messages in the note', () => {
    const check = broken();
    const marks = planHighlights(check);
    const cells = marks.map((m) => `${m.sheet}!${m.cell}`);
    expect(new Set(cells).size).toBe(cells.length);
    const score = marks.find((m) => m.cell === cellOf(0, 'score'))!;
    expect(score).toMatchObject({ kind: 'error', fill: markFills.error, row: 5, col: 7 });
    expect(score.note.startsWith(NOTE_PREFIX)).toBe(true);
    expect(score.note).toContain('得分应为 8');
    const reason = marks.find((m) => m.cell === cellOf(0, 'reason'))!;
    expect(reason.kind).toBe('reason');
  });
  it('marks nothing on a clean table but infos', () => {
    const marks = planHighlights(checkWorkbook([standardTable()], mof2020));
    expect(marks.filter((m) => m.kind !== 'info')).toEqual([]);
  });
});

describe('buildSummary', () => {
  it('has one row per table and one row per finding with links', () => {
    const check = broken();
    const model = buildSummary([{ file: 'a.xlsx', check }]);
    const texts = model.rows.map((r) => r.map((c) => c.text ?? c.number ?? '').join('|'));
    const tableRow = model.rows[5];
    expect(tableRow[0]).toMatchObject({ text: '项目支出自评表', link: { sheet: '项目支出自评表', cell: 'A1' } });
    // a name starting with '=' is carried as text, never as a formula
    expect(tableRow[1]).toEqual({ text: '=HYPERLINK("http://x","y")' });
    const enteredTotal = tableRow.find((c) => c.ref);
    expect(enteredTotal).toMatchObject({ number: 98, ref: { sheet: '项目支出自评表', cell: 'H15' } });
    const findingsHeader = model.rows[model.findingsHeaderRow];
    expect(findingsHeader.map((c) => c.text).filter(Boolean)).toEqual(['位置', '说明', '级别', '问题', '代码']);
    // The code: a hidden column right of the table block (kept for filtering, not printed).
    expect(findingsHeader.length - 1).toBe(model.rows[4].length);
    expect(model.hiddenColumns).toEqual([findingsHeader.length - 1]);
    // A colour legend above the tables, in the marks' own fills.
    expect(model.rows[2].map((c) => c.text)).toEqual(['颜色说明：', '错误', '警告', '提示', '缺少偏差原因']);
    expect(model.rows[2].slice(1).every((c) => !!c.fill)).toBe(true);
    // and why a merged block has a note but no colour, on a line of its own
    expect(model.rows[3].map((c) => c.text)).toEqual(['整块合并单元格（如跨多行的一级指标）上的问题只加批注、不着色，以免整块变色。']);
    // On paper: the columns of a landscape A4 page at ≥ 9 pt (about 150 characters at 11 pt, fitted).
    expect(model.columnWidths.slice(0, model.rows[4].length).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(150);
    const findingRows = model.rows.slice(model.findingsHeaderRow + 1);
    expect(findingRows).toHaveLength(check.findings.length);
    expect(findingRows[0][0].link).toEqual({ sheet: check.findings[0].sheet, cell: check.findings[0].cell });
    // Each problem in words (Chinese), the rule code kept in the last column.
    findingRows.forEach((row, i) => {
      expect(row[3].text).toBe(kindName(check.findings[i].code));
      expect(row[3].text).toMatch(/[\u4e00-\u9fff]/);
      expect(row[3].text).not.toBe(check.findings[i].code);
      expect(row[row.length - 1].text).toBe(check.findings[i].code);
    });
    const mismatch = findingRows.find((r) => r[r.length - 1].text === 'score-mismatch');
    expect(mismatch?.[3].text).toBe('得分与评分规则不符');
    expect(texts.join('\n')).toContain('score-mismatch');
  });
  it('across several files adds a file column and no links', () => {
    const model = buildSummary([
      { file: 'a.xlsx', check: broken() },
      { file: 'b.xlsx', check: checkWorkbook([standardTable()], mof2020) },
    ]);
    const rows = model.rows.slice(5, 7);
    expect(rows.map((r) => r[0].text)).toEqual(['a.xlsx', 'b.xlsx']);
    expect(model.rows.flat().some((c) => c.link || c.ref)).toBe(false);
  });
  it('says so when there is no table', () => {
    const model = buildSummary([{ file: 'x.xlsx', check: { tables: [], findings: [] } }]);
    expect(model.rows.flat().map((c) => c.text).join('')).toContain('未找到绩效自评表');
  });
});

describe('buildReport', () => {
  it('counts findings by severity', () => {
    const check = broken();
    const report = buildReport('mof2020', [{ file: 'a.xlsx', error: null, ...check }]);
    expect(report.summary.errors).toBe(check.findings.filter((f) => f.severity === 'error').length);
    expect(report.summary.errors).toBeGreaterThan(0);
    expect(report.summary.tables).toBe(1);
  });
});

describe('partly unverified totals (RULES §7)', () => {
  it('the table row names the rows counted as entered', () => {
    const rows = cleanRows();
    rows[6] = [null, null, '制度建设', '建立', '详见附件', 10, 10, '见报告'];
    const check = checkWorkbook([standardTable({ rows })], mof2020);
    const model = buildSummary([{ file: 'a.xlsx', check }]);
    const header = model.rows[4].map((c) => c.text);
    const col = header.indexOf('重算总分未核验部分');
    expect(col).toBeGreaterThan(header.indexOf('重算总分'));
    expect(model.rows[5][col].text).toBe(`第 ${FIRST_ROW + 7} 行无法计分，按填报得分计入`);
    const clean = buildSummary([{ file: 'a.xlsx', check: checkWorkbook([standardTable()], mof2020) }]);
    expect(clean.rows[5][col].text).toBe('');
  });
});
