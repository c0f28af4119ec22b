// Files the user hands the page: chosen one by one, a whole folder, or dropped (files and folders).
// A chosen or dropped file is always checked (its content decides what it is, as in pe-check); from
// a folder, only spreadsheet names are taken, without Excel/WPS temporary files (~$…) — and our own
// copies are left out once read (ourCopyInFolder), as pe-check does — and what was left out is said.
import { isSpreadsheetName } from '../files/formats';
import { isOurCopyBytes } from '../files/ours';

export interface Picked {
  files: File[];
  /** The files came from a folder (our earlier copies among them are left out). */
  fromFolder?: boolean;
  /** Names left out of a folder, with no further reason needed (not spreadsheets, temp files, our copies). */
  skipped: string[];
}

const baseName = (f: File) => f.name;
const relPath = (f: File) => (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;

/** Whether a file found in a folder is one to read (our copies are told apart after reading). */
export function takeFromFolder(name: string): boolean {
  return isSpreadsheetName(name) && !name.startsWith('~$');
}

/** A *.checked.xlsx from a folder that is really one of our copies (it carries our record): not checked again. */
export function ourCopyInFolder(name: string, bytes: ArrayBuffer): boolean {
  return /\.checked\.xlsx$/i.test(name) && isOurCopyBytes(new Uint8Array(bytes));
}

export function fromFolder(list: ArrayLike<File>): Picked {
  const files: File[] = [];
  const skipped: File[] = [];
  for (const f of Array.from(list)) (takeFromFolder(baseName(f)) ? files : skipped).push(f);
  return { files, skipped: skipped.map(relPath), fromFolder: true };
}

interface Entry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  file?(ok: (f: File) => void, fail: (e: unknown) => void): void;
  createReader?(): { readEntries(ok: (es: Entry[]) => void, fail: (e: unknown) => void): void };
}

function entryFile(e: Entry): Promise<File> {
  return new Promise((ok, fail) => e.file!(ok, fail));
}

async function folderFiles(dir: Entry, into: Picked): Promise<void> {
  const reader = dir.createReader!();
  // readEntries gives at most 100 entries a call: read until it gives none.
  for (;;) {
    const batch = await new Promise<Entry[]>((ok, fail) => reader.readEntries(ok, fail)).catch(() => [] as Entry[]);
    if (batch.length === 0) return;
    for (const e of batch) {
      if (e.isDirectory) await folderFiles(e, into);
      else if (e.isFile) {
        if (takeFromFolder(e.name)) into.files.push(await entryFile(e));
        else into.skipped.push(e.name);
      }
    }
  }
}

/** A drop: files as they are, folders walked (every level). */
export async function fromDrop(data: DataTransfer): Promise<Picked> {
  const out: Picked = { files: [], skipped: [] };
  const items = Array.from(data.items ?? []).filter((i) => i.kind === 'file');
  const entries = items.map((i) => (i as DataTransferItem & { webkitGetAsEntry?: () => Entry | null }).webkitGetAsEntry?.() ?? null);
  if (entries.length === 0 || entries.some((e) => e === null)) return { files: Array.from(data.files), skipped: [] };
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k]!;
    if (e.isDirectory) {
      out.fromFolder = true;
      await folderFiles(e, out);
    }
    else {
      const f = items[k].getAsFile();
      if (f) out.files.push(f);
    }
  }
  return out;
}

/** A file's bytes (Blob.arrayBuffer where it exists, FileReader on older Chromium). */
export function fileBytes(f: Blob): Promise<ArrayBuffer> {
  if (typeof f.arrayBuffer === 'function') return f.arrayBuffer();
  return new Promise((ok, fail) => {
    const r = new FileReader();
    r.onload = () => ok(r.result as ArrayBuffer);
    r.onerror = () => fail(r.error);
    r.readAsArrayBuffer(f);
  });
}

/** Offers bytes as a download under `name` (nothing leaves the computer: a blob: URL). */
export function download(bytes: ArrayBuffer, name: string, type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
