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
function skipReason(name: string, full: string): string | null {
  if (name.startsWith('~$') || name.startsWith('.~lock.')) return 'Excel/WPS 打开文件时的临时文件';
  if (name.startsWith('.')) return '隐藏文件';
  // Ours only when it carries our record: a department's own "a.checked.xlsx" is checked like the rest.
  if (/\.checked\.xlsx$/i.test(name) && isOurCopy(full)) return 'pe-check 生成的标记副本（要复查请直接指定该文件）';
  if (!isSpreadsheetName(name)) return '不是电子表格文件';
  return null;
}

function listFolder(dir: string, recursive: boolean, skipped: Skipped[], top = true): string[] {
  const out: string[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  } catch (err) {
    // The folder given is the user's to fix (its own line); a subfolder that cannot be read
    // (lost+found on a USB stick) is listed and the rest of the run goes on.
    if (top) throw err;
    skipped.push({ path: dir, reason: `无法读取的文件夹（${readReason(err)}）` });
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name.startsWith('.')) continue;
      if (recursive) appendAll(out, listFolder(p, true, skipped, false));
      else skipped.push({ path: p, reason: '子文件夹（加 -r 一并检查）' });
    } else if (e.isFile() || e.isSymbolicLink()) {
      const why = skipReason(e.name, p);
      if (why === null) out.push(p);
      // Hidden files (.DS_Store, Thumbs.db's kin) are noise, not something the officer sent.
      else if (why !== '隐藏文件') skipped.push({ path: p, reason: why });
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
    const files = st.isDirectory() ? listFolder(arg, recursive, skipped) : [arg];
    if (st.isDirectory() && files.length === 0) {
      const reason = recursive ? '文件夹（含子文件夹）中没有电子表格文件' : '文件夹中没有电子表格文件（子文件夹请加 -r）';
      slots.push({ bad: badEntry(arg, reason), line: `${arg}：${reason}` });
      continue;
    }
    for (const f of files) {
      const abs = path.resolve(f);
      if (seen.has(abs)) continue;
      seen.add(abs);
      const input = { display: f, abs };
      inputs.push(input);
      slots.push({ input });
    }
  }
  return { slots, inputs, skipped };
}
