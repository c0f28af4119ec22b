// The per-file flow of pe-check: read the bytes, look inside the package, build the grids (lean
// reader or exceljs), check, and write the highlighted copy. Every failure becomes a Chinese reason
// on the file's result; nothing here prints.
import fs from 'node:fs';
import path from 'node:path';
import type { Workbook } from 'exceljs';
import { checkWorkbook } from '../core/check';
import { markFills, planHighlights } from '../core/highlight';
import { buildSummary } from '../core/summary';
import type { RuleProfile } from '../core/profile';
import type { SheetGrid, WorkbookCheck } from '../core/types';
import { CliError, userMessage } from './errors';
import { MSG_NOT_XLSX, checkSheetLimits, inspectXlsx } from './inspect';
import { readXlsxGrids } from './fastGrid';
import { FileKind, kindLabel, sniffKind } from './formats';
import { LimitError, READ_LIMITS, limitMessages } from './limits';
import { guarded } from './guard';
import { MARKS_SHEET } from './marks';
import { sameFile } from './paths';
import { XlsxPackage } from './zipPackage';
import type { FileResult } from './report';
import type * as SheetjsGrid from './sheetjsGrid';
import type * as WriteCopy from './writeCopy';
import type * as XlsxGrid from './xlsxGrid';

// exceljs is loaded lazily: requiring it costs ~0.2–0.3 s, and report-only runs (--no-write) read
// workbooks with fastGrid instead. writeCopy and xlsxGrid import exceljs, so they are lazy too.
/* eslint-disable @typescript-eslint/no-require-imports */
const excel = (): typeof import('exceljs') => require('exceljs') as typeof import('exceljs');
export const writeCopy = (): typeof WriteCopy => require('./writeCopy') as typeof WriteCopy;
const xlsxGrid = (): typeof XlsxGrid => require('./xlsxGrid') as typeof XlsxGrid;
// SheetJS reads every other format; it is loaded only when such a file comes.
const sheetjsGrid = (): typeof SheetjsGrid => require('./sheetjsGrid') as typeof SheetjsGrid;
/* eslint-enable @typescript-eslint/no-require-imports */

/** Tests (and a user working around a reader problem) can force the exceljs reader: PE_CHECK_READER=exceljs. */
const FORCE_EXCELJS_READER = () => process.env.PE_CHECK_READER === 'exceljs';
export const DEBUG = () => process.env.PE_CHECK_DEBUG === '1';
const debug = (err: unknown) => {
  if (DEBUG()) process.stderr.write(String((err as Error)?.stack ?? err) + '\n');
};

export const GENERIC_READ = '文件内容无法解析（可能已损坏）';
/** A workbook without any recognisable table was not checked: exit 2, listed in the report. */
export const NO_TABLE = '未找到绩效自评表';
export const MSG_NOT_REGULAR = '不是普通文件（只读取普通文件，不读取管道、设备等）';
const GENERIC_CHECK = '检查此文件时发生内部错误，请把文件反馈给开发者';

/** A file the run will check: the path as the user will recognise it, and its resolved path. */
export interface Input {
  display: string;
  abs: string;
}

/** What one file's check needs from the run. */
export interface FileContext {
  profile: RuleProfile;
  write: boolean;
  force: boolean;
  outDir: string;
  /** Output names already taken in this run (lower case). */
  usedOutNames: Set<string>;
  /** Every input of the run: no output may land on one of them. */
  inputPaths: string[];
  /** A copy could not be written: the run reports it and ends with exit 2. */
  onWriteError: (msg: string) => void;
}

/** Chinese reason for a failed write (disk full, permissions …); never a stack. */
export function writeReason(err: unknown): string {
  const code = (err as { code?: string } | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') return '没有写入权限';
  if (code === 'ENOSPC') return '磁盘空间不足';
  if (code === 'ENOTDIR' || code === 'EEXIST') return '输出路径不是文件夹';
  if (code === 'EROFS') return '输出位置只读';
  return userMessage(err, '写入失败');
}

/**
 * Reads a regular file only: a FIFO named .xlsx would block forever and /dev/zero grows without
 * end. Opened non-blocking (a FIFO without a writer does not hang the open), then fstat decides.
 */
export function readRegularFile(file: string): Buffer {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new CliError(MSG_NOT_REGULAR);
    if (st.size > READ_LIMITS.fileBytes) throw new LimitError(limitMessages.file(st.size));
    const buf = Buffer.allocUnsafe(st.size);
    let off = 0;
    while (off < st.size) {
      const n = fs.readSync(fd, buf, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    return off === st.size ? buf : buf.subarray(0, off);
  } finally {
    fs.closeSync(fd);
  }
}

export function readReason(err: unknown): string {
  const code = (err as { code?: string } | null)?.code;
  if (code === 'ENOENT') return '文件不存在';
  if (code === 'EACCES' || code === 'EPERM') return '没有读取权限';
  if (code === 'EISDIR') return '这是一个文件夹';
  if (code === 'EBUSY') return '文件被其他程序占用';
  return userMessage(err, GENERIC_READ);
}

export interface FileOutcome {
  result: FileResult;
  /** null when it could not be read (result.error says why). */
  check: WorkbookCheck | null;
  /** Absolute path of the highlighted copy written, if any. */
  copyPath?: string;
}

/** Checks one input. */
export async function checkFile(input: Input, ctx: FileContext): Promise<FileOutcome> {
  const base = path.basename(input.abs);
  const result: FileResult = { file: base, path: input.display, error: null, tables: [], findings: [], notices: [] };
  const failed = (reason: string) => {
    result.error = reason;
    delete result.notices;
    return { result, check: null };
  };

  let buf: Buffer;
  try {
    buf = readRegularFile(input.abs);
  } catch (err) {
    return failed(readReason(err));
  }
  const kind = sniffKind(buf);
  if (kind === 'unknown') return failed(notASpreadsheet(base));
  const macroBook = kind === 'ooxml' && /\.(xlsm|xltm)$/i.test(base);
  let lost: string[] = [];
  let convertFailed = false;
  let grids: SheetGrid[] | null = null;
  let wb: Workbook | null = null;
  if (kind === 'ooxml') {
    let pkg: XlsxPackage;
    try {
      ({ lost, pkg } = await inspectXlsx(buf, { deep: ctx.write }));
    } catch (err) {
      debug(err);
      return failed(userMessage(err, GENERIC_READ));
    }
    // The copy is an .xlsx, which cannot hold macros: for a macro workbook that is expected, not a loss.
    if (macroBook) lost = lost.filter((l) => l !== '宏（VBA）');
    // Report only: the lean reader gives the same grids as exceljs + workbookToGrids without loading
    // exceljs. Anything it does not handle (it throws) goes the exceljs way, errors included; a file
    // beyond the read limits is refused outright (exceljs would only do the expensive work).
    if (!ctx.write && !FORCE_EXCELJS_READER()) {
      try {
        grids = await readXlsxGrids(pkg);
      } catch (err) {
        if (err instanceof LimitError) return failed(err.message);
        if (DEBUG()) process.stderr.write(`pe-check: 快速读取未完成，改用 exceljs：${String((err as Error)?.stack ?? err)}\n`);
        grids = null;
      }
    }
    if (grids === null) {
      try {
        checkSheetLimits(pkg, ctx.write);
      } catch (err) {
        return failed(userMessage(err, GENERIC_READ));
      }
      wb = new (excel().Workbook)();
      try {
        await guarded(() => wb!.xlsx.load(buf as unknown as ArrayBuffer));
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
      const other = await sheetjsGrid().readOtherWorkbook(buf, kind, { forCopy: ctx.write });
      grids = other.grids;
      if (ctx.write && other.grids.length) {
        const cells = grids.reduce((n, g) => n + g.values.reduce((m, row) => m + (row?.length ?? 0), 0), 0);
        if (cells > READ_LIMITS.writeCells) throw new LimitError(limitMessages.writeCells());
        try {
          const converted = sheetjsGrid().toXlsxBuffer(other.book);
          const book = new (excel().Workbook)();
          await guarded(() => book.xlsx.load(converted as unknown as ArrayBuffer));
          wb = book;
        } catch (err) {
          // The file was read and is checked; only its copy cannot be made.
          debug(err);
          convertFailed = true;
        }
      }
    } catch (err) {
      debug(err);
      return failed(userMessage(err, GENERIC_READ));
    }
  }
  let check: WorkbookCheck;
  try {
    check = checkWorkbook(withoutOurSheets(grids ?? xlsxGrid().workbookToGrids(wb!)), ctx.profile);
  } catch (err) {
    debug(err);
    return failed(userMessage(err, GENERIC_CHECK));
  }
  // Nothing recognised is nothing checked: never "no errors" (exit 0) for it. The check is still
  // returned so that the --summary overview lists the file.
  if (check.tables.length === 0) {
    failed(NO_TABLE);
    result.findings = check.findings; // e.g. table-not-recognized: which titles are missing
    return { result, check };
  }
  result.tables = check.tables;
  result.findings = check.findings;
  const notices = result.notices!;
  let copyPath: string | undefined;

  if (ctx.write) {
    if (convertFailed) {
      notices.push('未生成标记副本：无法把此文件转换为 .xlsx（检查结果不受影响）');
      ctx.onWriteError(`无法为 ${base} 生成标记副本：转换为 .xlsx 失败`);
    } else if (lost.length && !ctx.force) {
      notices.push(`未生成标记副本：文件含有${lost.join('、')}，另存会丢失；使用 --force 强制生成`);
    } else {
      if (lost.length) notices.push(`已按 --force 生成标记副本；副本中已丢失：${lost.join('、')}（原文件不受影响）`);
      const outPath = path.join(ctx.outDir, uniqueOutName(base, ctx.usedOutNames, ctx.inputPaths, ctx.outDir));
      try {
        const { applyMarks, addSummarySheet, clearPreviousMarks, writeMarksSheet, writeWorkbookAtomic } = writeCopy();
        const book = wb!; // writing runs always have an exceljs workbook (read or converted above)
        // A *.checked.xlsx checked again: our old marks go first, so only current findings are painted.
        const restored = clearPreviousMarks(book, Object.values(markFills));
        const marked = applyMarks(book, planHighlights(check));
        if (restored) notices.push(`已先清除上次检查留下的 ${restored} 处标记，副本只标出本次发现的问题`);
        addSummarySheet(book, buildSummary([{ file: base, check }]));
        writeMarksSheet(book, marked);
        await writeWorkbookAtomic(book, outPath, ctx.inputPaths);
        result.copy = path.relative(process.cwd(), outPath) || outPath;
        copyPath = outPath;
        const note = copyNote(kind, base, macroBook);
        if (note) notices.push(note);
      } catch (err) {
        debug(err);
        const reason = writeReason(err);
        notices.push(`未生成标记副本：${reason}`);
        ctx.onWriteError(`无法写入 ${path.basename(outPath)}：${reason}`);
      }
    }
  }
  if (notices.length === 0) delete result.notices;
  return { result, check, copyPath };
}

/** Why a file of no known kind is refused, worded by its name. */
function notASpreadsheet(base: string): string {
  const ext = path.extname(base).toLowerCase();
  if (ext === '.xlsx') return MSG_NOT_XLSX;
  return ext ? `不是有效的 ${ext} 文件` : '不是可识别的电子表格文件';
}

/** What the report says about a copy that is not the input's own format. */
function copyNote(kind: FileKind, base: string, macroBook: boolean): string | null {
  if (kind !== 'ooxml') {
    return `标记副本是由${kindLabel(kind, base)}转换的 .xlsx 文件（原文件未改动；原格式的字体、边框等样式未带入副本）`;
  }
  if (macroBook) return '标记副本是 .xlsx 文件，不含原文件的宏（原文件未改动）';
  if (!/\.xlsx$/i.test(base)) return `标记副本是 .xlsx 文件（原文件 ${path.extname(base)} 未改动）`;
  return null;
}

/** Sheets pe-check added to a copy it wrote before: not part of the tables being checked. */
function withoutOurSheets(grids: SheetGrid[]): SheetGrid[] {
  return grids.filter((g) => g.name !== MARKS_SHEET);
}

/**
 * <name>.checked.xlsx for an .xlsx, <name>.xls.checked.xlsx for any other input (the original
 * ending stays in the name, so the copy is never taken for the original), -2, -3 … when two inputs
 * share a name in one run or the name is an input itself (re-checking a copy in place). A copy
 * checked again keeps its name: a.checked.xlsx → a.checked.xlsx.
 */
export function uniqueOutName(base: string, used: Set<string>, inputs: string[] = [], outDir = ''): string {
  const stem = /\.xlsx$/i.test(base) ? base.replace(/(\.checked)?\.xlsx$/i, '') : base;
  const taken = (n: string) => used.has(n.toLowerCase()) || (outDir !== '' && inputs.some((i) => sameFile(i, path.join(outDir, n))));
  let name = `${stem}.checked.xlsx`;
  for (let i = 2; taken(name); i++) name = `${stem}-${i}.checked.xlsx`;
  used.add(name.toLowerCase());
  return name;
}
