// Pane state as a reducer plus pure selectors and the check/clear flows (testable in Node, no DOM).
import { checkWorkbook } from '../core/check';
import { planHighlights } from '../core/highlight';
import { buildSummary } from '../core/summary';
import { getProfile, mof2020, withOverrides, type RuleProfile } from '../core/profile';
import type { Finding, Locale, Severity, WorkbookCheck } from '../core/types';
import { DEFAULT_SETTINGS, type PaneSettings, type ReadProgress, type WorkbookGateway } from './excel/gateway';
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
};

export type Action =
  | { type: 'settingsLoaded'; settings: PaneSettings }
  | { type: 'settingsChanged'; settings: PaneSettings }
  | { type: 'toggleSettings'; open?: boolean }
  | { type: 'checkStarted' }
  | { type: 'phase'; phase: Phase }
  | { type: 'progress'; progress: ReadProgress }
  | { type: 'checkDone'; check: WorkbookCheck; summarySheet: string | null }
  | { type: 'clearStarted' }
  | { type: 'clearDone'; restored: number }
  | { type: 'failed'; message: string }
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
      return { ...state, busy: 'check', phase: 'read', progress: null, error: null, notice: null };
    case 'phase':
      return state.busy ? { ...state, phase: action.phase } : state;
    case 'progress':
      return state.busy ? { ...state, progress: action.progress } : state;
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
      };
    }
    case 'clearStarted':
      if (state.busy) return state;
      return { ...state, busy: 'clear', error: null, notice: null };
    case 'clearDone':
      return { ...state, busy: null, marked: false, notice: { kind: 'cleared', restored: action.restored } };
    case 'failed':
      return { ...state, busy: null, phase: null, progress: null, error: action.message };
    case 'setFilter':
      return { ...state, filter: action.filter };
    case 'navigated':
      return { ...state, current: action.key, error: null };
    case 'dismissError':
      return { ...state, error: null };
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
}

/**
 * The 校验 flow: read every sheet, check, mark (clearing the previous marks), write the summary.
 * Messages, notes and the summary are in the pane's language: `lang` when given, else Office's
 * display language (English when it starts with 'en', Chinese otherwise).
 */
export async function performCheck(
  gateway: WorkbookGateway,
  settings: PaneSettings,
  fileName: string,
  report: (a: Action) => void,
  lang: Lang = paneLang(),
): Promise<CheckResult> {
  const text = { locale: localeFor(lang) };
  report({ type: 'phase', phase: 'read' });
  const sheets = await gateway.readSheets((p) => report({ type: 'progress', progress: p }));
  report({ type: 'phase', phase: 'check' });
  const check = checkWorkbook(sheets, profileFor(settings), text);
  report({ type: 'phase', phase: 'mark' });
  await gateway.applyMarks(planHighlights(check, text));
  report({ type: 'phase', phase: 'summary' });
  const summarySheet = check.tables.length > 0 || check.findings.length > 0
    ? await gateway.writeSummary(buildSummary([{ file: fileName, check }], text))
    : null;
  return { check, summarySheet };
}
