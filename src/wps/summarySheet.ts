// The 自评汇总 sheet in WPS: the summary model (core/summary.ts) written as the Excel gateway writes
// it — values in one block (text cells formatted '@', so "=…" stays text), live references as
// formulas, links to the cells (Hyperlinks.Add with a SubAddress), bold and fills, column widths.
import { sheetRef } from '../taskpane/excel/address';
import { summaryLayout } from '../core/summary';
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
  layOut(ws, model, width);
}

/** WPS's XlVAlign xlCenter, XlPageOrientation xlLandscape and XlPaperSize xlPaperA4 (et-jsapi-declare). */
const XL_CENTER = -4108;
const XL_LANDSCAPE = 2;
const XL_PAPER_A4 = 9;

/**
 * As the files and Excel lay it out (core summaryLayout): grid rows wrap and fit their text; A4
 * landscape, one page wide, a header row on every page; a filter on the list of findings. Printing
 * and the filter are a convenience: where WPS refuses one, the sheet is still all there.
 */
function layOut(ws: WpsWorksheet, model: SummaryModel, width: number): void {
  const layout = summaryLayout(model);
  for (const run of layout.gridRuns) {
    const block = ws.Range(`A${run.top + 1}`).Resize(run.count, width);
    block.WrapText = true;
    block.VerticalAlignment = XL_CENTER;
    block.Rows.AutoFit();
  }
  try {
    const page = ws.PageSetup;
    page.Orientation = XL_LANDSCAPE;
    page.PaperSize = XL_PAPER_A4;
    page.Zoom = false;
    page.FitToPagesWide = 1;
    page.FitToPagesTall = false;
    if (layout.printTitleRow !== null) page.PrintTitleRows = `$${layout.printTitleRow}:$${layout.printTitleRow}`;
    const f = layout.filter;
    if (f) ws.Range(`A${f.top + 1}`).Resize(f.bottom - f.top + 1, f.columns).AutoFilter();
  } catch (e) {
    console.warn('[绩效自评助手] 自评汇总的打印设置或筛选未能设置', e);
  }
}
