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

/**
 * The inputs of a run, for "is this output path one of them?" in constant time: by resolved path,
 * and by device and inode (a symlink or hard link to an input). Comparing every output with every
 * input made write mode quadratic (2,000 files: half the run's time).
 */
export class FileSet {
  private readonly paths = new Set<string>();
  private readonly ids = new Set<string>();

  constructor(files: readonly string[]) {
    for (const f of files) {
      const r = path.resolve(f);
      this.paths.add(r);
      const id = fileId(r);
      if (id) this.ids.add(id);
    }
  }

  has(file: string): boolean {
    const r = path.resolve(file);
    if (this.paths.has(r)) return true;
    const id = this.ids.size > 0 ? fileId(r) : null;
    return id !== null && this.ids.has(id);
  }
}

/** dev:ino of an existing file; null when it does not exist or the file system gives no inode. */
function fileId(file: string): string | null {
  try {
    const st = fs.statSync(file);
    return st.ino ? `${st.dev}:${st.ino}` : null;
  } catch {
    return null;
  }
}
