// Lean .xlsx → SheetGrid[] reader for report-only runs (pe-check --no-write).
//
// Contract: for every workbook it accepts, the result deep-equals workbookToGrids(wb) after
// `wb.xlsx.load(buf)` with exceljs 4.4 — same sheets, order, names, values, number formats and merges —
// with one deliberate exception: a text formula whose saved result is empty is a blank cell here,
// where exceljs loses the result and the cell would read as "未计算" (issue 21).
// It is a hand-written scanner over the part XML (no DOM, no sax library) that re-implements exactly
// the parts of exceljs's read path that workbookToGrids observes, quirks included (see the comments
// marked "exceljs:"). Whenever the input leaves the well-trodden path — anything exceljs would treat
// in a way not reproduced here, or would reject — it throws FastReadUnsupported and the caller falls
// back to the exceljs path, which then gives the answer (or the error) it always gave.
//
// Deliberately NOT imported here: exceljs and ./xlsxGrid (which imports exceljs). Not paying
// exceljs's require time is half of the point of this file.
import type { CellValue, MergedArea, SheetGrid } from '../core/types';
import { columnIndex as colIndex } from '../core/address';
import { GridRows } from './gridRows';
import { LimitError, READ_LIMITS, limitMessages } from './limits';
import { XlsxPackage } from './zipPackage';

/** The fast reader does not handle this workbook; use the exceljs path instead. */
export class FastReadUnsupported extends Error {
  constructor(reason: string) {
    super(`快速读取不适用：${reason}`);
    this.name = 'FastReadUnsupported';
  }
}

function bail(reason: string): never {
  throw new FastReadUnsupported(reason);
}

// ---------------------------------------------------------------------------------------------
// Values shared with xlsxGrid (copied, not imported: xlsxGrid pulls in exceljs)

const EPOCH_1900 = 25569;
const OFFSET_1904 = 1462;
const MS_PER_DAY = 86400000;

/**
 * exceljs decodes a date-formatted number with utils.excelToDate, and xlsxGrid turns the Date back
 * with dateToSerial; both steps reproduced with the same float operations. `v` is whatever exceljs
 * holds at that point (a formula result may be a string, boolean or {error}: JS coercion decides,
 * exactly as in exceljs).
 */
function excelDateSerial(v: unknown, date1904: boolean): number {
  const ms = Math.round(((v as number) - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000);
  const t = new Date(ms).getTime(); // NaN for out-of-range / NaN, as an Invalid Date gives
  const serial = t / MS_PER_DAY + EPOCH_1900 - (date1904 ? OFFSET_1904 : 0);
  return Math.round(serial * 1e9) / 1e9;
}

/** exceljs utils.isDateFmt. */
function isDateFmt(fmt: string | undefined): boolean {
  if (!fmt) return false;
  let f = fmt.replace(/\[[^\]]*]/g, '');
  f = f.replace(/"[^"]*"/g, '');
  return f.match(/[ymdhMsb]+/) !== null;
}

/** exceljs utils.xmlDecode: a second entity pass exceljs applies to some strings. */
function xmlDecode(text: string): string {
  return text.replace(/&([a-z]*);/g, (c) => {
    switch (c) {
      case '&lt;':
        return '<';
      case '&gt;':
        return '>';
      case '&amp;':
        return '&';
      case '&apos;':
        return "'";
      case '&quot;':
        return '"';
      default:
        return c;
    }
  });
}

/** exceljs TextXform: `_xHHHH_` escapes (upper-case hex only, as exceljs matches them). */
function decodeEscapes(s: string): string {
  return s.indexOf('_x') < 0 ? s : s.replace(/_x([0-9A-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Built-in number formats exceljs knows by id (lib/xlsx/defaultnumformats.js, entries with `f`). */
export const BUILTIN_NUM_FMTS: Readonly<Record<number, string>> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

export { columnIndex as colIndex } from '../core/address';

// ---------------------------------------------------------------------------------------------
// XML scanning (what saxes hands exceljs: names as written, entities decoded, line ends normalised)

function isXmlChar(c: number): boolean {
  return c === 9 || c === 10 || c === 13 || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

function decodeEntity(body: string): string {
  switch (body) {
    case 'amp':
      return '&';
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'quot':
      return '"';
    case 'apos':
      return "'";
    default:
      break;
  }
  let code = NaN;
  if (/^#x[0-9A-Fa-f]{1,6}$/.test(body)) code = parseInt(body.slice(2), 16);
  else if (/^#[0-9]{1,7}$/.test(body)) code = parseInt(body.slice(1), 10);
  if (!isXmlChar(code)) bail(`无法识别的实体 &${body.slice(0, 20)};`);
  return String.fromCodePoint(code);
}

const TEXT_ESC_RE = /\r\n?|&([^;]*);|&/g;
/** Character data: entities decoded, CR LF / CR → LF (XML end-of-line handling, as saxes does). */
function decodeText(raw: string): string {
  if (raw.indexOf('&') < 0 && raw.indexOf('\r') < 0) return raw;
  return raw.replace(TEXT_ESC_RE, (m: string, body: string | undefined) => {
    if (m.charCodeAt(0) === 13) return '\n';
    if (body === undefined) return bail('孤立的 &');
    return decodeEntity(body);
  });
}

const ATTR_ESC_RE = /\r\n?|[\t\n]|&([^;]*);|&/g;
/** Attribute value: literal whitespace → space (attribute-value normalisation), then entities. */
function decodeAttr(raw: string): string {
  if (!/[&\t\n\r]/.test(raw)) return raw;
  return raw.replace(ATTR_ESC_RE, (m: string, body: string | undefined) => {
    if (m.charCodeAt(0) !== 38) return ' ';
    if (body === undefined) return bail('孤立的 &');
    return decodeEntity(body);
  });
}

type Attrs = Record<string, string>;

const isWs = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
/** Characters that cannot be part of an element or attribute name here. */
const endsName = (c: number) => isWs(c) || c === 61 || c === 62 || c === 47 || c === 60 || c === 34 || c === 39 || c !== c;

const EOF = 0;
const TEXT = 1;
const OPEN = 2;
const CLOSE = 3;

/**
 * Pull tokenizer. A self-closing tag is reported as OPEN with `self` set; the consumer treats it as
 * open + close. Comments and processing instructions are skipped (exceljs ignores them too);
 * CDATA and DOCTYPE are not supported (exceljs drops CDATA text; a DOCTYPE may define entities).
 */
class Scanner {
  pos = 0;
  name = '';
  self = false;
  /** Attribute region of the last open tag: s[attrStart, attrEnd). */
  private attrStart = 0;
  private attrEnd = 0;
  private textStart = 0;
  private textEnd = 0;

  constructor(private readonly s: string) {}

  next(): number {
    const s = this.s;
    for (;;) {
      const p = this.pos;
      if (p >= s.length) return EOF;
      if (s.charCodeAt(p) !== 60) {
        let lt = s.indexOf('<', p);
        if (lt < 0) lt = s.length;
        this.textStart = p;
        this.textEnd = lt;
        this.pos = lt;
        return TEXT;
      }
      const c1 = s.charCodeAt(p + 1);
      if (c1 === 47) {
        let i = p + 2;
        while (!endsName(s.charCodeAt(i))) i++;
        if (i === p + 2) bail('结束标记无法解析');
        this.name = s.slice(p + 2, i);
        let c = s.charCodeAt(i);
        while (isWs(c)) c = s.charCodeAt(++i);
        if (c !== 62) bail('结束标记无法解析');
        this.pos = i + 1;
        return CLOSE;
      }
      if (c1 === 63) {
        const e = s.indexOf('?>', p + 2);
        if (e < 0) bail('处理指令未结束');
        this.pos = e + 2;
        continue;
      }
      if (c1 === 33) {
        if (s.startsWith('<!--', p)) {
          const e = s.indexOf('-->', p + 4);
          if (e < 0) bail('注释未结束');
          this.pos = e + 3;
          continue;
        }
        bail('含有 CDATA 或 DOCTYPE');
      }
      this.openTag(p);
      return OPEN;
    }
  }

  /** Name of the tag just read (a method, so TypeScript does not narrow it across next()). */
  tag(): string {
    return this.name;
  }

  /**
   * Reads the open tag at p (s[p] is '<'): name, attribute region (quote-aware: '>' may appear in
   * attribute values, e.g. formatCode="[>=100]0"), self-closing flag. Hand-written instead of a
   * regex: it runs for every element of every sheet.
   */
  private openTag(p: number): void {
    const s = this.s;
    let i = p + 1;
    const c0 = s.charCodeAt(i);
    if (!((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122) || c0 === 95)) bail('标记无法解析');
    while (!endsName(s.charCodeAt(i))) i++;
    this.name = s.slice(p + 1, i);
    this.attrStart = i;
    for (;;) {
      let c = s.charCodeAt(i);
      const spaced = isWs(c);
      while (isWs(c)) c = s.charCodeAt(++i);
      if (c === 62) {
        this.attrEnd = i;
        this.self = false;
        this.pos = i + 1;
        return;
      }
      if (c === 47) {
        if (s.charCodeAt(i + 1) !== 62) bail('标记无法解析');
        this.attrEnd = i;
        this.self = true;
        this.pos = i + 2;
        return;
      }
      // an attribute: whitespace, name, '=', quoted value without '<'
      if (!spaced || endsName(c)) bail('属性无法解析');
      while (!endsName(s.charCodeAt(i))) i++;
      c = s.charCodeAt(i);
      while (isWs(c)) c = s.charCodeAt(++i);
      if (c !== 61) bail('属性无法解析');
      c = s.charCodeAt(++i);
      while (isWs(c)) c = s.charCodeAt(++i);
      if (c !== 34 && c !== 39) bail('属性无法解析');
      const close = s.indexOf(c === 34 ? '"' : "'", i + 1);
      if (close < 0) bail('属性无法解析');
      const lt = s.indexOf('<', i + 1);
      if (lt >= 0 && lt < close) bail('属性值含有 <');
      i = close + 1;
    }
  }

  /** r, s and t of the last open tag (a <c>), without building an attribute object. */
  cellAttrs(): { r: string | undefined; s: string | undefined; t: string | undefined } {
    const s = this.s;
    const end = this.attrEnd;
    let r: string | undefined;
    let st: string | undefined;
    let t: string | undefined;
    let i = this.attrStart;
    for (;;) {
      while (i < end && isWs(s.charCodeAt(i))) i++;
      if (i >= end) return { r, s: st, t };
      const n0 = i;
      while (!endsName(s.charCodeAt(i))) i++;
      const len = i - n0;
      const c0 = s.charCodeAt(n0);
      while (s.charCodeAt(i) !== 34 && s.charCodeAt(i) !== 39) i++;
      const q = s.charCodeAt(i);
      const close = s.indexOf(q === 34 ? '"' : "'", i + 1);
      if (len === 1 && (c0 === 114 || c0 === 115 || c0 === 116)) {
        const v = decodeAttr(s.slice(i + 1, close));
        if (c0 === 114) {
          if (r !== undefined) bail('重复的属性');
          r = v;
        } else if (c0 === 115) {
          if (st !== undefined) bail('重复的属性');
          st = v;
        } else {
          if (t !== undefined) bail('重复的属性');
          t = v;
        }
      }
      i = close + 1;
    }
  }

  /** Attributes of the last open tag, values decoded. */
  attrs(): Attrs {
    const s = this.s;
    const end = this.attrEnd;
    const out: Attrs = Object.create(null) as Attrs;
    let i = this.attrStart;
    for (;;) {
      while (i < end && isWs(s.charCodeAt(i))) i++;
      if (i >= end) return out;
      const n0 = i;
      while (!endsName(s.charCodeAt(i))) i++;
      const name = s.slice(n0, i);
      while (s.charCodeAt(i) !== 34 && s.charCodeAt(i) !== 39) i++; // past '=' (validated in openTag)
      const q = s.charCodeAt(i);
      const close = s.indexOf(q === 34 ? '"' : "'", i + 1);
      if (name in out) bail('重复的属性');
      out[name] = decodeAttr(s.slice(i + 1, close));
      i = close + 1;
    }
  }

  text(): string {
    return decodeText(this.s.slice(this.textStart, this.textEnd));
  }

  /** Text content of a leaf element just opened (no child elements allowed). '' for <x/>. */
  leafText(name: string): string {
    if (this.self) return '';
    // Fast path: text (possibly empty) directly followed by </name>.
    const s = this.s;
    const lt = s.indexOf('<', this.pos);
    if (lt >= 0 && s.charCodeAt(lt + 1) === 47 && s.startsWith(name, lt + 2) && s.charCodeAt(lt + 2 + name.length) === 62) {
      const raw = s.slice(this.pos, lt);
      this.pos = lt + 3 + name.length;
      return decodeText(raw);
    }
    let out = '';
    for (;;) {
      const t = this.next();
      if (t === TEXT) out += this.text();
      else if (t === CLOSE && this.name === name) return out;
      else bail(`<${name}> 内含有意外的内容`);
    }
  }

  /** Skips the subtree of an element just opened, up to the first close tag of the same name. */
  skip(name: string): void {
    if (this.self) return;
    for (;;) {
      const t = this.next();
      if (t === EOF) bail(`<${name}> 未结束`);
      if (t === CLOSE && this.name === name) return;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Package parts

interface RichRun {
  text?: string;
}

/** `<r>` run (exceljs RichTextXform): rPr skipped, the last `<t>` is the text (with _x escapes). */
function parseRun(sc: Scanner): RichRun {
  const run: RichRun = {};
  if (sc.self) return run;
  for (;;) {
    const t = sc.next();
    if (t === TEXT) continue;
    if (t === CLOSE && sc.tag() === 'r') return run;
    if (t === OPEN && sc.tag() === 'rPr') sc.skip('rPr');
    else if (t === OPEN && sc.tag() === 't') run.text = decodeEscapes(sc.leafText('t'));
    else bail('富文本段内含有意外的内容');
  }
}

const joinRuns = (runs: RichRun[]) => runs.map((r) => r.text ?? '').join('');

/**
 * xl/sharedStrings.xml → the plain value each index gives: a string, or null for an `<si>` with
 * neither `<t>` nor `<r>` (exceljs keeps {} there, which workbookToGrids turns into null).
 */
function parseSharedStrings(xml: string): (string | null)[] {
  const sc = new Scanner(xml);
  const out: (string | null)[] = [];
  let sawRoot = false;
  for (;;) {
    const t = sc.next();
    if (t === EOF) break;
    if (t === TEXT) continue;
    if (t === CLOSE) {
      if (sc.tag() === 'sst') continue;
      bail('共享字符串表结构异常');
    }
    if (sc.tag() === 'sst') {
      sawRoot = true;
      continue;
    }
    // exceljs: any other element directly in <sst> throws
    if (sc.tag() !== 'si') bail('共享字符串表含有意外的元素');
    out.push(parseSi(sc));
  }
  if (!sawRoot) bail('共享字符串表缺少 <sst>');
  return out;
}

function parseSi(sc: Scanner): string | null {
  if (sc.self) return null;
  let text: string | undefined;
  let runs: RichRun[] | undefined;
  for (;;) {
    const t = sc.next();
    if (t === TEXT) continue;
    if (t === CLOSE) {
      if (sc.tag() !== 'si') bail('共享字符串结构异常');
      break;
    }
    switch (sc.tag()) {
      case 't':
        if (text !== undefined || runs) bail('共享字符串含有多个文本');
        text = decodeEscapes(sc.leafText('t'));
        break;
      case 'r':
        if (text !== undefined) bail('共享字符串同时含有 <t> 和 <r>');
        (runs ??= []).push(parseRun(sc));
        break;
      case 'rPh':
        sc.skip('rPh'); // phonetic runs: exceljs parses and drops them
        break;
      default:
        // exceljs ignores other children (phoneticPr …); only empty ones are safe to ignore here
        if (!sc.self) bail(`共享字符串含有 <${sc.tag()}>`);
    }
  }
  if (runs) return joinRuns(runs);
  return text ?? null;
}

interface Styles {
  /** cellXfs numFmtId per xf index; undefined when styles.xml has no (non-empty) cellXfs. */
  xfNumFmtIds: number[] | undefined;
  custom: Record<number, string>;
  cache: Map<number, string | undefined>;
}

function parseStyles(xml: string): Styles {
  const sc = new Scanner(xml);
  const custom: Record<number, string> = Object.create(null) as Record<number, string>;
  let xfs: number[] | undefined;
  let sawRoot = false;
  let sawNumFmts = false;
  for (;;) {
    const t = sc.next();
    if (t === EOF) break;
    if (t !== OPEN) continue;
    if (sc.tag() === 'styleSheet') {
      sawRoot = true;
    } else if (sc.tag() === 'numFmts') {
      if (sawNumFmts) bail('样式表含有多个 numFmts');
      sawNumFmts = true;
      if (sc.self) continue;
      for (;;) {
        const u = sc.next();
        if (u === TEXT) continue;
        if (u === CLOSE && sc.tag() === 'numFmts') break;
        if (u !== OPEN || sc.tag() !== 'numFmt') bail('numFmts 结构异常');
        const a = sc.attrs();
        if (a.formatCode === undefined) bail('numFmt 缺少 formatCode');
        // exceljs: backslash escapes are removed from the code
        custom[parseInt(a.numFmtId, 10)] = a.formatCode.replace(/[\\](.)/g, '$1');
        sc.skip('numFmt');
      }
    } else if (sc.tag() === 'cellXfs') {
      if (xfs) bail('样式表含有多个 cellXfs');
      xfs = [];
      if (sc.self) continue;
      for (;;) {
        const u = sc.next();
        if (u === TEXT) continue;
        if (u === CLOSE && sc.tag() === 'cellXfs') break;
        if (u !== OPEN || sc.tag() !== 'xf') bail('cellXfs 结构异常');
        xfs.push(parseInt(sc.attrs().numFmtId, 10));
        sc.skip('xf');
      }
    }
  }
  if (!sawRoot) bail('样式表缺少 <styleSheet>');
  return { xfNumFmtIds: xfs && xfs.length ? xfs : undefined, custom, cache: new Map() };
}

/** What exceljs's getStyleModel(id).numFmt is; bails where exceljs itself would throw. */
function styleNumFmt(styles: Styles, id: number): string | undefined {
  const hit = styles.cache.get(id);
  if (hit !== undefined || styles.cache.has(id)) return hit;
  if (!styles.xfNumFmtIds) bail('样式表没有 cellXfs'); // exceljs: TypeError on model.styles[id]
  let fmt: string | undefined;
  const numFmtId = styles.xfNumFmtIds[id];
  if (numFmtId) fmt = styles.custom[numFmtId] || BUILTIN_NUM_FMTS[numFmtId] || undefined;
  styles.cache.set(id, fmt);
  return fmt;
}

interface Rel {
  Target?: string;
}

function parseRels(xml: string): Record<string, Rel> {
  const sc = new Scanner(xml);
  const out: Record<string, Rel> = Object.create(null) as Record<string, Rel>;
  for (;;) {
    const t = sc.next();
    if (t === EOF) break;
    if (t === TEXT) continue;
    if (sc.tag() === 'Relationships') continue;
    if (sc.tag() !== 'Relationship') bail('关系文件含有意外的元素'); // exceljs throws too
    if (t === OPEN) {
      const a = sc.attrs();
      out[String(a.Id)] = { Target: a.Target };
      if (!sc.self) sc.skip('Relationship');
    }
  }
  return out;
}

interface SheetEntry {
  name: string;
  id: number;
  rId: string | undefined;
}

function parseWorkbook(xml: string): { sheets: SheetEntry[]; date1904: boolean } {
  const sc = new Scanner(xml);
  let sheets: SheetEntry[] | undefined;
  let date1904 = false;
  let sawRoot = false;
  for (;;) {
    const t = sc.next();
    if (t === EOF) break;
    if (t !== OPEN) continue;
    if (sc.tag() === 'workbook') sawRoot = true;
    else if (sc.tag() === 'workbookPr') date1904 = sc.attrs().date1904 === '1';
    else if (sc.tag() === 'sheets') {
      if (sheets) bail('工作簿含有多个 sheets');
      sheets = [];
      if (sc.self) continue;
      for (;;) {
        const u = sc.next();
        if (u === TEXT) continue;
        if (u === CLOSE && sc.tag() === 'sheets') break;
        if (u !== OPEN || sc.tag() !== 'sheet') bail('sheets 结构异常');
        const a = sc.attrs();
        if (a.name === undefined) bail('工作表缺少名称');
        // exceljs: the attribute (already entity-decoded) goes through xmlDecode once more
        sheets.push({ name: xmlDecode(a.name), id: parseInt(a.sheetId, 10), rId: a['r:id'] });
        sc.skip('sheet');
      }
    }
  }
  if (!sawRoot) bail('工作簿缺少 <workbook>');
  return { sheets: sheets ?? [], date1904 };
}

// ---------------------------------------------------------------------------------------------
// Worksheets

const NULL_TYPE = 0; // exceljs ValueType.Null: a styled empty cell (kept, but skipped by eachCell)
const VALUE = 1; // any cell with a value (or a formula)
const SLAVE = 2; // merged, not the master

interface CellRec {
  kind: number;
  value: CellValue;
  numFmt: string | undefined;
  /** A formula saved without a cached result. */
  noValue?: boolean;
}

interface RowRec {
  numFmt: string | undefined;
  cells: CellRec[];
}

interface SheetCtx {
  styles: Styles | undefined;
  sst: (string | null)[] | undefined;
  date1904: boolean;
  /** Cells and merged cells the workbook may still hold (READ_LIMITS, shared by its sheets). */
  budget: { cells: number; mergeAreas: number; mergedCells: number };
  /** Sheet being parsed (for limit messages). */
  sheet: string;
}

const CELL_REF_RE = /^([A-Z]+)(\d+)$/;
const MERGE_REF_RE = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/;
const MAX_COL = 16384;
const MAX_ROW = 1048576;

function parseWorksheet(xml: string, name: string, ctx: SheetCtx): SheetGrid {
  ctx.sheet = name;
  const sc = new Scanner(xml);
  const rows: RowRec[] = [];
  const colFmts: { min: number; max: number; numFmt: string | undefined }[] = [];
  const merges: { top: number; left: number; bottom: number; right: number }[] = [];
  /** exceljs options.formulae: shared-formula master address by si, in document order. */
  const formulae: Record<string, string | undefined> = Object.create(null) as Record<string, string | undefined>;
  const seen = new Set<string>();
  const once = (what: string) => {
    if (seen.has(what)) bail(`工作表含有多个 ${what}`);
    seen.add(what);
  };
  let first = true;

  for (;;) {
    const t = sc.next();
    if (t === EOF) break;
    if (t !== OPEN) continue;
    if (first) {
      if (sc.tag() !== 'worksheet') bail('工作表缺少 <worksheet>');
      first = false;
      continue;
    }
    switch (sc.tag()) {
      case 'sheetData':
        once('sheetData');
        if (!sc.self) parseSheetData(sc, rows, formulae, ctx);
        break;
      case 'cols':
        once('cols');
        if (!sc.self) parseCols(sc, colFmts, ctx);
        break;
      case 'mergeCells':
        once('mergeCells');
        if (!sc.self) parseMergeCells(sc, merges, ctx);
        break;
      case 'hyperlinks':
        once('hyperlinks');
        if (!sc.self) parseHyperlinks(sc);
        break;
      default:
        // exceljs ignores (or models elsewhere) everything else; keep scanning inside it.
        break;
    }
  }
  if (first) bail('工作表缺少 <worksheet>');

  // exceljs Column.fromModel: sorted by min (stable), the first definition of a column wins.
  const colNumFmt: (string | undefined)[] = [];
  if (colFmts.length) {
    colFmts.sort((a, b) => a.min - b.min);
    let count = 1;
    for (const c of colFmts) {
      while (count < c.min) count++;
      while (count <= c.max) colNumFmt[count++] = c.numFmt;
    }
  }

  // exceljs _parseMergeCells (mergeCellsWithoutStyle): every cell but the master becomes a merge
  // slave; cells that did not exist are created with the row's, else the column's, number format.
  // The merged-cell budget (checked in parseMergeCells) bounds this loop. exceljs throws "Cannot
  // merge already merged cells" on any overlap; found here as a slave visited twice or a slave
  // that is another area's master, in O(merged cells) rather than pairwise.
  const masters = new Set<number>();
  for (const m of merges) {
    const k = m.top * 16384 + m.left;
    if (masters.has(k)) bail('合并区域重叠');
    masters.add(k);
  }
  for (const m of merges) {
    for (let r = m.top; r <= m.bottom; r++) {
      let row = rows[r - 1];
      for (let c = m.left; c <= m.right; c++) {
        if (r === m.top && c === m.left) continue;
        if (masters.has(r * 16384 + c)) bail('合并区域重叠');
        if (!row) row = rows[r - 1] = { numFmt: undefined, cells: [] };
        const cell = row.cells[c - 1];
        if (cell) {
          if (cell.kind === SLAVE) bail('合并区域重叠');
          cell.kind = SLAVE;
          cell.value = null;
          cell.noValue = false;
        } else {
          row.cells[c - 1] = { kind: SLAVE, value: null, numFmt: row.numFmt || colNumFmt[c] };
        }
      }
    }
  }

  // workbookToGrids: eachRow / eachCell without empty ones.
  const grid = new GridRows(name, ctx.budget);
  rows.forEach((row, ri) => {
    let hasValues = false;
    for (const cell of row.cells) {
      if (cell && cell.kind !== NULL_TYPE) {
        hasValues = true;
        break;
      }
    }
    if (!hasValues) return;
    row.cells.forEach((cell, c) => {
      if (cell.kind === NULL_TYPE) return;
      grid.cell(c, cell.kind === SLAVE ? null : cell.value, cell.numFmt);
      if (cell.noValue) grid.formulaWithoutValue(c);
    });
    grid.endRow(ri);
  });

  const areas: MergedArea[] = merges.map((m) => ({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 }));
  const out: SheetGrid = { name, values: grid.values, numberFormats: grid.numberFormats, merges: areas };
  if (grid.formulasWithoutValue.length) out.formulasWithoutValue = grid.formulasWithoutValue;
  return out;
}

function parseSheetData(sc: Scanner, rows: RowRec[], formulae: Record<string, string | undefined>, ctx: SheetCtx): void {
  for (;;) {
    const t = sc.next();
    if (t === TEXT) continue;
    if (t === CLOSE && sc.tag() === 'sheetData') return;
    if (t !== OPEN || sc.tag() !== 'row') bail('sheetData 结构异常');
    parseRow(sc, rows, formulae, ctx);
  }
}

function parseRow(sc: Scanner, rows: RowRec[], formulae: Record<string, string | undefined>, ctx: SheetCtx): void {
  const a = sc.attrs();
  // exceljs: a row without a valid r throws ("Invalid row number") or silently vanishes (r="0").
  if (a.r === undefined || !/^\d+$/.test(a.r)) bail('行缺少行号');
  const number = parseInt(a.r, 10);
  if (number > MAX_ROW) throw new LimitError(limitMessages.row(ctx.sheet));
  if (number < 1) bail('行号超出范围');
  let numFmt: string | undefined;
  const styleId = a.s ? parseInt(a.s, 10) : undefined;
  if (styleId) {
    if (!ctx.styles) bail('行样式引用了不存在的样式表'); // exceljs: TypeError
    numFmt = styleNumFmt(ctx.styles, styleId);
  }
  // exceljs: a repeated row number replaces the earlier row entirely.
  const row: RowRec = { numFmt, cells: [] };
  rows[number - 1] = row;
  if (sc.self) return;
  let prevCol = 0; // exceljs previousAddress (0 = none yet)
  for (;;) {
    const t = sc.next();
    if (t === TEXT) continue;
    if (t === CLOSE && sc.tag() === 'row') return;
    if (t !== OPEN || sc.tag() !== 'c') bail('行内含有意外的元素');
    prevCol = parseCell(sc, row, prevCol, formulae, ctx);
  }
}

/** Parses one `<c>`; returns the updated "previous column" for cells without an r attribute. */
function parseCell(sc: Scanner, row: RowRec, prevCol: number, formulae: Record<string, string | undefined>, ctx: SheetCtx): number {
  const a = sc.cellAttrs();
  const address = a.r;
  const type = a.t;
  const styleId = a.s ? parseInt(a.s, 10) : undefined;

  let formula: string | undefined;
  let shareType: string | undefined;
  let si: string | undefined;
  let ref: string | undefined;
  let value: string | undefined;
  /** A <v> element was there, even an empty one (a formula whose result is the empty text). */
  let sawV = false;
  let runs: RichRun[] | undefined;

  if (!sc.self) {
    for (;;) {
      const t = sc.next();
      if (t === TEXT) continue;
      if (t === CLOSE) {
        if (sc.tag() === 'c') break;
        bail('单元格结构异常');
      }
      switch (sc.tag()) {
        case 'f': {
          const fa = sc.attrs();
          si = fa.si;
          shareType = fa.t;
          ref = fa.ref;
          const text = sc.leafText('f');
          if (text) formula = formula ? formula + text : text;
          break;
        }
        case 'v':
        case 't': {
          if (runs) bail('单元格同时含有富文本和文本');
          if (sc.tag() === 'v') sawV = true;
          const text = sc.leafText(sc.tag());
          if (text) value = value ? value + text : text;
          break;
        }
        case 'is':
          if (sc.self) break;
          for (;;) {
            const u = sc.next();
            if (u === TEXT) continue;
            if (u === CLOSE && sc.tag() === 'is') break;
            if (u === OPEN && sc.tag() === 't') {
              if (runs) bail('单元格同时含有富文本和文本');
              const text = sc.leafText('t'); // exceljs: no _x escapes for a plain inline string
              if (text) value = value ? value + text : text;
            } else if (u === OPEN && sc.tag() === 'r') {
              if (value !== undefined) bail('单元格同时含有富文本和文本');
              (runs ??= []).push(parseRun(sc));
            } else bail('内联字符串结构异常');
          }
          break;
        default:
          bail(`单元格含有 <${sc.tag()}>`);
      }
    }
  }

  const hasValue = value !== undefined || runs !== undefined;
  const isFormula = !!formula || !!shareType;
  // exceljs: no value, no formula and no style → "Merge" type, which Row never adds (and which
  // does not advance the position of a following cell without r).
  if (!isFormula && !hasValue && !styleId) return prevCol;

  let col: number;
  if (address !== undefined) {
    const m = CELL_REF_RE.exec(address);
    if (!m) bail('单元格地址无法识别');
    col = colIndex(m[1]) + 1;
  } else {
    if (!prevCol) bail('首个单元格缺少地址');
    col = prevCol + 1;
  }
  if (col > MAX_COL) throw new LimitError(limitMessages.column(ctx.sheet));
  if (col < 1) bail('列号超出范围');
  if (address !== undefined && Number(CELL_REF_RE.exec(address)![2]) > MAX_ROW) throw new LimitError(limitMessages.row(ctx.sheet));

  // exceljs: `model.styleId && options.styles && getStyleModel(id)`; no styles.xml → no style.
  const numFmt = styleId && ctx.styles ? styleNumFmt(ctx.styles, styleId) : undefined;
  const dated = isDateFmt(numFmt);

  let kind = VALUE;
  let out: CellValue = null;
  let formulaNoValue = false;
  if (isFormula) {
    if (runs) bail('公式单元格含有富文本');
    let result: unknown;
    if (value) {
      if (type === 'str') result = xmlDecode(value);
      else if (type === 'b') result = parseInt(value, 10) !== 0;
      else if (type === 'e') result = { error: value };
      else result = parseFloat(value);
    }
    // A text formula saved with an empty result (=IF(…,"",…), Excel writes t="str" and <v></v>) is
    // calculated: its result is the empty text, a blank cell, never "未计算". exceljs drops that
    // result (cell.result undefined), so here, and only here, the lean reader departs from it.
    const emptyText = result === undefined && type === 'str' && sawV;
    let dateResult = false;
    if (result !== undefined && dated) dateResult = true;
    // exceljs records a shared formula's master address by si (its children's formula text is
    // not read here: only the cached result counts).
    if (shareType === 'shared' && ref) formulae[String(si)] = address;
    // workbookToGrids reads the cached result from the cell model (cell.result), falsy ones
    // included, whether or not the formula text survived (a shared-formula child before its master).
    if (dateResult) out = excelDateSerial(result, ctx.date1904);
    else if (result !== undefined) out = plainResult(result);
    else if (!emptyText) formulaNoValue = true; // saved without a cached value
  } else if (hasValue) {
    if (runs) {
      if (type !== 'inlineStr') bail('富文本出现在非内联字符串单元格');
      out = joinRuns(runs);
    } else {
      const v = value!;
      switch (type) {
        case 's': {
          if (!ctx.sst) bail('缺少共享字符串表');
          const s = ctx.sst[parseInt(v, 10)];
          if (s === undefined) bail('共享字符串索引越界'); // exceljs: TypeError
          out = s;
          break;
        }
        case 'str':
          out = xmlDecode(v);
          break;
        case 'inlineStr':
          out = v;
          break;
        case 'b':
          out = parseInt(v, 10) !== 0;
          break;
        case 'e':
          out = v;
          break;
        default: {
          const n = parseFloat(v);
          out = dated ? excelDateSerial(n, ctx.date1904) : n;
        }
      }
    }
  } else {
    kind = NULL_TYPE;
  }
  // exceljs: a later cell at the same position replaces the earlier one.
  row.cells[col - 1] = formulaNoValue ? { kind, value: out, numFmt, noValue: true } : { kind, value: out, numFmt };
  return col;
}

function plainResult(r: unknown): CellValue {
  if (typeof r === 'string' || typeof r === 'number' || typeof r === 'boolean') return r;
  return String((r as { error: string }).error);
}

function parseCols(sc: Scanner, out: { min: number; max: number; numFmt: string | undefined }[], ctx: SheetCtx): void {
  for (;;) {
    const t = sc.next();
    if (t === TEXT) continue;
    if (t === CLOSE && sc.tag() === 'cols') return;
    if (t !== OPEN || sc.tag() !== 'col') bail('cols 结构异常');
    const a = sc.attrs();
    const min = parseInt(a.min || '0', 10);
    const max = parseInt(a.max || '0', 10);
    if (!Number.isFinite(min) || !Number.isFinite(max) || max > MAX_COL) bail('列定义异常');
    let numFmt: string | undefined;
    const styleId = a.style ? parseInt(a.style, 10) : undefined;
    if (styleId) {
      if (!ctx.styles) bail('列样式引用了不存在的样式表');
      numFmt = styleNumFmt(ctx.styles, styleId);
    }
    out.push({ min, max, numFmt });
    sc.skip('col');
  }
}

function parseMergeCells(sc: Scanner, out: { top: number; left: number; bottom: number; right: number }[], ctx: SheetCtx): void {
  for (;;) {
    const t = sc.next();
    if (t === TEXT) continue;
    if (t === CLOSE && sc.tag() === 'mergeCells') return;
    if (t !== OPEN || sc.tag() !== 'mergeCell') bail('mergeCells 结构异常');
    const m = MERGE_REF_RE.exec(sc.attrs().ref ?? '');
    if (!m) bail('合并区域无法识别');
    const r1 = Number(m[2]);
    const r2 = Number(m[4]);
    const c1 = colIndex(m[1]) + 1;
    const c2 = colIndex(m[3]) + 1;
    const area = { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
    if (area.bottom > MAX_ROW || area.right > MAX_COL) throw new LimitError(limitMessages.mergeRange(ctx.sheet));
    if (area.top < 1 || area.left < 1) bail('合并区域超出范围');
    // Both readers materialise every merged cell: count before any of them exists.
    if (--ctx.budget.mergeAreas < 0) throw new LimitError(limitMessages.mergeAreas(READ_LIMITS.mergeAreas - ctx.budget.mergeAreas));
    ctx.budget.mergedCells -= (area.bottom - area.top + 1) * (area.right - area.left + 1);
    if (ctx.budget.mergedCells < 0) throw new LimitError(limitMessages.mergedCells(READ_LIMITS.mergedCells - ctx.budget.mergedCells));
    out.push(area);
    sc.skip('mergeCell');
  }
}

function parseHyperlinks(sc: Scanner): void {
  for (;;) {
    const t = sc.next();
    if (t === TEXT) continue;
    if (t === CLOSE && sc.tag() === 'hyperlinks') return;
    if (t !== OPEN || sc.tag() !== 'hyperlink') bail('hyperlinks 结构异常');
    // exceljs turns a cell with an external link into a hyperlink value (its text, as a string):
    // not reproduced here.
    if (sc.attrs()['r:id'] !== undefined) bail('含有外部超链接');
    sc.skip('hyperlink');
  }
}

// ---------------------------------------------------------------------------------------------
// Workbook

const SHEET_PART_RE = /xl\/worksheets\/sheet(\d+)[.]xml/;

/** exceljs Worksheet name setter: the names it refuses (it throws) are left to exceljs. */
function checkSheetName(name: string): void {
  if (name.length > READ_LIMITS.sheetNameChars) throw new LimitError(limitMessages.sheetName(name));
  if (name === '' || name === 'History' || /[*?:/\\[\]]/.test(name) || /(^')|('$)/.test(name)) {
    bail('工作表名称 exceljs 不接受');
  }
}

/**
 * Reads every worksheet of an .xlsx package into SheetGrid[], exactly as workbookToGrids does after
 * an exceljs load. Throws FastReadUnsupported (or any error) when it cannot promise that: the caller
 * then uses exceljs.
 */
export async function readXlsxGrids(input: Uint8Array | XlsxPackage): Promise<SheetGrid[]> {
  return Promise.resolve().then(() => readGrids(input instanceof XlsxPackage ? input : XlsxPackage.open(input)));
}

function readGrids(pkg: XlsxPackage): SheetGrid[] {
  if (pkg.duplicateNames) bail('压缩包内有重名文件');
  const entries = { has: (name: string) => pkg.has(name) };
  const read = (name: string): string | null => pkg.text(name);

  const [wbXml, relsXml, stylesXml, sstXml] = [
    read('xl/workbook.xml'),
    read('xl/_rels/workbook.xml.rels'),
    read('xl/styles.xml'),
    read('xl/sharedStrings.xml'),
  ];
  if (wbXml === null) bail('缺少 xl/workbook.xml');
  const { sheets, date1904 } = parseWorkbook(wbXml);
  const rels = relsXml === null ? Object.create(null) as Record<string, Rel> : parseRels(relsXml);

  // exceljs WorkbookXform.reconcile: each <sheet> names the worksheet part its relationship points
  // to (the last <sheet> naming a part wins); parts are only known by the sheet<N>.xml pattern.
  const parts = new Map<string, { name: string; id: number }>();
  for (const s of sheets) {
    const rel = rels[String(s.rId)];
    if (!rel) continue;
    if (typeof rel.Target !== 'string') bail('工作表关系缺少 Target');
    const key = `xl/${rel.Target.replace(/^(\s|\/xl\/)+/, '')}`;
    if (!entries.has(key) || !SHEET_PART_RE.test(key)) continue;
    parts.set(key, { name: s.name, id: s.id });
  }

  // exceljs Workbook model setter: worksheets are stored by sheetId and listed by the position of
  // that sheetId in workbook.xml.
  const chosen: { key: string; name: string; id: number; order: number }[] = [];
  const ids = new Set<number>();
  const names = new Set<string>();
  for (const [key, p] of parts) {
    if (!Number.isInteger(p.id) || p.id < 1 || p.id > 1e6) bail('工作表编号异常');
    if (ids.has(p.id)) bail('工作表编号重复');
    ids.add(p.id);
    checkSheetName(p.name);
    const lower = p.name.toLowerCase();
    if (names.has(lower)) bail('工作表名称重复');
    names.add(lower);
    chosen.push({ key, name: p.name, id: p.id, order: sheets.findIndex((s) => s.id === p.id) });
  }
  chosen.sort((a, b) => a.order - b.order || a.id - b.id);

  const styles = stylesXml === null ? undefined : parseStyles(stylesXml);
  const sst = sstXml === null ? undefined : parseSharedStrings(sstXml);
  const budget = { cells: READ_LIMITS.cells, mergeAreas: READ_LIMITS.mergeAreas, mergedCells: READ_LIMITS.mergedCells };
  const ctx: SheetCtx = { styles, sst, date1904, budget, sheet: '' };
  return chosen.map((c) => parseWorksheet(read(c.key)!, c.name, ctx));
}
