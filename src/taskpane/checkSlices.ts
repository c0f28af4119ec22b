// The check in slices: one sheet at a time, giving the browser back its main thread between slices
// so the progress bar moves, clicks (取消) are handled and the pane never freezes on a big workbook.
// Sheets can be handed in while they are still being read (createSheetChecker): each is checked as
// soon as it arrives, in the time the pane would otherwise spend waiting for Excel's next answer, and
// the findings so far are shown while the rest is read and checked.
// The result is exactly checkWorkbook's: sheets are checked independently, and table indices are
// renumbered to the workbook's order (tested against checkWorkbook on every fixture).
import { appendAll } from '../core/arrays';
import { checkWorkbook } from '../core/check';
import type { RuleProfile } from '../core/profile';
import type { SheetGrid, TextOptions, WorkbookCheck } from '../core/types';
import { macrotask } from './excel/breathe';

export { macrotask };

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
  /**
   * The findings so far (a new object each time), at most every `partialEveryMs` and once the first
   * sheet with findings is checked: the pane shows them while the rest is checked.
   */
  onPartial?: (check: WorkbookCheck) => void;
  partialEveryMs?: number;
  /** Longest stretch of work before yielding (ms); a long task is > 50 ms. */
  budgetMs?: number;
  /** How to give the thread back; a macrotask by default (lets input and paint run). */
  yieldToUi?: () => Promise<void>;
  /** Clock (ms); performance.now by default. */
  now?: () => number;
}

const defaultNow = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export interface SheetChecker {
  /** A sheet as it was read (in workbook order); checked in a later slice. */
  push(sheet: SheetGrid): void;
  /** Every sheet is in: resolves with the whole check once the last one is checked. */
  finish(total?: number): Promise<WorkbookCheck>;
}

/**
 * Checks sheets as they are pushed, in slices of `budgetMs`, yielding between slices. A slice never
 * runs inside push(): the reader's next request to Excel goes out first, and the checking happens
 * while Excel answers. Rejects finish() with CheckCancelled once the signal is aborted.
 */
export function createSheetChecker(profile: RuleProfile, text: TextOptions, options: SliceOptions = {}): SheetChecker {
  const { signal, onProgress, onPartial, partialEveryMs = 400, budgetMs = 20, yieldToUi = macrotask, now = defaultNow } = options;
  const out: WorkbookCheck = { tables: [], findings: [] };
  const queue: SheetGrid[] = [];
  let pushed = 0;
  let checked = 0;
  let total: number | null = null;
  let pumping: Promise<void> | null = null;
  let failure: unknown = null;
  let lastPartial = -Infinity;
  let shownFindings = 0;
  let reported = -1;

  const progress = () => {
    if (checked === reported) return;
    reported = checked;
    onProgress?.(checked, total ?? Math.max(pushed, checked));
  };

  function checkOne(sheet: SheetGrid): void {
    const one = checkWorkbook([sheet], profile, text);
    const offset = out.tables.length;
    appendAll(out.tables, one.tables);
    for (const f of one.findings) out.findings.push(f.table === undefined ? f : { ...f, table: f.table + offset });
    checked++;
  }

  function partial(force: boolean): void {
    if (!onPartial || out.findings.length === shownFindings) return;
    const t = now();
    if (!force && t - lastPartial < partialEveryMs) return;
    lastPartial = t;
    shownFindings = out.findings.length;
    onPartial({ tables: [...out.tables], findings: [...out.findings] });
  }

  async function pump(): Promise<void> {
    // Never in the caller's task: let the reader send its next request first.
    await yieldToUi();
    let sliceStart = now();
    while (queue.length > 0) {
      if (signal?.aborted) throw new CheckCancelled();
      checkOne(queue.shift()!);
      if (now() - sliceStart >= budgetMs && queue.length > 0) {
        progress();
        partial(false);
        await yieldToUi();
        sliceStart = now();
      }
    }
    progress();
    // The first findings are shown at once; later ones at most every partialEveryMs.
    partial(shownFindings === 0);
  }

  function kick(): void {
    if (pumping) return;
    pumping = pump()
      .catch((e) => {
        failure = e;
      })
      .finally(() => {
        pumping = null;
        if (queue.length > 0 && failure === null) kick();
      });
  }

  return {
    push(sheet) {
      if (total !== null) throw new Error('createSheetChecker: push after finish');
      queue.push(sheet);
      pushed++;
      kick();
    },
    async finish(expected) {
      total = expected ?? pushed;
      kick();
      while (pumping) await pumping;
      if (failure !== null) throw failure;
      if (signal?.aborted) throw new CheckCancelled();
      progress();
      return out;
    },
  };
}

export async function checkInSlices(
  sheets: SheetGrid[],
  profile: RuleProfile,
  text: TextOptions,
  options: SliceOptions = {},
): Promise<WorkbookCheck> {
  const checker = createSheetChecker(profile, text, options);
  for (const sheet of sheets) checker.push(sheet);
  return checker.finish(sheets.length);
}
