// Turns the command line's paths into the run's inputs: folders expanded (in name order), each file
// once, and every argument that cannot be used kept in its place with a Chinese reason so the JSON
// report lists files in the order they were given.
import { appendAll } from '../core/arrays';
import fs from 'node:fs';
import path from 'node:path';
import { isSpreadsheetName } from '../files/formats';
import { isOurCopy } from './ours';
import type { FileResult } from './report';
import { Input, readReason } from './run';

export type Slot = { input: Input } | { bad: FileResult; line: string };

/** A folder entry the scan left out, and why (said in the report, not an error). */
export interface Skipped {
  path: string;
  reason: string;
}

/** Why a folder scan leaves a file out, or null when it is a workbook to check. */
function skipReason(name: string, full: string | Buffer): string | null {
  if (name.startsWith('~$') || name.startsWith('.~lock.')) return 'Excel/WPS 打开文件时的临时文件';
  if (name.startsWith('.')) return '隐藏文件';
  // Ours only when it carries our record: a department's own "a.checked.xlsx" is checked like the rest.
  if (/\.checked\.xlsx$/i.test(name) && isOurCopy(full)) return 'pe-check 生成的标记副本（要复查请直接指定该文件）';
  if (!isSpreadsheetName(name)) return '不是电子表格文件';
  return null;
}

/** A file the folder scan found: its path as shown, and its bytes when that text cannot name it. */
interface Found {
  display: string;
  /** The path's bytes, when a name in it is not UTF-8 (a GBK name from a Windows zip): open by these. */
  raw: Buffer | null;
}

/**
 * A file name that is not UTF-8, as text to show: Chinese Windows writes names in GBK (a zip made
 * there and unpacked on Linux keeps those bytes), so GBK first; bytes neither can read are escaped.
 */
export function nameFromBytes(name: Buffer): string {
  try {
    const text = new TextDecoder('gbk', { fatal: true }).decode(name);
    // ICU maps bytes GBK leaves unassigned (0x80, 0xFF) to private-use characters instead of failing.
    if (!/[\ue000-\uf8ff]/.test(text)) return text;
  } catch {
    /* not GBK either */
  }
  return [...name].map((b) => (b < 0x80 ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('');
}

function listFolder(dir: Found, recursive: boolean, skipped: Skipped[], top = true): Found[] {
  const out: Found[] = [];
  let entries: fs.Dirent<Buffer>[];
  try {
    // Names as bytes: one that is not UTF-8 would come back as U+FFFD and could not be opened.
    entries = fs.readdirSync(dir.raw ?? dir.display, { withFileTypes: true, encoding: 'buffer' });
  } catch (err) {
    // The folder given is the user's to fix (its own line); a subfolder that cannot be read
    // (lost+found on a USB stick) is listed and the rest of the run goes on.
    if (top) throw err;
    skipped.push({ path: dir.display, reason: `无法读取的文件夹（${readReason(err)}）` });
    return out;
  }
  const named = entries.map((e) => {
    const text = e.name.toString('utf8');
    const utf8 = Buffer.from(text, 'utf8').equals(e.name);
    const name = utf8 ? text : nameFromBytes(e.name);
    const raw = !utf8 || dir.raw ? Buffer.concat([dir.raw ?? Buffer.from(dir.display), Buffer.from(path.sep), e.name]) : null;
    return { e, name, found: { display: path.join(dir.display, name), raw } };
  });
  named.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  for (const { e, name, found } of named) {
    if (e.isDirectory()) {
      if (name.startsWith('.')) continue;
      if (recursive) appendAll(out, listFolder(found, true, skipped, false));
      else skipped.push({ path: found.display, reason: '子文件夹（加 -r 一并检查）' });
    } else if (e.isFile() || e.isSymbolicLink()) {
      const why = skipReason(name, found.raw ?? found.display);
      if (why === null) out.push(found);
      // Hidden files (.DS_Store, Thumbs.db's kin) are noise, not something the officer sent.
      else if (why !== '隐藏文件') skipped.push({ path: found.display, reason: why });
    }
  }
  return out;
}

export function badEntry(display: string, reason: string): FileResult {
  return { file: path.basename(display), path: display, error: reason, tables: [], findings: [] };
}

export function expandInputs(args: string[], recursive: boolean): { slots: Slot[]; inputs: Input[]; skipped: Skipped[] } {
  const slots: Slot[] = [];
  const skipped: Skipped[] = [];
  const inputs: Input[] = [];
  const seen = new Set<string>();
  for (const arg of args) {
    let st: fs.Stats;
    try {
      st = fs.statSync(arg);
    } catch (err) {
      const reason = readReason(err);
      slots.push({ bad: badEntry(arg, reason), line: `无法读取 ${arg}：${reason}` });
      continue;
    }
    const files: Found[] = st.isDirectory() ? listFolder({ display: arg, raw: null }, recursive, skipped) : [{ display: arg, raw: null }];
    if (st.isDirectory() && files.length === 0) {
      const reason = recursive ? '文件夹（含子文件夹）中没有电子表格文件' : '文件夹中没有电子表格文件（子文件夹请加 -r）';
      slots.push({ bad: badEntry(arg, reason), line: `${arg}：${reason}` });
      continue;
    }
    for (const f of files) {
      const abs = path.resolve(f.display);
      const key = f.raw ? f.raw.toString('hex') : abs;
      if (seen.has(key)) continue;
      seen.add(key);
      const input: Input = f.raw ? { display: f.display, abs, raw: f.raw } : { display: f.display, abs };
      inputs.push(input);
      slots.push({ input });
    }
  }
  return { slots, inputs, skipped };
}
