// The per-file flow of pe-check: read the bytes, look inside the package, build the grids (lean
// reader or exceljs), check, and write the highlighted copy. Every failure becomes a Chinese reason
// on the file's result; nothing here prints.
import fs from 'node:fs';
import path from 'node:path';
import type { Workbook } from 'exceljs';
import { checkWorkbook } from '../core/check';
import { planHighlights } from '../core/highlight';
import { buildSummary } from '../core/summary';
import type { RuleProfile } from '../core/profile';
import type { SheetGrid, WorkbookCheck } from '../core/types';
import { CliError, userMessage } from './errors';
import { checkSheetLimits, inspectXlsx } from './inspect';
import { readXlsxGrids } from './fastGrid';
import { LimitError, READ_LIMITS, limitMessages } from './limits';
import { guarded } from './guard';
import type { XlsxPackage } from './zipPackage';
import type { FileResult } from './report';
import type * as WriteCopy from './writeCopy';
import type * as XlsxGrid from './xlsxGrid';

// exceljs is loaded lazily: requiring it costs ~0.2–0.3 s, and report-only runs (--no-write) read
// workbooks with fastGrid instead. writeCopy and xlsxGrid import exceljs, so they are lazy too.
/* eslint-disable @typescript-eslint/no-require-imports */
const excel = (): typeof import('exceljs') => require('exceljs') as typeof import('exceljs');
export const writeCopy = (): typeof WriteCopy => require('./writeCopy') as typeof WriteCopy;
const xlsxGrid = (): typeof XlsxGrid => require('./xlsxGrid') as typeof XlsxGrid;
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

/** Checks one input; `check` is null when it could not be read (result.error says why). */
export async function checkFile(input: Input, ctx: FileContext): Promise<{ result: FileResult; check: WorkbookCheck | null }> {
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
  let lost: string[];
  let pkg: XlsxPackage;
  try {
    ({ lost, pkg } = await inspectXlsx(buf, { deep: ctx.write }));
  } catch (err) {
    debug(err);
    return failed(userMessage(err, GENERIC_READ));
  }
  // Report only: the lean reader gives the same grids as exceljs + workbookToGrids without loading
  // exceljs. Anything it does not handle (it throws) goes the exceljs way, errors included; a file
  // beyond the read limits is refused outright (exceljs would only do the expensive work).
  let grids: SheetGrid[] | null = null;
  if (!ctx.write && !FORCE_EXCELJS_READER()) {
    try {
      grids = await readXlsxGrids(pkg);
    } catch (err) {
      if (err instanceof LimitError) return failed(err.message);
      if (DEBUG()) process.stderr.write(`pe-check: 快速读取未完成，改用 exceljs：${String((err as Error)?.stack ?? err)}\n`);
      grids = null;
    }
  }
  let wb: Workbook | null = null;
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
  let check: WorkbookCheck;
  try {
    check = checkWorkbook(grids ?? xlsxGrid().workbookToGrids(wb!), ctx.profile);
  } catch (err) {
    debug(err);
    return failed(userMessage(err, GENERIC_CHECK));
  }
  // Nothing recognised is nothing checked: never "no errors" (exit 0) for it. The check is still
  // returned so that the --summary overview lists the file.
  if (check.tables.length === 0) return { ...failed(NO_TABLE), check };
  result.tables = check.tables;
  result.findings = check.findings;
  const notices = result.notices!;

  if (ctx.write) {
    if (lost.length && !ctx.force) {
      notices.push(`未生成标记副本：文件含有${lost.join('、')}，另存会丢失；使用 --force 强制生成`);
    } else {
      if (lost.length) notices.push(`已按 --force 生成标记副本；副本中已丢失：${lost.join('、')}（原文件不受影响）`);
      const outPath = path.join(ctx.outDir, uniqueOutName(base, ctx.usedOutNames));
      try {
        const { applyMarks, addSummarySheet, writeWorkbookAtomic } = writeCopy();
        const book = wb!; // writing runs always read with exceljs (grids stays null above)
        applyMarks(book, planHighlights(check));
        addSummarySheet(book, buildSummary([{ file: base, check }]));
        await writeWorkbookAtomic(book, outPath, ctx.inputPaths);
        result.copy = path.relative(process.cwd(), outPath) || outPath;
      } catch (err) {
        debug(err);
        const reason = writeReason(err);
        notices.push(`未生成标记副本：${reason}`);
        ctx.onWriteError(`无法写入 ${path.basename(outPath)}：${reason}`);
      }
    }
  }
  if (notices.length === 0) delete result.notices;
  return { result, check };
}

/** <name>.checked.xlsx, or <name>-2.checked.xlsx when two inputs share a name in one run. */
export function uniqueOutName(base: string, used: Set<string>): string {
  const stem = base.replace(/\.xlsx$/i, '');
  let name = `${stem}.checked.xlsx`;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${stem}-${i}.checked.xlsx`;
  used.add(name.toLowerCase());
  return name;
}
