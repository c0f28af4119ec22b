// The per-file flow of pe-check: read the file from disk, hand its bytes to files/checkBytes (the
// same reading, checking and painting as the browser page), and write the highlighted copy to disk.
// Every failure becomes a Chinese reason on the file's result; nothing here prints.
import fs from 'node:fs';
import path from 'node:path';
import type { RuleProfile } from '../core/profile';
import type { WorkbookCheck } from '../core/types';
import { GENERIC_READ, NO_TABLE, copyName, copyNote, copyRefusal, type CheckedAndCopied } from '../files/checkBytes';
import { CliError, userMessage } from '../files/errors';
import { LimitError, READ_LIMITS, limitMessages } from '../files/limits';
import { writeAtomic } from './atomic';
import { Fenced, type ReadFence } from './fence';
import { isOurCopy } from './ours';
import { FileSet } from './paths';
import type { FileResult } from './report';
import { shown } from './terminalText';

/** Tests (and a user working around a reader problem) can force the exceljs reader: PE_CHECK_READER=exceljs. */
const FORCE_EXCELJS_READER = () => process.env.PE_CHECK_READER === 'exceljs';
export const DEBUG = () => process.env.PE_CHECK_DEBUG === '1';
const debug = (err: unknown) => {
  if (DEBUG()) process.stderr.write(String((err as Error)?.stack ?? err) + '\n');
};

export { GENERIC_READ, NO_TABLE };
export const MSG_NOT_REGULAR = '不是普通文件（只读取普通文件，不读取管道、设备等）';

/** A file the run will check: the path as the user will recognise it, and its resolved path. */
export interface Input {
  display: string;
  abs: string;
  /** The path's bytes when a name in it is not UTF-8 (cli/inputs.ts): the file is opened by these. */
  raw?: Buffer;
}

/** What one file's check needs from the run. */
export interface FileContext {
  profile: RuleProfile;
  write: boolean;
  outDir: string;
  /** Output names already taken in this run (lower case). */
  usedOutNames: Set<string>;
  /** Every input of the run: no output may land on one of them. */
  inputPaths: FileSet;
  /** A copy could not be written: the run reports it and ends with exit 2. */
  onWriteError: (msg: string) => void;
  /** Where each file is read, checked and painted (a worker thread with a memory limit and a watchdog). */
  fence: ReadFence;
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
export function readRegularFile(file: string | Buffer): Buffer {
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
    buf = readRegularFile(input.raw ?? input.abs);
  } catch (err) {
    return failed(readReason(err));
  }
  let done: CheckedAndCopied;
  try {
    done = await ctx.fence.run({ bytes: buf, name: base, profile: ctx.profile, write: ctx.write, forceExceljs: FORCE_EXCELJS_READER(), debug: DEBUG() });
  } catch (err) {
    debug(err);
    return failed(err instanceof Fenced ? err.message : GENERIC_READ);
  }
  const read = done.read;
  if (read.error !== null) {
    failed(read.error);
    // Nothing recognised: the check is still returned so that the --summary overview lists the file.
    if (read.error === NO_TABLE && read.check) {
      result.findings = read.check.findings; // e.g. table-not-recognized: which titles are missing
      return { result, check: read.check };
    }
    return { result, check: null };
  }
  const check = read.check!;
  result.tables = check.tables;
  result.findings = check.findings;
  const notices = result.notices!;
  let copyPath: string | undefined;

  if (ctx.write) {
    const refusal = copyRefusal(read);
    if (refusal === 'convert') {
      notices.push('未生成标记副本：无法把此文件转换为 .xlsx（检查结果不受影响）');
      ctx.onWriteError(`无法为 ${shown(base, 200)} 生成标记副本：转换为 .xlsx 失败`);
    } else {
      const outPath = path.join(ctx.outDir, uniqueOutName(base, ctx.usedOutNames, ctx.inputPaths, ctx.outDir));
      try {
        if (!done.copy) throw new CliError(done.copyError ?? '写入失败');
        if (done.restored) notices.push(`已先清除上次检查留下的 ${done.restored} 处标记，副本只标出本次发现的问题`);
        writeAtomic(outPath, done.copy, ctx.inputPaths);
        // Relative to where pe-check runs when below it; otherwise the full path (never ../../…).
        const rel = path.relative(process.cwd(), outPath);
        result.copy = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : outPath;
        copyPath = outPath;
        const note = copyNote(read.kind, base, read.macroBook);
        if (note) notices.push(note);
      } catch (err) {
        debug(err);
        const reason = writeReason(err);
        notices.push(`未生成标记副本：${reason}`);
        // A file name may carry control characters (ESC sequences): escaped before it reaches the terminal.
        ctx.onWriteError(`无法写入 ${shown(path.basename(outPath), 200)}：${shown(reason, 200)}`);
      }
    }
  }
  if (notices.length === 0) delete result.notices;
  return { result, check, copyPath };
}

/**
 * The copy's name (files/checkBytes copyName), -2, -3 … when two inputs share a name in one run or
 * the name is an input itself (re-checking a copy in place).
 */
export function uniqueOutName(base: string, used: Set<string>, inputs: FileSet = new FileSet([]), outDir = ''): string {
  // Taken: used in this run, an input, or a file already there that is not one of our copies (a
  // copy of ours from an earlier run is refreshed; anybody else's file is never written over).
  const theirs = (full: string) => fs.existsSync(full) && !isOurCopy(full);
  const taken = (n: string) =>
    used.has(n.toLowerCase()) || (outDir !== '' && (inputs.has(path.join(outDir, n)) || theirs(path.join(outDir, n))));
  const name = copyName(base, taken);
  used.add(name.toLowerCase());
  return name;
}
