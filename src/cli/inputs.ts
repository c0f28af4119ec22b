// Turns the command line's paths into the run's inputs: folders expanded (in name order), each file
// once, and every argument that cannot be used kept in its place with a Chinese reason so the JSON
// report lists files in the order they were given.
import fs from 'node:fs';
import path from 'node:path';
import type { FileResult } from './report';
import { Input, readReason } from './run';

export type Slot = { input: Input } | { bad: FileResult; line: string };

const isXlsxName = (n: string) => /\.xlsx$/i.test(n) && !n.startsWith('~$') && !/\.checked\.xlsx$/i.test(n);

function listFolder(dir: string, recursive: boolean): string[] {
  const out: string[] = [];
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (recursive && !e.name.startsWith('.')) out.push(...listFolder(p, true));
    } else if ((e.isFile() || e.isSymbolicLink()) && isXlsxName(e.name)) {
      out.push(p);
    }
  }
  return out;
}

export function badEntry(display: string, reason: string): FileResult {
  return { file: path.basename(display), path: display, error: reason, tables: [], findings: [] };
}

export function expandInputs(args: string[], recursive: boolean): { slots: Slot[]; inputs: Input[] } {
  const slots: Slot[] = [];
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
    const files = st.isDirectory() ? listFolder(arg, recursive) : [arg];
    if (st.isDirectory() && files.length === 0) {
      const reason = recursive ? '文件夹（含子文件夹）中没有 .xlsx 文件' : '文件夹中没有 .xlsx 文件（子文件夹请加 -r）';
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
  return { slots, inputs };
}
