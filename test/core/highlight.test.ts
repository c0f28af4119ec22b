// planHighlights: one mark per cell; a mark on a merged block over several table rows is a note only.
import { planHighlights } from '../../src/core/highlight';
import { checkWorkbook } from '../../src/core/check';
import { mof2020 } from '../../src/core/profile';
import type { SheetGrid } from '../../src/core/types';
import { FIRST_ROW, cellOf, standardTable, withRow } from '../helpers/grids';

/** 产出 declared 50 with its first indicator at 分值 20 (sum 60), and that row's 得分 left at 10. */
function brokenBlock(): SheetGrid {
  return standardTable({ rows: withRow(0, { weight: 20, score: 10, actual: '1020人次' }) });
}

describe('planHighlights', () => {
  test('the 一级 label over the 产出 block gets its note without a fill; single cells keep theirs', () => {
    const grid = brokenBlock();
    const check = checkWorkbook([grid], mof2020);
    const label = `B${FIRST_ROW + 1}`;
    expect(check.findings.some((f) => f.cell === label)).toBe(true);
    const marks = planHighlights(check, { grids: [grid] });
    const onLabel = marks.find((m) => m.cell === label)!;
    expect(onLabel.noteOnly).toBe(true);
    expect(onLabel.note).toContain('产出');
    const others = marks.filter((m) => m.cell !== label);
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((m) => !m.noteOnly)).toBe(true);
    expect(others.some((m) => m.cell === cellOf(0, 'score'))).toBe(true);
  });

  test('without the grids (merges unknown) every mark is filled, as before', () => {
    const grid = brokenBlock();
    const marks = planHighlights(checkWorkbook([grid], mof2020));
    expect(marks.length).toBeGreaterThan(1);
    expect(marks.every((m) => !m.noteOnly)).toBe(true);
  });

  test('a merged cell over one indicator row (a reason written across two columns) is still filled', () => {
    const grid = standardTable({ rows: withRow(0, { actual: '3000人次', reason: '' }) });
    // The 偏差原因 cell of the first indicator spans I:J (one row): it is that row's one cell.
    grid.merges.push({ top: FIRST_ROW, left: 8, bottom: FIRST_ROW, right: 9 });
    const check = checkWorkbook([grid], mof2020);
    const reason = planHighlights(check, { grids: [grid] }).find((m) => m.cell === cellOf(0, 'reason'));
    expect(reason).toBeDefined();
    expect(reason!.kind).toBe('reason');
    expect(reason!.noteOnly).toBeUndefined();
  });

  test('a merged area over two indicator rows is a block; over a title line and one row it is not', () => {
    const grid = brokenBlock();
    const scoreCell = cellOf(0, 'score');
    // The first indicator's 得分 merged down over the second indicator's row: a block of two rows.
    const asBlock = { ...grid, merges: [...grid.merges, { top: FIRST_ROW, left: 7, bottom: FIRST_ROW + 1, right: 7 }] };
    const check = checkWorkbook([grid], mof2020);
    expect(planHighlights(check, { grids: [asBlock] }).find((m) => m.cell === scoreCell)!.noteOnly).toBe(true);
    // Merged up into the header row instead: one indicator row only.
    const withHeader = { ...grid, merges: [...grid.merges, { top: FIRST_ROW - 1, left: 7, bottom: FIRST_ROW, right: 7 }] };
    expect(planHighlights(check, { grids: [withHeader] }).find((m) => m.cell === scoreCell)!.noteOnly).toBeUndefined();
  });
});
