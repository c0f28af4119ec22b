// Writes the bureau's overview (--summary) to disk: the workbook comes from files/summaryXlsx.ts; the
// file lands in place only after it has been written completely (atomic.ts). The highlighted copies
// are made in the fence (files/checkBytes checkAndCopy) and written by run.ts.
import type { SummaryModel } from '../core/types';
import { summaryPackage } from '../files/summaryXlsx';
import { writeAtomic } from './atomic';
import type { FileSet } from './paths';

export function writeSummaryWorkbook(model: SummaryModel, outPath: string, inputs: FileSet): void {
  writeAtomic(outPath, summaryPackage(model), inputs);
}
