// What pe-check agrees to read, as data: checked before the work they bound (inflating, parsing,
// loading into exceljs), so a hostile or broken file costs seconds and megabytes, never gigabytes.
// Real 绩效自评表 workbooks are tens of kilobytes; the 40-sheet benchmark workbook has ~60,000
// cells and 800 merged areas. Choices are written down in docs/DECISIONS.md (issue 11).
import { EXCEL_LIMITS } from '../core/limits';
import { CliError } from './errors';

const MB = 1024 * 1024;

export const READ_LIMITS = {
  ...EXCEL_LIMITS,
  /** Bytes of the .xlsx file itself. */
  fileBytes: 200 * MB,
  /** Entries in the zip package. */
  entries: 10_000,
  /** Inflated bytes of one part (a sheet's XML, an image). */
  partBytes: 64 * MB,
  /** Inflated bytes of the whole package. */
  packageBytes: 256 * MB,
  /** Merged areas in a workbook (exceljs checks each new one against the merged cells). */
  mergeAreas: 20_000,
  /** Cells covered by merged areas (both readers materialise every one of them). */
  mergedCells: 1_000_000,
  /** Cells in a workbook read for a report only (the lean reader). */
  cells: 4_000_000,
  /** Cells of a workbook in another format (.xls, .ods …) converted to .xlsx for its copy. */
  writeCells: 400_000,
  /**
   * Bytes of a text-format workbook (an HTML table or Excel 2003 XML saved as .xls): parsed whole as
   * one string, many times its size in memory. Real ones are under 1 MB; a 190 MB one killed V8.
   */
  textBytes: 16 * MB,
} as const;

/**
 * The file is beyond what we read: exit 2 with this one-line reason, never a fallback to the
 * other reader (which would do the expensive work anyway).
 */
export class LimitError extends CliError {
  constructor(message: string) {
    super(message);
    this.name = 'LimitError';
  }
}

const n = (x: number) => x.toLocaleString('en-US');
export const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;

export const limitMessages = {
  file: (size: number) => `文件过大（${mb(size)}，上限 ${mb(READ_LIMITS.fileBytes)}）`,
  entries: (count: number) => `压缩包内文件过多（${n(count)} 个，上限 ${n(READ_LIMITS.entries)} 个），可能不是正常的工作簿`,
  part: (name: string) => `文件内容解压后过大（${name} 超过 ${mb(READ_LIMITS.partBytes)}），可能是压缩炸弹，已拒绝读取`,
  package: () => `文件内容解压后过大（合计超过 ${mb(READ_LIMITS.packageBytes)}），可能是压缩炸弹，已拒绝读取`,
  row: (sheet: string) => `工作表“${sheet}”的行号超出 Excel 上限 ${n(READ_LIMITS.rows)}`,
  column: (sheet: string) => `工作表“${sheet}”的列号超出 Excel 上限 ${n(READ_LIMITS.columns)}（XFD）`,
  cellChars: (sheet: string) => `工作表“${sheet}”有单元格超过 Excel 上限 ${n(READ_LIMITS.cellChars)} 个字符`,
  sheetName: (name: string) => `工作表名称超过 Excel 上限 ${READ_LIMITS.sheetNameChars} 个字符：“${name.slice(0, 31)}…”`,
  mergeAreas: (count: number) => `合并区域过多（${n(count)} 个，上限 ${n(READ_LIMITS.mergeAreas)} 个）`,
  mergedCells: (count: number) => `合并区域过大（共 ${n(count)} 个单元格，上限 ${n(READ_LIMITS.mergedCells)} 个）`,
  mergeRange: (sheet: string) => `工作表“${sheet}”的合并区域超出 Excel 的行列范围`,
  cells: () => `单元格过多（超过 ${n(READ_LIMITS.cells)} 个）`,
  textBytes: (size: number) => `网页或 XML 格式的表格文件过大（${mb(size)}，上限 ${mb(READ_LIMITS.textBytes)}），不像正常的自评表；请在 Excel/WPS 中另存为 .xlsx 后再检查`,
  writeCells: () => `工作簿过大，无法生成标记副本（超过 ${n(READ_LIMITS.writeCells)} 个单元格）；可加 --no-write 只检查`,
};
