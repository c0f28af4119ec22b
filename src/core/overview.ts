// The bureau's overview (pe-check --summary): one workbook over every department's file, worst files
// first, each row linking to the cell in that file's highlighted copy. Layout only, as data; the CLI
// writes it (links to other files become relative external hyperlinks there).
import { columnIndex } from './address';
import { markFills } from './highlight';
import { rootCauses } from './causes';
import { kindName } from './kinds';
import { summaryText } from './messages';
import { legendNoteRow, legendRow } from './summary';
import type { Finding, SummaryCell, SummaryModel, TableReport, WorkbookCheck } from './types';

export const OVERVIEW_SHEET_NAME = '自评汇总';

/** One input of the run as the overview shows it. */
export interface OverviewFile {
  /** File name as the officer knows it (no folder). */
  file: string;
  /** Where the links go (relative path, '/' separators): the highlighted copy, or the original when none was written. */
  target: string | null;
  /** Whether `target` is the highlighted copy (the copy's cells carry our marks and notes). */
  targetIsCopy: boolean;
  /** null when the file could not be read. */
  check: WorkbookCheck | null;
  /** Chinese reason when it could not be read or holds no table. */
  error: string | null;
}

const HEADER_FILL = 'D9E1F2';
const text = (t: string, extra: Partial<SummaryCell> = {}): SummaryCell => ({ text: t, ...extra });
const number = (n: number | null | undefined, format?: string): SummaryCell =>
  n === null || n === undefined ? {} : format ? { number: n, format } : { number: n };
const header = (t: string): SummaryCell => ({ text: t, bold: true, fill: HEADER_FILL });

function counts(fs: Finding[]): { error: number; warning: number; info: number } {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of fs) c[f.severity]++;
  return c;
}

function position(f: Finding): [number, number] {
  const m = /^([A-Z]+)(\d+)$/i.exec(f.cell);
  return m ? [Number(m[2]), columnIndex(m[1])] : [f.row ?? 0, 0];
}

const byPosition = (a: Finding, b: Finding) => {
  const [ra, ca] = position(a);
  const [rb, cb] = position(b);
  return a.sheet.localeCompare(b.sheet) || ra - rb || ca - cb;
};

/** How far the entered 总分 is from the recomputed one (0 when either is missing). */
function totalGap(t: TableReport): number {
  const { entered, computed } = t.totals;
  return entered === null || computed === null ? 0 : Math.abs(entered - computed);
}

/**
 * Worst first: files that could not be read, then by errors, warnings, the largest 总分 gap, and
 * name — the order an officer works through them.
 */
export function rankFiles(files: OverviewFile[]): OverviewFile[] {
  const key = (f: OverviewFile) => {
    const c = counts(f.check?.findings ?? []);
    const gap = Math.max(0, ...(f.check?.tables ?? []).map(totalGap));
    return { bad: f.error !== null || !f.check || f.check.tables.length === 0 ? 1 : 0, ...c, gap };
  };
  return files
    .map((f, i) => ({ f, i, k: key(f) }))
    .sort((a, b) => b.k.bad - a.k.bad || b.k.error - a.k.error || b.k.warning - a.k.warning || b.k.gap - a.k.gap || a.f.file.localeCompare(b.f.file, 'zh-CN') || a.i - b.i)
    .map((x) => x.f);
}

const TABLE_HEADER = ['文件', '工作表', '名称', '错误', '警告', '提示', '填报总分', '重算总分', '评价等次', '首个问题'];
/** The same words as 自评汇总's list: 说明 is the message, 问题 the kind of problem (kinds.ts). */
const FINDINGS_HEADER = ['文件', '位置', '说明', '级别', '问题'];
/** The rule code: a hidden column past the table block, there for filtering. */
const CODE_COL = 10;
const SEVERITY: Record<Finding['severity'], string> = { error: '错误', warning: '警告', info: '提示' };

const short = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);
const topLeft = (range: string) => range.split(':')[0];

/** Findings listed in the overview at most (the worst files first); the rest are counted. */
export const OVERVIEW_MAX_FINDINGS = 50_000;

export function buildOverview(input: OverviewFile[], maxFindings = OVERVIEW_MAX_FINDINGS): SummaryModel {
  const files = rankFiles(input);
  const link = (f: OverviewFile, sheet: string, cell: string) => (f.target ? { file: f.target, sheet, cell } : undefined);
  const all = files.flatMap((f) => f.check?.findings ?? []);
  const c = counts(all);
  const tables = files.reduce((n, f) => n + (f.check?.tables.length ?? 0), 0);
  const unreadable = files.filter((f) => f.error !== null).length;
  const copies = files.filter((f) => f.targetIsCopy).length;

  const rows: SummaryCell[][] = [];
  rows.push([text('绩效自评表检查总览', { bold: true })]);
  rows.push([
    text(
      `共 ${files.length} 个文件、${tables} 张表：错误 ${c.error} · 警告 ${c.warning} · 提示 ${c.info}` +
        (unreadable ? `；${unreadable} 个文件未能检查` : '') +
        '。问题最多的文件排在前面。',
    ),
  ]);
  rows.push([
    text(
      copies
        ? '单击文件名、工作表或问题位置，打开标记副本中的对应单元格（副本需与本总览保持相对位置，一起移动或拷贝）。'
        : '单击文件名、工作表或问题位置，打开原文件中的对应单元格（本次未生成标记副本）。',
    ),
  ]);
  rows.push(legendRow());
  rows.push(legendNoteRow());
  rows.push(TABLE_HEADER.map(header));
  for (const f of files) {
    const ts = f.check?.tables ?? [];
    if (f.error !== null || ts.length === 0) {
      rows.push([text(f.file, f.target ? { link: link(f, '', 'A1') } : {}), {}, text(f.error ?? '未找到绩效自评表', { fill: markFills.error })]);
      continue;
    }
    ts.forEach((t, i) => {
      const own = f.check!.findings.filter((x) => x.table === i).sort(byPosition);
      const tc = counts(own);
      // What to fix first: the table's first root cause (core/causes.ts), else its first error.
      const first = rootCauses(f.check!, own)[0]?.cause ?? own.find((x) => x.severity === 'error') ?? own.find((x) => x.severity === 'warning') ?? own[0];
      const { entered, computed, grade } = t.totals;
      const differs = entered !== null && computed !== null && entered !== computed;
      rows.push([
        text(f.file, { link: link(f, t.sheet, topLeft(t.range)) }),
        text(t.sheet, { link: link(f, t.sheet, topLeft(t.range)) }),
        text(t.title || '（无标题）'),
        number(tc.error),
        number(tc.warning),
        number(tc.info),
        number(entered),
        { ...number(t.scorable ? computed : null), ...(differs ? { fill: markFills.error } : {}) },
        text(t.totals.gradePending ? summaryText.gradePending(t.totals.gradePending) : grade ?? (t.scorable ? '' : '未评分')),
        first ? text(short(`${first.cell} ${first.message}`, 60), { link: link(f, first.sheet, first.cell) }) : text('未发现问题'),
      ]);
    });
  }
  rows.push([]);
  const findingsHeaderRow = rows.length;
  const findingsHeader = FINDINGS_HEADER.map(header);
  findingsHeader[CODE_COL] = header('代码');
  rows.push(findingsHeader);
  let listed = 0;
  for (const f of files) {
    if (listed >= maxFindings) break;
    for (const x of [...(f.check?.findings ?? [])].sort(byPosition)) {
      if (listed++ >= maxFindings) break;
      rows.push([
        text(f.file),
        text(`${x.sheet}!${x.cell}`, { link: link(f, x.sheet, x.cell) }),
        text(x.message),
        text(SEVERITY[x.severity], { fill: markFills[x.severity] }),
        text(kindName(x.code)),
      ]);
      rows[rows.length - 1][CODE_COL] = text(x.code);
    }
  }
  if (all.length === 0) rows.push([text('没有发现问题。')]);
  // A list longer than anyone reads (and than a sheet comfortably holds): the worst files' findings
  // are listed, the rest are counted; every one of them is in the copies and the JSON report.
  if (all.length > maxFindings) rows.push([text(summaryText.findingsCut(all.length - maxFindings, maxFindings))]);
  // Printed on A4 landscape at a readable size (≥ 9 pt fitted to the page width): ~150 characters
  // of columns, long texts wrapping. The 5th column (警告 above) holds 问题 below.
  return { rows, columnWidths: [20, 10, 24, 5, 7, 5, 7, 7, 9, 32, 16], findingsHeaderRow, hiddenColumns: [CODE_COL] };
}
