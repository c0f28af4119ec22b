// What the page's worker does with files, as plain async functions (tested in Node): check a file,
// make its highlighted copy, zip several copies with the bureau's overview. The same steps as
// pe-check (files/checkBytes): the page and the CLI cannot drift apart.
import { buildOverview, type OverviewFile } from '../core/overview';
import type { Locale } from '../core/types';
import { checkAndCopy, copyName, copyNote, copyRefusal, readAndCheck } from '../files/checkBytes';
import { summaryPackage } from '../files/summaryXlsx';
import { profileFor } from '../taskpane/settings';
import type { PaneSettings } from '../taskpane/host';
import type { CheckedFile, CopyOutcome, FileInput, ZipOutcome } from './protocol';
import { zipStored } from './zip';

const COPY_FAILED = '生成标记副本失败';

export async function checkFileBytes(file: FileInput, settings: PaneSettings, locale: Locale = 'zh-CN'): Promise<CheckedFile> {
  const bytes = new Uint8Array(file.bytes);
  const read = await readAndCheck(bytes, file.name, { profile: profileFor(settings), write: false, locale });
  return {
    error: read.error,
    grids: read.grids,
    check: read.check,
    settings,
    locale,
  };
}

/** The highlighted copy under `name` (the caller's unique name; copyName by default), made by checkAndCopy as pe-check makes it. */
export async function copyOfFile(file: FileInput, settings: PaneSettings, name?: string): Promise<CopyOutcome> {
  const outName = name ?? copyName(file.name, () => false);
  const none = (notice: string): CopyOutcome => ({ bytes: null, name: outName, notices: [notice] });
  const { read, copy, restored, copyError } = await checkAndCopy(new Uint8Array(file.bytes), file.name, { profile: profileFor(settings), write: true });
  if (read.error !== null || !read.check) return none(`未生成标记副本：${read.error ?? COPY_FAILED}`);
  const refusal = copyRefusal(read);
  if (refusal === 'convert') return none('未生成标记副本：无法把此文件转换为 .xlsx（检查结果不受影响）');
  if (!copy) return none(`未生成标记副本：${copyError ?? COPY_FAILED}`);
  const notices: string[] = [];
  if (restored) notices.push(`已先清除上次检查留下的 ${restored} 处标记，副本只标出本次发现的问题`);
  const note = copyNote(read.kind, file.name, read.macroBook);
  if (note) notices.push(note);
  return { bytes: toArrayBuffer(copy), name: outName, notices };
}

export const OVERVIEW_NAME = '总览.xlsx';

/**
 * One .zip: each readable file's copy (names made unique as pe-check makes them) and 总览.xlsx, whose
 * links open the copies beside it (as pe-check --summary writes them). Files without a copy are
 * still rows of the overview, without a link.
 */
export async function zipOfFiles(
  files: FileInput[],
  settings: PaneSettings,
  onProgress: (done: number, total: number, file: string) => void = () => undefined,
): Promise<ZipOutcome> {
  const used = new Set<string>([OVERVIEW_NAME.toLowerCase()]);
  const entries: { name: string; bytes: Uint8Array }[] = [];
  const rows: OverviewFile[] = [];
  const skipped: { file: string; reason: string }[] = [];
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    onProgress(i, files.length, file.name);
    const name = copyName(file.name, (n) => used.has(n.toLowerCase()));
    const checked = await checkFileBytes(file, settings);
    let target: string | null = null;
    if (checked.check && checked.error === null) {
      const copy = await copyOfFile(file, settings, name);
      if (copy.bytes) {
        used.add(name.toLowerCase());
        entries.push({ name, bytes: new Uint8Array(copy.bytes) });
        target = name;
      } else skipped.push({ file: file.name, reason: copy.notices[0] ?? COPY_FAILED });
    } else skipped.push({ file: file.name, reason: checked.error ?? COPY_FAILED });
    rows.push({ file: file.name, target, targetIsCopy: target !== null, check: checked.check, error: checked.error });
  }
  onProgress(files.length, files.length, OVERVIEW_NAME);
  entries.unshift({ name: OVERVIEW_NAME, bytes: summaryPackage(buildOverview(rows)) });
  return { bytes: toArrayBuffer(zipStored(entries)), skipped };
}

function toArrayBuffer(u: Uint8Array): ArrayBuffer {
  return u.byteOffset === 0 && u.byteLength === u.buffer.byteLength ? (u.buffer as ArrayBuffer) : (u.slice().buffer as ArrayBuffer);
}
