// The SheetGrid contract (types.ts) checked at the Node API's door: scripts build grids by hand,
// and a null, a string where a row should be or a merge past the sheet must become a PeInputError
// naming the place, not a TypeError (or a hang) deep inside the checker. One pass over the cells.
import { PeInputError } from './errors';
import { EXCEL_LIMITS } from './limits';
import type { SheetGrid } from './types';

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);

function bad(message: string, value?: unknown): never {
  throw new PeInputError('invalid', message, value);
}

/** Throws PeInputError unless `sheets` is an array of valid SheetGrids; returns it typed. */
export function validateSheets(sheets: unknown): SheetGrid[] {
  if (!Array.isArray(sheets)) bad('checkWorkbook 需要工作表数组（SheetGrid[]），收到的是' + kindOf(sheets), sheets);
  sheets.forEach((s, i) => validateSheet(s, i));
  return sheets as SheetGrid[];
}

function kindOf(v: unknown): string {
  if (v === null) return ' null';
  if (Array.isArray(v)) return '数组';
  return ` ${typeof v}`;
}

/** Throws PeInputError unless `sheet` is a valid SheetGrid (index i names it in messages). */
export function validateSheet(sheet: unknown, i: number): SheetGrid {
  const at = `第 ${i + 1} 个工作表`;
  if (sheet === null || typeof sheet !== 'object' || Array.isArray(sheet)) bad(`${at}应为对象（SheetGrid），收到的是${kindOf(sheet)}`, sheet);
  const s = sheet as Partial<SheetGrid>;
  if (typeof s.name !== 'string') bad(`${at}缺少名称（name 应为文本）`, s.name);
  const where = `工作表“${s.name.slice(0, EXCEL_LIMITS.sheetNameChars)}”`;
  if (!Array.isArray(s.values)) bad(`${where}缺少 values（应为行的数组）`, s.values);
  if (s.values.length > EXCEL_LIMITS.rows) bad(`${where}的行数超过 Excel 上限 ${EXCEL_LIMITS.rows}`, s.values.length);
  for (let r = 0; r < s.values.length; r++) {
    const row = s.values[r] as unknown;
    if (row === undefined || row === null) continue;
    if (!Array.isArray(row)) bad(`${where}第 ${r + 1} 行应为数组`, row);
    if (row.length > EXCEL_LIMITS.columns) bad(`${where}第 ${r + 1} 行的列数超过 Excel 上限 ${EXCEL_LIMITS.columns}`, row.length);
    for (let c = 0; c < row.length; c++) {
      const v = row[c] as unknown;
      const t = typeof v;
      if (v === null || t === 'undefined' || t === 'boolean') continue;
      if (t === 'number') {
        if (!Number.isFinite(v as number)) bad(`${where}第 ${r + 1} 行第 ${c + 1} 列不是有限数值：${String(v)}`, v);
      } else if (t === 'string') {
        if ((v as string).length > EXCEL_LIMITS.cellChars) bad(`${where}第 ${r + 1} 行第 ${c + 1} 列的文本超过单元格上限 ${EXCEL_LIMITS.cellChars} 个字符`);
      } else bad(`${where}第 ${r + 1} 行第 ${c + 1} 列的值类型不支持：${t}（可为文本、数字、布尔值或 null）`, v);
    }
  }
  if (s.numberFormats !== undefined && s.numberFormats !== null) {
    if (!Array.isArray(s.numberFormats)) bad(`${where}的 numberFormats 应为数组`, s.numberFormats);
    for (let r = 0; r < s.numberFormats.length; r++) {
      const row = s.numberFormats[r] as unknown;
      if (row === undefined || row === null) continue;
      if (!Array.isArray(row)) bad(`${where}的 numberFormats 第 ${r + 1} 行应为数组`, row);
      for (let c = 0; c < row.length; c++) {
        const f = row[c] as unknown;
        if (f !== null && f !== undefined && (typeof f !== 'string' || f.length > 255)) bad(`${where}的数字格式（第 ${r + 1} 行第 ${c + 1} 列）应为文本`, f);
      }
    }
  }
  // No merges is fine (GridView reads a missing list as none); the caller's object is not touched.
  if (s.merges === undefined || s.merges === null) {
    /* none */
  } else if (!Array.isArray(s.merges)) bad(`${where}的 merges 应为数组`, s.merges);
  else {
    s.merges.forEach((m: unknown, k) => {
      const a = m as Record<string, unknown> | null;
      const ok =
        a !== null && typeof a === 'object' && isInt(a.top) && isInt(a.left) && isInt(a.bottom) && isInt(a.right) &&
        a.top >= 0 && a.left >= 0 && a.top <= a.bottom && a.left <= a.right && a.bottom < EXCEL_LIMITS.rows && a.right < EXCEL_LIMITS.columns;
      if (!ok) bad(`${where}的第 ${k + 1} 个合并区域无效（需要 0 起的整数 top ≤ bottom、left ≤ right，且在 Excel 的行列范围内）`, m);
    });
  }
  const fwv = s.formulasWithoutValue as unknown;
  if (fwv !== undefined && fwv !== null) {
    if (!Array.isArray(fwv) || !fwv.every((p) => Array.isArray(p) && p.length === 2 && isInt(p[0]) && isInt(p[1]) && p[0] >= 0 && p[1] >= 0)) {
      bad(`${where}的 formulasWithoutValue 应为 [行, 列] 的数组`, fwv);
    }
  }
  return s as SheetGrid;
}
