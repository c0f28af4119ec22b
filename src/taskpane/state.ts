// Pane state as a reducer plus pure selectors and the check/clear flows (testable in Node, no DOM).
import { parseA1 } from '../core/address';
import { BLOCK_CODES, rootCauses, tableKeyOf } from '../core/causes';

export { tableKeyOf };
import { kindName } from '../core/kinds';
import { planHighlights } from '../core/highlight';
import { buildSummary } from '../core/summary';
import { profileFor } from './settings';
import type { Finding, FindingCode, GradePending, Locale, Severity, SheetGrid, WorkbookCheck } from '../core/types';
import { DEFAULT_SETTINGS, SUMMARY_SHEET, type PaneSettings, type ReadProgress, type WorkbookGateway, type WorkbookRead, type WriteProblem, type WriteProblemReason } from './host';
import { PeExcelError, classifyExcelError } from './excel/errors';
import { CheckCancelled, createSheetChecker, macrotask } from './checkSlices';
import { langOf, type Lang } from './i18n';

export type Filter = 'all' | Severity;
export type Phase = 'read' | 'check' | 'mark' | 'summary';
/** The list by table (rows, root causes first) or by kind of problem (as Excel's Accessibility checker). */
export type View = 'rows' | 'kinds';

export type Notice =
  | { kind: 'summary'; sheet: string }
  | { kind: 'cleared'; restored: number; summary?: string }
  /** 保留自评汇总 after 清除标记: the sheet written again from the same check. */
  | { kind: 'summaryKept'; sheet: string }
  | { kind: 'settingsSaved' }
  | { kind: 'cancelled' };

export interface PaneState {
  busy: 'check' | 'clear' | null;
  phase: Phase | null;
  progress: ReadProgress | null;
  check: WorkbookCheck | null;
  filter: Filter;
  /** The table the list is narrowed to (a TableSummary key), null for every table. */
  table: string | null;
  view: View;
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
  /** Name of the 自评汇总 sheet the last check wrote (the overview links to it). */
  summarySheet: string | null;
  /** Settings changed since the results on screen were computed: they no longer match the rules. */
  stale: boolean;
  /** Whether 取消 was pressed and the flow is winding down. */
  cancelling: boolean;
  /** `check` holds the findings so far of a check still running (shown while the rest is checked). */
  partial: boolean;
  /** The results on screen when this check started: back on screen if it is cancelled or fails. */
  before: WorkbookCheck | null;
}

export const initialState: PaneState = {
  busy: null,
  phase: null,
  progress: null,
  check: null,
  filter: 'all',
  table: null,
  view: 'rows',
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
  summarySheet: null,
  stale: false,
  cancelling: false,
  partial: false,
  before: null,
};

export type Action =
  | { type: 'settingsLoaded'; settings: PaneSettings }
  | { type: 'settingsChanged'; settings: PaneSettings }
  | { type: 'toggleSettings'; open?: boolean }
  | { type: 'checkStarted' }
  | { type: 'phase'; phase: Phase }
  | { type: 'progress'; progress: ReadProgress }
  | { type: 'checkDone'; check: WorkbookCheck; summarySheet: string | null; problems?: WriteProblem[]; hidden?: string[] }
  | { type: 'cancelRequested' }
  | { type: 'cancelled' }
  | { type: 'clearStarted' }
  | { type: 'clearDone'; restored: number; problems?: WriteProblem[]; summaryRemoved?: string }
  | { type: 'summaryKept'; sheet: string }
  | { type: 'failed'; message: string; retryable?: boolean }
  /** Read and checked: the findings list is shown while the marks are written. */
  | { type: 'checked'; check: WorkbookCheck; hidden: string[] }
  /** The findings of the sheets checked so far, while the check goes on. */
  | { type: 'partial'; check: WorkbookCheck }
  | { type: 'waitingCellEdit'; waiting: boolean }
  | { type: 'setFilter'; filter: Filter }
  | { type: 'setTable'; table: string | null }
  | { type: 'setView'; view: View }
  | { type: 'navigated'; key: string }
  | { type: 'dismissError' }
  | { type: 'dismissNotice' };

/** After a cancelled or failed check: the results from before it, if partial ones were shown. */
function restored(state: PaneState): Pick<PaneState, 'check' | 'partial' | 'before'> {
  return { check: state.partial ? state.before : state.check, partial: false, before: null };
}

export function reducer(state: PaneState, action: Action): PaneState {
  switch (action.type) {
    case 'settingsLoaded':
      return { ...state, settings: action.settings, settingsLoaded: true };
    case 'settingsChanged': {
      const changed = JSON.stringify(action.settings) !== JSON.stringify(state.settings);
      return {
        ...state,
        settings: action.settings,
        notice: { kind: 'settingsSaved' },
        stale: state.stale || (changed && state.check !== null),
      };
    }
    case 'toggleSettings':
      return { ...state, settingsOpen: action.open ?? !state.settingsOpen };
    case 'checkStarted':
      if (state.busy) return state;
      return { ...state, busy: 'check', phase: 'read', progress: null, error: null, notice: null, retryable: false, waitingCellEdit: false, cancelling: false, partial: false, before: state.check };
    case 'phase':
      return state.busy ? { ...state, phase: action.phase } : state;
    case 'progress':
      return state.busy ? { ...state, progress: action.progress, waitingCellEdit: false } : state;
    case 'checked': {
      if (!state.busy) return state;
      const keep = state.table !== null && tableSummaries(action.check).some((t) => t.key === state.table);
      return { ...state, check: action.check, partial: false, before: null, hiddenSheets: action.hidden, writeProblems: [], current: null, table: keep ? state.table : null };
    }
    case 'partial':
      // Only while checking, and never over the final result.
      if (state.busy !== 'check' || (state.check !== state.before && !state.partial)) return state;
      return { ...state, check: action.check, partial: true };
    case 'waitingCellEdit':
      return state.busy || !action.waiting ? { ...state, waitingCellEdit: action.waiting } : state;
    case 'checkDone': {
      const tableStillThere = state.table !== null && tableSummaries(action.check).some((t) => t.key === state.table);
      return {
        ...state,
        busy: null,
        phase: null,
        progress: null,
        check: action.check,
        table: tableStillThere ? state.table : null,
        marked: action.check.findings.length > 0,
        current: null,
        writeProblems: action.problems ?? [],
        hiddenSheets: action.hidden ?? state.hiddenSheets,
        waitingCellEdit: false,
        summarySheet: action.summarySheet,
        stale: false,
        cancelling: false,
        partial: false,
        before: null,
        // The overview's link says where the summary is; a notice would only push the list down.
        notice: null,
      };
    }
    case 'cancelRequested':
      return state.busy === 'check' ? { ...state, cancelling: true } : state;
    case 'cancelled':
      // The findings of a cancelled check are not kept: the previous results (or none) come back.
      return { ...state, busy: null, phase: null, progress: null, cancelling: false, notice: { kind: 'cancelled' }, ...restored(state) };
    case 'clearStarted':
      if (state.busy) return state;
      return { ...state, busy: 'clear', error: null, notice: null, retryable: false };
    case 'clearDone': {
      const problems = action.problems ?? [];
      const notice: Notice = action.summaryRemoved ? { kind: 'cleared', restored: action.restored, summary: action.summaryRemoved } : { kind: 'cleared', restored: action.restored };
      // The 自评汇总 link of the overview goes with its sheet.
      const summarySheet = action.summaryRemoved && action.summaryRemoved === state.summarySheet ? null : state.summarySheet;
      return { ...state, busy: null, marked: problems.length > 0, notice, writeProblems: problems, summarySheet };
    }
    case 'summaryKept':
      return { ...state, notice: { kind: 'summaryKept', sheet: action.sheet }, summarySheet: action.sheet };
    case 'failed':
      return { ...state, busy: null, phase: null, progress: null, cancelling: false, error: action.message, retryable: !!action.retryable, waitingCellEdit: false, ...restored(state) };
    case 'setFilter':
      return { ...state, filter: action.filter };
    case 'setTable':
      return { ...state, table: action.table };
    case 'setView':
      return { ...state, view: action.view };
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

/** Counts by severity, of the whole workbook or of one table (a TableSummary key). */
export function countFindings(check: WorkbookCheck | null, table: string | null = null): Counts {
  const c: Counts = { tables: check?.tables.length ?? 0, error: 0, warning: 0, info: 0, all: 0 };
  for (const f of check?.findings ?? []) {
    if (table !== null && tableKeyOf(f) !== table) continue;
    c[f.severity]++;
    c.all++;
  }
  return c;
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

const colIndex = (cell: string): number => parseA1(cell).col;

/** One line of the overview: a table with its counts, totals and grade. */
export interface TableSummary {
  key: string;
  /** Index into check.tables; null for the findings of a sheet outside any table. */
  index: number | null;
  sheet: string;
  title: string;
  error: number;
  warning: number;
  info: number;
  /** 填报总分 as entered, and 重算总分 (the rules' total); null when absent / not computable. */
  entered: number | null;
  computed: number | null;
  /** Some rows could not be verified (totals.unverifiedRows): the recomputed total is partly the entered one. */
  partial: boolean;
  grade: string | null;
  /** Why the grade is withheld (待核): the table's frame is broken (totals.gradePending). */
  gradePending: GradePending | null;
  scorable: boolean;
}

/**
 * What the pane derives from one check is derived once: the list is rebuilt from the same check on
 * every filter switch, 上一个 / 下一个 and render, and on thousands of findings that is what makes a
 * switch slow. A check is never changed after it is made (a new check is a new object).
 */
function memoFor<T>(cache: WeakMap<WorkbookCheck, T>, check: WorkbookCheck, make: () => T): T {
  let v = cache.get(check);
  if (v === undefined) cache.set(check, (v = make()));
  return v;
}
const summaryCache = new WeakMap<WorkbookCheck, TableSummary[]>();
const labelCache = new WeakMap<WorkbookCheck, Map<string, string>>();
const listCache = new WeakMap<WorkbookCheck, Map<string, ListSection[]>>();

/** The tables, worst first: most errors, then most warnings, then most tips, then workbook order. */
export function tableSummaries(check: WorkbookCheck | null): TableSummary[] {
  if (!check) return [];
  return memoFor(summaryCache, check, () => summarise(check));
}

function summarise(check: WorkbookCheck): TableSummary[] {
  const out = new Map<string, TableSummary>();
  check.tables.forEach((t, i) => {
    out.set(`t${i}`, {
      key: `t${i}`,
      index: i,
      sheet: t.sheet,
      title: t.title,
      error: 0,
      warning: 0,
      info: 0,
      entered: t.totals.entered,
      computed: t.totals.computed,
      partial: (t.totals.unverifiedRows?.length ?? 0) > 0,
      grade: t.totals.grade,
      gradePending: t.totals.gradePending ?? null,
      scorable: t.scorable,
    });
  });
  for (const f of check.findings) {
    const key = tableKeyOf(f);
    let s = out.get(key);
    if (!s) {
      s = { key, index: null, sheet: f.sheet, title: '', error: 0, warning: 0, info: 0, entered: null, computed: null, partial: false, grade: null, gradePending: null, scorable: false };
      out.set(key, s);
    }
    s[f.severity]++;
  }
  const order = new Map([...out.keys()].map((k, i) => [k, i]));
  return [...out.values()].sort(
    (a, b) => b.error - a.error || b.warning - a.warning || b.info - a.info || order.get(a.key)! - order.get(b.key)!,
  );
}

/** One entry of the list: the findings of one row (or one root cause, or one finding in the by-kind view). */
export interface ListItem {
  key: string;
  /** The table it belongs to (TableSummary key): named on the item wherever it is listed. */
  table: string;
  sheet: string;
  row: number;
  /** 三级指标 of the row when it is an indicator row, '' otherwise. */
  label: string;
  /** The worst severity of its findings. */
  severity: Severity;
  /** Its findings, worst first, then left to right. */
  findings: Finding[];
  /** The distinct cells, in the order of `findings`. */
  cells: string[];
  /**
   * A root cause under 请先处理 with the findings it makes moot after it (findings[0] is the cause,
   * the rest are its consequences, listed here instead of under their table).
   */
  cause?: boolean;
}

export interface ListSection {
  key: string;
  kind: 'pinned' | 'table' | 'kind';
  /** The table (TableSummary key) for 'table' sections; the code for 'kind' sections. */
  ref: string;
  sheet: string;
  /** Table title, or the problem kind in words. */
  title: string;
  /** Findings in the section. */
  count: number;
  items: ListItem[];
}

export interface ListOptions {
  filter: Filter;
  table: string | null;
  view: View;
  locale?: Locale;
}

function byWorst(a: Finding, b: Finding): number {
  return severityRank[a.severity] - severityRank[b.severity] || colIndex(a.cell) - colIndex(b.cell);
}

function itemOf(key: string, findings: Finding[], labels: Map<string, string>): ListItem {
  findings.sort(byWorst);
  const f = findings[0];
  return {
    key,
    table: tableKeyOf(f),
    sheet: f.sheet,
    row: f.row,
    label: labels.get(`${tableKeyOf(f)}:${f.row}${findings.every((x) => BLOCK_CODES.has(x.code)) ? ':block' : ''}`) ?? '',
    severity: f.severity,
    findings,
    cells: [...new Set(findings.map((x) => x.cell))],
  };
}

function indicatorLabels(check: WorkbookCheck): Map<string, string> {
  return memoFor(labelCache, check, () => {
    const m = new Map<string, string>();
    check.tables.forEach((t, i) => {
      for (const ind of t.indicators) {
        m.set(`t${i}:${ind.row}`, ind.name);
        if (ind.level1 && !m.has(`t${i}:${ind.row}:block`)) m.set(`t${i}:${ind.row}:block`, ind.level1.replace(/\s+/g, ''));
      }
    });
    return m;
  });
}

const byItem = (a: ListItem, b: ListItem) => severityRank[a.severity] - severityRank[b.severity] || a.row - b.row;

/**
 * The list as sections. By rows: 请先处理 (the root causes) first, then each table worst first, its
 * rows worst first (errors, warnings, tips), a row's findings together as one item. By kinds: one
 * section per kind of problem (worst kinds, then the most frequent first), one item per finding.
 */
export function buildList(check: WorkbookCheck | null, options: ListOptions): ListSection[] {
  if (!check) return [];
  const lists = memoFor(listCache, check, () => new Map<string, ListSection[]>());
  const key = `${options.filter}|${options.table ?? ''}|${options.view}|${options.locale ?? ''}`;
  let sections = lists.get(key);
  if (!sections) lists.set(key, (sections = makeList(check, options)));
  return sections;
}

function makeList(check: WorkbookCheck, options: ListOptions): ListSection[] {
  const { filter, table, view, locale } = options;
  const labels = indicatorLabels(check);
  const wanted = check.findings.filter((f) => (filter === 'all' || f.severity === filter) && (table === null || tableKeyOf(f) === table));
  const summaries = tableSummaries(check);
  const tableRank = new Map(summaries.map((s, i) => [s.key, i]));

  if (view === 'kinds') {
    const byCode = new Map<FindingCode, Finding[]>();
    for (const f of wanted) {
      let list = byCode.get(f.code);
      if (!list) byCode.set(f.code, (list = []));
      list.push(f);
    }
    const sections: ListSection[] = [...byCode.entries()].map(([code, list]) => {
      list.sort((a, b) => (tableRank.get(tableKeyOf(a)) ?? 0) - (tableRank.get(tableKeyOf(b)) ?? 0) || a.row - b.row || colIndex(a.cell) - colIndex(b.cell));
      return {
        key: `k:${code}`,
        kind: 'kind',
        ref: code,
        sheet: '',
        title: kindName(code, locale),
        count: list.length,
        items: list.map((f, i) => itemOf(`k:${code}:${i}`, [f], labels)),
      };
    });
    const worst = (s: ListSection) => Math.min(...s.items.map((i) => severityRank[i.severity]));
    return sections.sort((a, b) => worst(a) - worst(b) || b.count - a.count || a.title.localeCompare(b.title));
  }

  // Root causes, computed in the core: each pinned with what it makes moot, the worst tables first.
  const groups = rootCauses(check, wanted).sort((a, b) => (tableRank.get(tableKeyOf(a.cause)) ?? 0) - (tableRank.get(tableKeyOf(b.cause)) ?? 0));
  const placed = new Set<Finding>();
  const pinned: ListItem[] = [];
  for (const { cause: c, moot } of groups) {
    placed.add(c);
    const item = itemOf(`p:${pinned.length}:${c.sheet}!${c.cell}`, [c], labels);
    if (moot.length) {
      for (const m of moot) placed.add(m);
      item.findings = [c, ...moot];
      item.cells = [...new Set(item.findings.map((x) => x.cell))];
      item.severity = item.findings.reduce<Severity>((w, x) => (severityRank[x.severity] < severityRank[w] ? x.severity : w), c.severity);
      item.cause = true;
    }
    pinned.push(item);
  }
  // A row's findings are one item; a block's (its 一级 label's 分值) are an item of their own even
  // on the row of the block's first indicator, under the block's name, not that indicator's.
  const perTable = new Map<string, Map<string, Finding[]>>();
  for (const f of wanted) {
    if (placed.has(f)) continue;
    const tKey = tableKeyOf(f);
    let rows = perTable.get(tKey);
    if (!rows) perTable.set(tKey, (rows = new Map()));
    const rowKey = BLOCK_CODES.has(f.code) ? `${f.row}:block` : `${f.row}`;
    let list = rows.get(rowKey);
    if (!list) rows.set(rowKey, (list = []));
    list.push(f);
  }
  const sections: ListSection[] = [];
  if (pinned.length > 0) {
    sections.push({ key: 'pinned', kind: 'pinned', ref: '', sheet: '', title: '', count: pinned.reduce((n, i) => n + i.findings.length, 0), items: pinned });
  }
  for (const s of summaries) {
    const rows = perTable.get(s.key);
    if (!rows) continue;
    const items = [...rows.entries()].map(([row, list]) => itemOf(`${s.key}:${row}`, list, labels)).sort(byItem);
    sections.push({
      key: s.key,
      kind: 'table',
      ref: s.key,
      sheet: s.sheet,
      title: s.title,
      count: items.reduce((n, i) => n + i.findings.length, 0),
      items,
    });
  }
  return sections;
}

/** Writes (or writes again) the 自评汇总 sheet of `check`; returns its name. */
export function writeSummaryOf(gateway: WorkbookGateway, check: WorkbookCheck, fileName: string, locale: Locale): Promise<string> {
  return gateway.writeSummary(buildSummary([{ file: fileName, check }], { locale }));
}

export function findingKey(f: Finding): string {
  return `${f.sheet}!${f.cell}`;
}

/**
 * 上一个 / 下一个: the cells of the listed findings in the list's own order (the view, filter and
 * table shown: 请先处理 first, then each table worst first …), each cell once; the step from
 * `current` ("sheet!A1") in direction `dir`. Without a current cell, or from one the list does not
 * show (another filter), 下一个 goes to the first and 上一个 to the last. Returns the finding and
 * its place (1-based) among `total` cells, for the announcement.
 */
export function stepPlace(check: WorkbookCheck | null, options: ListOptions, current: string | null, dir: 1 | -1): { finding: Finding; place: number; total: number } | null {
  if (!check) return null;
  const seen = new Map<string, Finding>();
  for (const sec of buildList(check, options))
    for (const item of sec.items)
      for (const f of item.findings) if (!seen.has(findingKey(f))) seen.set(findingKey(f), f);
  const cells = [...seen.values()];
  if (cells.length === 0) return null;
  const at = current === null ? -1 : cells.findIndex((f) => findingKey(f) === current);
  const to = at >= 0 ? at + dir : dir === 1 ? 0 : cells.length - 1;
  return to >= 0 && to < cells.length ? { finding: cells[to], place: to + 1, total: cells.length } : null;
}

// ------------------------------------------------------------------ flows

export { profileFor };

/** Locale of the core's text (finding messages, cell notes, 自评汇总) for the pane's language. */
export function localeFor(lang: Lang): Locale {
  return lang === 'en' ? 'en' : 'zh-CN';
}

/** The pane's language from Office.context.displayLanguage (as index.tsx picks it); zh outside Office. */
export function paneLang(): Lang {
  const office = (globalThis as { Office?: { context?: { displayLanguage?: string } } }).Office;
  return langOf(office?.context?.displayLanguage);
}

export { CheckCancelled };

export interface CheckResult {
  check: WorkbookCheck;
  summarySheet: string | null;
  /** What could not be written (marks, notes, 自评汇总); the findings are complete regardless. */
  problems: WriteProblem[];
  /** Hidden / very hidden sheets not checked. */
  hidden: string[];
}

export interface CheckOptions {
  /** 取消: aborted, the check stops before anything is written (CheckCancelled). */
  signal?: AbortSignal;
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
  const { signal } = options;
  const text = { locale: localeFor(lang) };
  const timeoutMs = options.timeoutMs ?? 60_000;
  const hintMs = options.cellEditHintMs ?? 3_000;
  const waiting = (w: boolean) => report({ type: 'waitingCellEdit', waiting: w });
  const watch = <T,>(call: (kick: () => void) => Promise<T>) => watched(call, timeoutMs, hintMs, waiting);

  report({ type: 'phase', phase: 'read' });
  // Each sheet is checked as soon as it is read, in slices that yield to the UI (progress moves,
  // 取消 is heard), while Excel answers the next read; the findings so far are shown on the way.
  let checking = false;
  const checker = createSheetChecker(profileFor(settings), text, {
    signal,
    onPartial: (partial) => report({ type: 'partial', check: partial }),
    // While reading, the bar shows the sheets read; then the sheets checked.
    onProgress: (done, total) => checking && report({ type: 'progress', progress: { done, total, sheet: '' } }),
  });
  const read: WorkbookRead = await watch((kick) => {
    const onProgress = (p: ReadProgress) => {
      kick();
      report({ type: 'progress', progress: p });
    };
    const onGrid = (grid: SheetGrid) => checker.push(grid);
    return gateway.readWorkbook
      ? gateway.readWorkbook(onProgress, { onGrid, signal, settings, locale: text.locale })
      : gateway.readSheets(onProgress).then((grids) => {
          grids.forEach(onGrid);
          return { grids, hidden: [] };
        });
  }).catch((e) => {
    // 取消 while reading: whatever the read ended with, nothing was written.
    if (signal?.aborted) throw new CheckCancelled();
    throw e;
  });
  if (signal?.aborted) throw new CheckCancelled();
  report({ type: 'phase', phase: 'check' });
  checking = true;
  // A host that already checked these sheets (the page's worker) saves the pane a second check.
  const check = read.check ?? (await checker.finish(read.grids.length));
  if (signal?.aborted) throw new CheckCancelled();
  // Let the pane draw the list before the marks are prepared (its own task, not one long one).
  await macrotask();
  report({ type: 'checked', check, hidden: read.hidden });

  const problems: WriteProblem[] = [];
  report({ type: 'phase', phase: 'mark' });
  try {
    const marked = await watch(() => gateway.applyMarks(planHighlights(check, { locale: text.locale, grids: read.grids })));
    if (marked) problems.push(...marked.problems);
  } catch (e) {
    problems.push({ sheet: '', reason: problemReason(e), cells: 0 });
  }
  report({ type: 'phase', phase: 'summary' });
  let summarySheet: string | null = null;
  if (check.tables.length > 0 || check.findings.length > 0) {
    try {
      summarySheet = await watch(() => writeSummaryOf(gateway, check, fileName, text.locale));
    } catch (e) {
      problems.push({ sheet: SUMMARY_SHEET, reason: problemReason(e), cells: 0 });
    }
  }
  return { check, summarySheet, problems, hidden: read.hidden };
}
