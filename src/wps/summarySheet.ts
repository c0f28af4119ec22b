// The 自评汇总 sheet in WPS: the summary model (core/summary.ts) written as the Excel gateway writes
// it — values in one block (text cells formatted '@', so "=…" stays text), live references as
// formulas, links to the cells (Hyperlinks.Add with a SubAddress), bold and fills, column widths.
import { sheetRef } from '../taskpane/excel/address';
import type { SummaryCell, SummaryModel } from '../core/types';
import { bgrOf, type WpsWorksheet } from './wpsApi';

export async function writeSummarySheet(ws: WpsWorksheet, model: SummaryModel, breathe: () => Promise<void>): Promise<void> {
  const rows = model.rows;
  const width = Math.max(1, ...rows.map((r) => r.length));
  if (rows.length === 0) return;
  const values: (string | number)[][] = [];
  const formats: string[][] = [];
  for (const row of rows) {
    const v: (string | number)[] = [];
    const f: string[] = [];
    for (let c = 0; c < width; c++) {
      const cell: SummaryCell | undefined = row[c];
      if (cell && cell.number !== undefined && cell.number !== null && Number.isFinite(cell.number)) {
        v.push(cell.number);
        f.push(cell.format ?? 'General');
      } else if (cell && cell.text !== undefined) {
        v.push(cell.text);
        f.push('@');
      } else {
        v.push('');
        f.push(cell?.ref ? cell.format ?? 'General' : 'General');
      }
    }
    values.push(v);
    formats.push(f);
  }
  const block = ws.Range('A1').Resize(rows.length, width);
  // One format per column where the column shares it, else per cell (WPS takes a single format per call).
  for (let c = 0; c < width; c++) {
    const col = formats.map((f) => f[c]);
    if (col.every((x) => x === col[0])) block.Columns.Item(c + 1).NumberFormat = col[0];
    else col.forEach((fmt, r) => (block.Item(r + 1, c + 1).NumberFormat = fmt));
  }
  block.Value2 = values;
  await breathe();
  for (let r = 0; r < rows.length; r++) {
    rows[r].forEach((cell, c) => {
      if (!cell) return;
      const target = block.Item(r + 1, c + 1);
      if (cell.ref) target.Formula = `=${sheetRef(cell.ref.sheet, cell.ref.cell)}`;
      if (cell.link && !cell.link.file) {
        ws.Hyperlinks.Add(target, '', sheetRef(cell.link.sheet, cell.link.cell), `${cell.link.sheet}!${cell.link.cell}`, cell.text ?? `${cell.link.sheet}!${cell.link.cell}`);
      }
      if (cell.bold) target.Font.Bold = true;
      if (cell.fill) target.Interior.Color = bgrOf(cell.fill);
    });
    if (r % 200 === 199) await breathe();
  }
  model.columnWidths.forEach((w, c) => {
    if (w > 0) ws.Columns(c + 1).ColumnWidth = w;
  });
  // The rule codes: kept for filtering, hidden (Range.Hidden on a whole column, as in VBA).
  for (const c of model.hiddenColumns ?? []) ws.Columns(c + 1).Hidden = true;
}
