// Read-only access to a SheetGrid: values, formats, and merged areas resolved to their master cell.
import { normalizeLabel } from './headers';
import type { CellValue, MergedArea, SheetGrid } from './types';

export { a1, columnLetters, parseA1 } from './address';

/** Longest cell text that can be a column title or row label (with spaces and line breaks). */
const MAX_LABEL_LENGTH = 40;

export class GridView {
  readonly rowCount: number;
  readonly colCount: number;
  /** "r,c" of every non-master cell of a merged area → its area. */
  private readonly mergedSlaves = new Map<number, MergedArea>();
  private readonly mergedMasters = new Map<number, MergedArea>();

  constructor(readonly grid: SheetGrid) {
    this.rowCount = grid.values.length;
    let cols = 0;
    for (const row of grid.values) if (row && row.length > cols) cols = row.length;
    this.colCount = cols;
    for (const m of grid.merges) {
      this.mergedMasters.set(this.key(m.top, m.left), m);
      for (let r = m.top; r <= m.bottom; r++)
        for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) this.mergedSlaves.set(this.key(r, c), m);
    }
  }

  private key(r: number, c: number): number {
    return r * 16384 + c;
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
    const m = this.mergedSlaves.get(this.key(r, c));
    return m ? { row: m.top, col: m.left } : { row: r, col: c };
  }

  /** The merged area the cell belongs to, if any. */
  mergedArea(r: number, c: number): MergedArea | undefined {
    return this.mergedSlaves.get(this.key(r, c)) ?? this.mergedMasters.get(this.key(r, c));
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
    for (let c = from; c <= to; c++) if (!this.isBlank(r, c)) return false;
    return true;
  }
}

export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  return String(v);
}
