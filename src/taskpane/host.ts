// What the pane needs from the place it runs in: one interface for every host (Excel's gateway in
// excel/gateway.ts, the browser page's workbook in memory in web/memoryGateway.ts, a WPS host
// later). The pane's components and its check flow (state.ts) know only this.
import type { CellMark, Locale, SheetGrid, SummaryModel, WorkbookCheck } from '../core/types';
import { SUMMARY_SHEET_NAME } from '../core/summary';
import type { ReverseMethod } from '../core/profile';

/** The sheet 校验 writes its summary to (自评汇总). */
export const SUMMARY_SHEET = SUMMARY_SHEET_NAME;

export interface PaneSettings {
  profile: string;
  overTarget: number;
  reverse: ReverseMethod;
}

export const DEFAULT_SETTINGS: PaneSettings = { profile: 'mof2020', overTarget: 1.2, reverse: 'linear' };

export interface ReadProgress {
  /** Sheets read so far. */
  done: number;
  total: number;
  /** The sheet being read now ('' when finished). */
  sheet: string;
}

/** Why some cells of a sheet could not be marked (or cleared). */
export type WriteProblemReason =
  /** Sheet protection: nothing on that sheet can be written. */
  | 'protected'
  /** Workbook structure protection: 自评汇总 cannot be added. */
  | 'structure'
  /** Someone's comment or note is on the cell: it got our fill, not our note. */
  | 'comment'
  /** Still over Excel's request size limit after splitting. */
  | 'tooLarge'
  /** Excel did not answer in time. */
  | 'timeout'
  /** Notes placed by an Excel with the notes API (ExcelApi 1.18) that this Excel cannot delete. */
  | 'notesApi'
  /** This Excel has notes but refused to read them (Excel on the web): marks use comments or fills. */
  | 'notesUnreadable'
  | 'failed';

export interface WriteProblem {
  /** Sheet name ('' for the workbook as a whole). */
  sheet: string;
  reason: WriteProblemReason;
  /** Cells concerned. */
  cells: number;
}

export interface MarkResult {
  /** Cells that got our fill. */
  marked: number;
  problems: WriteProblem[];
}

export interface ClearResult {
  restored: number;
  /** Marks left in place (and kept in the record for a later 清除标记). */
  problems?: WriteProblem[];
  /** Our 自评汇总 sheet, removed too (its findings are out of date once the marks are gone). */
  summaryRemoved?: string;
}

export interface WorkbookRead {
  grids: SheetGrid[];
  /** Hidden and very hidden sheets, not read (nobody sees them, 定位 could not show them). */
  hidden: string[];
  /**
   * The check of these sheets, when the host already made it with the settings and language the
   * pane asked for (the browser page's worker): the pane uses it instead of checking again.
   */
  check?: WorkbookCheck;
}

export interface ReadOptions {
  /** Each sheet's grid as soon as it is read, in workbook order (the pane checks it while the next is read). */
  onGrid?: (grid: SheetGrid) => void;
  /** 取消: no further sheet is read once aborted (what was read is returned). */
  signal?: AbortSignal;
  /** What the pane will check with (a host may only hand back a check made with the same). */
  settings?: PaneSettings;
  locale?: Locale;
}

/** Where 公式转为数值 looks: the selected range, or every visible sheet's used range. */
export type FormulaScope = 'selection' | 'workbook';

export interface PeFormulaCount {
  /** Cells whose formula calls a PE.* function. */
  cells: number;
  /** Sheets with such cells. */
  sheets: string[];
  /** Of them, cells on protected sheets (cannot be converted). */
  onProtected: number;
}

export interface ConvertResult {
  converted: number;
  problems: WriteProblem[];
}

/** A formula that calls one of our functions (=PE.SCORE(…), =ROUND(PE.EXECSCORE(…),2) …). */
export const PE_FORMULA = /(^|[^A-Za-z0-9_.])PE\.[A-Za-z]+\s*\(/i;

export interface WorkbookGateway {
  readSheets(onProgress?: (p: ReadProgress) => void): Promise<SheetGrid[]>;
  /** readSheets plus what was skipped; optional so simple test gateways need not implement it. */
  readWorkbook?(onProgress?: (p: ReadProgress) => void, options?: ReadOptions): Promise<WorkbookRead>;
  /**
   * Clears the previous marks, then fills and annotates the given cells (remembered in
   * workbook.settings). Best effort: what could not be written is reported, not thrown.
   */
  applyMarks(marks: CellMark[]): Promise<MarkResult | void>;
  /**
   * Restores every fill we changed, deletes our notes/comments (both kinds) and our 自评汇总 sheet,
   * so a cleared workbook sent on carries nothing of ours.
   */
  clearMarks(): Promise<ClearResult>;
  /** (Re)creates our summary sheet; returns the sheet name used. */
  writeSummary(model: SummaryModel): Promise<string>;
  selectCell(sheet: string, cell: string): Promise<void>;
  /** How many PE.* formulas 公式转为数值 would replace (optional for simple test gateways). */
  countPeFormulas?(scope: FormulaScope): Promise<PeFormulaCount>;
  /** Replaces every PE.* formula in `scope` by its current value; other formulas and values stay. */
  convertPeFormulas?(scope: FormulaScope): Promise<ConvertResult>;
  loadSettings(): Promise<PaneSettings>;
  saveSettings(s: PaneSettings): Promise<void>;
}

/** Keeps only known values (a hand-edited or older setting never breaks the pane). */
export function sanitizeSettings(raw: Partial<PaneSettings> | null | undefined): PaneSettings {
  const out = { ...DEFAULT_SETTINGS };
  if (!raw || typeof raw !== 'object') return out;
  if (raw.profile === 'mof2020' || raw.profile === 'gx130') out.profile = raw.profile;
  if (raw.overTarget === 1.2 || raw.overTarget === 1.3) out.overTarget = raw.overTarget;
  else if (raw.profile === 'gx130') out.overTarget = 1.3;
  if (raw.reverse === 'linear' || raw.reverse === 'ratio') out.reverse = raw.reverse;
  return out;
}
