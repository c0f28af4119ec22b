// Names pe-check leaves in a highlighted copy so that a later run knows its own marks (no exceljs
// here: report-only runs filter these sheets without loading it).

/**
 * Very hidden sheet listing the cells our last run painted, with the fill each had before, so a
 * re-check of a *.checked.xlsx restores them first and paints only the current findings.
 */
export const MARKS_SHEET = '_PeCheckMarks';
