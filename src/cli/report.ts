// The human (text) report of pe-check: one block per file, grouped by table, findings sorted by
// position, and the run's closing lines. Pure formatting: the caller decides where it goes.
import { columnIndex } from '../core/address';
import { kindName } from '../core/kinds';
import { gradePendingText } from '../core/messages';
import type { ReportFile } from '../core/report';
import type { Finding, Severity, TableReport } from '../core/types';
import { shown, shownLine } from './terminalText';

/** One input's result as the CLI reports it: ReportFile plus the path as given and the copy written. */
export type FileResult = ReportFile & { path: string; copy?: string };

function severityMark(s: Severity): string {
  return s === 'error' ? '✖' : s === 'warning' ? '⚠' : 'ℹ';
}

function cellOrder(f: Finding): [number, number] {
  const m = /^([A-Z]+)(\d+)$/i.exec(f.cell);
  return m ? [Number(m[2]), columnIndex(m[1])] : [f.row ?? 0, 0];
}

function byPosition(a: Finding, b: Finding): number {
  const [ra, ca] = cellOrder(a);
  const [rb, cb] = cellOrder(b);
  return ra - rb || ca - cb || a.sheet.localeCompare(b.sheet);
}

function counts(findings: Finding[]): { error: number; warning: number; info: number } {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

const countLine = (c: { error: number; warning: number; info: number }) => `错误 ${c.error} · 警告 ${c.warning} · 提示 ${c.info}`;

const KIND_LABEL: Record<string, string> = { project: '项目支出', department: '部门整体', unknown: '类型未识别' };

function fmtNumber(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return String(Math.round(n * 100) / 100);
}

function describeTable(t: TableReport, i: number): string {
  const parts = [`【表 ${i + 1}】${t.title ? shownLine(t.title, 120) : '（无标题）'}`, `${shown(t.sheet, 40)}!${t.range}`, KIND_LABEL[t.kind] ?? t.kind];
  if (!t.scorable) parts.push('无分值/得分列，未评分');
  else if (t.totals) {
    const grade = t.totals.gradePending ? `（待核：${gradePendingText(t.totals.gradePending)}）` : t.totals.grade ? `（${t.totals.grade}）` : '';
    parts.push(`重算总分 ${fmtNumber(t.totals.computed)}${grade}`);
  }
  return parts.join('  ');
}

/**
 * The problem's type in Chinese words (issue 19: codes are for machines — the JSON report keeps
 * them, `--json`; a person reads 〔得分与评分规则不符〕).
 */
const problemType = (f: Finding) => `〔${kindName(f.code)}〕`;

/** A finding's message on one line; its quoted cell texts made safe and cut (terminalText). */
const oneLine = (s: string) => shownLine(s);

/** The human report of one file, grouped by table, findings sorted by position. */
export function renderFile(r: FileResult): string {
  const lines: string[] = [`== ${shown(r.path, 1000)} ==`];
  if (r.tables.length === 0) lines.push('  未找到绩效自评表');
  const groups = new Map<number, Finding[]>();
  for (const f of r.findings) {
    const k = typeof f.table === 'number' && f.table >= 0 && f.table < r.tables.length ? f.table : -1;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(f);
  }
  r.tables.forEach((t, i) => {
    lines.push(describeTable(t, i));
    const own = (groups.get(i) ?? []).sort(byPosition);
    if (own.length === 0) lines.push('  ✔ 未发现问题');
    for (const f of own) lines.push(`  ${severityMark(f.severity)} ${f.cell} ${problemType(f)} ${oneLine(f.message)}`);
  });
  const loose = (groups.get(-1) ?? []).sort(byPosition);
  if (loose.length) {
    lines.push('【其他】');
    for (const f of loose) lines.push(`  ${severityMark(f.severity)} ${shown(f.sheet, 40)}!${f.cell} ${problemType(f)} ${oneLine(f.message)}`);
  }
  lines.push(`  小计：${r.tables.length} 张表，${countLine(counts(r.findings))}`);
  for (const n of r.notices ?? []) lines.push(`  ${shownLine(n, 1000)}`);
  if (r.copy) lines.push(`  标记副本：${shown(r.copy, 1000)}`);
  return lines.join('\n') + '\n';
}

export interface RunTotals {
  inputs: number;
  unreadable: number;
  /** Read, but no 绩效自评表 found in them. */
  unrecognized: number;
  tables: number;
  errors: number;
  warnings: number;
  infos: number;
  copies: number;
  outDir: string;
  summary: string | null;
  json: string | null;
}

/** The closing lines of a run: totals, then where each output went. */
export function renderTotals(t: RunTotals): string {
  let s =
    `\n共 ${t.inputs} 个输入${t.unreadable || t.unrecognized ? `（${[t.unreadable ? `${t.unreadable} 个无法读取` : '', t.unrecognized ? `${t.unrecognized} 个未识别出自评表` : ''].filter(Boolean).join('，')}）` : ''}，${t.tables} 张表：` +
    `错误 ${t.errors} · 警告 ${t.warnings} · 提示 ${t.infos}\n`;
  if (t.copies) s += `标记副本 ${t.copies} 份已写入 ${t.outDir}\n`;
  if (t.summary) s += `总览已写入 ${t.summary}\n`;
  if (t.json) s += `JSON 报告已写入 ${t.json}\n`;
  return s;
}

/** The folder entries a scan left out, one line each, so a folder of 7 files never reads as 3 silently. */
export function renderSkipped(skipped: { path: string; reason: string }[]): string {
  if (skipped.length === 0) return '';
  return `文件夹中跳过 ${skipped.length} 项：\n` + skipped.map((s) => `  - ${shown(s.path, 1000)}：${s.reason}\n`).join('');
}
