// Cell-for-cell comparison of two .xlsx workbooks with exceljs: values, formulas, fills and notes of
// every cell of every sheet (what "the page's copy equals the CLI's copy" means).
import ExcelJS from 'exceljs';

export interface CellDump {
  sheets: string[];
  cells: Record<string, unknown>;
}

export async function dumpWorkbook(bytes: Uint8Array | ArrayBuffer): Promise<CellDump> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as ArrayBuffer);
  const cells: Record<string, unknown> = {};
  const sheets: string[] = [];
  wb.eachSheet((ws) => {
    sheets.push(`${ws.name}:${ws.state}`);
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: true }, (cell) => {
        const fill = cell.fill && cell.fill.type === 'pattern' ? (cell.fill.fgColor as { argb?: string } | undefined)?.argb ?? null : null;
        const note = cell.note ? (typeof cell.note === 'string' ? cell.note : (cell.note.texts ?? []).map((t) => t.text).join('')) : null;
        const value = cell.value instanceof Date ? cell.value.toISOString() : cell.value;
        if (value === null && fill === null && note === null) return;
        cells[`${ws.name}!${cell.address}`] = { value, fill, note };
      });
    });
  });
  return { sheets, cells };
}
