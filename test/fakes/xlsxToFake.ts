// Builds the fake Excel's JSON model from a real .xlsx (Node only: uses exceljs).
import ExcelJS from 'exceljs';
import type { FakeCell, FakeSheet, FakeValue, FakeWorkbookModel } from './fakeExcel';

function excelSerial(d: Date): number {
  // Excel's 1900 date system (with the 1900 leap-year bug): serial 25569 = 1970-01-01.
  return d.getTime() / 86_400_000 + 25569;
}

/** What Excel's Range.values would give for an exceljs cell value (formulas evaluated). */
export function excelValue(v: ExcelJS.CellValue): FakeValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return excelSerial(v);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('formula' in v || 'sharedFormula' in v) {
      const r = (v as ExcelJS.CellFormulaValue).result;
      if (r === undefined || r === null) return null;
      if (typeof r === 'object' && 'error' in r) return String(r.error);
      return excelValue(r as ExcelJS.CellValue);
    }
    if ('error' in v) return String((v as ExcelJS.CellErrorValue).error);
    if ('text' in v && 'hyperlink' in v) {
      const t = (v as ExcelJS.CellHyperlinkValue).text as unknown;
      return typeof t === 'string' ? t : excelValue(t as ExcelJS.CellValue);
    }
  }
  return String(v);
}

function isErrorValue(v: unknown): boolean {
  if (!v || typeof v !== 'object') return false;
  if ('error' in v) return true;
  const r = (v as { result?: unknown }).result;
  return !!r && typeof r === 'object' && 'error' in (r as object);
}

function argbToHex(argb: string | undefined): string | null {
  if (!argb) return null;
  const hex = argb.length === 8 ? argb.slice(2) : argb;
  return /^[0-9a-fA-F]{6}$/.test(hex) ? `#${hex.toUpperCase()}` : null;
}

export function fakeModelFromExcelJs(wb: ExcelJS.Workbook): FakeWorkbookModel {
  const sheets: FakeSheet[] = [];
  let n = 0;
  wb.eachSheet((ws) => {
    n++;
    const cells: Record<string, FakeCell> = {};
    const merges: string[] = [...((ws.model as unknown as { merges?: string[] }).merges ?? [])];
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const c: FakeCell = {};
        const isSlave = cell.isMerged && cell.master && cell.master.address !== cell.address;
        if (!isSlave) {
          const v = excelValue(cell.value);
          if (v !== null && v !== '') c.v = v;
          const raw = cell.value as unknown;
          if (raw && typeof raw === 'object' && 'formula' in (raw as object)) c.f = `=${(raw as ExcelJS.CellFormulaValue).formula}`;
          // An error value (t="e" in the file, or a formula whose cached result is one) is what
          // Range.valueTypes calls 'Error'; a string that merely reads '#N/A' is text.
          if (isErrorValue(raw)) c.t = 'Error';
        }
        if (cell.numFmt && cell.numFmt !== 'General') c.nf = cell.numFmt;
        const fill = cell.fill as ExcelJS.FillPattern | undefined;
        if (fill && fill.type === 'pattern' && fill.pattern && fill.pattern !== 'none') {
          const color = argbToHex(fill.fgColor?.argb);
          if (color) c.fill = fill.pattern === 'solid' ? { color } : { color, pattern: fill.pattern };
        }
        if (cell.font?.bold) c.bold = true;
        if (Object.keys(c).length > 0) cells[cell.address] = c;
      });
    });
    sheets.push({ id: `{sheet-${n}}`, name: ws.name, cells, merges });
  });
  return { sheets, settings: {}, notes: [], comments: [], active: sheets[0]?.id, nextId: 100 };
}

export async function loadFakeWorkbookFromXlsx(path: string): Promise<FakeWorkbookModel> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return fakeModelFromExcelJs(wb);
}
