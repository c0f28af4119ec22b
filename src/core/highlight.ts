// Which cells get which fill and note: one mark per cell, shared by the CLI and the task pane.
import { parseA1 } from './grid';
import { noteLine } from './messages';
import type { CellMark, Finding, Severity, TextOptions, WorkbookCheck } from './types';

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

/** One mark per cell with findings; `options.locale` 'en' writes the note lines in English (default zh-CN). */
export function planHighlights(check: WorkbookCheck, options: TextOptions = {}): CellMark[] {
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
    marks.push({ sheet, cell, row, col, kind, fill: markFills[kind], note: `${NOTE_PREFIX}\n${lines.join('\n')}` });
  }
  return marks;
}
