// The 自评汇总 sheet (RULES §6) as data: one row per table, then every finding with a link to its
// cell. The CLI and the task pane only write these cells; they decide nothing about the layout.
import { D, round2 } from './decimal';
import type { Decimal } from './decimal';
import { level1Synonyms, normalizeLabel } from './headers';
import { markFills } from './highlight';
import { kindName } from './kinds';
import { severityLabel, summaryText } from './messages';
import type { IndicatorReport, Locale, SummaryCell, SummaryModel, TableReport, TextOptions, WorkbookCheck } from './types';

/** The sheet's name in every locale: the pane and the CLI find (and replace) the sheet by it. */
export const SUMMARY_SHEET_NAME = '自评汇总';

const HEADER_FILL = 'D9E1F2';

type Level = 'output' | 'effect' | 'satisfaction';

/** Which standard block an indicator counts in; 满意度 placed as a 二级 under 效益 counts as 满意度. */
function levelOf(ind: IndicatorReport): Level | null {
  if (normalizeLabel(ind.level2).includes('满意度')) return 'satisfaction';
  const l1 = normalizeLabel(ind.level1).replace(/\(.*$/, '');
  for (const [canonical, words] of level1Synonyms) {
    if (words.some((w) => l1.startsWith(w))) {
      return canonical === '产出指标' ? 'output' : canonical === '效益指标' ? 'effect' : 'satisfaction';
    }
  }
  return null;
}

/**
 * levelOf, remembered per (一级, 二级) pair: a workbook of hundreds of tables repeats the same few
 * labels, and normalising them for every indicator made 自评汇总 slow to build (and the pane stall).
 */
function levelCache(): (ind: IndicatorReport) => Level | null {
  const seen = new Map<string, Level | null>();
  return (ind) => {
    const key = `${ind.level1}\u0000${ind.level2}`;
    let level = seen.get(key);
    if (level === undefined) seen.set(key, (level = levelOf(ind)));
    return level;
  };
}

function levelFigures(table: TableReport, level_: (ind: IndicatorReport) => Level | null): Record<Level, { weight: Decimal; score: Decimal }> {
  const z = () => ({ weight: new D(0), score: new D(0) });
  const out: Record<Level, { weight: Decimal; score: Decimal }> = { output: z(), effect: z(), satisfaction: z() };
  for (const ind of table.indicators) {
    const level = level_(ind);
    if (!level) continue;
    if (ind.weight !== null) out[level].weight = out[level].weight.plus(String(ind.weight));
    if (ind.score !== null) out[level].score = out[level].score.plus(String(ind.score));
  }
  return out;
}

const text = (t: string, extra: Partial<SummaryCell> = {}): SummaryCell => ({ text: t, ...extra });
const number = (n: number | null, format?: string): SummaryCell => (n === null ? {} : format ? { number: n, format } : { number: n });
const header = (t: string): SummaryCell => ({ text: t, bold: true, fill: HEADER_FILL });

/** The colour legend: what each fill of the marked cells means, in those fills. */
export function legendRow(locale?: Locale): SummaryCell[] {
  const [title, error, warning, info, reason] = summaryText.legend(locale);
  return [text(title), text(error, { fill: markFills.error }), text(warning, { fill: markFills.warning }), text(info, { fill: markFills.info }), text(reason, { fill: markFills.reason })];
}

/** The line under the legend: why a merged block (an 一级 label) has a note but no colour. */
export function legendNoteRow(locale?: Locale): SummaryCell[] {
  return [text(summaryText.legendBlock(locale))];
}

/** The 自评汇总 sheet; `options.locale` 'en' gives English headers and notes (default zh-CN). */
export function buildSummary(files: { file: string; check: WorkbookCheck }[], options: TextOptions = {}): SummaryModel {
  const locale = options.locale;
  // Links and live references only make sense inside the one workbook being checked.
  const single = files.length === 1;
  const withFile = !single;
  const rows: SummaryCell[][] = [];
  const tableCount = files.reduce((n, f) => n + f.check.tables.length, 0);
  const findingCount = files.reduce((n, f) => n + f.check.findings.length, 0);
  rows.push([text(summaryText.title(locale), { bold: true })]);
  rows.push([text(summaryText.intro(files.length, tableCount, findingCount, locale))]);
  rows.push(legendRow(locale));
  rows.push(legendNoteRow(locale));

  const tableHeader = [...(withFile ? [summaryText.file(locale)] : []), ...summaryText.tableHeader(locale)];
  rows.push(tableHeader.map(header));
  const level_ = levelCache();
  for (const { file, check } of files) {
    // Each table's counts in one pass over the findings (not one pass per table).
    const counts = check.tables.map(() => ({ error: 0, warning: 0, reasonMissing: 0 }));
    for (const f of check.findings) {
      const c = f.table === undefined ? undefined : counts[f.table];
      if (!c) continue;
      if (f.severity === 'error') c.error++;
      else if (f.severity === 'warning') c.warning++;
      if (f.code === 'reason-missing') c.reasonMissing++;
    }
    check.tables.forEach((table, index) => {
      const count = counts[index];
      const levels = levelFigures(table, level_);
      const b = table.budget;
      const sheetCell: SummaryCell = single ? text(table.sheet, { link: { sheet: table.sheet, cell: table.range.split(':')[0] } }) : text(table.sheet);
      const entered: SummaryCell = number(table.totals.entered);
      if (single && table.cells.totalScore) entered.ref = { sheet: table.sheet, cell: table.cells.totalScore };
      const present = (['output', 'effect', 'satisfaction'] as const).filter((l) => !levels[l].weight.isZero() || !levels[l].score.isZero());
      const levelText = table.scorable ? summaryText.levelFigures(present.map((l) => ({ level: l, score: round2(levels[l].score).toString(), weight: round2(levels[l].weight).toString() })), locale) : '';
      rows.push([
        ...(withFile ? [text(file)] : []),
        sheetCell,
        text(table.title),
        text(summaryText.kind(table.kind, locale)),
        number(b?.rate ?? null, '0.00%'),
        number(b?.score ?? null),
        text(levelText),
        entered,
        number(table.totals.computed),
        text(table.totals.gradePending ? summaryText.gradePending(table.totals.gradePending, locale) : table.totals.grade ?? (table.scorable ? '' : summaryText.notScored(locale))),
        number(count.error),
        number(count.warning),
        number(count.reasonMissing),
        text(summaryText.unverified(table.totals.unverifiedRows, locale)),
      ]);
    });
  }
  if (tableCount === 0) rows.push([text(summaryText.noTables(locale))]);

  rows.push([]);
  const findingsHeaderRow = rows.length;
  // 说明 lands in the wide 名称 column of the table block above; the problem in words (问题) after
  // 级别, and the rule code last, for whoever wants to look a rule up.
  const [locTitle, messageTitle, severityTitle, codeTitle] = summaryText.findingsHeader(locale);
  // The rule code sits in a hidden column past the table block: there for filtering, not for reading.
  const codeCol = tableHeader.length;
  const findingsHeader = [locTitle, messageTitle, severityTitle, locale === 'en' ? 'Problem' : '问题'];
  const headerRow: SummaryCell[] = [...(withFile ? [summaryText.file(locale)] : []), ...findingsHeader].map(header);
  headerRow[codeCol] = header(codeTitle);
  rows.push(headerRow);
  for (const { file, check } of files) {
    // One sheet with findings (the usual single table): the cell alone, which stays readable where a
    // link cannot wrap (LibreOffice); several: Excel's own sheet!cell.
    const oneSheet = single && check.findings.every((f) => f.sheet === check.findings[0].sheet);
    for (const f of check.findings) {
      const where = oneSheet ? f.cell : `${f.sheet}!${f.cell}`;
      rows.push([
        ...(withFile ? [text(file)] : []),
        single ? text(where, { link: { sheet: f.sheet, cell: f.cell } }) : text(where),
        text(f.message),
        text(severityLabel(f.severity, locale), { fill: markFills[f.severity] }),
        text(kindName(f.code, locale)),
      ]);
      rows[rows.length - 1][codeCol] = text(f.code);
    }
  }
  if (findingCount === 0) rows.push([text(summaryText.noFindings(locale))]);
  // Printed on A4 landscape at a readable size (≥ 9 pt when fitted to the page width): 13 columns
  // of ~150 characters; long texts wrap. The 4th column (执行率 above) holds 问题 below.
  const columnWidths = [...(withFile ? [18] : []), 10, 26, 7, 8, 7, 16, 7, 7, 9, 5, 5, 7, 12, 16];
  return { rows, columnWidths, findingsHeaderRow, hiddenColumns: [codeCol] };
}

/** Where a summary sheet's parts are, for the writers that lay it out for screen and paper. */
export interface SummaryLayout {
  /** 0-based row of the tables' header (the first row of bold headers), or -1. */
  header: number;
  /** 0-based rows laid out as a grid (borders, wrapped text): every row of two or more cells. */
  gridRows: number[];
  /** The same rows as runs of consecutive rows (0-based top, count): one range each for the hosts. */
  gridRuns: { top: number; count: number }[];
  /** 1-based row every printed page repeats, or null. */
  printTitleRow: number | null;
  /** 0-based rows and column count of the list of findings' filter (its header to its last finding), or null. */
  filter: { top: number; bottom: number; columns: number } | null;
}

/** Table rows that fit on the first printed page with the title, the legend and the list's own header. */
const FIRST_PAGE_TABLES = 12;

/**
 * The layout of a summary sheet (自评汇总, 总览), one decision for every writer (the files, Excel,
 * WPS). Title and explanation lines, and one-cell remarks (没有发现问题。), are prose: they run
 * across the empty cells to their right. The printed title row is the list of findings' header when
 * the tables above it fit on the first page, as in a copy's 自评汇总 (the findings run over pages);
 * the tables' header when they run over pages themselves (a 总览 of many files). Excel and
 * LibreOffice repeat one range only.
 */
export function summaryLayout(model: SummaryModel): SummaryLayout {
  const present = (row: SummaryCell[]) => row.filter((c) => c && (c.text !== undefined || c.number !== undefined || c.ref || c.link));
  let header = -1;
  for (let r = 0; r < model.rows.length && header < 0; r++) {
    const cells = present(model.rows[r]);
    if (cells.length >= 3 && cells.every((c) => c.bold && c.text !== undefined)) header = r;
  }
  const gridRows = header < 0 ? [] : model.rows.flatMap((row, r) => (present(row).length > 1 ? [r] : []));
  const list = model.findingsHeaderRow;
  const tables = list - header - 2; // a blank row between the two blocks
  const printTitleRow = header < 0 ? null : list > header && tables <= FIRST_PAGE_TABLES ? list + 1 : header + 1;
  let bottom = model.rows.length - 1;
  while (bottom > list && model.rows[bottom].length <= 1) bottom--; // a closing remark (其余 … 条未列出)
  const columns = Math.max(1, ...model.rows.map((row) => row.length));
  const filter = list >= 0 && bottom > list ? { top: list, bottom, columns } : null;
  const gridRuns: { top: number; count: number }[] = [];
  for (const r of gridRows) {
    const last = gridRuns[gridRuns.length - 1];
    if (last && last.top + last.count === r) last.count++;
    else gridRuns.push({ top: r, count: 1 });
  }
  return { header, gridRows, gridRuns, printTitleRow, filter };
}
