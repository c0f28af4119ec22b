// One workbook file, from its bytes to its check and its highlighted copy, with no file system: the
// CLI (cli/run.ts) and the browser page (web/worker) both go through here, so they read, check and
// mark every file the same way. Every failure becomes a Chinese reason; nothing here prints.
import { checkWorkbook } from '../core/check';
import { planHighlights } from '../core/highlight';
import { buildSummary } from '../core/summary';
import type { RuleProfile } from '../core/profile';
import type { Locale, SheetGrid, WorkbookCheck } from '../core/types';
import { userMessage } from './errors';
import { readXlsxGrids } from './fastGrid';
import { type FileKind, extname, kindLabel, sniffKind } from './formats';
import { guarded } from './guard';
import { MSG_NOT_XLSX, checkSheetLimits, inspectXlsx } from './inspect';
import { LimitError, READ_LIMITS, limitMessages } from './limits';
import { MARKS_SHEET, summarySheetOf } from './marks';
import { type MarkRecord, patchedCopy } from './patchCopy';
import { summaryPackage } from './summaryXlsx';
import type * as SheetjsGrid from './sheetjsGrid';
import type * as XlsxGrid from './xlsxGrid';
import { XlsxPackage } from './zipPackage';

// exceljs is loaded lazily: requiring it costs ~0.2–0.3 s, and it is only the fallback where the
// lean reader (fastGrid) bails; xlsxGrid imports it, so it is lazy too. SheetJS reads every other
// format; it is loaded only when such a file comes.
/* eslint-disable @typescript-eslint/no-require-imports */
const excel = (): typeof import('exceljs') => require('exceljs') as typeof import('exceljs');
const xlsxGrid = (): typeof XlsxGrid => require('./xlsxGrid') as typeof XlsxGrid;
const sheetjsGrid = (): typeof SheetjsGrid => require('./sheetjsGrid') as typeof SheetjsGrid;
/* eslint-enable @typescript-eslint/no-require-imports */

export const GENERIC_READ = '文件内容无法解析（可能已损坏）';
/** A workbook without any recognisable table was not checked (the CLI exits 2 and lists it). */
export const NO_TABLE = '未找到绩效自评表';
export const GENERIC_CHECK = '检查此文件时发生内部错误，请把文件反馈给开发者';
/** readAndCheck with ownReaderOnly: this file needs SheetJS or exceljs (never shown to a user). */
export const NEEDS_THIRD_PARTY = '\u0000needs-third-party';

export interface BytesCheckOptions {
  profile: RuleProfile;
  /** A copy will be written: keep the package it is patched from (the input, or its conversion to .xlsx). */
  write: boolean;
  /** Read .xlsx through exceljs even for a report (PE_CHECK_READER=exceljs in the CLI). */
  forceExceljs?: boolean;
  /**
   * Our own lean reader only: where it would hand the file to exceljs (or the file is not an .xlsx),
   * stop with NEEDS_THIRD_PARTY instead, so the caller can run the third-party parse in its fence.
   */
  ownReaderOnly?: boolean;
  /** Language of the findings' text (zh-CN by default, as in the CLI and the JSON report). */
  locale?: Locale;
  /** Technical detail of a failure, for support (the CLI's PE_CHECK_DEBUG). */
  debug?: (err: unknown) => void;
}

export interface BytesRead {
  /** Why the file was not checked (null when it was). A check may still be there: NO_TABLE. */
  error: string | null;
  kind: FileKind;
  check: WorkbookCheck | null;
  /** The sheets checked (our own record sheet left out); empty when the file could not be read. */
  grids: SheetGrid[];
  /** .xlsm / .xltm: the copy is an .xlsx without the macros (expected, not a loss). */
  macroBook: boolean;
  /** The file was checked, but it could not be converted to .xlsx for a copy. */
  convertFailed: boolean;
  /** The .xlsx package the copy is patched from (write runs only): the input, or its conversion. */
  copySource: Uint8Array | null;
  /** The record our earlier run left in this workbook (a copy of ours checked again), if any. */
  previous: MarkRecord[] | null;
}

/** Reads and checks one file's bytes; `name` is the file's name (it only words the messages). */
export async function readAndCheck(buf: Uint8Array, name: string, opts: BytesCheckOptions): Promise<BytesRead> {
  const debug = opts.debug ?? (() => undefined);
  const kind = sniffKind(buf);
  const out: BytesRead = { error: null, kind, check: null, grids: [], macroBook: false, convertFailed: false, copySource: null, previous: null };
  const failed = (reason: string): BytesRead => ({ ...out, error: reason, check: null, grids: [], copySource: null, previous: null });
  if (kind === 'unknown') return failed(notASpreadsheet(name));
  if (opts.ownReaderOnly && (kind !== 'ooxml' || opts.forceExceljs)) return failed(NEEDS_THIRD_PARTY);
  out.macroBook = kind === 'ooxml' && /\.(xlsm|xltm)$/i.test(name);
  let grids: SheetGrid[] | null = null;
  // A copy of ours checked again: its 自评汇总 is ours too, not a table to check.
  let ourSummary: string | null = null;
  if (kind === 'ooxml') {
    let pkg: XlsxPackage;
    try {
      pkg = (await inspectXlsx(buf)).pkg;
      ourSummary = summarySheetOf(pkg.text('xl/workbook.xml') ?? '');
    } catch (err) {
      debug(err);
      return failed(userMessage(err, GENERIC_READ));
    }
    // The lean reader gives the same grids as exceljs + workbookToGrids without loading exceljs.
    // Anything it does not handle (it throws) goes the exceljs way, errors included; a file beyond
    // the read limits is refused outright (exceljs would only do the expensive work).
    if (opts.write) out.copySource = buf;
    if (!opts.forceExceljs) {
      try {
        grids = await readXlsxGrids(pkg);
      } catch (err) {
        if (err instanceof LimitError) return failed(err.message);
        debug(err);
        grids = null;
      }
    }
    if (grids === null) {
      if (opts.ownReaderOnly) return failed(NEEDS_THIRD_PARTY);
      try {
        checkSheetLimits(pkg);
      } catch (err) {
        return failed(userMessage(err, GENERIC_READ));
      }
      const wb = new (excel().Workbook)();
      try {
        await guarded(() => wb.xlsx.load(buf as unknown as ArrayBuffer));
        grids = xlsxGrid().workbookToGrids(wb);
      } catch (err) {
        debug(err);
        return failed(GENERIC_READ);
      }
    }
  } else {
    // .xls / .et / .xlsb / .ods / HTML: SheetJS gives the grids; a copy is painted on the same
    // workbook converted to .xlsx, so its cells are where the grids say.
    try {
      // SheetJS inflates .xlsb/.ods itself: measure the package against READ_LIMITS first.
      if (kind === 'xlsb' || kind === 'ods') XlsxPackage.open(buf);
      // Text formats are parsed whole, as one string: bounded far below the zip formats.
      if ((kind === 'html' || kind === 'xml2003') && buf.length > READ_LIMITS.textBytes) throw new LimitError(limitMessages.textBytes(buf.length));
      const other = await sheetjsGrid().readOtherWorkbook(buf as Buffer, kind, { forCopy: opts.write });
      grids = other.grids;
      if (opts.write && other.grids.length) {
        const cells = grids.reduce((n, g) => n + g.values.reduce((m, row) => m + (row?.length ?? 0), 0), 0);
        if (cells > READ_LIMITS.writeCells) throw new LimitError(limitMessages.writeCells());
        try {
          const converted = sheetjsGrid().toXlsxBuffer(other.book);
          XlsxPackage.open(converted); // the copy is patched from it: it must be a readable package
          out.copySource = new Uint8Array(converted.buffer, converted.byteOffset, converted.byteLength);
        } catch (err) {
          // The file was read and is checked; only its copy cannot be made.
          debug(err);
          out.convertFailed = true;
        }
      }
    } catch (err) {
      debug(err);
      return failed(userMessage(err, GENERIC_READ));
    }
  }
  let check: WorkbookCheck;
  try {
    out.previous = previousRecord(grids!);
    out.grids = withoutOurSheets(grids!, ourSummary);
    check = checkWorkbook(out.grids, opts.profile, { locale: opts.locale });
  } catch (err) {
    debug(err);
    return failed(userMessage(err, GENERIC_CHECK));
  }
  out.check = check;
  // Nothing recognised is nothing checked: never "no errors" for it. The check is still returned so
  // that an overview lists the file (and e.g. table-not-recognized says which titles are missing).
  if (check.tables.length === 0) out.error = NO_TABLE;
  return out;
}

/** Why no copy is made: the file could not be converted to .xlsx. */
export function copyRefusal(read: Pick<BytesRead, 'convertFailed'>): 'convert' | null {
  return read.convertFailed ? 'convert' : null;
}

/** The marks record's header row (the record is a very hidden sheet of the copy). */
const RECORD_HEADER = ['工作表', '单元格', '标记填充', '原填充（pe-check 复查时据此恢复，请勿修改）'];

/** Why a file of no known kind is refused, worded by its name. */
export function notASpreadsheet(name: string): string {
  const ext = extname(name).toLowerCase();
  if (ext === '.xlsx') return MSG_NOT_XLSX;
  return ext ? `不是有效的 ${ext} 文件` : '不是可识别的电子表格文件';
}

/** What the report says about a copy that is not the input's own format. */
export function copyNote(kind: FileKind, name: string, macroBook: boolean): string | null {
  if (kind !== 'ooxml') {
    return `标记副本是由${kindLabel(kind, name)}转换的 .xlsx 文件（原文件未改动；原格式的字体、边框等样式未带入副本）`;
  }
  if (macroBook) return '标记副本是 .xlsx 文件，不含原文件的宏（原文件未改动）';
  if (!/\.xlsx$/i.test(name)) return `标记副本是 .xlsx 文件（原文件 ${extname(name)} 未改动）`;
  return null;
}

/** The rows of our marks record sheet (a copy of ours checked again), or null when there is none. */
function previousRecord(grids: SheetGrid[]): MarkRecord[] | null {
  const sheet = grids.find((g) => g.name === MARKS_SHEET);
  if (!sheet) return null;
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const out: MarkRecord[] = [];
  for (let r = 1; r < sheet.values.length; r++) {
    const row = sheet.values[r] ?? [];
    out.push({ sheet: text(row[0]), cell: text(row[1]), fill: text(row[2]).toUpperCase(), original: text(row[3]) || null });
  }
  return out;
}

/** Sheets pe-check added to a copy it wrote before (the record, 自评汇总): not tables to check. */
function withoutOurSheets(grids: SheetGrid[], summary: string | null): SheetGrid[] {
  return grids.filter((g) => g.name !== MARKS_SHEET && g.name !== summary);
}

/**
 * <name>.checked.xlsx for an .xlsx, <name>.xls.checked.xlsx for any other input (the original
 * ending stays in the name, so the copy is never taken for the original), -2, -3 … while `taken`
 * says a name is in use. A copy checked again keeps its name: a.checked.xlsx → a.checked.xlsx.
 */
export function copyName(base: string, taken: (name: string) => boolean): string {
  const stem = /\.xlsx$/i.test(base) ? base.replace(/(\.checked)?\.xlsx$/i, '') : base;
  let name = `${stem}.checked.xlsx`;
  for (let i = 2; taken(name); i++) name = `${stem}-${i}.checked.xlsx`;
  return name;
}

/** What one file gives the CLI, made in one place (a worker thread, or the CLI's own thread). */
export interface CheckedAndCopied {
  /** The read and check, without the package the copy was patched from. */
  read: Omit<BytesRead, 'copySource' | 'previous'>;
  /** The highlighted copy's bytes, when asked for and allowed (copyRefusal null). */
  copy: Uint8Array | null;
  /** Our earlier marks taken off a copy checked again. */
  restored: number;
  /** Why the copy could not be made (Chinese), when painting or writing it failed. */
  copyError: string | null;
}

export async function checkAndCopy(buf: Uint8Array, name: string, opts: BytesCheckOptions): Promise<CheckedAndCopied> {
  const { copySource, previous, ...read } = await readAndCheck(buf, name, opts);
  const out: CheckedAndCopied = { read, copy: null, restored: 0, copyError: null };
  if (!opts.write || read.error !== null || !read.check || copySource === null || copyRefusal(read) !== null) return out;
  try {
    const check = read.check;
    const model = buildSummary([{ file: name, check }]);
    const patched = await patchedCopy(copySource, {
      marks: planHighlights(check, { grids: read.grids }),
      previous,
      ours: (sheetName, records, sheetExists) =>
        summaryPackage(model, { name: sheetName, sheetExists, record: records.length ? [RECORD_HEADER, ...records.map((r) => [r.sheet, r.cell, r.fill, r.original ?? ''])] : undefined }),
    });
    out.restored = patched.restored;
    out.copy = patched.bytes;
  } catch (err) {
    opts.debug?.(err);
    out.copyError = userMessage(err, '写入失败');
  }
  return out;
}
