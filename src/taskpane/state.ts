// Pane state as a reducer plus pure selectors and the check/clear flows (testable in Node, no DOM).
import { checkWorkbook } from '../core/check';
import { planHighlights } from '../core/highlight';
import { buildSummary } from '../core/summary';
import { getProfile, mof2020, withOverrides, type RuleProfile } from '../core/profile';
import type { Finding, Locale, Severity, WorkbookCheck } from '../core/types';
import { DEFAULT_SETTINGS, SUMMARY_SHEET, type PaneSettings, type ReadProgress, type WorkbookGateway, type WorkbookRead, type WriteProblem, type WriteProblemReason } from './excel/gateway';
import { PeExcelError, classifyExcelError } from './excel/errors';
import { langOf, type Lang } from './i18n';

export type Filter = 'all' | Severity;
export type Phase = 'read' | 'check' | 'mark' | 'summary';

export type Notice = { kind: 'summary'; sheet: string } | { kind: 'cleared'; restored: number } | { kind: 'settingsSaved' };

export interface PaneState {
  busy: 'check' | 'clear' | null;
  phase: Phase | null;
  progress: ReadProgress | null;
  check: WorkbookCheck | null;
  filter: Filter;
  /** Localised error text (with what to do next), shown in a MessageBar. */
  error: string | null;
  notice: Notice | null;
  settings: PaneSettings;
  settingsLoaded: boolean;
  settingsOpen: boolean;
  /** Whether marks we wrote may be in the workbook (enables 清除标记 emphasis). */
  marked: boolean;
  /** Cell last navigated to ("sheet!A1"), to highlight the item. */
  current: string | null;
  /** What the last check or clear could not write (the findings list is complete regardless). */
  writeProblems: WriteProblem[];
  /** Hidden / very hidden sheets the last check skipped. */
  hiddenSheets: string[];
  /** A call has waited > 3 s on Excel (most often: a cell is being edited). */
  waitingCellEdit: boolean;
  /** The last error was a timeout: offer 重试 / 取消. */
  retryable: boolean;
}

export const initialState: PaneState = {
  busy: null,
  phase: null,
  progress: null,
  check: null,
  filter: 'all',
  error: null,
  notice: null,
  settings: DEFAULT_SETTINGS,
  settingsLoaded: false,
  settingsOpen: false,
  marked: false,
  current: null,
  writeProblems: [],
  hiddenSheets: [],
  waitingCellEdit: false,
  retryable: false,
};

export type Action =
  | { type: 'settingsLoaded'; settings: PaneSettings }
  | { type: 'settingsChanged'; settings: PaneSettings }
  | { type: 'toggleSettings'; open?: boolean }
  | { type: 'checkStarted' }
  | { type: 'phase'; phase: Phase }
  | { type: 'progress'; progress: ReadProgress }
  | { type: 'checkDone'; check: WorkbookCheck; summarySheet: string | null; problems?: WriteProblem[]; hidden?: string[] }
  | { type: 'clearStarted' }
  | { type: 'clearDone'; restored: number; problems?: WriteProblem[] }
  | { type: 'failed'; message: string; retryable?: boolean }
  /** Read and checked: the findings list is shown while the marks are written. */
  | { type: 'checked'; check: WorkbookCheck; hidden: string[] }
  | { type: 'waitingCellEdit'; waiting: boolean }
  | { type: 'setFilter'; filter: Filter }
  | { type: 'navigated'; key: string }
  | { type: 'dismissError' }
  | { type: 'dismissNotice' };

export function reducer(state: PaneState, action: Action): PaneState {
  switch (action.type) {
    case 'settingsLoaded':
      return { ...state, settings: action.settings, settingsLoaded: true };
    case 'settingsChanged':
      return { ...state, settings: action.settings, notice: { kind: 'settingsSaved' } };
    case 'toggleSettings':
      return { ...state, settingsOpen: action.open ?? !state.settingsOpen };
    case 'checkStarted':
      if (state.busy) return state;
      return { ...state, busy: 'check', phase: 'read', progress: null, error: null, notice: null, retryable: false, waitingCellEdit: false };
    case 'phase':
      return state.busy ? { ...state, phase: action.phase } : state;
    case 'progress':
      return state.busy ? { ...state, progress: action.progress, waitingCellEdit: false } : state;
    case 'checked':
      return state.busy ? { ...state, check: action.check, hiddenSheets: action.hidden, writeProblems: [], current: null } : state;
    case 'waitingCellEdit':
      return state.busy || !action.waiting ? { ...state, waitingCellEdit: action.waiting } : state;
    case 'checkDone': {
      const filter = state.filter;
      return {
        ...state,
        busy: null,
        phase: null,
        progress: null,
        check: action.check,
        filter,
        marked: action.check.findings.length > 0,
        current: null,
        notice: action.summarySheet ? { kind: 'summary', sheet: action.summarySheet } : null,
        writeProblems: action.problems ?? [],
        hiddenSheets: action.hidden ?? state.hiddenSheets,
        waitingCellEdit: false,
      };
    }
    case 'clearStarted':
      if (state.busy) return state;
      return { ...state, busy: 'clear', error: null, notice: null, retryable: false };
    case 'clearDone': {
      const problems = action.problems ?? [];
      return { ...state, busy: null, marked: problems.length > 0, notice: { kind: 'cleared', restored: action.restored }, writeProblems: problems };
    }
    case 'failed':
      return { ...state, busy: null, phase: null, progress: null, error: action.message, retryable: !!action.retryable, waitingCellEdit: false };
    case 'setFilter':
      return { ...state, filter: action.filter };
    case 'navigated':
      return { ...state, current: action.key, error: null };
    case 'dismissError':
      return { ...state, error: null, retryable: false };
    case 'dismissNotice':
      return { ...state, notice: null };
    default:
      return state;
  }
}

// ------------------------------------------------------------------ selectors

export interface Counts {
  tables: number;
  error: number;
  warning: number;
  info: number;
  all: number;
}

export function countFindings(check: WorkbookCheck | null): Counts {
  const c: Counts = { tables: check?.tables.length ?? 0, error: 0, warning: 0, info: 0, all: 0 };
  for (const f of check?.findings ?? []) {
    c[f.severity]++;
    c.all++;
  }
  return c;
}

export interface RowGroup {
  key: string;
  row: number;
  /** 三级指标 of the row when it is an indicator row, '' otherwise. */
  label: string;
  findings: Finding[];
}

export interface TableGroup {
  key: string;
  table: number | null;
  sheet: string;
  title: string;
  rows: RowGroup[];
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function colIndex(cell: string): number {
  const m = /^([A-Z]+)/i.exec(cell);
  let n = 0;
  for (const ch of (m ? m[1] : '').toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Findings grouped by table (workbook order), then by row; filtered by severity. */
export function groupFindings(check: WorkbookCheck | null, filter: Filter): TableGroup[] {
  if (!check) return [];
  const groups = new Map<string, TableGroup>();
  const order: string[] = [];
  check.tables.forEach((t, i) => {
    const key = `t${i}`;
    groups.set(key, { key, table: i, sheet: t.sheet, title: t.title, rows: [] });
    order.push(key);
  });
  const rowMaps = new Map<string, Map<string, RowGroup>>();
  for (const f of check.findings) {
    if (filter !== 'all' && f.severity !== filter) continue;
    const tKey = f.table !== undefined && groups.has(`t${f.table}`) ? `t${f.table}` : `s:${f.sheet}`;
    if (!groups.has(tKey)) {
      groups.set(tKey, { key: tKey, table: null, sheet: f.sheet, title: '', rows: [] });
      order.push(tKey);
    }
    const g = groups.get(tKey)!;
    let rows = rowMaps.get(tKey);
    if (!rows) rowMaps.set(tKey, (rows = new Map()));
    const rKey = `${f.sheet}!${f.row}`;
    let rg = rows.get(rKey);
    if (!rg) {
      const table = g.table !== null ? check.tables[g.table] : null;
      const ind = table?.indicators.find((x) => x.row === f.row);
      rg = { key: `${tKey}:${rKey}`, row: f.row, label: ind?.name ?? '', findings: [] };
      rows.set(rKey, rg);
      g.rows.push(rg);
    }
    rg.findings.push(f);
  }
  const out: TableGroup[] = [];
  for (const key of order) {
    const g = groups.get(key)!;
    if (g.rows.length === 0) continue;
    g.rows.sort((a, b) => a.row - b.row);
    for (const r of g.rows)
      r.findings.sort((a, b) => colIndex(a.cell) - colIndex(b.cell) || severityRank[a.severity] - severityRank[b.severity]);
    out.push(g);
  }
  return out;
}

export function findingKey(f: Finding): string {
  return `${f.sheet}!${f.cell}`;
}

// ------------------------------------------------------------------ flows

export function profileFor(settings: PaneSettings): RuleProfile {
  const base = getProfile(settings.profile) ?? mof2020;
  return withOverrides(base, { overTarget: settings.overTarget, reverse: settings.reverse });
}

/** Locale of the core's text (finding messages, cell notes, 自评汇总) for the pane's language. */
export function localeFor(lang: Lang): Locale {
  return lang === 'en' ? 'en' : 'zh-CN';
}

/** The pane's language from Office.context.displayLanguage (as index.tsx picks it); zh outside Office. */
export function paneLang(): Lang {
  const office = (globalThis as { Office?: { context?: { displayLanguage?: string } } }).Office;
  return langOf(office?.context?.displayLanguage);
}

export interface CheckResult {
  check: WorkbookCheck;
  summarySheet: string | null;
  /** What could not be written (marks, notes, 自评汇总); the findings are complete regardless. */
  problems: WriteProblem[];
  /** Hidden / very hidden sheets not checked. */
  hidden: string[];
}

export interface CheckOptions {
  /** A call to Excel that makes no progress for this long is given up (取消/重试). Default 60 s. */
  timeoutMs?: number;
  /** After this long waiting on Excel, say how to end cell editing. Default 3 s. */
  cellEditHintMs?: number;
}

/** The error a stalled call ends with (PeExcelError 'timeout': the pane offers 重试 / 取消). */
export function timeoutError(): PeExcelError {
  return new PeExcelError('timeout', 'Excel 长时间没有响应。');
}

/**
 * Runs one gateway call under a watchdog: `onWaiting(true)` after `hintMs` without progress (the
 * 3 s cell-edit hint: Excel.run with delayForCellEdit waits silently while a cell is edited), and
 * a timeout error after `timeoutMs` without progress. `kick` (progress) restarts both clocks.
 * The call itself cannot be cancelled (Excel.run has no abort); its late result is ignored.
 */
export function watched<T>(
  call: (kick: () => void) => Promise<T>,
  timeoutMs: number,
  hintMs: number,
  onWaiting: (waiting: boolean) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let waiting = false;
    let hint: ReturnType<typeof setTimeout> | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      if (hint) clearTimeout(hint);
      if (timer) clearTimeout(timer);
      if (waiting) onWaiting((waiting = false));
    };
    const arm = () => {
      if (settled) return;
      stop();
      hint = setTimeout(() => onWaiting((waiting = true)), hintMs);
      timer = setTimeout(() => {
        settled = true;
        stop();
        reject(timeoutError());
      }, timeoutMs);
    };
    arm();
    call(arm).then(
      (v) => {
        if (settled) return;
        settled = true;
        stop();
        resolve(v);
      },
      (e) => {
        if (settled) return;
        settled = true;
        stop();
        reject(e);
      },
    );
  });
}

function problemReason(e: unknown): WriteProblemReason {
  if (e instanceof PeExcelError && e.detail === 'structure') return 'structure';
  const code = classifyExcelError(e);
  if (code === 'protected' || code === 'readOnly') return 'protected';
  if (code === 'tooLarge') return 'tooLarge';
  if (code === 'timeout') return 'timeout';
  return 'failed';
}

/**
 * The 校验 flow. Reading and checking always give the findings list (reported with 'checked' before
 * anything is written); marking and 自评汇总 are a separate best-effort phase whose failures become
 * `problems`, never a lost check. Messages, notes and the summary are in the pane's language:
 * `lang` when given, else Office's display language (English when it starts with 'en').
 */
export async function performCheck(
  gateway: WorkbookGateway,
  settings: PaneSettings,
  fileName: string,
  report: (a: Action) => void,
  lang: Lang = paneLang(),
  options: CheckOptions = {},
): Promise<CheckResult> {
  const text = { locale: localeFor(lang) };
  const timeoutMs = options.timeoutMs ?? 60_000;
  const hintMs = options.cellEditHintMs ?? 3_000;
  const waiting = (w: boolean) => report({ type: 'waitingCellEdit', waiting: w });
  const watch = <T,>(call: (kick: () => void) => Promise<T>) => watched(call, timeoutMs, hintMs, waiting);

  report({ type: 'phase', phase: 'read' });
  const read: WorkbookRead = await watch((kick) => {
    const onProgress = (p: ReadProgress) => {
      kick();
      report({ type: 'progress', progress: p });
    };
    return gateway.readWorkbook
      ? gateway.readWorkbook(onProgress)
      : gateway.readSheets(onProgress).then((grids) => ({ grids, hidden: [] }));
  });
  report({ type: 'phase', phase: 'check' });
  const check = checkWorkbook(read.grids, profileFor(settings), text);
  report({ type: 'checked', check, hidden: read.hidden });

  const problems: WriteProblem[] = [];
  report({ type: 'phase', phase: 'mark' });
  try {
    const marked = await watch(() => gateway.applyMarks(planHighlights(check, text)));
    if (marked) problems.push(...marked.problems);
  } catch (e) {
    problems.push({ sheet: '', reason: problemReason(e), cells: 0 });
  }
  report({ type: 'phase', phase: 'summary' });
  let summarySheet: string | null = null;
  if (check.tables.length > 0 || check.findings.length > 0) {
    try {
      summarySheet = await watch(() => gateway.writeSummary(buildSummary([{ file: fileName, check }], text)));
    } catch (e) {
      problems.push({ sheet: SUMMARY_SHEET, reason: problemReason(e), cells: 0 });
    }
  }
  return { check, summarySheet, problems, hidden: read.hidden };
}
