// Which cells get which fill and note: one mark per cell, shared by the CLI and the task pane.
import { parseA1 } from './grid';
import { noteLine } from './messages';
import type { CellMark, Finding, MergedArea, Severity, SheetGrid, TextOptions, WorkbookCheck } from './types';

/** Fill colours by severity; a missing 偏差原因 gets its own colour so people see where to write. */
export const markFills: Record<CellMark['kind'], string> = {
  error: 'FFC7CE',
  warning: 'FFEB9C',
  info: 'DDEBF7',
  reason: 'F8CBAD',
};

/** Starts every note we write, in every locale: clearing marks finds our notes by it. */
export const NOTE_PREFIX = '【绩效自评助手】';

/** Chinese severity names (messages.severityLabel has both languages). */
export const severityLabels: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

const rank: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Where the sheets' merged areas are known (the grids that were checked), marks on tall blocks are notes only. */
export interface HighlightOptions extends TextOptions {
  grids?: readonly Pick<SheetGrid, 'name' | 'merges'>[];
}

/**
 * The merged areas of each sheet that cover two or more rows of a checked table (its budget and
 * indicator rows): an 一级/二级 label, a 项目名称 beside the whole table. Filling one colours the
 * block (a merged area is drawn with its first cell's format), so such a mark is a note only. A cell
 * merged over the two lines of one indicator is still that indicator's one cell and is filled.
 */
function blockAreas(check: WorkbookCheck, grids: readonly Pick<SheetGrid, 'name' | 'merges'>[]): Map<string, MergedArea[]> {
  const tableRows = new Map<string, number[]>();
  for (const t of check.tables) {
    const rows = tableRows.get(t.sheet) ?? [];
    if (t.budget) rows.push(t.budget.row - 1);
    for (const i of t.indicators) rows.push(i.row - 1);
    tableRows.set(t.sheet, rows);
  }
  const out = new Map<string, MergedArea[]>();
  for (const g of grids) {
    const rows = tableRows.get(g.name);
    if (!rows?.length) continue;
    const blocks = g.merges.filter((a) => a.bottom > a.top && rows.filter((r) => r >= a.top && r <= a.bottom).length >= 2);
    if (blocks.length) out.set(g.name, blocks);
  }
  return out;
}

/** One mark per cell with findings; `options.locale` 'en' writes the note lines in English (default zh-CN). */
export function planHighlights(check: WorkbookCheck, options: HighlightOptions = {}): CellMark[] {
  const blocks = options.grids ? blockAreas(check, options.grids) : new Map<string, MergedArea[]>();
  const byCell = new Map<string, Finding[]>();
  for (const f of check.findings) {
    const key = `${f.sheet}\u0000${f.cell}`;
    const list = byCell.get(key);
    if (list) list.push(f);
    else byCell.set(key, [f]);
  }
  const marks: CellMark[] = [];
  for (const list of byCell.values()) {
    const { sheet, cell } = list[0];
    const worst = list.reduce<Severity>((w, f) => (rank[f.severity] > rank[w] ? f.severity : w), 'info');
    const kind: CellMark['kind'] = list.some((f) => f.code === 'reason-missing') ? 'reason' : worst;
    const { row, col } = parseA1(cell);
    const lines = list.map((f) => noteLine(f.severity, f.message, options.locale));
    const mark: CellMark = { sheet, cell, row, col, kind, fill: markFills[kind], note: `${NOTE_PREFIX}\n${lines.join('\n')}` };
    if (blocks.get(sheet)?.some((a) => row >= a.top && row <= a.bottom && col >= a.left && col <= a.right)) mark.noteOnly = true;
    marks.push(mark);
  }
  return marks;
}
