// The highlighted copy, written by patching the user's own package (issue 21): our fills go into
// styles.xml (appended), the marked cells' style index is set, our notes go into the comments and
// VML parts, and the 自评汇总 sheet and the marks record are added as new parts. Every other part —
// pivot tables, charts, drawings, embedded files, connections, validations, names, custom
// properties — is copied as stored, byte for byte (zipWriter.ts). Nothing is loaded cell by cell,
// so a validation on a whole column or a name over a whole sheet costs nothing.
// No Node built-ins: the browser page writes its copies with this too.
import type { CellMark } from '../core/types';
import { a1, parseCellAddress } from '../core/address';
import { MARKS_SHEET, SUMMARY_MARKER, summarySheetOf } from './marks';
import {
  CONTENT_TYPE,
  REL,
  addOverride,
  addRel,
  attrOf,
  contentTypeOf,
  ensureDefault,
  escapeXml,
  insertBefore,
  parseRels,
  relativeTarget,
  relsPartOf,
  removeOverride,
  removeRels,
  resolveTarget,
  withAttr,
} from './opc';
import { patchNotes, vmlBlocks, emptyVml } from './patchNotes';
import { type CellEdits, type Restyle, mergedAreas, restyleCells } from './patchSheet';
import { StyleBook, solidFill } from './patchStyles';
import { type ZipPart, writeZip } from './zipWriter';
import { XlsxPackage } from './zipPackage';

/**
 * A cell our run painted: where, with what colour, and the fill it had before (its <fill> element;
 * null for none). The fill itself, not a format index: Excel and WPS renumber formats when the
 * department saves the copy, and a re-check must still give the cell its own colour back.
 */
export interface MarkRecord {
  sheet: string;
  cell: string;
  fill: string;
  original: string | null;
}

export interface CopyPlan {
  marks: CellMark[];
  /**
   * Our 自评汇总 and marks record sheets, as a small separate .xlsx (summaryXlsx.ts
   * summaryPackage); grafted in as new parts.
   */
  ours: (sheetName: string, records: MarkRecord[], sheetExists: (name: string) => boolean) => Uint8Array | Promise<Uint8Array>;
  /** The record of an earlier run of ours on this workbook (its marks sheet's rows), if any. */
  previous: MarkRecord[] | null;
}

export interface PatchedCopy {
  bytes: Uint8Array;
  /** Cells our earlier run had painted and that got their own format back. */
  restored: number;
}

const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const SUMMARY_SHEET = '自评汇总';
const MACRO_PARTS = /^xl\/(vbaProject\.bin|vbaProjectSignature\w*\.bin|vbaData\.xml)$/i;

interface SheetEntry {
  name: string;
  part: string;
  relId: string;
  /** The whole <sheet> element. */
  tag: string;
}

const utf8 = new TextEncoder();

/** The package being edited: parts as stored until we write them. */
class Package {
  readonly written = new Map<string, string | Uint8Array>();
  readonly removed = new Set<string>();

  constructor(readonly source: XlsxPackage) {}

  has(name: string): boolean {
    return !this.removed.has(name) && (this.written.has(name) || this.source.has(name));
  }

  text(name: string): string | null {
    if (this.removed.has(name)) return null;
    const w = this.written.get(name);
    if (w !== undefined) return typeof w === 'string' ? w : new TextDecoder().decode(w);
    return this.source.text(name);
  }

  write(name: string, data: string | Uint8Array): void {
    this.removed.delete(name);
    this.written.set(name, data);
  }

  remove(name: string): void {
    this.written.delete(name);
    this.removed.add(name);
  }

  /** An unused part name: `${stem}${n}${ext}` with the smallest free n ≥ 1 (case-insensitive). */
  freeName(stem: string, ext: string): string {
    const taken = new Set([...this.source.names, ...this.written.keys()].map((n) => n.toLowerCase()));
    for (let n = 1; ; n++) if (!taken.has(`${stem}${n}${ext}`.toLowerCase())) return `${stem}${n}${ext}`;
  }

  zip(): Uint8Array {
    const parts: ZipPart[] = [];
    const seen = new Set<string>();
    for (const name of this.source.names) {
      seen.add(name);
      if (this.removed.has(name)) continue;
      const w = this.written.get(name);
      parts.push(w === undefined ? this.source.stored(name)! : { name, data: typeof w === 'string' ? utf8.encode(w) : w });
    }
    for (const [name, w] of this.written) if (!seen.has(name)) parts.push({ name, data: typeof w === 'string' ? utf8.encode(w) : w });
    return writeZip(parts);
  }
}

function sheetsOf(wbXml: string, rels: ReturnType<typeof parseRels>): SheetEntry[] {
  const byId = new Map(rels.map((r) => [r.id, r]));
  const out: SheetEntry[] = [];
  for (const m of wbXml.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)) {
    const relId = /\s[\w]+:id\s*=\s*"([^"]*)"/.exec(m[1])?.[1] ?? '';
    const rel = byId.get(relId);
    out.push({ name: attrOf(m[1], 'name') ?? '', part: rel && !rel.external ? resolveTarget('xl/workbook.xml', rel.target) : '', relId, tag: m[0] });
  }
  return out;
}

const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

/** The workbook's defined names with those of removed sheets dropped and the others' sheet positions moved up. */
function withoutSheetNames(wbXml: string, removedIndexes: number[], dropMarker: boolean): string {
  return wbXml.replace(/<(?:\w+:)?definedName\b([^>]*)>[\s\S]*?<\/(?:\w+:)?definedName>|<(?:\w+:)?definedName\b[^>]*\/>/g, (tag, attrs: string | undefined) => {
    const a = attrs ?? tag;
    if (dropMarker && attrOf(a, 'name') === SUMMARY_MARKER) return '';
    const local = attrOf(a, 'localSheetId');
    if (local === undefined) return tag;
    const i = Number(local);
    if (removedIndexes.includes(i)) return '';
    const shift = removedIndexes.filter((r) => r < i).length;
    return shift ? tag.replace(/localSheetId\s*=\s*"[^"]*"/, `localSheetId="${i - shift}"`) : tag;
  });
}

export async function patchedCopy(input: Uint8Array, plan: CopyPlan): Promise<PatchedCopy> {
  const pkg = new Package(XlsxPackage.open(input));
  const WB = 'xl/workbook.xml';
  const WB_RELS = relsPartOf(WB);
  let wbXml = pkg.text(WB)!;
  let wbRels = pkg.text(WB_RELS) ?? '';
  let types = pkg.text('[Content_Types].xml') ?? '';
  let sheets = sheetsOf(wbXml, parseRels(wbRels));

  // 1. Our sheets from an earlier run go: the summary (found by our marker) and the record.
  const oldSummary = summarySheetOf(wbXml);
  const same = (a: string, b: string) => a.toLocaleLowerCase() === b.toLocaleLowerCase();
  const ourOld = sheets.map((s, i) => ({ s, i })).filter(({ s }) => same(s.name, MARKS_SHEET) || (oldSummary !== null && same(s.name, oldSummary)));
  if (ourOld.length || oldSummary !== null) {
    for (const { s } of ourOld) {
      wbXml = wbXml.replace(s.tag, '');
      if (s.part) {
        for (const r of parseRels(pkg.text(relsPartOf(s.part)))) if (!r.external) types = removeOverride(types, resolveTarget(s.part, r.target));
        for (const r of parseRels(pkg.text(relsPartOf(s.part)))) if (!r.external && !/hyperlink/.test(r.type)) pkg.remove(resolveTarget(s.part, r.target));
        pkg.remove(s.part);
        pkg.remove(relsPartOf(s.part));
        types = removeOverride(types, s.part);
      }
    }
    wbRels = removeRels(wbRels, new Set(ourOld.map(({ s }) => s.relId)));
    wbXml = withoutSheetNames(wbXml, ourOld.map(({ i }) => i), true);
    // The calculation chain lists formula cells by sheet: one naming a removed sheet makes Excel
    // repair the file. It is a cache Excel rebuilds, so it goes.
    if (ourOld.length) {
      for (const r of parseRels(wbRels).filter((r) => r.type === REL.calcChain)) {
        const part = resolveTarget(WB, r.target);
        pkg.remove(part);
        types = removeOverride(types, part);
        wbRels = removeRels(wbRels, new Set([r.id]));
      }
    }
    sheets = sheetsOf(wbXml, parseRels(wbRels));
  }

  // 2. Styles.
  const stylesPart = parseRels(wbRels).find((r) => r.type === REL.styles);
  const stylesName = stylesPart ? resolveTarget(WB, stylesPart.target) : 'xl/styles.xml';
  const styles = StyleBook.parse(pkg.text(stylesName));

  // 3. Per sheet: earlier marks undone, current marks painted, notes.
  const previous = new Map<string, MarkRecord[]>();
  for (const r of plan.previous ?? []) {
    const list = previous.get(r.sheet) ?? [];
    list.push(r);
    previous.set(r.sheet, list);
  }
  const marksBySheet = new Map<string, CellMark[]>();
  for (const m of plan.marks) {
    const list = marksBySheet.get(m.sheet) ?? [];
    list.push(m);
    marksBySheet.set(m.sheet, list);
  }
  const ourFills = new Set(plan.marks.map((m) => 'FF' + m.fill.toUpperCase()));
  const records: MarkRecord[] = [];
  let restored = 0;
  // Shape ids for notes: 1,024-id blocks no legacy drawing of the workbook uses yet.
  const usedBlocks = new Set<number>();
  for (const n of pkg.source.names) if (/\.vml$/i.test(n)) for (const b of vmlBlocks(pkg.text(n) ?? '')) usedBlocks.add(b);
  const freeBlock = () => {
    let b = 1;
    while (usedBlocks.has(b)) b++;
    usedBlocks.add(b);
    return b;
  };

  for (const sheet of sheets) {
    if (!sheet.part || !pkg.has(sheet.part)) continue;
    const marks = marksBySheet.get(sheet.name) ?? [];
    const earlier = previous.get(sheet.name) ?? [];
    const relsName = relsPartOf(sheet.part);
    let sheetRels = pkg.text(relsName);
    const rels = parseRels(sheetRels);
    const commentsRel = rels.find((r) => r.type === REL.comments && !r.external);
    if (!marks.length && !earlier.length && !(commentsRel && plan.previous !== null) && !(commentsRel && oldSummary !== null)) continue;
    let xml = pkg.text(sheet.part)!;
    const merges = mergedAreas(xml);
    const master = (row: number, col: number) => {
      const m = merges.find((a) => row >= a.top && row <= a.bottom && col >= a.left && col <= a.right);
      return m ? { row: m.top, col: m.left } : { row, col };
    };

    // Notes first: a copy written before the record existed is told by its notes.
    const notes = new Map<string, { row: number; col: number; text: string }>();
    for (const m of marks) {
      const at = master(m.row, m.col);
      notes.set(a1(at.row, at.col), { ...at, text: m.note });
    }
    let stripped = new Set<string>();
    if (notes.size || commentsRel) {
      const legacyId = /<(?:\w+:)?legacyDrawing\b[^>]*?\s\w+:id\s*=\s*"([^"]*)"/.exec(xml)?.[1];
      const vmlRel = legacyId ? rels.find((r) => r.id === legacyId && !r.external) : undefined;
      const commentsName = commentsRel ? resolveTarget(sheet.part, commentsRel.target) : null;
      const vmlName = vmlRel ? resolveTarget(sheet.part, vmlRel.target) : null;
      const oldVml = vmlName ? pkg.text(vmlName) : null;
      const blocks: number[] = [];
      let used = 0;
      const nextId = () => {
        if (used % 1023 === 0) blocks.push(freeBlock());
        return blocks[blocks.length - 1] * 1024 + (used++ % 1023) + 1;
      };
      const patched = patchNotes(commentsName ? pkg.text(commentsName) : null, oldVml, [...notes.values()], true, nextId);
      stripped = patched.stripped;
      let vml = patched.vml;
      if (blocks.length) {
        const declared = vmlBlocks(vml);
        vml = declared.length
          ? vml.replace(/(<o:idmap\b[^>]*\bdata=")([^"]*)"/, `$1${[...declared, ...blocks].join(',')}"`)
          : vml.replace(/^[\s\S]*?<xml\b[^>]*>/, (head) => head + /<o:shapelayout[\s\S]*?<\/o:shapelayout>/.exec(emptyVml(blocks))![0]);
      }
      if (commentsName || patched.added) {
        const name = commentsName ?? pkg.freeName('xl/comments', '.xml');
        pkg.write(name, patched.comments);
        if (!commentsName) {
          const added = addRel(sheetRels, REL.comments, relativeTarget(sheet.part, name));
          sheetRels = added.xml;
          types = addOverride(types, name, CONTENT_TYPE.comments);
        }
      }
      if (vmlName && vml !== oldVml) pkg.write(vmlName, vml);
      else if (!vmlName && patched.added) {
        const name = pkg.freeName('xl/drawings/vmlDrawing', '.vml');
        pkg.write(name, vml);
        const added = addRel(sheetRels, REL.vmlDrawing, relativeTarget(sheet.part, name));
        sheetRels = added.xml;
        types = ensureDefault(types, 'vml', CONTENT_TYPE.vml);
        const ns = new RegExp(`xmlns:r\\s*=\\s*"${R_NS}"`).test(xml.slice(0, xml.indexOf('>', xml.search(/<(?:\w+:)?worksheet[\s>]/)) + 1)) ? '' : ` xmlns:r="${R_NS}"`;
        const p = /<(\w+:)?worksheet[\s>]/.exec(xml)?.[1] ?? '';
        xml = insertBefore(xml, `<${p}legacyDrawing${ns} r:id="${added.id}"/>`, ['legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'].map((x) => p + x), `${p}worksheet`);
      }
      if (sheetRels !== null && sheetRels !== pkg.text(relsName)) pkg.write(relsName, sheetRels);
    }

    // Formats: an earlier mark still in our colour gets its own format back; current marks get ours.
    const edits: CellEdits = new Map();
    const edit = (row: number, col: number, f: Restyle) => {
      const cols = edits.get(row) ?? new Map<number, Restyle>();
      const before = cols.get(col);
      cols.set(col, before ? (s) => f(before(s)) : f);
      edits.set(row, cols);
    };
    for (const r of earlier) {
      const at = parseCellAddress(r.cell);
      if (!at) continue;
      edit(at.row, at.col, (s) => {
        if (styles.fillArgb(s) !== r.fill.toUpperCase()) return s; // a colour the user set since is theirs
        restored++;
        return styles.withFillXml(s, originalFill(r.original));
      });
    }
    if (plan.previous === null && oldSummary !== null) {
      // A copy of ours without a record: a cell that had our note and is in one of our colours.
      for (const ref of stripped) {
        const at = parseCellAddress(ref);
        if (at) edit(at.row, at.col, (s) => (ourFills.has(styles.fillArgb(s) ?? '') ? (restored++, styles.withFill(s, null)) : s));
      }
    }
    const painted = new Map<string, string>();
    for (const m of marks) {
      if (m.noteOnly) continue; // a merged block: its note says it, a fill would colour the block
      const at = master(m.row, m.col);
      painted.set(a1(at.row, at.col), 'FF' + m.fill.toUpperCase());
    }
    for (const [ref, argb] of painted) {
      const at = parseCellAddress(ref)!;
      edit(at.row, at.col, (s) => {
        records.push({ sheet: sheet.name, cell: ref, fill: argb, original: styles.fillXml(s) });
        return styles.withFill(s, argb);
      });
    }
    xml = restyleCells(xml, edits);
    if (xml !== pkg.text(sheet.part)) pkg.write(sheet.part, xml);
  }

  // 4. Our sheets, written apart and grafted in.
  const taken = (n: string) => sheets.some((s) => same(s.name, n));
  let summaryName = SUMMARY_SHEET;
  for (let i = 2; taken(summaryName); i++) summaryName = `${SUMMARY_SHEET}(${i})`;
  const oursPkg = XlsxPackage.open(await plan.ours(summaryName, records, (n) => sheets.some((s) => s.name === n)));
  const oursStyles = StyleBook.parse(oursPkg.text('xl/styles.xml'));
  const xfMap = styles.graft(oursStyles);
  const oursSheets = sheetsOf(oursPkg.text(WB)!, parseRels(oursPkg.text(WB_RELS)));
  const rPrefix = /xmlns:(\w+)\s*=\s*"http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.exec(wbXml.slice(0, wbXml.indexOf('>', wbXml.search(/<(?:\w+:)?workbook[\s>]/)) + 1))?.[1];
  const wp = /<(\w+:)?workbook[\s>]/.exec(wbXml)?.[1] ?? '';
  let nextSheetId = Math.max(0, ...[...wbXml.matchAll(/<(?:\w+:)?sheet\b[^>]*?\ssheetId\s*=\s*"(\d+)"/g)].map((m) => Number(m[1]))) + 1;
  const newSheetTags: string[] = [];
  for (const s of oursSheets) {
    const isRecord = s.name === MARKS_SHEET;
    if (isRecord && records.length === 0) continue;
    const part = pkg.freeName('xl/worksheets/sheet', '.xml');
    pkg.write(part, graftSheet(oursPkg.text(s.part) ?? '', xfMap));
    types = addOverride(types, part, CONTENT_TYPE.worksheet);
    const rel = addRel(wbRels, REL.worksheet, relativeTarget(WB, part));
    wbRels = rel.xml;
    const idAttr = rPrefix ? `${rPrefix}:id="${rel.id}"` : `xmlns:r="${R_NS}" r:id="${rel.id}"`;
    newSheetTags.push(`<${wp}sheet name="${escapeXml(s.name)}" sheetId="${nextSheetId++}"${isRecord ? ' state="veryHidden"' : ''} ${idAttr}/>`);
  }
  wbXml = wbXml.replace(/<\/((?:\w+:)?sheets)>/, `${newSheetTags.join('')}</$1>`);
  const summaryIndex = sheets.length;
  const titles = printTitleRows(oursPkg);
  const defined = [`<${wp}definedName name="${SUMMARY_MARKER}" hidden="1">${escapeXml(`${quoteSheet(summaryName)}!$A$1`)}</${wp}definedName>`];
  if (titles !== null) defined.push(`<${wp}definedName name="_xlnm.Print_Titles" localSheetId="${summaryIndex}">${escapeXml(`${quoteSheet(summaryName)}!${titles}`)}</${wp}definedName>`);
  wbXml = new RegExp(`</${wp}definedNames>`).test(wbXml)
    ? wbXml.replace(new RegExp(`</${wp}definedNames>`), `${defined.join('')}</${wp}definedNames>`)
    : insertBefore(wbXml, `<${wp}definedNames>${defined.join('')}</${wp}definedNames>`, ['calcPr', 'oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing', 'fileRecoveryPr', 'webPublishObjects', 'extLst'].map((x) => wp + x), `${wp}workbook`);

  // 5. The copy is an .xlsx: a macro workbook or a template becomes a plain workbook (its
  // original is untouched; the report says the copy has no macros).
  const wbType = contentTypeOf(types, WB);
  if (wbType && wbType !== CONTENT_TYPE.workbook) {
    types = addOverride(types, WB, CONTENT_TYPE.workbook);
    for (const r of parseRels(wbRels)) {
      const part = resolveTarget(WB, r.target);
      if (r.type === REL.vbaProject || MACRO_PARTS.test(part)) {
        wbRels = removeRels(wbRels, new Set([r.id]));
        pkg.remove(part);
        pkg.remove(relsPartOf(part));
        types = removeOverride(types, part);
      }
    }
  }

  if (!styles.unchanged) {
    pkg.write(stylesName, styles.toXml());
    if (!stylesPart) {
      wbRels = addRel(wbRels, REL.styles, 'styles.xml').xml;
      types = addOverride(types, stylesName, CONTENT_TYPE.styles);
    }
  }
  pkg.write(WB, wbXml);
  pkg.write(WB_RELS, wbRels);
  pkg.write('[Content_Types].xml', types);
  return { bytes: pkg.zip(), restored };
}

/**
 * The fill a record gives back: a <fill> element (ours), or the exceljs fill JSON copies made
 * before issue 21 recorded (a solid colour, or none), or nothing.
 */
function originalFill(original: string | null): string | null {
  if (!original) return null;
  if (original.startsWith('<')) return /^<fill\b[\s\S]*<\/fill>$|^<fill\b[^>]*\/>$/.test(original) ? original : null;
  try {
    const f = JSON.parse(original) as { type?: string; pattern?: string; fgColor?: { argb?: string } };
    return f.type === 'pattern' && f.pattern === 'solid' && f.fgColor?.argb && /^[0-9A-Fa-f]{8}$/.test(f.fgColor.argb) ? solidFill(f.fgColor.argb) : null;
  } catch {
    return null;
  }
}

/** One of our sheets made part of the user's package: its formats moved to theirs (its strings are inline already). */
function graftSheet(xml: string, xfMap: number[]): string {
  let out = xml.replace(/<(c|row)\b[^>]*>/g, (tag) => {
    const s = attrOf(tag, 's');
    return s === undefined ? tag : withAttr(tag, 's', String(xfMap[Number(s)] ?? 0));
  });
  out = out.replace(/<col\b[^>]*>/g, (tag) => {
    const s = attrOf(tag, 'style');
    return s === undefined ? tag : withAttr(tag, 'style', String(xfMap[Number(s)] ?? 0));
  });
  return out;
}

/** The print-title rows summaryXlsx gave our sheet ("$3:$3"), or null. */
function printTitleRows(pkg: XlsxPackage): string | null {
  const m = /<definedName\b[^>]*name="_xlnm\.Print_Titles"[^>]*>[^<]*!(\$\d+:\$\d+)<\/definedName>/.exec(pkg.text('xl/workbook.xml') ?? '');
  return m ? m[1] : null;
}

