// The check in slices: one sheet at a time, giving the browser back its main thread between slices
// so the progress bar moves, clicks (取消) are handled and the pane never freezes on a big workbook.
// The result is exactly checkWorkbook's: sheets are checked independently, and table indices are
// renumbered to the workbook's order (tested against checkWorkbook on every fixture).
import { checkWorkbook } from '../core/check';
import type { RuleProfile } from '../core/profile';
import type { SheetGrid, TextOptions, WorkbookCheck } from '../core/types';

/** Thrown when the user pressed 取消; the flow stops before anything is written. */
export class CheckCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CheckCancelled';
  }
}

export interface SliceOptions {
  signal?: AbortSignal;
  /** Sheets checked so far, after every slice. */
  onProgress?: (done: number, total: number) => void;
  /** Longest stretch of work before yielding (ms); a long task is > 50 ms. */
  budgetMs?: number;
  /** How to give the thread back; a macrotask by default (lets input and paint run). */
  yieldToUi?: () => Promise<void>;
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** A macrotask: MessageChannel is not clamped to 4 ms like nested setTimeout. */
export function macrotask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

export async function checkInSlices(
  sheets: SheetGrid[],
  profile: RuleProfile,
  text: TextOptions,
  options: SliceOptions = {},
): Promise<WorkbookCheck> {
  const { signal, onProgress, budgetMs = 30, yieldToUi = macrotask } = options;
  const out: WorkbookCheck = { tables: [], findings: [] };
  let sliceStart = now();
  for (let i = 0; i < sheets.length; i++) {
    if (signal?.aborted) throw new CheckCancelled();
    const one = checkWorkbook([sheets[i]], profile, text);
    const offset = out.tables.length;
    out.tables.push(...one.tables);
    for (const f of one.findings) out.findings.push(f.table === undefined ? f : { ...f, table: f.table + offset });
    if (now() - sliceStart >= budgetMs && i < sheets.length - 1) {
      onProgress?.(i + 1, sheets.length);
      await yieldToUi();
      sliceStart = now();
    }
  }
  if (signal?.aborted) throw new CheckCancelled();
  onProgress?.(sheets.length, sheets.length);
  return out;
}
