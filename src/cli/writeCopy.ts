// Writes the highlighted copy and the overview to disk: the bytes come from files/markedCopy.ts;
// a file lands in place only after it has been written completely (temp file + rename).
import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import type { SummaryModel } from '../core/types';
import { CliError } from '../files/errors';
import { summaryWorkbook, workbookBytes } from '../files/markedCopy';
import type { FileSet } from './paths';

export * from '../files/markedCopy';
export { sameFile } from './paths';

/**
 * Writes wb to outPath via a temp file in the same folder and a rename, so a crash or a full disk
 * never leaves a half-written copy under the real name. Refuses to replace any of `inputs`.
 */
export async function writeWorkbookAtomic(wb: ExcelJS.Workbook, outPath: string, inputs: FileSet): Promise<void> {
  if (inputs.has(outPath)) {
    throw new CliError(`输出文件 ${path.basename(outPath)} 与输入文件相同，已拒绝覆盖`);
  }
  const dir = path.dirname(path.resolve(outPath));
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(outPath)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const bytes = await workbookBytes(wb);
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, outPath);
  } catch (err) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* the temp file may not exist yet */
    }
    throw err;
  }
}

/** The bureau's overview (--summary): one workbook holding only the summary sheet. */
export async function writeSummaryWorkbook(model: SummaryModel, outPath: string, inputs: FileSet): Promise<void> {
  await writeWorkbookAtomic(summaryWorkbook(model), outPath, inputs);
}
