// The user's xl/styles.xml with our additions: a solid fill per mark colour, a copy of a cell's
// own format (xf) that differs only in its fill, and the formats of our 自评汇总 sheet grafted in.
// Existing entries are never changed or reordered (every cell keeps its format index); what we
// add is appended, so the part differs from the user's only by the appended entries and counts.
// Element order and meaning: ECMA-376 Part 1 §18.8 (CT_Stylesheet, CT_Xf, CT_Fill).
import { attrOf, escapeXml, rootPrefix, withAttr } from './opc';

/** CT_Stylesheet's children in their required order. */
const SECTIONS = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'] as const;
type Section = 'numFmts' | 'fonts' | 'fills' | 'borders' | 'cellXfs';
const CHILD: Record<Section, string> = { numFmts: 'numFmt', fonts: 'font', fills: 'fill', borders: 'border', cellXfs: 'xf' };

const EMPTY_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"></styleSheet>';

/** Items of one list, as written. */
function childrenOf(body: string, p: string, child: string): string[] {
  const re = new RegExp(`<${p}${child}\\b[^>]*?/>|<${p}${child}\\b[^>]*?>[\\s\\S]*?</${p}${child}>`, 'g');
  return body.match(re) ?? [];
}

export class StyleBook {
  private readonly lists = new Map<Section, string[]>();
  private readonly appended = new Set<Section>();
  /** Fill elements (as written in the part) → their index. */
  private readonly fillCache = new Map<string, number>();
  private readonly xfCache = new Map<string, number>();
  private readonly p: string;

  private constructor(private xml: string) {
    this.p = rootPrefix(xml, 'styleSheet');
    for (const s of Object.keys(CHILD) as Section[]) {
      const m = this.section(s);
      this.lists.set(s, m ? childrenOf(m.body, this.p, CHILD[s]) : []);
    }
  }

  static parse(xml: string | null): StyleBook {
    return new StyleBook(xml && /<(?:\w+:)?styleSheet[\s>]/.test(xml) ? xml : EMPTY_STYLES);
  }

  /** True when nothing was added: the user's part can be kept as stored. */
  get unchanged(): boolean {
    return this.appended.size === 0;
  }

  private section(s: string): { start: number; end: number; open: string; body: string } | null {
    const p = this.p;
    const re = new RegExp(`<${p}${s}\\b[^>]*?/>|<${p}${s}\\b[^>]*>([\\s\\S]*?)</${p}${s}>`);
    const m = re.exec(this.xml);
    if (!m) return null;
    const open = /^<[^>]*>/.exec(m[0])![0];
    return { start: m.index, end: m.index + m[0].length, open, body: m[1] ?? '' };
  }

  private list(s: Section): string[] {
    return this.lists.get(s)!;
  }

  private append(s: Section, item: string): number {
    const list = this.list(s);
    // A fills list must open with none and gray125 (Excel reserves both); a fonts list with a default font.
    if (list.length === 0 && s === 'fills') list.push(`<${this.p}fill><${this.p}patternFill patternType="none"/></${this.p}fill>`, `<${this.p}fill><${this.p}patternFill patternType="gray125"/></${this.p}fill>`);
    if (list.length === 0 && s === 'fonts') list.push(`<${this.p}font><${this.p}sz val="11"/><${this.p}name val="宋体"/></${this.p}font>`);
    if (list.length === 0 && s === 'borders') list.push(`<${this.p}border><${this.p}left/><${this.p}right/><${this.p}top/><${this.p}bottom/><${this.p}diagonal/></${this.p}border>`);
    if (list.length === 0 && s === 'cellXfs') list.push(this.defaultXf());
    list.push(item);
    this.appended.add(s);
    return list.length - 1;
  }

  private defaultXf(): string {
    return `<${this.p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
  }

  get xfCount(): number {
    return this.list('cellXfs').length;
  }

  private xf(index: number): string {
    return this.list('cellXfs')[index] ?? this.defaultXf();
  }

  /** The solid colour (AARRGGBB, upper case) a cell format fills with, or null. */
  fillArgb(xfIndex: number): string | null {
    const open = /^<[^>]*>/.exec(this.xf(xfIndex))![0];
    const fill = this.list('fills')[Number(attrOf(open, 'fillId') ?? 0)];
    if (!fill || !/patternType\s*=\s*["']solid["']/.test(fill)) return null;
    const fg = /<(?:\w+:)?fgColor\b([^>]*)>/.exec(fill);
    const rgb = fg ? attrOf(fg[1], 'rgb') : undefined;
    return rgb ? rgb.toUpperCase() : null;
  }

  /**
   * The fill element a cell format uses, without namespace prefix (null: no fill). Stored in our
   * marks record, so a later run can give it back even after Excel renumbered the formats.
   */
  fillXml(xfIndex: number): string | null {
    const open = /^<[^>]*>/.exec(this.xf(xfIndex))![0];
    const id = Number(attrOf(open, 'fillId') ?? 0);
    const fill = id > 0 ? this.list('fills')[id] : undefined;
    return fill && this.p ? fill.replace(new RegExp(`(</?)${this.p}`, 'g'), '$1') : (fill ?? null);
  }

  private fillIdOf(fillXml: string): number {
    const item = this.p ? fillXml.replace(/(<\/?)(?=[A-Za-z])/g, `$1${this.p}`) : fillXml;
    let id = this.fillCache.get(item);
    if (id === undefined) {
      const existing = this.list('fills').indexOf(item);
      id = existing > 0 ? existing : this.append('fills', item);
      this.fillCache.set(item, id);
    }
    return id;
  }

  /** A format like `xfIndex` but with the given fill element (null: no fill); the index of that format. */
  withFillXml(xfIndex: number, fillXml: string | null): number {
    const key = `${xfIndex}|${fillXml ?? ''}`;
    let id = this.xfCache.get(key);
    if (id === undefined) {
      const source = this.xf(xfIndex);
      const open = /^<[^>]*>/.exec(source)![0];
      const fillId = fillXml === null ? 0 : this.fillIdOf(fillXml);
      const tag = withAttr(withAttr(open, 'fillId', String(fillId)), 'applyFill', '1');
      id = this.append('cellXfs', tag + source.slice(open.length));
      this.xfCache.set(key, id);
    }
    return id;
  }

  /** A format like `xfIndex` but filled with the solid colour `argb` (null: no fill). */
  withFill(xfIndex: number, argb: string | null): number {
    return this.withFillXml(xfIndex, argb === null ? null : solidFill(argb));
  }

  /**
   * Appends another styles part's cell formats (our 自评汇总 sheet's, written by exceljs) with the
   * fonts, fills, borders and number formats they use; returns where each of its formats landed.
   */
  graft(other: StyleBook): number[] {
    const p = this.p;
    const rePrefix = (item: string) => (other.p === p ? item : item.replace(new RegExp(`(</?)${other.p}`, 'g'), `$1${p}`));
    const fonts = new Map<number, number>();
    const fills = new Map<number, number>([[0, 0], [1, 1]]);
    const borders = new Map<number, number>();
    const numFmts = new Map<number, number>();
    const ownFmtIds = () => this.list('numFmts').map((f) => Number(attrOf(f, 'numFmtId') ?? 0));
    const mapped = (map: Map<number, number>, id: number, section: Section) => {
      let to = map.get(id);
      if (to === undefined) {
        const item = other.list(section)[id];
        to = item === undefined ? 0 : this.append(section, rePrefix(item));
        map.set(id, to);
      }
      return to;
    };
    const numFmt = (id: number) => {
      if (id < 164) return id; // built-in formats mean the same everywhere
      let to = numFmts.get(id);
      if (to === undefined) {
        const item = other.list('numFmts').find((f) => Number(attrOf(f, 'numFmtId')) === id);
        if (!item) return 0;
        const code = attrOf(item, 'formatCode') ?? 'General';
        const same = this.list('numFmts').find((f) => attrOf(f, 'formatCode') === code);
        to = same ? Number(attrOf(same, 'numFmtId')) : Math.max(163, ...ownFmtIds()) + 1;
        if (!same) this.append('numFmts', `<${p}numFmt numFmtId="${to}" formatCode="${escapeXml(code)}"/>`);
        numFmts.set(id, to);
      }
      return to;
    };
    return other.list('cellXfs').map((xf) => {
      const item = rePrefix(xf);
      const open = /^<[^>]*>/.exec(item)![0];
      let tag = open;
      tag = withAttr(tag, 'numFmtId', String(numFmt(Number(attrOf(open, 'numFmtId') ?? 0))));
      tag = withAttr(tag, 'fontId', String(mapped(fonts, Number(attrOf(open, 'fontId') ?? 0), 'fonts')));
      tag = withAttr(tag, 'fillId', String(mapped(fills, Number(attrOf(open, 'fillId') ?? 0), 'fills')));
      tag = withAttr(tag, 'borderId', String(mapped(borders, Number(attrOf(open, 'borderId') ?? 0), 'borders')));
      tag = withAttr(tag, 'xfId', '0');
      return this.append('cellXfs', tag + item.slice(open.length));
    });
  }

  /** The part's text with our additions (each changed list rewritten with its new count). */
  toXml(): string {
    let xml = this.xml;
    for (const s of SECTIONS) {
      if (!this.appended.has(s as Section)) continue;
      const items = this.list(s as Section);
      const found = this.section(s);
      const p = this.p;
      if (found) {
        const open = withAttr(found.open.replace(/\/>$/, '>'), 'count', String(items.length));
        xml = xml.slice(0, found.start) + open + items.join('') + `</${p}${s}>` + xml.slice(found.end);
      } else {
        const text = `<${p}${s} count="${items.length}">${items.join('')}</${p}${s}>`;
        const later = SECTIONS.slice(SECTIONS.indexOf(s) + 1).map((x) => `${p}${x}`);
        xml = insertSection(xml, text, later, `${p}styleSheet`);
      }
      this.xml = xml;
    }
    return xml;
  }
}

/** A solid fill element (unprefixed), as Excel writes one. */
export function solidFill(argb: string): string {
  return `<fill><patternFill patternType="solid"><fgColor rgb="${escapeXml(argb.toUpperCase())}"/><bgColor indexed="64"/></patternFill></fill>`;
}

function insertSection(xml: string, text: string, later: string[], close: string): string {
  let at = -1;
  for (const f of later) {
    const m = new RegExp(`<${f}[\\s>/]`).exec(xml);
    if (m && (at < 0 || m.index < at)) at = m.index;
  }
  if (at < 0) at = xml.lastIndexOf(`</${close}>`);
  return xml.slice(0, at) + text + xml.slice(at);
}
