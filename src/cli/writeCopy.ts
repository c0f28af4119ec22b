// Writes the bureau's overview (--summary) to disk: the workbook comes from files/markedCopy.ts; the
// file lands in place only after it has been written completely (atomic.ts). The highlighted copies
// are painted in the fence (files/checkBytes checkAndCopy) and written by run.ts.
import type { SummaryModel } from '../core/types';
import { summaryWorkbook, workbookBytes } from '../files/markedCopy';
import { writeAtomic } from './atomic';
import type { FileSet } from './paths';

export async function writeSummaryWorkbook(model: SummaryModel, outPath: string, inputs: FileSet): Promise<void> {
  writeAtomic(outPath, await workbookBytes(summaryWorkbook(model)), inputs);
}
