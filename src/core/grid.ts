// Read-only access to a SheetGrid: values, formats, and merged areas resolved to their master cell.
import { normalizeLabel } from './headers';
import { MergeIndex } from './mergeIndex';
import type { CellValue, MergedArea, SheetGrid } from './types';

export { a1, columnLetters, parseA1 } from './address';

/** Longest cell text that can be a column title or row label (with spaces and line breaks). */
const MAX_LABEL_LENGTH = 40;

export class GridView {
  readonly rowCount: number;
  /** Widest row: scans should use rowLength(r), which follows the cells present. */
  readonly colCount: number;
  /** Merged areas by row interval (per area, not per cell). */
  private readonly merged: MergeIndex;

  constructor(readonly grid: SheetGrid) {
    this.rowCount = grid.values.length;
    let cols = 0;
    for (const row of grid.values) if (row && row.length > cols) cols = row.length;
    this.colCount = cols;
    this.merged = new MergeIndex(grid.merges ?? []);
  }

  /**
   * Columns stored in row r (its own cells; a merged area's slaves hold nothing of their own):
   * every scan that looks at cells' own values stops here instead of at the widest row.
   */
  rowLength(r: number): number {
    const row = this.grid.values[r];
    return row ? row.length : 0;
  }

  /** The value stored in the cell itself (null for a merged non-master cell). */
  raw(r: number, c: number): CellValue {
    const row = this.grid.values[r];
    if (!row) return null;
    const v = row[c];
    return v === undefined ? null : v;
  }

  format(r: number, c: number): string | null {
    const f = this.grid.numberFormats?.[r]?.[c];
    return f ?? null;
  }

  /** The cell whose value is shown at (r, c): the master of its merged area, or itself. */
  master(r: number, c: number): { row: number; col: number } {
    const m = this.merged.at(r, c);
    return m ? { row: m.top, col: m.left } : { row: r, col: c };
  }

  /** The merged area the cell belongs to, if any. */
  mergedArea(r: number, c: number): MergedArea | undefined {
    return this.merged.at(r, c);
  }

  private readonly labels: (string[] | undefined)[] = [];

  /** normalizeLabel of the cell's own text ('' for numbers and blanks), computed once per cell. */
  label(r: number, c: number): string {
    let row = this.labels[r];
    if (!row) {
      row = [];
      const values = this.grid.values[r] ?? [];
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        // Titles and labels are short; long cells are indicator text and never match one.
        row.push(typeof v === 'string' && v.length <= MAX_LABEL_LENGTH ? normalizeLabel(v) : '');
      }
      this.labels[r] = row;
    }
    return row[c] ?? '';
  }

  /** Value shown at (r, c): a merged cell shows its master's value. */
  shown(r: number, c: number): CellValue {
    const m = this.master(r, c);
    return this.raw(m.row, m.col);
  }

  /** Trimmed text of the shown value ('' when blank). */
  text(r: number, c: number): string {
    return cellText(this.shown(r, c));
  }

  /** Whether the cell holds nothing of its own (a merged non-master cell counts as blank). */
  isBlank(r: number, c: number): boolean {
    return cellText(this.raw(r, c)) === '';
  }

  /** Whether row r is blank in columns [from, to]. */
  rowBlank(r: number, from = 0, to = this.colCount - 1): boolean {
    const end = Math.min(to, this.rowLength(r) - 1);
    for (let c = from; c <= end; c++) if (!this.isBlank(r, c)) return false;
    return true;
  }
}

export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  return String(v);
}
