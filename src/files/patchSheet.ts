// One worksheet part of the user's package, edited where our marks go: the style index (`s`) of
// the marked cells and nothing else. One pass over the sheet's XML, whatever its size: rows and
// cells we do not mark are copied as they are, so a sheet with validations on whole columns or a
// million styled cells costs what its text costs, never one object per cell.
// Structure: ECMA-376 Part 1 §18.3.1 (CT_Worksheet, CT_Row, CT_Cell: `r` is optional on rows and
// cells, which then follow the previous one).
import { a1, columnIndex } from '../core/address';
import { attrOf, rootPrefix, withAttr } from './opc';

/** New style index for a cell, from its current one. */
export type Restyle = (s: number) => number;

/** The cells to restyle: row → column → restyle (0-based). */
export type CellEdits = Map<number, Map<number, Restyle>>;

const CELL_REF = /^([A-Za-z]{1,3})(\d+)$/;

/** The merged areas of a sheet, as 0-based boxes. */
export function mergedAreas(xml: string): { top: number; left: number; bottom: number; right: number }[] {
  const out: { top: number; left: number; bottom: number; right: number }[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?mergeCell\b([^>]*?)\/?>/g)) {
    const [a, b] = (attrOf(m[1], 'ref') ?? '').split(':');
    const ra = CELL_REF.exec(a ?? '');
    const rb = CELL_REF.exec(b ?? a ?? '');
    if (!ra || !rb) continue;
    const r1 = Number(ra[2]) - 1;
    const r2 = Number(rb[2]) - 1;
    const c1 = columnIndex(ra[1]);
    const c2 = columnIndex(rb[1]);
    out.push({ top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) });
  }
  return out;
}

/** Column styles (<col min max style>): what a blank cell in that column shows. */
function columnStyles(xml: string, p: string): (col: number) => number {
  const cols: { min: number; max: number; style: number }[] = [];
  for (const m of xml.matchAll(new RegExp(`<${p}col\\b([^>]*?)/?>`, 'g'))) {
    const style = Number(attrOf(m[1], 'style') ?? 0);
    if (style) cols.push({ min: Number(attrOf(m[1], 'min') ?? 0) - 1, max: Number(attrOf(m[1], 'max') ?? 0) - 1, style });
  }
  return (col) => cols.find((c) => col >= c.min && col <= c.max)?.style ?? 0;
}

/**
 * The sheet with the edited cells restyled. A cell with no element yet (a blank cell) gets one,
 * with its row's or column's format as the one to restyle, in column order; a row with no element
 * gets one in row order.
 */
export function restyleCells(xml: string, edits: CellEdits): string {
  if (edits.size === 0) return xml;
  const p = rootPrefix(xml, 'worksheet');
  const colStyle = columnStyles(xml.slice(0, Math.max(0, xml.search(new RegExp(`<${p}sheetData[\\s>/]`)))), p);
  const open = new RegExp(`<${p}sheetData\\b[^>]*?(/?)>`).exec(xml);
  if (!open) return xml;
  const bodyStart = open.index + open[0].length;
  const selfClosed = open[1] === '/';
  const bodyEnd = selfClosed ? bodyStart : xml.indexOf(`</${p}sheetData>`, bodyStart);
  if (bodyEnd < 0) return xml;
  const body = xml.slice(bodyStart, bodyEnd);
  const rowsLeft = [...edits.keys()].sort((a, b) => a - b);
  let next = 0; // index in rowsLeft
  const out: string[] = [];
  const newRow = (row: number) => {
    const cells = [...edits.get(row)!.entries()].sort((a, b) => a[0] - b[0]);
    return `<${p}row r="${row + 1}">${cells.map(([c, f]) => `<${p}c r="${a1(row, c)}" s="${f(colStyle(c))}"/>`).join('')}</${p}row>`;
  };
  const rowRe = new RegExp(`<${p}row(?=[\\s>/])([^>]*?)(/?)>`, 'g');
  let copied = 0;
  let implicit = -1;
  for (let m = rowRe.exec(body); m; m = rowRe.exec(body)) {
    const r = attrOf(m[1], 'r');
    const row = r !== undefined && /^\d+$/.test(r) ? Number(r) - 1 : implicit + 1;
    implicit = row;
    const close = m[2] === '/' ? m.index + m[0].length : body.indexOf(`</${p}row>`, m.index + m[0].length);
    if (close < 0) break;
    const end = m[2] === '/' ? close : close + `</${p}row>`.length;
    rowRe.lastIndex = end;
    // Rows we add go before the first row that comes after them.
    while (next < rowsLeft.length && rowsLeft[next] < row) {
      out.push(body.slice(copied, m.index), newRow(rowsLeft[next++]));
      copied = m.index;
    }
    if (next < rowsLeft.length && rowsLeft[next] === row) {
      next++;
      const rowStyle = attrOf(m[1], 'customFormat') === '1' || attrOf(m[1], 'customFormat') === 'true' ? Number(attrOf(m[1], 's') ?? 0) : null;
      const inner = m[2] === '/' ? '' : body.slice(m.index + m[0].length, close);
      // spans is only a hint, and a cell added outside it would contradict it.
      const tag = `<${p}row${m[1].replace(/\s+spans\s*=\s*("[^"]*"|'[^']*')/, '')}>`;
      out.push(body.slice(copied, m.index), withAttr(tag, 'r', String(row + 1)), restyleRow(inner, row, edits.get(row)!, p, (c) => rowStyle ?? colStyle(c)), `</${p}row>`);
      copied = end;
    } else if (r === undefined) {
      // A row placed by its position only: written with its number, so rows added before it cannot move it.
      out.push(body.slice(copied, m.index), withAttr(m[0], 'r', String(row + 1)));
      copied = m.index + m[0].length;
    }
  }
  out.push(body.slice(copied));
  while (next < rowsLeft.length) out.push(newRow(rowsLeft[next++]));
  const sheetData = selfClosed ? `${open[0].replace(/\s*\/>$/, '>')}${out.join('')}</${p}sheetData>` : out.join('');
  return selfClosed ? xml.slice(0, open.index) + sheetData + xml.slice(bodyEnd) : xml.slice(0, bodyStart) + sheetData + xml.slice(bodyEnd);
}

function restyleRow(inner: string, row: number, cols: Map<number, Restyle>, p: string, blankStyle: (col: number) => number): string {
  const left = [...cols.keys()].sort((a, b) => a - b);
  let next = 0;
  const out: string[] = [];
  const added = (c: number) => `<${p}c r="${a1(row, c)}" s="${cols.get(c)!(blankStyle(c))}"/>`;
  const cellRe = new RegExp(`<${p}c(?=[\\s>/])([^>]*?)(/?)>`, 'g');
  let copied = 0;
  let implicit = -1;
  for (let m = cellRe.exec(inner); m; m = cellRe.exec(inner)) {
    const ref = CELL_REF.exec(attrOf(m[1], 'r') ?? '');
    const col = ref ? columnIndex(ref[1]) : implicit + 1;
    implicit = col;
    const end = m[2] === '/' ? m.index + m[0].length : inner.indexOf(`</${p}c>`, m.index) + `</${p}c>`.length;
    if (end < m.index + m[0].length) break;
    cellRe.lastIndex = end;
    while (next < left.length && left[next] < col) {
      out.push(inner.slice(copied, m.index), added(left[next++]));
      copied = m.index;
    }
    if (next < left.length && left[next] === col) {
      next++;
      const s = Number(attrOf(m[1], 's') ?? 0);
      const tag = withAttr(withAttr(m[0], 'r', a1(row, col)), 's', String(cols.get(col)!(Number.isFinite(s) ? s : 0)));
      out.push(inner.slice(copied, m.index), tag);
      copied = m.index + m[0].length;
    } else if (!ref) {
      // Placed by position only: given its address, so cells added before it cannot move it.
      out.push(inner.slice(copied, m.index), withAttr(m[0], 'r', a1(row, col)));
      copied = m.index + m[0].length;
    }
  }
  out.push(inner.slice(copied));
  while (next < left.length) out.push(added(left[next++]));
  return out.join('');
}
