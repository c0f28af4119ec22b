// The 自评汇总 sheet (RULES §6) and the bureau's 总览 as SpreadsheetML written directly from the
// SummaryModel: one string per row, a handful of cell formats, no workbook model in memory. The
// highlighted copy grafts the sheet into the user's package (patchCopy.ts); 总览.xlsx is this
// sheet alone. exceljs drew both before issue 21 and held every cell as an object with its own
// style (2,000 files' overview: 1 GB); markedCopy.ts keeps that drawing as the reference.
// Elements and order: ECMA-376 Part 1 §18.3.1.99 (CT_Worksheet), §18.8 (styles).
import type { SummaryCell, SummaryModel } from '../core/types';
import { a1, columnLetters } from '../core/address';
import { summaryLayout } from '../core/summary';
import { cutText } from '../core/limits';
import { MARKS_SHEET, SUMMARY_MARKER } from './marks';
import { escapeXml } from './opc';
import { writeZip, type NewPart } from './zipWriter';

export const SUMMARY_SHEET = '自评汇总';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const LINE_HEIGHT = 14.5;
const BORDER_ARGB = 'FFBFBFBF';
const LINK_ARGB = 'FF0563C1';

export const quoteSheet = (name: string): string => `'${name.replace(/'/g, "''")}'`;

/** Approximate display width in Excel column units: CJK and full-width characters take two. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** Lines a wrapped text needs in a column of `width` characters. */
export function wrappedLines(s: string, width: number): number {
  const usable = Math.max(4, width - 1);
  return s.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(textWidth(part) / usable)), 0);
}


/**
 * A link into another workbook, relative to the one holding it: the path percent-encoded per
 * segment (OPC relationship targets are URIs, ECMA-376 Part 2 §9.3), the cell apart: Excel and WPS
 * look for an external link's cell in the hyperlink's `location` (ECMA-376 Part 1 §18.3.1.47).
 */
export function externalTarget(file: string): string {
  return file.split('/').map((seg) => (seg === '..' || seg === '.' ? seg : encodeURIComponent(seg))).join('/');
}

interface CellFormat {
  bold: boolean;
  size: number;
  link: boolean;
  fill: string | null;
  border: boolean;
  /** '' = none (prose), else horizontal alignment. */
  align: 'left' | 'center' | 'right';
  wrap: boolean;
  prose: boolean;
  numFmt: string | null;
}

/** The formats a sheet uses, numbered as they come; written as one styles part. */
class Formats {
  private readonly keys = new Map<string, number>();
  private readonly list: CellFormat[] = [];

  id(f: CellFormat): number {
    const key = JSON.stringify(f);
    let id = this.keys.get(key);
    if (id === undefined) {
      this.list.push(f);
      id = this.list.length; // 0 is the default format
      this.keys.set(key, id);
    }
    return id;
  }

  xml(): string {
    const fonts = new Map<string, number>([['11||', 0]]);
    const fills = new Map<string, number>();
    const numFmts = new Map<string, number>();
    const fontXml = ['<font><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>'];
    const fillXml = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
    const xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
    const builtin: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '0%': 9, '0.00%': 10 };
    for (const f of this.list) {
      const fontKey = `${f.size}|${f.bold ? 'b' : ''}|${f.link ? 'l' : ''}`;
      let fontId = fonts.get(fontKey);
      if (fontId === undefined) {
        fontId = fontXml.length;
        fonts.set(fontKey, fontId);
        fontXml.push(`<font>${f.bold ? '<b/>' : ''}${f.link ? '<u/>' : ''}<sz val="${f.size}"/>${f.link ? `<color rgb="${LINK_ARGB}"/>` : ''}<name val="宋体"/><family val="3"/><charset val="134"/></font>`);
      }
      let fillId = 0;
      if (f.fill) {
        fillId = fills.get(f.fill) ?? fillXml.length;
        if (!fills.has(f.fill)) {
          fills.set(f.fill, fillId);
          fillXml.push(`<fill><patternFill patternType="solid"><fgColor rgb="${escapeXml(f.fill)}"/><bgColor indexed="64"/></patternFill></fill>`);
        }
      }
      let numFmtId = 0;
      if (f.numFmt !== null) {
        numFmtId = builtin[f.numFmt] ?? numFmts.get(f.numFmt) ?? 164 + numFmts.size;
        if (builtin[f.numFmt] === undefined) numFmts.set(f.numFmt, numFmtId);
      }
      const alignment = f.prose ? '<alignment horizontal="left" vertical="center"/>' : `<alignment horizontal="${f.align}" vertical="center"${f.wrap ? ' wrapText="1"' : ''}/>`;
      xfs.push(`<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${f.border ? 1 : 0}" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1">${alignment}</xf>`);
    }
    const side = `<color rgb="${BORDER_ARGB}"/>`;
    const numFmtXml = [...numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`).join('');
    return (
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN_NS}">` +
      (numFmts.size ? `<numFmts count="${numFmts.size}">${numFmtXml}</numFmts>` : '') +
      `<fonts count="${fontXml.length}">${fontXml.join('')}</fonts><fills count="${fillXml.length}">${fillXml.join('')}</fills>` +
      `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin">${side}</left><right style="thin">${side}</right><top style="thin">${side}</top><bottom style="thin">${side}</bottom><diagonal/></border></borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs><cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>`
    );
  }
}

export interface SummarySheet {
  /** The worksheet part. */
  sheet: string;
  styles: string;
  /** External hyperlinks (总览's links into the copies): relationship id → target. */
  links: { id: string; target: string }[];
  /** 1-based row repeated on every printed page (the column header), or null. */
  printTitleRow: number | null;
}

/**
 * The summary as a worksheet. `sheetExists` says which referenced sheets are in the workbook the
 * sheet will be part of (the per-file copy): those get live formulas and links; in the bureau's
 * overview none are, and only values make sense.
 */
export function summarySheet(model: SummaryModel, sheetExists: (name: string) => boolean): SummarySheet {
  const formats = new Formats();
  const widths = model.columnWidths;
  const layout = summaryLayout(model);
  const header = layout.header;
  const grid = new Set(layout.gridRows);
  const links: { id: string; target: string }[] = [];
  const hyperlinks: string[] = [];
  const rows: string[] = [];
  model.rows.forEach((row, r) => {
    // Prose (title, explanation, one-cell remarks) runs across the empty cells to its right; the
    // other rows, the colour legend among them, are a grid whose labels wrap (core summaryLayout).
    const prose = !grid.has(r);
    const isTitle = r === 0;
    let lines = 1;
    const cells: string[] = [];
    row.forEach((sc: SummaryCell | null | undefined, c) => {
      if (!sc) return;
      const ref = a1(r, c);
      const fallback: string | number | null = sc.number !== undefined ? sc.number : sc.text !== undefined ? sc.text : null;
      const isLink = !!(sc.link && (sc.link.file || sheetExists(sc.link.sheet)));
      const numeric = sc.number !== undefined;
      // Prose wraps; identifiers (finding codes such as weight-sum-mismatch) stay on one line.
      const wraps = typeof fallback === 'string' && /[\s\u3000-\u9fff\uff00-\uffef]/.test(fallback);
      // Labels such as 优 / 错误 / 项目支出 read better centred in their column.
      const short = typeof fallback === 'string' && !sc.link && textWidth(fallback) <= 8;
      const s = formats.id({
        bold: !!(sc.bold || isTitle),
        size: isTitle ? 14 : 11,
        link: isLink,
        fill: sc.fill ? 'FF' + sc.fill.toUpperCase() : null,
        border: !prose,
        align: sc.bold || short ? 'center' : numeric ? 'right' : 'left',
        wrap: !prose && wraps,
        prose,
        numFmt: numeric ? (sc.format ?? (typeof fallback === 'number' && !Number.isInteger(fallback) ? '0.00' : 'General')) : null,
      });
      if (sc.ref && fallback !== null && sheetExists(sc.ref.sheet)) {
        // A live reference with its value cached: a formula on a blank source would show 0.
        const f = `<f>${escapeXml(`${quoteSheet(sc.ref.sheet)}!${sc.ref.cell}`)}</f>`;
        cells.push(typeof fallback === 'number' ? `<c r="${ref}" s="${s}">${f}<v>${fallback}</v></c>` : `<c r="${ref}" s="${s}" t="str">${f}<v>${escapeXml(cutText(fallback))}</v></c>`);
      } else if (sc.link && isLink) {
        const text = cutText(sc.text ?? sc.link.cell);
        cells.push(inlineString(ref, s, text));
        const location = sc.link.sheet ? `${quoteSheet(sc.link.sheet)}!${sc.link.cell}` : '';
        if (sc.link.file) {
          const id = `rId${links.length + 1}`;
          links.push({ id, target: externalTarget(sc.link.file) });
          hyperlinks.push(`<hyperlink ref="${ref}" r:id="${id}"${location ? ` location="${escapeXml(location)}"` : ''} display="${escapeXml(text)}"/>`);
        } else hyperlinks.push(`<hyperlink ref="${ref}" location="${escapeXml(location)}" display="${escapeXml(text)}"/>`);
      } else if (typeof fallback === 'number') {
        cells.push(Number.isFinite(fallback) ? `<c r="${ref}" s="${s}"><v>${fallback}</v></c>` : `<c r="${ref}" s="${s}"/>`);
      } else if (fallback !== null) {
        // Always a string value: a name like "=HYPERLINK(…)" stays literal text.
        cells.push(inlineString(ref, s, cutText(fallback)));
      } else cells.push(`<c r="${ref}" s="${s}"/>`);
      if (!prose && wraps && typeof fallback === 'string') lines = Math.max(lines, wrappedLines(fallback, widths[c] ?? 10));
    });
    // Neither Excel nor LibreOffice grows a row for wrapped text on open; size it here.
    const height = isTitle ? 22 : lines > 1 ? lines * LINE_HEIGHT + 2 : null;
    rows.push(`<row r="${r + 1}"${height ? ` ht="${height}" customHeight="1"` : ''}>${cells.join('')}</row>`);
  });
  const hidden = new Set(model.hiddenColumns ?? []);
  const cols = widths.map((w, i) => (w > 0 || hidden.has(i) ? `<col min="${i + 1}" max="${i + 1}" width="${w > 0 ? w : 10}" customWidth="1"${hidden.has(i) ? ' hidden="1"' : ''}/>` : '')).join('');
  const pane = header >= 0 ? `<pane ySplit="${header + 1}" topLeftCell="A${header + 2}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>` : '';
  const lastCol = Math.max(1, ...model.rows.map((row) => row.length));
  const sheet =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${R_NS}">` +
    `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:${columnLetters(lastCol - 1)}${Math.max(1, model.rows.length)}"/>` +
    `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData>${rows.join('')}</sheetData>` +
    (layout.filter ? `<autoFilter ref="A${layout.filter.top + 1}:${columnLetters(layout.filter.columns - 1)}${layout.filter.bottom + 1}"/>` : '') +
    (hyperlinks.length ? `<hyperlinks>${hyperlinks.join('')}</hyperlinks>` : '') +
    // Printed on A4 landscape, all columns on one page width.
    '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>';
  return { sheet, styles: formats.xml(), links, printTitleRow: layout.printTitleRow };
}


function inlineString(ref: string, s: number, text: string): string {
  return `<c r="${ref}" s="${s}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
}

/** A cell made of strings only (the marks record). */
function plainSheet(rows: string[][]): string {
  const body = rows.map((row, r) => `<row r="${r + 1}">${row.map((v, c) => (v === '' ? '' : inlineString(a1(r, c), 0, cutText(v)))).join('')}</row>`).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}"><sheetData>${body}</sheetData></worksheet>`;
}

const utf8 = new TextEncoder();

/**
 * A small .xlsx holding the summary under `name` and, when given, the very hidden marks record:
 * the overview file itself, or the sheets patchCopy grafts into a highlighted copy.
 */
export function summaryPackage(model: SummaryModel, opts: { name?: string; sheetExists?: (sheet: string) => boolean; record?: string[][] } = {}): Uint8Array {
  const name = opts.name ?? SUMMARY_SHEET;
  const s = summarySheet(model, opts.sheetExists ?? (() => false));
  const parts: NewPart[] = [];
  const put = (partName: string, text: string) => parts.push({ name: partName, data: utf8.encode(text) });
  const withRecord = !!opts.record?.length;
  const ct = (p: string, t: string) => `<Override PartName="/${p}" ContentType="application/vnd.openxmlformats-officedocument.${t}"/>`;
  put(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      ct('xl/workbook.xml', 'spreadsheetml.sheet.main+xml') +
      ct('xl/worksheets/sheet1.xml', 'spreadsheetml.worksheet+xml') +
      (withRecord ? ct('xl/worksheets/sheet2.xml', 'spreadsheetml.worksheet+xml') : '') +
      ct('xl/styles.xml', 'spreadsheetml.styles+xml') +
      '</Types>',
  );
  put('_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  const defined = [`<definedName name="${SUMMARY_MARKER}" hidden="1">${escapeXml(`${quoteSheet(name)}!$A$1`)}</definedName>`];
  if (s.printTitleRow !== null) defined.push(`<definedName name="_xlnm.Print_Titles" localSheetId="0">${escapeXml(`${quoteSheet(name)}!$${s.printTitleRow}:$${s.printTitleRow}`)}</definedName>`);
  put(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN_NS}" xmlns:r="${R_NS}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>` +
      `<sheet name="${escapeXml(name)}" sheetId="1" r:id="rId1"/>` +
      (withRecord ? `<sheet name="${MARKS_SHEET}" sheetId="2" state="veryHidden" r:id="rId2"/>` : '') +
      `</sheets><definedNames>${defined.join('')}</definedNames><calcPr calcId="191029"/></workbook>`,
  );
  put(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
      (withRecord ? `<Relationship Id="rId2" Type="${R_NS}/worksheet" Target="worksheets/sheet2.xml"/>` : '') +
      `<Relationship Id="rId9" Type="${R_NS}/styles" Target="styles.xml"/></Relationships>`,
  );
  put('xl/styles.xml', s.styles);
  put('xl/worksheets/sheet1.xml', s.sheet);
  if (s.links.length) {
    put(
      'xl/worksheets/_rels/sheet1.xml.rels',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${s.links.map((l) => `<Relationship Id="${l.id}" Type="${R_NS}/hyperlink" Target="${escapeXml(l.target)}" TargetMode="External"/>`).join('')}</Relationships>`,
    );
  }
  if (withRecord) put('xl/worksheets/sheet2.xml', plainSheet(opts.record!));
  return writeZip(parts);
}
