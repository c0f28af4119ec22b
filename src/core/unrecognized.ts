// RULES §7 "never silent": a sheet that carries indicator-table titles but where no table could be
// read gets one table-not-recognized warning that names what was missing, instead of nothing.
import { a1 } from './address';
import type { GridView } from './grid';
import { columnSynonyms, indicatorSheetTitles, labelIsNormalized, matchRoleNormalized, scoringSheetTitles, type ColumnRole } from './headers';
import { finding as msg } from './messages';
import type { Finding, Locale } from './types';

/** Rows looked at: titles sit near the top, and a long data sheet is no indicator table. */
const MAX_ROWS = 400;

/** The columns a table needs, with the title the message names for each. */
const REQUIRED: [ColumnRole[], string][] = [
  [['name'], '三级指标'],
  [['target'], '年度指标值'],
  [['actual'], '实际完成值'],
  [['weight', 'score'], '分值/得分'],
];

/**
 * The warning for a sheet where findTables found nothing (or only a budget block, whose titles start
 * at `from`'s row: the rows after it are looked at), or null when the sheet is no indicator table.
 */
export function unrecognizedTable(view: GridView, locale: Locale, from = 0): Finding | null {
  let first: { row: number; col: number } | null = null;
  let scoring: string | null = null;
  const titles = new Set<string>();
  const roles = new Set<ColumnRole>();
  const rows = Math.min(view.rowCount, from + MAX_ROWS);
  for (let r = from; r < rows; r++) {
    for (let c = 0; c < view.rowLength(r); c++) {
      const t = view.label(r, c);
      if (!t) continue;
      const role = matchRoleNormalized(t, columnSynonyms);
      if (role) roles.add(role);
      const title = indicatorSheetTitles.find((w) => labelIsNormalized(t, [w]));
      if (title || role) {
        titles.add(title ?? role!);
        first ??= { row: r, col: c };
      }
      scoring ??= scoringSheetTitles.find((w) => t.includes(w)) ?? null;
    }
  }
  if (titles.size < 2 || !first) return null;
  const message = scoring
    ? msg.scoringSheetNotChecked(scoring, locale)
    : msg.tableNotRecognized(REQUIRED.filter(([need]) => !need.some((role) => roles.has(role))).map(([, title]) => title), locale);
  return {
    code: 'table-not-recognized',
    severity: 'warning',
    sheet: view.grid.name,
    cell: a1(first.row, first.col),
    row: first.row + 1,
    message,
  };
}
