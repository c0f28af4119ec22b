// Path checks shared by the CLI's reading and writing sides (no exceljs here: report-only runs
// must not pay for loading it).
import fs from 'node:fs';
import path from 'node:path';

/** True when a and b are the same file (path, symlink or hard link). */
export function sameFile(a: string, b: string): boolean {
  const ra = path.resolve(a);
  const rb = path.resolve(b);
  if (ra === rb) return true;
  try {
    const sa = fs.statSync(ra);
    const sb = fs.statSync(rb);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}
