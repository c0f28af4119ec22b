// Names pe-check leaves in a highlighted copy so that a later run knows its own marks (no exceljs
// here: report-only runs filter these sheets without loading it).

/**
 * Very hidden sheet listing the cells our last run painted, with the fill each had before, so a
 * re-check of a *.checked.xlsx restores them first and paints only the current findings.
 */
export const MARKS_SHEET = '_PeCheckMarks';

/** Workbook-level defined name (written hidden) that says which sheet is our summary, for reruns. */
export const SUMMARY_MARKER = '_PeCheckSummary';

/**
 * Whether a workbook's xl/workbook.xml says the workbook is one of our highlighted copies: it holds
 * our marks record sheet or our summary marker. Never told by a file's name: a department's own
 * "a.checked.xlsx" is theirs.
 */
export function workbookXmlIsOurCopy(workbookXml: string): boolean {
  return workbookXml.includes(`name="${MARKS_SHEET}"`) || workbookXml.includes(`name="${SUMMARY_MARKER}"`);
}

/** The sheet our summary marker points at in a workbook.xml ('自评汇总'!$A$1 → 自评汇总), or null. */
export function summarySheetOf(workbookXml: string): string | null {
  const m = new RegExp(`<definedName\\b[^>]*\\bname="${SUMMARY_MARKER}"[^>]*>([^<]*)</definedName>`).exec(workbookXml);
  if (!m) return null;
  const ref = m[1].replace(/&apos;/g, "'").replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');
  const sheet = /^'((?:[^']|'')+)'!|^([^!]+)!/.exec(ref);
  return sheet ? (sheet[1] !== undefined ? sheet[1].replace(/''/g, "'") : sheet[2]) : null;
}
