// An in-memory WPS 表格 object model (the subset src/wps uses, src/wps/wpsApi.ts), over the same JSON
// workbook model as the fake Excel (fakeExcel.ts): one model, two front ends. Like WPS's JSAPI it is
// synchronous and VBA-shaped (WPS 加载项 docs, "ET 对象模型": Application / Workbook / Worksheet /
// Range as in Excel VBA, et-jsapi-declare lib.et.d.ts): 1-based Item(row, column), Value2 a bare value
// for one cell and rows of values for several, dates as serial numbers, error cells as CVErr codes,
// Interior.Color in BGR, legacy notes as Comment, protection refusing writes, Worksheet.Delete
// asking the user unless DisplayAlerts is off. `calls` counts the calls that cross into WPS.
import { a1, columnLetters, columnIndex } from '../../src/core/address';
import { CVERR } from '../../src/wps/read';
import type { FakeCell, FakeSheet, FakeWorkbookModel } from './fakeExcel';

const ERROR_CODE: Record<string, number> = Object.fromEntries(Object.entries(CVERR).map(([code, text]) => [text, Number(code)]));
const XL_NONE = -4142;
/**
 * Interior.Pattern: XlPattern codes for the model's pattern names (office-js FillPattern names, which
 * the fake Excel stores); a name without a VBA code (exceljs's, from .xlsx fixtures) gets its own
 * code, so a pattern read and written back is the same pattern.
 */
const PATTERNS = new Map<string, number>([
  ['Gray75', -4126],
  ['Gray50', -4125],
  ['Gray25', -4124],
  ['Gray16', 17],
  ['Gray8', 18],
  ['LinearHorizontal', -4128],
  ['LinearVertical', -4166],
  ['LinearDown', -4121],
  ['LinearUp', -4162],
  ['Checker', 9],
]);
const patternCode = (name: string) => {
  if (!PATTERNS.has(name)) PATTERNS.set(name, 1000 + PATTERNS.size);
  return PATTERNS.get(name)!;
};
const patternName = (code: number) => [...PATTERNS].find(([, c]) => c === code)?.[0];

/** What WPS says when a protected sheet's cell is written (VBA run-time error 1004 on protected cells). */
export const PROTECTED_ERROR = '您试图更改的单元格或图表在受保护的工作表中。';

export class FakeWpsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WpsError';
  }
}

export interface FakeWpsOptions {
  /** Application.Build; AddCustomFunction exists from 12.1.0.20540. */
  build?: string;
}

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function parseRef(ref: string): Box {
  const [a, b] = ref.replace(/\$/g, '').split(':');
  const p = (s: string) => {
    const m = /^([A-Za-z]{1,3})(\d{1,7})$/.exec(s);
    if (!m) throw new FakeWpsError(`无效的引用：${ref}`);
    return { row: Number(m[2]) - 1, col: columnIndex(m[1].toUpperCase()) };
  };
  const x = p(a);
  const y = b ? p(b) : x;
  return { top: Math.min(x.row, y.row), left: Math.min(x.col, y.col), bottom: Math.max(x.row, y.row), right: Math.max(x.col, y.col) };
}

const bgr = (hex: string) => {
  const h = hex.replace('#', '');
  return parseInt(h.slice(0, 2), 16) + parseInt(h.slice(2, 4), 16) * 256 + parseInt(h.slice(4, 6), 16) * 65536;
};
const hexFromBgr = (n: number) => `#${[n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff].map((x) => x.toString(16).padStart(2, '0')).join('').toUpperCase()}`;

export class FakeWps {
  calls = 0;
  DisplayAlerts = true;
  private readonly storage = new Map<string, unknown>();
  /** PluginStorage as WPS gives it: getItem / setItem, shared by the add-in's pages, not persisted. */
  readonly PluginStorage = { getItem: (k: string) => this.storage.get(k) ?? null, setItem: (k: string, v: unknown) => void this.storage.set(k, v) };
  readonly Build: string;
  private panes: { ID: number; Visible: boolean; url: string }[] = [];
  private ids = 1;
  readonly workbook: FakeWpsWorkbook;

  constructor(
    readonly model: FakeWorkbookModel,
    options: FakeWpsOptions = {},
  ) {
    this.Build = options.build ?? '12.1.0.20540';
    this.workbook = new FakeWpsWorkbook(this);
  }

  hit(): void {
    this.calls++;
  }

  newSheetId(): string {
    return `{wps-${this.ids++}}`;
  }

  get ActiveWorkbook(): FakeWpsWorkbook {
    this.hit();
    return this.workbook;
  }

  get Selection(): FakeWpsRange | null {
    this.hit();
    const sel = this.model.selection;
    const sheet = sel && this.model.sheets.find((s) => s.id === sel.sheetId);
    return sel && sheet ? new FakeWpsRange(this, sheet, parseRef(sel.address)) : null;
  }

  CreateTaskPane(url: string): { ID: number; Visible: boolean } {
    const pane = { ID: this.panes.length + 1, Visible: false, url };
    this.panes.push(pane);
    return pane;
  }

  GetTaskPane(id: number) {
    return this.panes.find((p) => p.ID === id) ?? null;
  }

  get taskPanes() {
    return this.panes;
  }
}

export class FakeWpsWorkbook {
  constructor(private readonly app: FakeWps) {}

  get Name(): string {
    return 'book.xlsx';
  }

  get FullName(): string {
    return 'book.xlsx';
  }

  get ProtectStructure(): boolean {
    this.app.hit();
    return !!this.app.model.structureProtected;
  }

  get Worksheets(): FakeWpsSheets {
    return new FakeWpsSheets(this.app);
  }

  get Sheets(): FakeWpsSheets {
    return this.Worksheets;
  }

  get CustomDocumentProperties() {
    const app = this.app;
    // Read without creating: a workbook with no properties stays one.
    const props = () => app.model.documentProperties ?? {};
    const writable = () => (app.model.documentProperties ??= {});
    const item = (name: string) => ({
      Name: name,
      get Value() {
        app.hit();
        return props()[name];
      },
      set Value(v: unknown) {
        app.hit();
        writable()[name] = String(v);
      },
      Delete: () => void delete writable()[name],
    });
    return {
      get Count() {
        app.hit();
        return Object.keys(props()).length;
      },
      Item: (i: number | string) => {
        app.hit();
        const name = typeof i === 'number' ? Object.keys(props())[i - 1] : i;
        if (name === undefined || !(name in props())) throw new FakeWpsError('下标越界');
        return item(name);
      },
      Add: (name: string, _link: boolean, _type: number, value: unknown) => {
        app.hit();
        writable()[name] = String(value);
        return item(name);
      },
    };
  }
}

export class FakeWpsSheets {
  constructor(private readonly app: FakeWps) {}

  get Count(): number {
    this.app.hit();
    return this.app.model.sheets.length;
  }

  Item(i: number | string): FakeWpsWorksheet {
    this.app.hit();
    const sheets = this.app.model.sheets;
    const s = typeof i === 'number' ? sheets[i - 1] : sheets.find((x) => x.name.toLowerCase() === i.toLowerCase());
    if (!s) throw new FakeWpsError('下标越界');
    return new FakeWpsWorksheet(this.app, s);
  }

  /** Sheets.Add(Before, After): a new empty sheet "Sheet<n>"; refused under structure protection. */
  Add(before?: FakeWpsWorksheet, after?: FakeWpsWorksheet): FakeWpsWorksheet {
    this.app.hit();
    const model = this.app.model;
    if (model.structureProtected) throw new FakeWpsError('工作簿有保护，不能更改。');
    let n = model.sheets.length + 1;
    while (model.sheets.some((s) => s.name.toLowerCase() === `sheet${n}`)) n++;
    const sheet: FakeSheet = { id: this.app.newSheetId(), name: `Sheet${n}`, cells: {}, merges: [] };
    const at = after ? model.sheets.indexOf(after.sheet) + 1 : before ? model.sheets.indexOf(before.sheet) : model.sheets.indexOf(model.sheets.find((s) => s.id === model.active) ?? model.sheets[0]);
    model.sheets.splice(Math.max(0, at), 0, sheet);
    return new FakeWpsWorksheet(this.app, sheet);
  }
}

export class FakeWpsWorksheet {
  constructor(
    private readonly app: FakeWps,
    readonly sheet: FakeSheet,
  ) {}

  /**
   * Worksheet.PageSetup: recorded in the model Excel's fake uses (sheet.pageLayout), as Excel's
   * names: xlLandscape (2) → 'Landscape', xlPaperA4 (9) → 'A4', FitToPagesTall false → 0 (automatic).
   */
  get PageSetup() {
    const app = this.app;
    const layout = () => (this.sheet.pageLayout ??= {});
    const zoom = () => (layout().zoom ??= {});
    return {
      set Orientation(v: number) {
        app.hit();
        layout().orientation = v === 2 ? 'Landscape' : 'Portrait';
      },
      set PaperSize(v: number) {
        app.hit();
        layout().paperSize = v === 9 ? 'A4' : String(v);
      },
      set Zoom(v: number | boolean) {
        app.hit();
        if (v !== false) zoom().scale = Number(v);
      },
      set FitToPagesWide(v: number | boolean) {
        app.hit();
        zoom().horizontalFitToPages = v === false ? 0 : Number(v);
      },
      set FitToPagesTall(v: number | boolean) {
        app.hit();
        zoom().verticalFitToPages = v === false ? 0 : Number(v);
      },
      set PrintTitleRows(v: string) {
        app.hit();
        layout().printTitleRows = v;
      },
    };
  }

  get Name(): string {
    this.app.hit();
    return this.sheet.name;
  }

  set Name(v: string) {
    this.app.hit();
    if (this.app.model.sheets.some((s) => s !== this.sheet && s.name.toLowerCase() === v.toLowerCase())) throw new FakeWpsError('工作表名称已存在');
    this.sheet.name = v;
  }

  get Index(): number {
    return this.app.model.sheets.indexOf(this.sheet) + 1;
  }

  /** XlSheetVisibility: -1 visible, 0 hidden, 2 very hidden. */
  get Visible(): number {
    this.app.hit();
    return this.sheet.visibility === 'Hidden' ? 0 : this.sheet.visibility === 'VeryHidden' ? 2 : -1;
  }

  set Visible(v: number) {
    this.app.hit();
    this.sheet.visibility = v === -1 || v === 1 ? undefined : v === 2 ? 'VeryHidden' : 'Hidden';
    if (!this.sheet.visibility) delete this.sheet.visibility;
  }

  get ProtectContents(): boolean {
    this.app.hit();
    return !!this.sheet.protected;
  }

  /** The rectangle from the first to the last used cell (a value, formula, format or fill); A1 when empty. */
  get UsedRange(): FakeWpsRange {
    this.app.hit();
    let box: Box | null = null;
    for (const addr of Object.keys(this.sheet.cells)) {
      const p = parseRef(addr);
      box = box ? { top: Math.min(box.top, p.top), left: Math.min(box.left, p.left), bottom: Math.max(box.bottom, p.top), right: Math.max(box.right, p.left) } : { ...p };
    }
    for (const m of this.sheet.merges) {
      const p = parseRef(m);
      box = box ? { top: Math.min(box.top, p.top), left: Math.min(box.left, p.left), bottom: Math.max(box.bottom, p.bottom), right: Math.max(box.right, p.right) } : { ...p };
    }
    return new FakeWpsRange(this.app, this.sheet, box ?? { top: 0, left: 0, bottom: 0, right: 0 });
  }

  get Cells(): FakeWpsRange {
    return new FakeWpsRange(this.app, this.sheet, { top: 0, left: 0, bottom: 1048575, right: 16383 });
  }

  Range(ref: string): FakeWpsRange {
    this.app.hit();
    return new FakeWpsRange(this.app, this.sheet, parseRef(ref));
  }

  Columns(i: number): FakeWpsRange {
    this.app.hit();
    return new FakeWpsRange(this.app, this.sheet, { top: 0, left: i - 1, bottom: 1048575, right: i - 1 });
  }

  get Hyperlinks() {
    return {
      Add: (anchor: FakeWpsRange, address: string, subAddress?: string, screenTip?: string, text?: string) => {
        this.app.hit();
        anchor.guardWrite();
        const c = anchor.cellAt(anchor.box.top, anchor.box.left, true)!;
        c.link = { address: subAddress, documentReference: address || undefined, screenTip, textToDisplay: text };
        if (text !== undefined) c.v = text;
      },
    };
  }

  Activate(): void {
    this.app.hit();
    if (this.sheet.visibility) throw new FakeWpsError('无法激活隐藏的工作表');
    this.app.model.active = this.sheet.id;
  }

  /** With DisplayAlerts on, WPS asks the user before deleting a sheet (as Excel VBA does): modelled as a refusal. */
  Delete(): void {
    this.app.hit();
    const model = this.app.model;
    if (this.app.DisplayAlerts) throw new FakeWpsError('删除工作表需要用户确认（DisplayAlerts 为 true）');
    if (model.structureProtected) throw new FakeWpsError('工作簿有保护，不能更改。');
    model.sheets = model.sheets.filter((s) => s !== this.sheet);
    model.notes = model.notes.filter((n) => n.sheetId !== this.sheet.id);
    if (model.active === this.sheet.id) model.active = model.sheets[0]?.id;
  }
}

export class FakeWpsRange {
  constructor(
    private readonly app: FakeWps,
    readonly sheet: FakeSheet,
    readonly box: Box,
  ) {}

  private get rows(): number {
    return this.box.bottom - this.box.top + 1;
  }

  private get cols(): number {
    return this.box.right - this.box.left + 1;
  }

  cellAt(r: number, c: number, create = false): FakeCell | undefined {
    const key = a1(r, c);
    let cell = this.sheet.cells[key];
    if (!cell && create) cell = this.sheet.cells[key] = {};
    return cell;
  }

  private tidy(r: number, c: number): void {
    const key = a1(r, c);
    const cell = this.sheet.cells[key];
    if (cell && Object.keys(cell).length === 0) delete this.sheet.cells[key];
  }

  guardWrite(): void {
    if (this.sheet.protected) throw new FakeWpsError(PROTECTED_ERROR);
  }

  private each(fn: (r: number, c: number) => void): void {
    for (let r = this.box.top; r <= this.box.bottom; r++) for (let c = this.box.left; c <= this.box.right; c++) fn(r, c);
  }

  private grid<T>(fn: (r: number, c: number) => T): T | T[][] {
    if (this.rows === 1 && this.cols === 1) return fn(this.box.top, this.box.left);
    const out: T[][] = [];
    for (let r = this.box.top; r <= this.box.bottom; r++) {
      const row: T[] = [];
      for (let c = this.box.left; c <= this.box.right; c++) row.push(fn(r, c));
      out.push(row);
    }
    return out;
  }

  get Row(): number {
    return this.box.top + 1;
  }

  get Column(): number {
    return this.box.left + 1;
  }

  get Rows() {
    return {
      Count: this.rows,
      AutoFit: () => {
        this.app.hit();
        this.sheet.autofitRows = [...(this.sheet.autofitRows ?? []), this.boxAddress()];
        return true;
      },
    };
  }

  private boxAddress(): string {
    return `${columnLetters(this.box.left)}${this.box.top + 1}:${columnLetters(this.box.right)}${this.box.bottom + 1}`;
  }

  /** Range.WrapText: the range is recorded on its sheet (the model Excel's fake uses too). */
  set WrapText(wrap: boolean) {
    this.app.hit();
    this.guardWrite();
    const at = this.boxAddress();
    this.sheet.wrapped = (this.sheet.wrapped ?? []).filter((x) => x !== at);
    if (wrap) this.sheet.wrapped.push(at);
  }

  get WrapText(): boolean {
    return this.sheet.wrapped?.includes(this.boxAddress()) ?? false;
  }

  /** Range.VerticalAlignment: accepted, not modelled. */
  set VerticalAlignment(_v: number) {
    this.app.hit();
    this.guardWrite();
  }

  get VerticalAlignment(): number {
    return -4108;
  }

  /** Range.AutoFilter() with no arguments: a filter on this range, recorded on its sheet. */
  AutoFilter(): boolean {
    this.app.hit();
    this.guardWrite();
    this.sheet.autoFilter = this.boxAddress();
    return true;
  }

  get Columns() {
    return {
      Count: this.cols,
      Item: (i: number) => new FakeWpsRange(this.app, this.sheet, { top: this.box.top, left: this.box.left + i - 1, bottom: this.box.bottom, right: this.box.left + i - 1 }),
    };
  }

  get Worksheet(): FakeWpsWorksheet {
    return new FakeWpsWorksheet(this.app, this.sheet);
  }

  /** Value2: errors as their CVErr code (VBA's Variant of type Error), empty cells as undefined, '' for an empty string. */
  get Value2(): unknown {
    this.app.hit();
    return this.grid((r, c) => {
      const cell = this.cellAt(r, c);
      if (!cell || cell.v === undefined || cell.v === null) return undefined;
      if (cell.t === 'Error' && typeof cell.v === 'string') return ERROR_CODE[cell.v] ?? cell.v;
      return cell.v;
    });
  }

  set Value2(v: unknown) {
    this.app.hit();
    this.guardWrite();
    const rows = this.rows === 1 && this.cols === 1 && !Array.isArray(v) ? [[v]] : (v as unknown[][]);
    this.each((r, c) => {
      const x = rows[r - this.box.top]?.[c - this.box.left];
      const cell = this.cellAt(r, c, true)!;
      delete cell.f;
      delete cell.t;
      if (x === undefined || x === null || x === '') delete cell.v;
      else if (typeof x === 'number' && Object.values(ERROR_CODE).includes(x)) {
        cell.v = CVERR[x];
        cell.t = 'Error';
      } else cell.v = x as string | number | boolean;
      this.tidy(r, c);
    });
  }

  get Formula(): unknown {
    this.app.hit();
    return this.grid((r, c) => {
      const cell = this.cellAt(r, c);
      if (cell?.f) return cell.f;
      return cell?.v === undefined || cell.v === null ? '' : String(cell.v);
    });
  }

  set Formula(f: unknown) {
    this.app.hit();
    this.guardWrite();
    this.each((r, c) => {
      const cell = this.cellAt(r, c, true)!;
      const text = String(f);
      if (text.startsWith('=')) {
        cell.f = text;
        // A plain reference gets its value (enough for 自评汇总's live totals); anything else is not computed.
        const m = /^='?(.*?)'?!\$?([A-Z]+)\$?(\d+)$/.exec(text.replace(/''/g, "'"));
        const src = m && this.app.model.sheets.find((s) => s.name === m[1]);
        const v = src ? src.cells[`${m![2]}${m![3]}`]?.v : undefined;
        if (v === undefined || v === null) delete cell.v;
        else cell.v = v;
      } else {
        delete cell.f;
        cell.v = text;
      }
    });
  }

  get NumberFormat(): string | null {
    this.app.hit();
    let fmt: string | undefined;
    let mixed = false;
    this.each((r, c) => {
      const nf = this.cellAt(r, c)?.nf ?? 'General';
      if (fmt === undefined) fmt = nf;
      else if (fmt !== nf) mixed = true;
    });
    return mixed ? null : fmt ?? 'General';
  }

  set NumberFormat(v: string | null) {
    this.app.hit();
    this.guardWrite();
    if (this.rows * this.cols > 1_000_000) return; // whole columns: a format for cells not stored here
    this.each((r, c) => {
      const cell = this.cellAt(r, c, true)!;
      if (!v || v === 'General') delete cell.nf;
      else cell.nf = v;
      this.tidy(r, c);
    });
  }

  get Text(): string | null {
    this.app.hit();
    const cell = this.cellAt(this.box.top, this.box.left);
    return cell?.v === undefined || cell.v === null ? '' : String(cell.v);
  }

  private merges(): Box[] {
    return this.sheet.merges.map(parseRef);
  }

  private mergeOf(r: number, c: number): Box | null {
    return this.merges().find((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right) ?? null;
  }

  get MergeCells(): boolean | null {
    this.app.hit();
    let inside = 0;
    let total = 0;
    const ms = this.merges();
    if (ms.length === 0) return false;
    // Counted per merge overlap, not per cell: a whole-sheet range would be 17 billion cells.
    for (const m of ms) {
      const top = Math.max(m.top, this.box.top);
      const bottom = Math.min(m.bottom, this.box.bottom);
      const left = Math.max(m.left, this.box.left);
      const right = Math.min(m.right, this.box.right);
      if (top <= bottom && left <= right) inside += (bottom - top + 1) * (right - left + 1);
    }
    total = this.rows * this.cols;
    return inside === 0 ? false : inside === total ? true : null;
  }

  get MergeArea(): FakeWpsRange {
    this.app.hit();
    const m = this.mergeOf(this.box.top, this.box.left);
    return m ? new FakeWpsRange(this.app, this.sheet, m) : this;
  }

  get Interior(): FakeWpsInterior {
    return new FakeWpsInterior(this.app, this);
  }

  get Font(): FakeWpsFont {
    return new FakeWpsFont(this.app, this);
  }

  /** Writes to every cell of the range (refused on a protected sheet); empty cells are not kept. */
  writeCells(fn: (cell: FakeCell) => void): void {
    this.guardWrite();
    this.each((r, c) => {
      fn(this.cellAt(r, c, true)!);
      this.tidy(r, c);
    });
  }

  get first(): FakeCell | undefined {
    return this.cellAt(this.box.top, this.box.left);
  }

  private address(): string {
    return a1(this.box.top, this.box.left);
  }

  get Comment(): { Text(t?: string): string; Delete(): void } | null {
    this.app.hit();
    const model = this.app.model;
    const note = model.notes.find((n) => n.sheetId === this.sheet.id && n.cell === this.address());
    if (!note) return null;
    const guard = () => this.guardWrite();
    return {
      Text: (t?: string) => {
        if (t !== undefined) {
          guard();
          note.content = t;
        }
        return note.content;
      },
      Delete: () => {
        guard();
        model.notes = model.notes.filter((n) => n !== note);
      },
    };
  }

  /** VBA's AddComment fails on a cell that already has one (run-time error 1004). */
  AddComment(text?: string) {
    this.app.hit();
    this.guardWrite();
    if (this.app.model.notes.some((n) => n.sheetId === this.sheet.id && n.cell === this.address())) throw new FakeWpsError('该单元格已有批注');
    this.app.model.notes.push({ sheetId: this.sheet.id, cell: this.address(), content: text ?? '' });
    return this.Comment!;
  }

  Item(row: number, column = 1): FakeWpsRange {
    this.app.hit();
    const r = this.box.top + row - 1;
    const c = this.box.left + column - 1;
    return new FakeWpsRange(this.app, this.sheet, { top: r, left: c, bottom: r, right: c });
  }

  Resize(rows: number, cols: number): FakeWpsRange {
    this.app.hit();
    return new FakeWpsRange(this.app, this.sheet, { top: this.box.top, left: this.box.left, bottom: this.box.top + rows - 1, right: this.box.left + cols - 1 });
  }

  Address(rowAbs = true, colAbs = true): string {
    const one = (r: number, c: number) => `${colAbs ? '$' : ''}${columnLetters(c)}${rowAbs ? '$' : ''}${r + 1}`;
    const start = one(this.box.top, this.box.left);
    return this.rows === 1 && this.cols === 1 ? start : `${start}:${one(this.box.bottom, this.box.right)}`;
  }

  Select(): boolean {
    this.app.hit();
    if (this.app.model.active !== this.sheet.id) throw new FakeWpsError('只能选择活动工作表上的单元格');
    this.app.model.selection = { sheetId: this.sheet.id, address: this.Address(false, false) };
    return true;
  }

  set ColumnWidth(w: number) {
    this.app.hit();
    (this.sheet.columnWidths ??= {})[columnLetters(this.box.left)] = w;
  }

  get ColumnWidth(): number {
    return this.sheet.columnWidths?.[columnLetters(this.box.left)] ?? 8.38;
  }

  set Hidden(h: boolean) {
    this.app.hit();
    const hidden = (this.sheet.hiddenColumns ??= []);
    for (let c = this.box.left; c <= this.box.right; c++) {
      const letters = columnLetters(c);
      if (h && !hidden.includes(letters)) hidden.push(letters);
      if (!h && hidden.includes(letters)) hidden.splice(hidden.indexOf(letters), 1);
    }
  }

  get Hidden(): boolean {
    return this.sheet.hiddenColumns?.includes(columnLetters(this.box.left)) ?? false;
  }
}

/** Range.Interior: Color in BGR, ColorIndex xlNone without a fill, Pattern an XlPattern code. */
class FakeWpsInterior {
  constructor(
    private readonly app: FakeWps,
    private readonly range: FakeWpsRange,
  ) {}

  get Color(): number {
    this.app.hit();
    const fill = this.range.first?.fill;
    return fill ? bgr(fill.color) : 16777215;
  }

  set Color(v: number) {
    this.app.hit();
    this.range.writeCells((cell) => (cell.fill = cell.fill?.pattern ? { color: hexFromBgr(v), pattern: cell.fill.pattern } : { color: hexFromBgr(v) }));
  }

  /** xlNone when the cell has no fill; any palette index otherwise. */
  get ColorIndex(): number {
    this.app.hit();
    return this.range.first?.fill ? 1 : XL_NONE;
  }

  set ColorIndex(v: number) {
    this.app.hit();
    if (v === XL_NONE) this.range.writeCells((cell) => delete cell.fill);
  }

  get Pattern(): number {
    this.app.hit();
    const fill = this.range.first?.fill;
    return !fill ? XL_NONE : fill.pattern ? patternCode(fill.pattern) : 1;
  }

  set Pattern(v: number) {
    this.app.hit();
    this.range.writeCells((cell) => {
      if (v === XL_NONE) delete cell.fill;
      else {
        const name = v === 1 ? undefined : patternName(v);
        const color = cell.fill?.color ?? '#FFFFFF';
        cell.fill = name ? { color, pattern: name } : { color };
      }
    });
  }
}

class FakeWpsFont {
  constructor(
    private readonly app: FakeWps,
    private readonly range: FakeWpsRange,
  ) {}

  get Bold(): boolean {
    return !!this.range.first?.bold;
  }

  set Bold(v: boolean) {
    this.app.hit();
    this.range.writeCells((cell) => {
      if (v) cell.bold = true;
      else delete cell.bold;
    });
  }
}
