// RULES §8 "confidence decides severity": a column read by assumption never brings errors with it.
// The property runs over every real table we hold: rename one header title at a time to a title no
// list knows; errors never rise, and when they fall a finding says which part was not read.
import fs from 'node:fs';
import path from 'node:path';
import { checkWorkbook } from '../../src/core/check';
import { findTables } from '../../src/core/findTables';
import { mof2020 } from '../../src/core/profile';
import type { CellValue, Finding, SheetGrid } from '../../src/core/types';
import { readXlsxGrids } from '../../src/files/fastGrid';
import { FIRST_ROW, cleanRows, standardTable } from '../helpers/grids';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const files = ['', 'realworld', 'unseen', 'realworld3'].flatMap((d) => {
  const dir = path.join(FIXTURES, d);
  return fs.readdirSync(dir).filter((f) => f.endsWith('.xlsx') && !f.endsWith('.fw.xlsx')).map((f) => path.join(dir, f));
});

/** Findings that say a part of the table was not read, or read by assumption. */
const EXPLAINS = new Set(['table-not-recognized', 'not-scorable', 'column-assumed']);
const errors = (fs: Finding[]) => fs.filter((f) => f.severity === 'error');
const UNKNOWN_TITLE = '栏目甲';

const grids: { file: string; sheet: SheetGrid }[] = [];
beforeAll(async () => {
  for (const file of files) {
    for (const sheet of await readXlsxGrids(new Uint8Array(fs.readFileSync(file)))) grids.push({ file: path.basename(file), sheet });
  }
});

test('renaming any header title to an unknown one never adds an error; fewer errors come with a finding saying why', () => {
  let renamed = 0;
  let fell = 0;
  const rises: string[] = [];
  const silent: string[] = [];
  for (const { file, sheet } of grids) {
    const base = checkWorkbook([sheet], mof2020).findings;
    for (const table of findTables(sheet)) {
      for (const [role, col] of Object.entries(table.columns) as [string, number][]) {
        for (let r = table.headerRow; r <= table.headerEnd; r++) {
          const title = sheet.values[r]?.[col];
          if (typeof title !== 'string' || !title.trim()) continue;
          const values = sheet.values.map((row) => [...row]);
          values[r][col] = UNKNOWN_TITLE;
          const found = checkWorkbook([{ ...sheet, values }], mof2020).findings;
          renamed++;
          const what = `${file} ${sheet.name} ${role} “${title.replace(/\s+/g, '')}”: ${errors(base).length} → ${errors(found).length}`;
          if (errors(found).length > errors(base).length) rises.push(what);
          if (errors(found).length < errors(base).length) {
            fell++;
            if (!found.some((f) => EXPLAINS.has(f.code) && !base.some((b) => b.code === f.code && b.cell === f.cell))) silent.push(what);
          }
        }
      }
    }
  }
  expect(grids.length).toBeGreaterThanOrEqual(20);
  expect(renamed).toBeGreaterThan(150);
  expect(fell).toBeGreaterThan(20);
  expect(rises).toEqual([]);
  expect(silent).toEqual([]);
}, 120_000);

/** The standard table with one header title replaced. */
function renamed(title: string, to: string, rows = cleanRows()): SheetGrid {
  const g = standardTable({ rows });
  const header = g.values[FIRST_ROW - 1];
  header[header.indexOf(title)] = to;
  return g;
}

describe('a column read by its values (RULES §8)', () => {
  it('a 分值 column under an unknown title is read by its sum; the wrong score it reveals is held back, named once', () => {
    const rows = cleanRows();
    rows[1][6] = 8; // 覆盖社区数 20 of 20: 10 points, not 8
    const plain = checkWorkbook([standardTable({ rows, total: [100, 97.5] })], mof2020).findings;
    expect(plain.filter((f) => f.code === 'score-mismatch').map((f) => f.cell)).toEqual(['H7']);
    const g = renamed('分值', '标准分', rows);
    g.values[g.values.length - 1][7] = 97.5;
    const found = checkWorkbook([g], mof2020).findings;
    expect(errors(found)).toEqual([]);
    const assumed = found.filter((f) => f.code === 'column-assumed');
    expect(assumed).toHaveLength(1);
    expect(assumed[0]).toMatchObject({ severity: 'warning', cell: 'G5', found: 1 });
    expect(assumed[0].message).toContain('按“标准分”列为分值');
    expect(assumed[0].message).toContain('另有 1 处问题');
  });

  it('a 得分 column under an unknown title is read when no number exceeds its row’s 分值', () => {
    const found = checkWorkbook([renamed('得分', '考核分')], mof2020).findings;
    expect(errors(found)).toEqual([]);
    expect(found.filter((f) => f.code === 'column-assumed')).toHaveLength(1);
    expect(found.filter((f) => f.code === 'not-scorable')).toEqual([]);
  });

  it('a 三级指标 column under an unknown title is the text column left of the targets', () => {
    const rows = cleanRows();
    rows[2][2] = rows[0][2]; // a duplicate name is still seen
    const found = checkWorkbook([renamed('三级指标', '考核内容', rows)], mof2020).findings;
    expect(found.filter((f) => f.code === 'duplicate-indicator').map((f) => f.cell)).toEqual(['D8']);
    expect(found.find((f) => f.code === 'column-assumed')?.message).toContain('按“考核内容”列为三级指标');
  });

  it('a column of 大于等于 / 小于等于 words under an unknown title gives the operator', () => {
    const g = standardTable();
    // Insert a column before 年度指标值: 小于等于 on the cost row, 大于等于 elsewhere; targets bare.
    g.values = g.values.map((row, r) => {
      const copy = [...row];
      if (r === FIRST_ROW - 1) copy.splice(4, 0, '比较');
      else if (r >= FIRST_ROW && r < FIRST_ROW + 9) copy.splice(4, 0, r === FIRST_ROW + 4 ? '小于等于' : '大于等于');
      else if (r > 3) copy.splice(4, 0, null);
      return copy;
    });
    g.values[FIRST_ROW + 4][5] = '300元';
    g.numberFormats = undefined;
    g.merges = g.merges.map((m) => (m.right >= 4 && m.top >= FIRST_ROW ? { ...m, right: m.right + 1 } : m));
    const t = findTables(g)[0];
    expect(t.inferred.map((i) => i.role)).toEqual(['direction']);
    const found = checkWorkbook([g], mof2020).findings;
    expect(errors(found)).toEqual([]);
    // 280元 against 300元 at most is met: no reason asked, full score.
    expect(checkWorkbook([g], mof2020).tables[0].indicators[4]).toMatchObject({ score: 10, needsReason: false });
  });

  it('an unknown extra column does not start guessing when every needed column is known', () => {
    const g = standardTable();
    g.values[FIRST_ROW - 1].push('备注');
    g.values[FIRST_ROW].push('无');
    const found = checkWorkbook([g], mof2020).findings;
    expect(found.filter((f) => f.code === 'column-assumed')).toEqual([]);
  });
});

test('shuffled columns under known titles read the same: the same findings on the same rows', () => {
  const rows = cleanRows();
  rows[0][6] = 8;
  rows[3][4] = '90%';
  const g = standardTable({ rows, total: [100, 97.5] });
  const order = [0, 1, 2, 3, 6, 4, 7, 5, 8]; // 分值 before 年度指标值, 得分 before 实际完成值
  const shuffled: SheetGrid = {
    ...g,
    numberFormats: undefined,
    merges: g.merges.filter((m) => m.left === m.right && m.left < 4),
    values: g.values.map((row, r) => (r >= FIRST_ROW - 1 && r < FIRST_ROW + rows.length ? order.map((c) => (row[c] ?? null) as CellValue) : row)),
  };
  shuffled.values[FIRST_ROW + rows.length] = ['总分', null, null, null, 100, null, 97.5];
  const key = (f: Finding) => `${f.code}@${f.row}`;
  const before = checkWorkbook([g], mof2020).findings.filter((f) => f.row > FIRST_ROW).map(key).sort();
  const after = checkWorkbook([shuffled], mof2020).findings.filter((f) => f.row > FIRST_ROW).map(key).sort();
  expect(before.length).toBeGreaterThan(2);
  expect(after).toEqual(before);
});

test('a 年度指标值 column under an unknown title is read from its operators and numbers; its errors are held back', () => {
  const rows = cleanRows();
  rows[0][4] = '800人次'; // below ≥1000人次 with full marks and no reason
  const plain = checkWorkbook([standardTable({ rows })], mof2020).findings;
  expect(errors(plain).map((f) => f.code).sort()).toEqual(['reason-missing', 'score-mismatch']);
  const found = checkWorkbook([renamed('年度指标值', '计划数', rows)], mof2020).findings;
  expect(errors(found)).toEqual([]);
  const assumed = found.filter((f) => f.code === 'column-assumed');
  expect(assumed).toHaveLength(1);
  expect(assumed[0].message).toContain('按“计划数”列为年度指标值');
  expect(assumed[0].found).toBe(2);
  // A header with no column that reads as targets is no table: said once, as before.
  const g = renamed('年度指标值', '计划数');
  for (let r = FIRST_ROW; r < FIRST_ROW + 9; r++) g.values[r][4] = '见附件';
  const none = checkWorkbook([g], mof2020);
  expect(none.tables.filter((t) => t.indicators.length > 0)).toEqual([]);
  expect(none.findings.filter((f) => f.code === 'table-not-recognized')).toHaveLength(1);
});
