// Writes the overview (and a painted exceljs workbook) to disk: the bytes come from
// files/markedCopy.ts; a file lands in place only after it has been written completely (atomic.ts).
import path from 'node:path';
import type ExcelJS from 'exceljs';
import type { SummaryModel } from '../core/types';
import { CliError } from '../files/errors';
import { summaryWorkbook, workbookBytes } from '../files/markedCopy';
import { writeAtomic } from './atomic';
import type { FileSet } from './paths';

export * from '../files/markedCopy';
export { sameFile } from './paths';

/** Writes wb to outPath atomically (cli/atomic.ts); refuses to replace any of `inputs`. */
export async function writeWorkbookAtomic(wb: ExcelJS.Workbook, outPath: string, inputs: FileSet): Promise<void> {
  if (inputs.has(outPath)) throw new CliError(`输出文件 ${path.basename(outPath)} 与输入文件相同，已拒绝覆盖`);
  writeAtomic(outPath, await workbookBytes(wb), inputs);
}

/** The bureau's overview (--summary): one workbook holding only the summary sheet. */
export async function writeSummaryWorkbook(model: SummaryModel, outPath: string, inputs: FileSet): Promise<void> {
  await writeWorkbookAtomic(summaryWorkbook(model), outPath, inputs);
}
