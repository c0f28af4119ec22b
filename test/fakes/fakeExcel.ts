// An in-memory Excel JS API (the subset the gateway uses), over a plain JSON workbook model.
// Like the real API: operations are queued and run in order on context.sync(); reading a property
// before load() + sync() throws PropertyNotLoaded; *OrNullObject objects expose isNullObject after a sync.
// Runs in Node (tests) and in the browser (e2e harness); the .xlsx loader lives in ./xlsxToFake.ts.

export type FakeValue = string | number | boolean | null;
import { a1, columnLetters as colLetters, columnIndex as lettersCol } from '../../src/core/address';

export interface FakeFill {
  /** '#RRGGBB' upper case. */
  color: string;
  pattern?: string;
}

export interface FakeLink {
  documentReference?: string;
  address?: string;
  textToDisplay?: string;
  screenTip?: string;
}

export interface FakeCell {
  v?: FakeValue;
  /**
   * Range.valueTypes of the cell when it is not told by `v` alone: 'Error' for an error cell (its
   * `v` is the '#…' text Range.values gives, e.g. '#DIV/0!'). A string `v` without `t` is text,
   * even '#N/A' typed by the user. https://learn.microsoft.com/javascript/api/excel/excel.rangevaluetype
   */
  t?: 'Error';
  /** Formula text including '='. */
  f?: string;
  nf?: string;
  fill?: FakeFill;
  link?: FakeLink;
  bold?: boolean;
  /** Format › Protection › Locked; cells are locked unless the user unlocked them (false). */
  locked?: boolean;
}

export interface FakeSheet {
  id: string;
  name: string;
  cells: Record<string, FakeCell>;
  /** Merged areas as "A1:I1". */
  merges: string[];
  customProperties?: Record<string, string>;
  columnWidths?: Record<string, number>;
  /** Columns hidden (Range.columnHidden, ExcelApi 1.2), as letters. */
  hiddenColumns?: string[];
  /** Worksheet.visibility (ExcelApi 1.1): 'Visible' when absent. */
  visibility?: 'Visible' | 'Hidden' | 'VeryHidden';
  /**
   * Sheet protection (WorksheetProtection.protected, ExcelApi 1.2). A protected sheet refuses every
   * write to its cells, formats, notes and comments with AccessDenied "You cannot perform the
   * requested operation." (the error Graph/office-js return for locked cells:
   * https://github.com/microsoftgraph/microsoft-graph-docs/issues/4546). Reads still work.
   */
  protected?: boolean;
  /**
   * WorksheetProtectionOptions (ExcelApi 1.2) of a protected sheet: formats may be changed when
   * allowFormatCells is on, notes and comments added or deleted when allowEditObjects is on. Both
   * off when absent (Excel's default: https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotectionoptions).
   */
  protectionOptions?: { allowFormatCells?: boolean; allowEditObjects?: boolean };
  /** Ranges ("A5:M40") whose text wraps (RangeFormat.wrapText, ExcelApi 1.1), as written. */
  wrapped?: string[];
  /** Ranges whose rows were fitted to their text (RangeFormat.autofitRows, ExcelApi 1.2). */
  autofitRows?: string[];
  /** Worksheet.pageLayout (ExcelApi 1.9): what was set. */
  pageLayout?: { orientation?: string; paperSize?: string; zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }; printTitleRows?: string };
  /** Worksheet.autoFilter.apply (ExcelApi 1.9): the filtered range ("A10:N40"). */
  autoFilter?: string;
}

export interface FakeNoteData {
  sheetId: string;
  cell: string;
  content: string;
  author?: string;
}

export interface FakeCommentData {
  id: string;
  sheetId: string;
  cell: string;
  content: string;
}

export interface FakeWorkbookModel {
  sheets: FakeSheet[];
  /** workbook.settings: key → value (what settings.add stored). */
  settings: Record<string, unknown>;
  notes: FakeNoteData[];
  comments: FakeCommentData[];
  /** Id of the active sheet. */
  active?: string;
  selection?: { sheetId: string; address: string };
  nextId?: number;
  /**
   * Workbook structure protection (WorkbookProtection.protected, ExcelApi 1.7): adding, deleting or
   * renaming sheets fails with AccessDenied; cell writes on unprotected sheets still work.
   */
  structureProtected?: boolean;
  /** Workbook.CustomDocumentProperties (the fake WPS host's settings live there): name → value. */
  documentProperties?: Record<string, string>;
}

export interface FakeExcelOptions {
  /** Highest ExcelApi requirement set supported, e.g. '1.18' (notes) or '1.17' (comments only). */
  apiVersion?: string;
  /**
   * 'web': Excel on the web, which refuses to load a worksheet's notes (office-js#6198, closed "by
   * design": note properties the web does not support — visible, width, height — fail the batch).
   * The fake refuses every worksheet-notes load there, the strictest reading, with GeneralException
   * (the code the web answers is not documented), failing the whole sync as Excel does.
   */
  platform?: 'desktop' | 'web';
  /** Response payload limit in bytes (Excel on the web: 5 MB). */
  responseLimit?: number;
  /** Simulate a user editing a cell: runs without delayForCellEdit fail with InvalidOperationInCellEditMode. */
  cellEditing?: boolean;
  /**
   * Request payload limit in bytes for what one sync writes (Excel on the web: 5 MB per request,
   * RequestPayloadSizeLimitExceeded: https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization).
   */
  requestLimit?: number;
  /**
   * Most merged areas Range.getMergedAreasOrNullObject may return: "if the merged areas count in
   * this range is more than 512, then this method will fail to return the result"
   * (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getmergedareasornullobject-member(1)).
   */
  mergedAreaLimit?: number;
  /**
   * Excel's side of a batch runs in Excel's process (desktop) or on Microsoft's servers (the web),
   * not on the add-in's thread: the page only sends the request and reads the answer
   * (https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model — sync()
   * "returns a promise that is resolved when the queued commands have been run" by the host; the
   * add-in's page runs in its own webview, https://learn.microsoft.com/office/dev/add-ins/concepts/browsers-used-by-office-web-add-ins).
   * In the browser harness the fake runs on the page's thread; with this option it gives the thread
   * back every `ms` while it works through a batch, so the pane's long tasks are the pane's own.
   * The operations still run in order, and a failing one still stops the rest.
   */
  hostSlice?: { ms: number; yield: () => Promise<void>; now: () => number };
  /**
   * Whether the host reports the DelayForCellEdit requirement set: Excel.run's delayForCellEdit
   * option works only there (https://learn.microsoft.com/javascript/api/excel/excel.runoptions);
   * elsewhere a run during cell editing still fails. Default true.
   */
  delayForCellEdit?: boolean;
}

export class FakeOfficeError extends Error {
  code: string;
  debugInfo: { code: string; message: string };
  constructor(code: string, message: string) {
    super(message);
    this.name = 'RichApi.Error';
    this.code = code;
    this.debugInfo = { code, message };
  }
}

// ------------------------------------------------------------------ address helpers

export { a1 } from '../../src/core/address';
interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}
function boxAddress(b: Box): string {
  return `${colLetters(b.left)}${b.top + 1}:${colLetters(b.right)}${b.bottom + 1}`;
}
function parseLocal(local: string): Box {
  const parts = local.replace(/\$/g, '').split(':');
  const cell = (s: string) => {
    const m = /^([A-Za-z]{1,3})(\d+)$/.exec(s.trim());
    if (!m) throw new FakeOfficeError('InvalidArgument', `The argument is invalid or missing or has an incorrect format: '${local}'.`);
    return { row: parseInt(m[2], 10) - 1, col: lettersCol(m[1]) };
  };
  const p = cell(parts[0]);
  const q = parts.length > 1 ? cell(parts[1]) : p;
  return { top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) };
}
function splitAddress(address: string): { sheet: string | null; local: string } {
  const bang = address.lastIndexOf('!');
  if (bang < 0) return { sheet: null, local: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1) };
}
function boxLocal(b: Box): string {
  const p = a1(b.top, b.left);
  return b.top === b.bottom && b.left === b.right ? p : `${p}:${a1(b.bottom, b.right)}`;
}
function sheetPrefix(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
function normColor(c: string): string {
  const named: Record<string, string> = { white: '#FFFFFF', yellow: '#FFFF00', red: '#FF0000', black: '#000000' };
  const lower = c.toLowerCase();
  if (named[lower]) return named[lower];
  const hex = c.replace(/^#/, '').toUpperCase();
  if (!/^[0-9A-F]{6}$/.test(hex)) throw new FakeOfficeError('InvalidArgument', `Invalid color '${c}'.`);
  return `#${hex}`;
}

function compareVersion(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

const NOT_LOADED = (name: string) =>
  new FakeOfficeError(
    'PropertyNotLoaded',
    `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );

const PROTECTED = () => new FakeOfficeError('AccessDenied', 'You cannot perform the requested operation.');

/**
 * Throws what Excel throws for a value written to a protected sheet: a protected sheet refuses
 * values in its locked cells only (Protect Sheet locks every cell not unlocked beforehand:
 * https://support.microsoft.com/office/lock-or-unlock-specific-areas-of-a-protected-worksheet-75481b72-db8a-4267-8c43-042a5f2cd93a).
 */
function assertWritable(sheet: FakeSheet, cells?: FakeCell[]): void {
  if (!sheet.protected) return;
  if (cells && cells.every((c) => c.locked === false)) return;
  throw PROTECTED();
}

/** Formats (fills, bold, widths) on a protected sheet: only with allowFormatCells. */
function assertFormatWritable(sheet: FakeSheet): void {
  if (sheet.protected && !sheet.protectionOptions?.allowFormatCells) throw PROTECTED();
}

/** Notes and comments on a protected sheet: only with allowEditObjects. */
function assertObjectWritable(sheet: FakeSheet): void {
  if (sheet.protected && !sheet.protectionOptions?.allowEditObjects) throw PROTECTED();
}

/** Counts the bytes a write carries towards the request payload limit. */
function charge(ctx: FakeRequestContext, data: unknown): void {
  const json = JSON.stringify(data);
  ctx.requestBytes += json ? json.length : 4;
}

// ------------------------------------------------------------------ context and base object

type Op = () => void;

export class FakeRequestContext {
  readonly fake: FakeExcel;
  readonly workbook: FakeWorkbook;
  private queue: { op: Op; silent: boolean }[] = [];
  /** Loaded bytes in the current batch, for the response payload limit. */
  bytes = 0;
  /** Bytes the queued writes carry, for the request payload limit. */
  requestBytes = 0;
  constructor(fake: FakeExcel) {
    this.fake = fake;
    this.workbook = new FakeWorkbook(this);
  }
  /**
   * Set when its Excel.run has ended: a proxy used after its run throws InvalidObjectPath, as
   * through Office.js (the run's objects are released in its cleanup request; values already
   * loaded stay readable).
   */
  closed = false;
  enqueue(op: Op, silent = false): void {
    if (this.closed) throw new FakeOfficeError('InvalidObjectPath', 'The object path is not valid: the object was used outside its Excel.run.');
    this.queue.push({ op, silent });
  }
  /** Whether real work is queued (null-object resolution alone does not count). */
  hasPendingWork(): boolean {
    return this.queue.some((q) => !q.silent);
  }
  async sync(): Promise<void> {
    if (this.closed) throw new FakeOfficeError('InvalidObjectPath', 'The request context was used outside its Excel.run.');
    this.fake.syncCount++;
    await this.fake.beforeSync();
    const ops = this.queue;
    this.queue = [];
    this.bytes = 0;
    const requestBytes = this.requestBytes;
    this.requestBytes = 0;
    // The request is refused as a whole before anything runs.
    if (this.fake.options.requestLimit !== undefined && requestBytes > this.fake.options.requestLimit)
      throw new FakeOfficeError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.');
    // Otherwise the queued operations run in order and a failing one stops the rest: what ran
    // before it stays done. Office batches are not transactions
    // (https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
    const loaded: ClientObject[] = [];
    this.loadedThisBatch = loaded;
    try {
      const slice = this.fake.options.hostSlice;
      let start = slice ? slice.now() : 0;
      for (const { op } of ops) {
        op();
        if (slice && slice.now() - start >= slice.ms) {
          await slice.yield();
          start = slice.now();
        }
      }
      if (this.fake.options.responseLimit !== undefined && this.bytes > this.fake.options.responseLimit) {
        for (const o of loaded) o._unloadPending();
        throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.');
      }
      for (const o of loaded) o._commitPending();
    } catch (e) {
      // What a failed batch loaded is never seen: the next sync must not hand it out either.
      for (const o of loaded) o._unloadPending();
      throw e;
    } finally {
      this.loadedThisBatch = null;
    }
    await Promise.resolve();
  }
  loadedThisBatch: ClientObject[] | null = null;
}

abstract class ClientObject {
  protected readonly ctx: FakeRequestContext;
  private loadedProps = new Map<string, unknown>();
  private pendingProps = new Map<string, unknown>();
  /** undefined until a sync resolved the object. */
  protected nullState: boolean | undefined = undefined;
  /** Whether this object may be a null object (created by *OrNullObject). */
  protected readonly nullable: boolean;
  constructor(ctx: FakeRequestContext, nullable = false) {
    this.ctx = ctx;
    this.nullable = nullable;
    if (nullable) {
      ctx.enqueue(() => {
        this.nullState = this.tryResolve() === null;
      }, true);
    } else {
      this.nullState = false;
    }
  }
  get context(): FakeRequestContext {
    return this.ctx;
  }
  get isNullObject(): boolean {
    if (this.nullState === undefined) throw NOT_LOADED('isNullObject');
    return this.nullState;
  }
  /** The model thing this proxy stands for, or null (null objects). Throws ItemNotFound for getItem(). */
  abstract tryResolve(): unknown;
  abstract readProp(name: string, target: unknown): unknown;
  protected child(_name: string): ClientObject | null {
    return null;
  }

  protected prop<T>(name: string): T {
    // A null object's properties read as undefined, as through Office.js (isNullObject tells; the
    // library does not throw: ../shared/spec/OFFICEJS-WIRE.md, checked against @microsoft/office-js).
    if (this.nullState === true) return undefined as T;
    if (!this.loadedProps.has(name)) throw NOT_LOADED(name);
    return this.loadedProps.get(name) as T;
  }
  protected setLocal(name: string, value: unknown): void {
    if (this.loadedProps.has(name)) this.loadedProps.set(name, value);
  }
  _unloadPending(): void {
    this.pendingProps.clear();
  }
  _commitPending(): void {
    for (const [k, v] of this.pendingProps) this.loadedProps.set(k, v);
    this.pendingProps.clear();
  }

  load(arg?: string | string[] | { select?: string; expand?: string }): this {
    let names: string[];
    if (arg === undefined) names = this.defaultProps();
    else if (typeof arg === 'string') names = arg.split(',');
    else if (Array.isArray(arg)) names = arg;
    else names = (arg.select ?? '').split(',');
    const direct: string[] = [];
    for (const raw of names.map((s) => s.trim()).filter(Boolean)) {
      const slash = raw.indexOf('/');
      if (slash >= 0) {
        const head = raw.slice(0, slash);
        const c = this.child(head);
        if (!c) throw new FakeOfficeError('InvalidArgument', `Unknown navigation property '${head}'.`);
        c.load(raw.slice(slash + 1));
      } else direct.push(raw);
    }
    if (direct.length > 0) this.ctx.enqueue(() => this.loadNow(direct));
    return this;
  }
  /** Reads properties now (inside a running batch). */
  loadNow(direct: string[]): void {
    const target = this.tryResolve();
    if (target === null) {
      if (this.nullable) return;
      throw new FakeOfficeError('ItemNotFound', "The requested resource doesn't exist.");
    }
    for (const name of direct) {
      const value = this.readProp(name, target);
      const json = JSON.stringify(value);
      this.ctx.bytes += (json ? json.length : 4) + name.length;
      this.pendingProps.set(name, value === undefined ? undefined : JSON.parse(json ?? 'null'));
    }
    this.ctx.loadedThisBatch?.push(this);
  }
  protected defaultProps(): string[] {
    return [];
  }
  /** Queues a write against the resolved target (no-op on null objects, like the real API). */
  protected write(fn: (target: never) => void): void {
    this.ctx.enqueue(() => {
      const t = this.tryResolve();
      if (t === null) {
        if (this.nullable) return;
        throw new FakeOfficeError('ItemNotFound', 'The requested resource doesn\'t exist.');
      }
      fn(t as never);
    });
  }
  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loadedProps);
  }
}

/**
 * OfficeExtension.ClientResult: what a method such as getCount() returns; `value` is there after the
 * sync that ran the call succeeded (a failed batch delivers no results).
 * https://learn.microsoft.com/javascript/api/office/officeextension.clientresult
 */
export class FakeClientResult<T> {
  private pending: { v: T } | null = null;
  private result: { v: T } | null = null;
  get value(): T {
    if (!this.result) throw NOT_LOADED('value');
    return this.result.v;
  }
  _set(ctx: FakeRequestContext, v: T): void {
    this.pending = { v };
    ctx.loadedThisBatch?.push(this as unknown as ClientObject);
  }
  _commitPending(): void {
    if (this.pending) this.result = this.pending;
    this.pending = null;
  }
  _unloadPending(): void {
    this.pending = null;
  }
}

abstract class FakeCollection<T extends ClientObject> extends ClientObject {
  private itemList: T[] | null = null;
  private pendingItems: T[] | null = null;
  abstract keys(): unknown[];
  abstract makeItem(key: unknown): T;
  get items(): T[] {
    if (!this.itemList) throw NOT_LOADED('items');
    return this.itemList;
  }
  tryResolve(): unknown {
    return this;
  }
  readProp(): unknown {
    return undefined;
  }
  override load(arg?: string | string[] | { select?: string; expand?: string }): this {
    const names = typeof arg === 'string' ? arg.split(',') : Array.isArray(arg) ? arg : [];
    const itemProps = names
      .map((n) => n.trim())
      .filter(Boolean)
      .map((n) => (n.startsWith('items/') ? n.slice(6) : n === 'items' ? '' : n))
      .filter(Boolean);
    if (itemProps.some((n) => n.includes('/'))) throw new FakeOfficeError('InvalidArgument', 'Nested paths inside items are not supported by the fake.');
    this.ctx.enqueue(() => {
      this.pendingItems = this.keys().map((k) => this.makeItem(k));
      this.ctx.loadedThisBatch?.push(this);
      this.ctx.bytes += 2;
      if (itemProps.length > 0) for (const item of this.pendingItems) item.loadNow(itemProps);
    });
    return this;
  }
  override _commitPending(): void {
    super._commitPending();
    if (this.pendingItems) this.itemList = this.pendingItems;
    this.pendingItems = null;
  }
  override _unloadPending(): void {
    super._unloadPending();
    this.pendingItems = null;
  }
}

// ------------------------------------------------------------------ workbook

export class FakeWorkbook extends ClientObject {
  readonly worksheets: FakeWorksheetCollection;
  readonly settings: FakeSettingCollection;
  readonly notes: FakeNoteCollection;
  readonly comments: FakeCommentCollection;
  readonly protection: FakeWorkbookProtection;
  constructor(ctx: FakeRequestContext) {
    super(ctx);
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.settings = new FakeSettingCollection(ctx);
    this.notes = new FakeNoteCollection(ctx, null);
    this.comments = new FakeCommentCollection(ctx);
    this.protection = new FakeWorkbookProtection(ctx);
  }
  protected override child(name: string): ClientObject | null {
    return name === 'protection' ? this.protection : null;
  }
  /** Workbook.getSelectedRange (ExcelApi 1.1): the selection, or A1 of the active sheet. */
  getSelectedRange(): FakeRange {
    const model = () => this.ctx.fake.model;
    const ws = new FakeWorksheet(this.ctx, { kind: 'fn', id: () => model().selection?.sheetId ?? model().active ?? model().sheets[0].id });
    return new FakeRange(this.ctx, ws, () => parseLocal(model().selection?.address ?? 'A1'));
  }
  tryResolve(): unknown {
    return this.ctx.fake.model;
  }
  readProp(): unknown {
    return undefined;
  }
}

// ------------------------------------------------------------------ worksheets

type SheetLocator =
  | { kind: 'key'; key: string; orNull: boolean }
  | { kind: 'id'; id: string }
  | { kind: 'fn'; id: () => string }
  | { kind: 'added'; holder: { id?: string } }
  | { kind: 'active' };

export class FakeWorksheetCollection extends FakeCollection<FakeWorksheet> {
  keys(): unknown[] {
    return this.ctx.fake.model.sheets.map((s) => s.id);
  }
  makeItem(key: unknown): FakeWorksheet {
    return new FakeWorksheet(this.ctx, { kind: 'id', id: key as string });
  }
  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, { kind: 'key', key, orNull: false });
  }
  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, { kind: 'key', key, orNull: true });
  }
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, { kind: 'active' });
  }
  add(name?: string): FakeWorksheet {
    const holder: { id?: string } = {};
    this.ctx.enqueue(() => {
      const model = this.ctx.fake.model;
      if (model.structureProtected) throw new FakeOfficeError('AccessDenied', 'You cannot perform the requested operation.');
      let n = name;
      if (!n) {
        let k = model.sheets.length + 1;
        while (model.sheets.some((s) => s.name.toLowerCase() === `sheet${k}`)) k++;
        n = `Sheet${k}`;
      }
      if (model.sheets.some((s) => s.name.toLowerCase() === n!.toLowerCase()))
        throw new FakeOfficeError('ItemAlreadyExists', `A worksheet named '${n}' already exists.`);
      if (/[\\/?*[\]:]/.test(n) || n.length > 31) throw new FakeOfficeError('InvalidArgument', `Invalid worksheet name '${n}'.`);
      const id = this.ctx.fake.newId('sheet');
      model.sheets.push({ id, name: n, cells: {}, merges: [] });
      holder.id = id;
    });
    return new FakeWorksheet(this.ctx, { kind: 'added', holder });
  }
}

export class FakeWorksheet extends ClientObject {
  private readonly loc: SheetLocator;
  private boundId: string | undefined;
  readonly notes: FakeNoteCollection;
  readonly customProperties: FakeCustomPropertyCollection;
  readonly protection: FakeWorksheetProtection;
  readonly pageLayout: FakePageLayout;
  readonly autoFilter: FakeAutoFilter;
  constructor(ctx: FakeRequestContext, loc: SheetLocator) {
    super(ctx, loc.kind === 'key' && loc.orNull);
    this.loc = loc;
    this.notes = new FakeNoteCollection(ctx, this);
    this.customProperties = new FakeCustomPropertyCollection(ctx, this);
    this.protection = new FakeWorksheetProtection(ctx, this);
    this.pageLayout = new FakePageLayout(ctx, this);
    this.autoFilter = new FakeAutoFilter(ctx, this);
  }
  protected override child(name: string): ClientObject | null {
    return name === 'protection' ? this.protection : name === 'pageLayout' ? this.pageLayout : name === 'autoFilter' ? this.autoFilter : null;
  }
  tryResolve(): FakeSheet | null {
    const model = this.ctx.fake.model;
    if (this.boundId !== undefined) {
      const s = model.sheets.find((x) => x.id === this.boundId);
      if (!s) throw new FakeOfficeError('ItemNotFound', 'The worksheet was deleted.');
      return s;
    }
    let s: FakeSheet | undefined;
    const loc = this.loc;
    if (loc.kind === 'id') s = model.sheets.find((x) => x.id === loc.id);
    else if (loc.kind === 'added') s = model.sheets.find((x) => x.id === loc.holder.id);
    else if (loc.kind === 'fn') {
      const id = loc.id();
      s = model.sheets.find((x) => x.id === id);
    }
    else if (loc.kind === 'active') s = model.sheets.find((x) => x.id === model.active) ?? model.sheets[0];
    else s = model.sheets.find((x) => x.name.toLowerCase() === loc.key.toLowerCase() || x.id === loc.key);
    if (!s) {
      if (loc.kind === 'key' && loc.orNull) return null;
      throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist.`);
    }
    this.boundId = s.id;
    return s;
  }
  /** The sheet, throwing ItemNotFound (for ranges on this sheet). */
  sheet(): FakeSheet {
    const s = this.tryResolve();
    if (!s) throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist.`);
    return s;
  }
  readProp(name: string, s: FakeSheet): unknown {
    switch (name) {
      case 'name':
        return s.name;
      case 'id':
        return s.id;
      case 'position':
        return this.ctx.fake.model.sheets.indexOf(s);
      case 'visibility':
        return s.visibility ?? 'Visible';
      default:
        throw new FakeOfficeError('InvalidArgument', `Worksheet.${name} is not supported by the fake.`);
    }
  }
  protected override defaultProps(): string[] {
    return ['name', 'id', 'position', 'visibility'];
  }
  get name(): string {
    return this.prop('name');
  }
  get id(): string {
    return this.prop('id');
  }
  get position(): number {
    return this.prop('position');
  }
  get visibility(): string {
    return this.prop('visibility');
  }
  set visibility(v: string) {
    charge(this.ctx, v);
    this.write((s: FakeSheet) => {
      if (this.ctx.fake.model.structureProtected) throw PROTECTED();
      if (v !== 'Visible' && v !== 'Hidden' && v !== 'VeryHidden') throw new FakeOfficeError('InvalidArgument', `Invalid visibility '${v}'.`);
      this.setLocal('visibility', v);
      s.visibility = v;
    });
  }
  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, this, () => {
      const s = this.sheet();
      if (!address) return { top: 0, left: 0, bottom: 1048575, right: 16383 };
      const { sheet, local } = splitAddress(address);
      if (sheet !== null && sheet.toLowerCase() !== s.name.toLowerCase())
        throw new FakeOfficeError('InvalidArgument', `Address '${address}' is on another sheet.`);
      return parseLocal(local);
    });
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return new FakeRange(this.ctx, this, () => {
      if (rowCount < 1 || columnCount < 1) throw new FakeOfficeError('InvalidArgument', 'rowCount/columnCount must be ≥ 1.');
      return { top: startRow, left: startColumn, bottom: startRow + rowCount - 1, right: startColumn + columnCount - 1 };
    });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return new FakeRange(
      this.ctx,
      this,
      () => {
        const s = this.sheet();
        let box: Box | null = null;
        for (const [addr, c] of Object.entries(s.cells)) {
          const has = valuesOnly
            ? (c.v !== undefined && c.v !== null && c.v !== '') || !!c.f
            : (c.v !== undefined && c.v !== null && c.v !== '') || !!c.f || !!c.fill || (!!c.nf && c.nf !== 'General') || !!c.bold;
          if (!has) continue;
          const b = parseLocal(addr);
          box = box
            ? { top: Math.min(box.top, b.top), left: Math.min(box.left, b.left), bottom: Math.max(box.bottom, b.bottom), right: Math.max(box.right, b.right) }
            : b;
        }
        return box;
      },
      true,
    );
  }
  activate(): void {
    this.write((s: FakeSheet) => {
      this.ctx.fake.model.active = s.id;
    });
  }
  delete(): void {
    this.write((s: FakeSheet) => {
      const model = this.ctx.fake.model;
      if (model.structureProtected) throw new FakeOfficeError('AccessDenied', 'You cannot perform the requested operation.');
      if (model.sheets.length <= 1) throw new FakeOfficeError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
      // A very hidden sheet cannot be deleted, by design (office-js#365): a GeneralException that no
      // retry cures. Make it visible (or hidden) first.
      if (s.visibility === 'VeryHidden') throw new FakeOfficeError('GeneralException', 'There was an internal error while processing the request.');
      model.sheets = model.sheets.filter((x) => x !== s);
      model.notes = model.notes.filter((n) => n.sheetId !== s.id);
      model.comments = model.comments.filter((n) => n.sheetId !== s.id);
      if (model.active === s.id) model.active = model.sheets[0].id;
      if (model.selection?.sheetId === s.id) model.selection = undefined;
    });
  }
}

/** Worksheet.protection (ExcelApi 1.2): only `protected` is modelled. */
/**
 * Worksheet.pageLayout (ExcelApi 1.9, https://learn.microsoft.com/javascript/api/excel/excel.pagelayout):
 * what the summary sets — orientation, paper size, zoom (fit to pages) and the print title rows —
 * is recorded on the sheet. Page layout is not sheet content: protection does not refuse it.
 */
export class FakePageLayout extends ClientObject {
  constructor(ctx: FakeRequestContext, private readonly ws: FakeWorksheet) {
    super(ctx);
  }
  tryResolve(): FakeSheet | null {
    return this.ws.tryResolve();
  }
  readProp(name: string): unknown {
    throw new FakeOfficeError('InvalidArgument', `PageLayout.${name} is not read by the fake.`);
  }
  private set_(what: string, value: unknown, apply: (layout: NonNullable<FakeSheet['pageLayout']>) => void): void {
    requireApi(this.ctx, '1.9', `PageLayout.${what}`);
    charge(this.ctx, value);
    this.write((sheet: FakeSheet) => apply((sheet.pageLayout ??= {})));
  }
  set orientation(v: string) {
    this.set_('orientation', v, (l) => (l.orientation = v));
  }
  set paperSize(v: string) {
    this.set_('paperSize', v, (l) => (l.paperSize = v));
  }
  set zoom(v: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }) {
    this.set_('zoom', v, (l) => (l.zoom = { ...v }));
  }
  setPrintTitleRows(rows: string): void {
    if (!/^\$?\d+:\$?\d+$/.test(rows)) throw new FakeOfficeError('InvalidArgument', `Print title rows '${rows}'.`);
    this.set_('setPrintTitleRows', rows, (l) => (l.printTitleRows = rows));
  }
}

/** Worksheet.autoFilter (ExcelApi 1.9): apply(range) records the filtered range on the sheet. */
export class FakeAutoFilter extends ClientObject {
  constructor(ctx: FakeRequestContext, private readonly ws: FakeWorksheet) {
    super(ctx);
  }
  tryResolve(): FakeSheet | null {
    return this.ws.tryResolve();
  }
  readProp(name: string): unknown {
    throw new FakeOfficeError('InvalidArgument', `AutoFilter.${name} is not read by the fake.`);
  }
  apply(range: FakeRange): void {
    requireApi(this.ctx, '1.9', 'AutoFilter.apply');
    charge(this.ctx, 'autoFilter');
    this.write((sheet: FakeSheet) => {
      if (sheet.protected) throw PROTECTED();
      sheet.autoFilter = boxAddress(range.resolved().box);
    });
  }
}

export class FakeWorksheetProtection extends ClientObject {
  constructor(ctx: FakeRequestContext, private readonly ws: FakeWorksheet) {
    super(ctx);
  }
  tryResolve(): unknown {
    requireApi(this.ctx, '1.2', 'WorksheetProtection');
    return this.ws.sheet();
  }
  readProp(name: string, s: FakeSheet): unknown {
    if (name === 'protected') return !!s.protected;
    if (name === 'options') {
      const o = s.protectionOptions ?? {};
      return { allowFormatCells: !!o.allowFormatCells, allowEditObjects: !!o.allowEditObjects };
    }
    throw new FakeOfficeError('InvalidArgument', `WorksheetProtection.${name} is not supported by the fake.`);
  }
  get protected(): boolean {
    return this.prop('protected');
  }
  get options(): { allowFormatCells: boolean; allowEditObjects: boolean } {
    return this.prop('options');
  }
}

/** Workbook.protection (ExcelApi 1.7): structure protection. */
export class FakeWorkbookProtection extends ClientObject {
  tryResolve(): unknown {
    requireApi(this.ctx, '1.7', 'WorkbookProtection');
    return this.ctx.fake.model;
  }
  readProp(name: string, m: FakeWorkbookModel): unknown {
    if (name === 'protected') return !!m.structureProtected;
    throw new FakeOfficeError('InvalidArgument', `WorkbookProtection.${name} is not supported by the fake.`);
  }
  get protected(): boolean {
    return this.prop('protected');
  }
}

// ------------------------------------------------------------------ ranges

class FakeRangeFill extends ClientObject {
  constructor(ctx: FakeRequestContext, private readonly range: FakeRange) {
    super(ctx);
  }
  tryResolve(): unknown {
    return this.range.cells();
  }
  readProp(name: string, cells: { cell: () => FakeCell }[]): unknown {
    const vals = cells.map(({ cell }) => {
      const f = cell().fill;
      return name === 'color' ? (f ? f.color : '#FFFFFF') : f ? f.pattern ?? 'Solid' : 'None';
    });
    if (name !== 'color' && name !== 'pattern') throw new FakeOfficeError('InvalidArgument', `RangeFill.${name} is not supported by the fake.`);
    return vals.every((v) => v === vals[0]) ? vals[0] : null;
  }
  get color(): string {
    return this.prop('color');
  }
  set color(c: string) {
    charge(this.ctx, c);
    this.write((cells: { cell: (create?: boolean) => FakeCell }[]) => {
      assertFormatWritable(this.range.resolved().sheet);
      const color = normColor(c);
      for (const { cell } of cells) {
        const x = cell(true);
        const pattern = x.fill?.pattern && x.fill.pattern !== 'None' ? x.fill.pattern : undefined;
        x.fill = pattern && pattern !== 'Solid' ? { color, pattern } : { color };
      }
    });
  }
  get pattern(): string {
    return this.prop('pattern');
  }
  set pattern(p: string) {
    charge(this.ctx, p);
    this.write((cells: { cell: (create?: boolean) => FakeCell }[]) => {
      requireApi(this.ctx, '1.9', 'RangeFill.pattern');
      assertFormatWritable(this.range.resolved().sheet);
      for (const { cell } of cells) {
        const x = cell(true);
        if (p === 'None') delete x.fill;
        else x.fill = p === 'Solid' ? { color: x.fill?.color ?? '#FFFFFF' } : { color: x.fill?.color ?? '#FFFFFF', pattern: p };
      }
    });
  }
  clear(): void {
    charge(this.ctx, 'clear');
    this.write((cells: { cell: () => FakeCell }[]) => {
      assertFormatWritable(this.range.resolved().sheet);
      for (const { cell } of cells) delete cell().fill;
    });
  }
}

class FakeRangeFont extends ClientObject {
  constructor(ctx: FakeRequestContext, private readonly range: FakeRange) {
    super(ctx);
  }
  tryResolve(): unknown {
    return this.range.cells();
  }
  readProp(name: string, cells: { cell: () => FakeCell }[]): unknown {
    if (name !== 'bold') throw new FakeOfficeError('InvalidArgument', `RangeFont.${name} is not supported by the fake.`);
    const vals = cells.map(({ cell }) => !!cell().bold);
    return vals.every((v) => v === vals[0]) ? vals[0] : null;
  }
  get bold(): boolean {
    return this.prop('bold');
  }
  set bold(b: boolean) {
    charge(this.ctx, b);
    this.write((cells: { cell: (create?: boolean) => FakeCell }[]) => {
      assertFormatWritable(this.range.resolved().sheet);
      for (const { cell } of cells) cell(true).bold = b;
    });
  }
}

class FakeRangeFormat extends ClientObject {
  readonly fill: FakeRangeFill;
  readonly font: FakeRangeFont;
  constructor(ctx: FakeRequestContext, private readonly range: FakeRange) {
    super(ctx);
    this.fill = new FakeRangeFill(ctx, range);
    this.font = new FakeRangeFont(ctx, range);
  }
  protected override child(name: string): ClientObject | null {
    return name === 'fill' ? this.fill : name === 'font' ? this.font : null;
  }
  tryResolve(): unknown {
    return this.range.resolved();
  }
  readProp(name: string, r: { sheet: FakeSheet; box: Box }): unknown {
    if (name === 'columnWidth') return r.sheet.columnWidths?.[colLetters(r.box.left)] ?? 48;
    throw new FakeOfficeError('InvalidArgument', `RangeFormat.${name} is not supported by the fake.`);
  }
  /** RangeFormat.wrapText (ExcelApi 1.1), written only: the range is recorded on its sheet. */
  set wrapText(wrap: boolean) {
    charge(this.ctx, wrap);
    this.write((r: { sheet: FakeSheet; box: Box }) => {
      assertFormatWritable(r.sheet);
      const at = boxAddress(r.box);
      r.sheet.wrapped = (r.sheet.wrapped ?? []).filter((x) => x !== at);
      if (wrap) r.sheet.wrapped.push(at);
    });
  }
  /** RangeFormat.verticalAlignment (ExcelApi 1.1): accepted, not modelled. */
  set verticalAlignment(v: string) {
    charge(this.ctx, v);
    this.write((r: { sheet: FakeSheet }) => assertFormatWritable(r.sheet));
  }
  /** RangeFormat.autofitRows() (ExcelApi 1.2): recorded; the fake has no row heights. */
  autofitRows(): void {
    requireApi(this.ctx, '1.2', 'RangeFormat.autofitRows');
    charge(this.ctx, 'autofitRows');
    this.write((r: { sheet: FakeSheet; box: Box }) => {
      r.sheet.autofitRows = [...(r.sheet.autofitRows ?? []), boxAddress(r.box)];
    });
  }
  get columnWidth(): number {
    return this.prop('columnWidth');
  }
  set columnWidth(w: number) {
    charge(this.ctx, w);
    this.write((r: { sheet: FakeSheet; box: Box }) => {
      assertFormatWritable(r.sheet);
      r.sheet.columnWidths = r.sheet.columnWidths ?? {};
      for (let c = r.box.left; c <= r.box.right; c++) r.sheet.columnWidths[colLetters(c)] = w;
    });
  }
}

function evaluateFormula(fake: FakeExcel, sheet: FakeSheet, formula: string): FakeValue {
  const m = /^=\s*(?:('(?:[^']|'')+'|[^'!]+)!)?\$?([A-Za-z]{1,3})\$?(\d+)\s*$/.exec(formula);
  if (!m) return null;
  let target = sheet;
  if (m[1]) {
    const name = m[1].startsWith("'") ? m[1].slice(1, -1).replace(/''/g, "'") : m[1];
    const s = fake.model.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!s) return '#REF!';
    target = s;
  }
  const v = target.cells[`${m[2].toUpperCase()}${m[3]}`]?.v;
  return v === undefined || v === null ? 0 : v;
}

export class FakeRange extends ClientObject {
  readonly format: FakeRangeFormat;
  private boxCache: Box | null | undefined = undefined;
  constructor(
    ctx: FakeRequestContext,
    readonly worksheet: FakeWorksheet,
    private readonly boxFn: () => Box | null,
    nullable = false,
  ) {
    super(ctx, nullable);
    this.format = new FakeRangeFormat(ctx, this);
  }
  protected override child(name: string): ClientObject | null {
    return name === 'format' ? this.format : null;
  }
  private box(): Box | null {
    if (this.boxCache === undefined) this.boxCache = this.boxFn();
    return this.boxCache;
  }
  tryResolve(): { sheet: FakeSheet; box: Box } | null {
    const box = this.box();
    if (!box) return null;
    return { sheet: this.worksheet.sheet(), box };
  }
  resolved(): { sheet: FakeSheet; box: Box } {
    const r = this.tryResolve();
    if (!r) throw new FakeOfficeError('ItemNotFound', 'The range is a null object.');
    return r;
  }
  /** Accessors for every cell of the range (row-major), creating the cell on write. */
  cells(): { row: number; col: number; cell: (create?: boolean) => FakeCell }[] | null {
    const r = this.tryResolve();
    if (!r) return null;
    const out: { row: number; col: number; cell: (create?: boolean) => FakeCell }[] = [];
    for (let row = r.box.top; row <= r.box.bottom; row++)
      for (let col = r.box.left; col <= r.box.right; col++) {
        const key = a1(row, col);
        out.push({
          row,
          col,
          cell: (create?: boolean) => {
            let c = r.sheet.cells[key];
            if (!c) {
              c = {};
              if (create) r.sheet.cells[key] = c;
            }
            return c;
          },
        });
      }
    return out;
  }
  readProp(name: string, r: { sheet: FakeSheet; box: Box }): unknown {
    const grid = <T>(fn: (c: FakeCell | undefined) => T): T[][] => {
      const rows: T[][] = [];
      for (let row = r.box.top; row <= r.box.bottom; row++) {
        const line: T[] = [];
        for (let col = r.box.left; col <= r.box.right; col++) line.push(fn(r.sheet.cells[a1(row, col)]));
        rows.push(line);
      }
      return rows;
    };
    switch (name) {
      case 'address':
        return `${sheetPrefix(r.sheet.name)}!${boxLocal(r.box)}`;
      case 'rowCount':
        return r.box.bottom - r.box.top + 1;
      case 'columnCount':
        return r.box.right - r.box.left + 1;
      case 'rowIndex':
        return r.box.top;
      case 'columnIndex':
        return r.box.left;
      case 'values':
        return grid((c) => (c?.v === undefined || c.v === null ? '' : c.v));
      case 'valueTypes':
        // Excel.RangeValueType (ExcelApi 1.1): Unknown | Empty | String | Integer | Double | Boolean | Error | RichValue.
        return grid((c) => {
          if (c?.t === 'Error') return 'Error';
          const v = c?.v;
          if (v === undefined || v === null || v === '') return 'Empty';
          if (typeof v === 'boolean') return 'Boolean';
          if (typeof v === 'number') return Number.isInteger(v) ? 'Integer' : 'Double';
          return 'String';
        });
      case 'formulas':
        return grid((c) => (c?.f ? c.f : c?.v === undefined || c.v === null ? '' : c.v));
      case 'numberFormat':
        return grid((c) => c?.nf ?? 'General');
      case 'text':
        return grid((c) => (c?.v === undefined || c.v === null ? '' : String(c.v)));
      case 'hyperlink': {
        const c = r.sheet.cells[a1(r.box.top, r.box.left)];
        return c?.link ?? null;
      }
      default:
        throw new FakeOfficeError('InvalidArgument', `Range.${name} is not supported by the fake.`);
    }
  }
  get address(): string {
    return this.prop('address');
  }
  get rowCount(): number {
    return this.prop('rowCount');
  }
  get columnCount(): number {
    return this.prop('columnCount');
  }
  get rowIndex(): number {
    return this.prop('rowIndex');
  }
  get columnIndex(): number {
    return this.prop('columnIndex');
  }
  get values(): FakeValue[][] {
    return this.prop('values');
  }
  get valueTypes(): string[][] {
    return this.prop('valueTypes');
  }
  get formulas(): FakeValue[][] {
    return this.prop('formulas');
  }
  get numberFormat(): string[][] {
    return this.prop('numberFormat');
  }
  get hyperlink(): FakeLink | null {
    return this.prop('hyperlink');
  }
  private writeGrid(what: string, data: unknown, apply: (cell: FakeCell, v: unknown, sheet: FakeSheet) => void): void {
    charge(this.ctx, data);
    this.write((r: { sheet: FakeSheet; box: Box }) => {
      // numberFormat is a format; values and formulas go into cells, refused where one is locked.
      if (what === 'numberFormat') assertFormatWritable(r.sheet);
      else if (r.sheet.protected) {
        const touched: FakeCell[] = [];
        for (let i = r.box.top; i <= r.box.bottom; i++) for (let j = r.box.left; j <= r.box.right; j++) touched.push(r.sheet.cells[a1(i, j)] ?? {});
        assertWritable(r.sheet, touched);
      }
      const rows = r.box.bottom - r.box.top + 1;
      const cols = r.box.right - r.box.left + 1;
      const arr = data as unknown[][];
      if (!Array.isArray(arr) || arr.length !== rows || arr.some((line) => !Array.isArray(line) || line.length !== cols))
        throw new FakeOfficeError(
          'InvalidArgument',
          `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}).`,
        );
      for (let i = 0; i < rows; i++)
        for (let j = 0; j < cols; j++) {
          const key = a1(r.box.top + i, r.box.left + j);
          const cell = r.sheet.cells[key] ?? (r.sheet.cells[key] = {});
          apply(cell, arr[i][j], r.sheet);
        }
    });
  }
  private enter(cell: FakeCell, v: unknown, sheet: FakeSheet): void {
    delete cell.t;
    if (v === '' || v === null || v === undefined) {
      delete cell.v;
      delete cell.f;
      return;
    }
    if (typeof v === 'string' && cell.nf !== '@') {
      if (v.startsWith('=')) {
        cell.f = v;
        cell.v = evaluateFormula(this.ctx.fake, sheet, v);
        return;
      }
      if (/^-?\d+(\.\d+)?$/.test(v.trim())) {
        delete cell.f;
        cell.v = Number(v);
        return;
      }
    }
    delete cell.f;
    cell.v = v as FakeValue;
    // Typing (or writing) an error's text makes the cell that error, unless it is formatted as text.
    if (typeof v === 'string' && cell.nf !== '@' && ['#N/A', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#NULL!'].includes(v)) cell.t = 'Error';
  }
  set values(data: FakeValue[][]) {
    this.writeGrid('values', data, (c, v, s) => this.enter(c, v, s));
  }
  set formulas(data: FakeValue[][]) {
    this.writeGrid('formulas', data, (c, v, s) => this.enter(c, v, s));
  }
  set numberFormat(data: string[][]) {
    this.writeGrid('numberFormat', data, (c, v) => {
      if (v === 'General' || v === null || v === '') delete c.nf;
      else c.nf = String(v);
    });
  }
  /** Range.columnHidden (ExcelApi 1.2): set on whole columns here. */
  set columnHidden(hidden: boolean) {
    charge(this.ctx, hidden);
    this.write((r: { sheet: FakeSheet; box: Box }) => {
      assertFormatWritable(r.sheet);
      const list = (r.sheet.hiddenColumns ??= []);
      for (let c = r.box.left; c <= r.box.right; c++) {
        const letters = colLetters(c);
        if (hidden && !list.includes(letters)) list.push(letters);
        if (!hidden && list.includes(letters)) list.splice(list.indexOf(letters), 1);
      }
    });
  }
  set hyperlink(link: FakeLink | null) {
    charge(this.ctx, link);
    this.write((r: { sheet: FakeSheet; box: Box }) => {
      assertWritable(r.sheet, [r.sheet.cells[a1(r.box.top, r.box.left)] ?? {}]);
      const key = a1(r.box.top, r.box.left);
      const c = r.sheet.cells[key] ?? (r.sheet.cells[key] = {});
      if (!link) {
        delete c.link;
        return;
      }
      c.link = { ...link };
      if (link.textToDisplay !== undefined) {
        delete c.f;
        c.v = link.textToDisplay;
      }
    });
  }
  select(): void {
    this.write((r: { sheet: FakeSheet; box: Box }) => {
      const model = this.ctx.fake.model;
      if (model.active !== r.sheet.id) throw new FakeOfficeError('InvalidOperation', 'Cannot select a range on an inactive sheet.');
      model.selection = { sheetId: r.sheet.id, address: boxLocal(r.box) };
    });
  }
  getEntireColumn(): FakeRange {
    return new FakeRange(this.ctx, this.worksheet, () => {
      const b = this.resolved().box;
      return { top: 0, left: b.left, bottom: 1048575, right: b.right };
    });
  }
  getMergedAreasOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(this.ctx, this);
  }
  /** Range.getRow / getCell (ExcelApi 1.1): Office.js itself writes a large values array row by row. */
  getRow(row: number): FakeRange {
    return new FakeRange(this.ctx, this.worksheet, () => {
      const b = this.resolved().box;
      if (row < 0 || b.top + row > b.bottom) throw new FakeOfficeError('InvalidArgument', `Row ${row} is outside the range.`);
      return { top: b.top + row, left: b.left, bottom: b.top + row, right: b.right };
    });
  }
  /** Range.getBoundingRect: Office.js writes a values array of more than 1,500 cells in such slices. */
  getBoundingRect(other: FakeRange): FakeRange {
    return new FakeRange(this.ctx, this.worksheet, () => {
      const a = this.resolved().box;
      const b = other.resolved().box;
      return { top: Math.min(a.top, b.top), left: Math.min(a.left, b.left), bottom: Math.max(a.bottom, b.bottom), right: Math.max(a.right, b.right) };
    });
  }
  getCell(row: number, column: number): FakeRange {
    return new FakeRange(this.ctx, this.worksheet, () => {
      const b = this.resolved().box;
      return { top: b.top + row, left: b.left + column, bottom: b.top + row, right: b.left + column };
    });
  }
}

class FakeRangeCollection extends FakeCollection<FakeRange> {
  constructor(ctx: FakeRequestContext, private readonly owner: FakeRangeAreas) {
    super(ctx);
  }
  keys(): unknown[] {
    return this.owner.boxes() ?? [];
  }
  makeItem(key: unknown): FakeRange {
    const b = key as Box;
    return new FakeRange(this.ctx, this.owner.range.worksheet, () => b);
  }
}

export class FakeRangeAreas extends ClientObject {
  readonly areas: FakeRangeCollection;
  constructor(ctx: FakeRequestContext, readonly range: FakeRange) {
    super(ctx, true);
    this.areas = new FakeRangeCollection(ctx, this);
  }
  protected override child(name: string): ClientObject | null {
    return name === 'areas' ? this.areas : null;
  }
  boxes(): Box[] | null {
    requireApi(this.ctx, '1.13', 'Range.getMergedAreasOrNullObject');
    const r = this.range.tryResolve();
    if (!r) return null;
    // Only areas whose top-left cell is inside the range (office-js#3611): one that starts above
    // or left of it is not returned, though it overlaps.
    const list = r.sheet.merges.map(parseLocal).filter((m) => m.top >= r.box.top && m.top <= r.box.bottom && m.left >= r.box.left && m.left <= r.box.right);
    const limit = this.ctx.fake.options.mergedAreaLimit ?? 512;
    if (list.length > limit) throw new FakeOfficeError('GeneralException', 'There was an internal error while processing the request.');
    return list.length > 0 ? list : null;
  }
  tryResolve(): unknown {
    return this.boxes();
  }
  readProp(name: string, boxes: Box[]): unknown {
    const s = this.range.resolved().sheet;
    if (name === 'address') return boxes.map((b) => `${sheetPrefix(s.name)}!${boxLocal(b)}`).join(', ');
    if (name === 'areaCount') return boxes.length;
    throw new FakeOfficeError('InvalidArgument', `RangeAreas.${name} is not supported by the fake.`);
  }
  get address(): string {
    return this.prop('address');
  }
}

// ------------------------------------------------------------------ settings

export class FakeSetting extends ClientObject {
  constructor(ctx: FakeRequestContext, private readonly settingKey: string, nullable: boolean) {
    super(ctx, nullable);
  }
  tryResolve(): unknown {
    const s = this.ctx.fake.model.settings;
    if (!Object.prototype.hasOwnProperty.call(s, this.settingKey)) {
      if (this.nullable) return null;
      throw new FakeOfficeError('ItemNotFound', `The setting '${this.settingKey}' doesn't exist.`);
    }
    return { key: this.settingKey, value: s[this.settingKey] };
  }
  readProp(name: string, t: { key: string; value: unknown }): unknown {
    if (name === 'key') return t.key;
    if (name === 'value') return t.value;
    throw new FakeOfficeError('InvalidArgument', `Setting.${name} is not supported by the fake.`);
  }
  protected override defaultProps(): string[] {
    return ['key', 'value'];
  }
  get value(): unknown {
    return this.prop('value');
  }
  get key(): string {
    return this.prop('key');
  }
  delete(): void {
    this.write(() => {
      delete this.ctx.fake.model.settings[this.settingKey];
    });
  }
}

export class FakeSettingCollection extends FakeCollection<FakeSetting> {
  keys(): unknown[] {
    return Object.keys(this.ctx.fake.model.settings);
  }
  makeItem(key: unknown): FakeSetting {
    return new FakeSetting(this.ctx, key as string, false);
  }
  add(key: string, value: unknown): FakeSetting {
    this.ctx.enqueue(() => {
      // Settings are stored as JSON in the document.
      this.ctx.fake.model.settings[key] = JSON.parse(JSON.stringify(value));
    });
    return new FakeSetting(this.ctx, key, false);
  }
  getItem(key: string): FakeSetting {
    return new FakeSetting(this.ctx, key, false);
  }
  getItemOrNullObject(key: string): FakeSetting {
    return new FakeSetting(this.ctx, key, true);
  }
}

// ------------------------------------------------------------------ custom properties

export class FakeCustomProperty extends ClientObject {
  constructor(ctx: FakeRequestContext, private readonly ws: FakeWorksheet, private readonly key: string, nullable: boolean) {
    super(ctx, nullable);
  }
  tryResolve(): unknown {
    requireApi(this.ctx, '1.12', 'Worksheet.customProperties');
    const s = this.ws.sheet();
    const v = s.customProperties?.[this.key];
    if (v === undefined) {
      if (this.nullable) return null;
      throw new FakeOfficeError('ItemNotFound', `The custom property '${this.key}' doesn't exist.`);
    }
    return { key: this.key, value: v };
  }
  readProp(name: string, t: { key: string; value: string }): unknown {
    if (name === 'key') return t.key;
    if (name === 'value') return t.value;
    throw new FakeOfficeError('InvalidArgument', `CustomProperty.${name} is not supported by the fake.`);
  }
  get value(): string {
    return this.prop('value');
  }
  delete(): void {
    this.write(() => {
      delete this.ws.sheet().customProperties?.[this.key];
    });
  }
}

export class FakeCustomPropertyCollection extends FakeCollection<FakeCustomProperty> {
  constructor(ctx: FakeRequestContext, private readonly ws: FakeWorksheet) {
    super(ctx);
  }
  keys(): unknown[] {
    return Object.keys(this.ws.sheet().customProperties ?? {});
  }
  makeItem(key: unknown): FakeCustomProperty {
    return new FakeCustomProperty(this.ctx, this.ws, key as string, false);
  }
  add(key: string, value: string): FakeCustomProperty {
    this.ctx.enqueue(() => {
      requireApi(this.ctx, '1.12', 'Worksheet.customProperties');
      const s = this.ws.sheet();
      s.customProperties = { ...(s.customProperties ?? {}), [key]: String(value) };
    });
    return new FakeCustomProperty(this.ctx, this.ws, key, false);
  }
  getItemOrNullObject(key: string): FakeCustomProperty {
    return new FakeCustomProperty(this.ctx, this.ws, key, true);
  }
}

// ------------------------------------------------------------------ notes and comments

function requireApi(ctx: FakeRequestContext, version: string, what: string): void {
  if (!ctx.fake.isSetSupported('ExcelApi', version))
    throw new FakeOfficeError('ApiNotFound', `${what} requires ExcelApi ${version}; this host supports ${ctx.fake.options.apiVersion}.`);
}

/** Resolves a cell given as a Range or an address ("A1" on a sheet-scoped collection, "Sheet!A1" on the workbook). */
function cellTarget(ctx: FakeRequestContext, where: FakeRange | string, scope: FakeWorksheet | null): { sheet: FakeSheet; cell: string } {
  if (typeof where !== 'string') {
    const r = where.resolved();
    if (r.box.top !== r.box.bottom || r.box.left !== r.box.right) throw new FakeOfficeError('InvalidCellAddress', 'The range must be a single cell.');
    return { sheet: r.sheet, cell: a1(r.box.top, r.box.left) };
  }
  const { sheet, local } = splitAddress(where);
  const b = parseLocal(local);
  if (b.top !== b.bottom || b.left !== b.right) throw new FakeOfficeError('InvalidCellAddress', 'The range must be a single cell.');
  let s: FakeSheet | undefined;
  if (sheet !== null) s = ctx.fake.model.sheets.find((x) => x.name.toLowerCase() === sheet.toLowerCase());
  else if (scope) s = scope.sheet();
  else s = ctx.fake.model.sheets.find((x) => x.id === ctx.fake.model.active) ?? ctx.fake.model.sheets[0];
  if (!s) throw new FakeOfficeError('InvalidCellAddress', `Unknown sheet in '${where}'.`);
  return { sheet: s, cell: a1(b.top, b.left) };
}

export class FakeNote extends ClientObject {
  constructor(ctx: FakeRequestContext, private readonly find: () => FakeNote_ | null, nullable: boolean) {
    super(ctx, nullable);
  }
  tryResolve(): unknown {
    const n = this.find();
    if (!n && !this.nullable) throw new FakeOfficeError('ItemNotFound', 'The note does not exist.');
    return n;
  }
  readProp(name: string, n: FakeNote_): unknown {
    if (name === 'content') return n.content;
    if (name === 'authorName') return n.author ?? '';
    throw new FakeOfficeError('InvalidArgument', `Note.${name} is not supported by the fake.`);
  }
  get content(): string {
    return this.prop('content');
  }
  delete(): void {
    this.write((n: FakeNote_) => {
      const s = this.ctx.fake.model.sheets.find((x) => x.id === n.sheetId);
      if (s) assertObjectWritable(s);
      this.ctx.fake.model.notes = this.ctx.fake.model.notes.filter((x) => x !== n);
    });
  }
}
type FakeNote_ = FakeNoteData;
type FakeNoteModel = FakeNoteData;

export class FakeNoteCollection extends FakeCollection<FakeNote> {
  constructor(ctx: FakeRequestContext, private readonly scope: FakeWorksheet | null) {
    super(ctx);
  }
  private list(): FakeNoteModel[] {
    const all = this.ctx.fake.model.notes;
    return this.scope ? all.filter((n) => n.sheetId === this.scope!.sheet().id) : all;
  }
  keys(): unknown[] {
    requireApi(this.ctx, '1.18', 'Notes');
    if (this.scope && this.ctx.fake.options.platform === 'web') {
      throw new FakeOfficeError('GeneralException', 'There was an internal error while processing the request (worksheet notes on Excel on the web, office-js#6198).');
    }
    return this.list();
  }
  makeItem(key: unknown): FakeNote {
    return new FakeNote(this.ctx, () => (this.ctx.fake.model.notes.includes(key as FakeNoteModel) ? (key as FakeNoteModel) : null), false);
  }
  add(cellAddress: FakeRange | string, content: string): FakeNote {
    let created: FakeNoteModel | null = null;
    charge(this.ctx, content);
    this.ctx.enqueue(() => {
      requireApi(this.ctx, '1.18', 'Notes');
      const t = cellTarget(this.ctx, cellAddress, this.scope);
      assertObjectWritable(t.sheet);
      const model = this.ctx.fake.model;
      if (model.notes.some((n) => n.sheetId === t.sheet.id && n.cell === t.cell))
        throw new FakeOfficeError('InvalidArgument', `The cell ${t.cell} already has a note.`);
      if (model.comments.some((n) => n.sheetId === t.sheet.id && n.cell === t.cell))
        throw new FakeOfficeError('InvalidArgument', `The cell ${t.cell} already has a comment.`);
      created = { sheetId: t.sheet.id, cell: t.cell, content: String(content), author: '绩效自评助手' };
      model.notes.push(created);
    });
    return new FakeNote(this.ctx, () => created, false);
  }
  private findByKey(key: string): FakeNoteModel | null {
    const t = cellTarget(this.ctx, key, this.scope);
    return this.ctx.fake.model.notes.find((n) => n.sheetId === t.sheet.id && n.cell === t.cell) ?? null;
  }
  getItem(key: string): FakeNote {
    return new FakeNote(this.ctx, () => this.findByKey(key), false);
  }
  getItemOrNullObject(key: string): FakeNote {
    return new FakeNote(this.ctx, () => this.findByKey(key), true);
  }
  /** NoteCollection.getCount (ExcelApi 1.18). */
  getCount(): FakeClientResult<number> {
    const r = new FakeClientResult<number>();
    this.ctx.enqueue(() => {
      requireApi(this.ctx, '1.18', 'Notes');
      r._set(this.ctx, this.list().length);
    });
    return r;
  }
}

export class FakeComment extends ClientObject {
  constructor(ctx: FakeRequestContext, private readonly find: () => FakeComment_ | null, nullable: boolean) {
    super(ctx, nullable);
  }
  tryResolve(): unknown {
    const n = this.find();
    if (!n && !this.nullable) throw new FakeOfficeError('ItemNotFound', 'The comment does not exist.');
    return n;
  }
  readProp(name: string, n: FakeComment_): unknown {
    if (name === 'content') return n.content;
    if (name === 'id') return n.id;
    throw new FakeOfficeError('InvalidArgument', `Comment.${name} is not supported by the fake.`);
  }
  get content(): string {
    return this.prop('content');
  }
  get id(): string {
    return this.prop('id');
  }
  delete(): void {
    this.write((n: FakeComment_) => {
      const s = this.ctx.fake.model.sheets.find((x) => x.id === n.sheetId);
      if (s) assertObjectWritable(s);
      this.ctx.fake.model.comments = this.ctx.fake.model.comments.filter((x) => x !== n);
    });
  }
  getLocation(): FakeRange {
    const comment = () => {
      const c = this.find();
      if (!c) throw new FakeOfficeError('ItemNotFound', 'The comment does not exist.');
      return c;
    };
    const ws = new FakeWorksheet(this.ctx, { kind: 'fn', id: () => comment().sheetId });
    return new FakeRange(this.ctx, ws, () => parseLocal(comment().cell));
  }
}
type FakeComment_ = FakeCommentData;
type FakeComment__ = FakeCommentData;

export class FakeCommentCollection extends FakeCollection<FakeComment> {
  keys(): unknown[] {
    requireApi(this.ctx, '1.10', 'Comments');
    return this.ctx.fake.model.comments;
  }
  makeItem(key: unknown): FakeComment {
    return new FakeComment(this.ctx, () => (this.ctx.fake.model.comments.includes(key as FakeComment__) ? (key as FakeComment__) : null), false);
  }
  add(cellAddress: FakeRange | string, content: string): FakeComment {
    let created: FakeComment__ | null = null;
    charge(this.ctx, content);
    this.ctx.enqueue(() => {
      requireApi(this.ctx, '1.10', 'Comments');
      const t = cellTarget(this.ctx, cellAddress, null);
      assertObjectWritable(t.sheet);
      const model = this.ctx.fake.model;
      if (model.comments.some((n) => n.sheetId === t.sheet.id && n.cell === t.cell))
        throw new FakeOfficeError('InvalidArgument', `The cell ${t.cell} already has a comment.`);
      // A cell holds a note or a threaded comment, never both (notes vs comments:
      // https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-notes).
      if (model.notes.some((n) => n.sheetId === t.sheet.id && n.cell === t.cell))
        throw new FakeOfficeError('InvalidArgument', `The cell ${t.cell} already has a note.`);
      created = { id: this.ctx.fake.newId('comment'), sheetId: t.sheet.id, cell: t.cell, content: String(content) };
      model.comments.push(created);
    });
    return new FakeComment(this.ctx, () => created, false);
  }
  getItem(id: string): FakeComment {
    return new FakeComment(this.ctx, () => this.ctx.fake.model.comments.find((c) => c.id === id) ?? null, false);
  }
  getItemOrNullObject(id: string): FakeComment {
    return new FakeComment(this.ctx, () => this.ctx.fake.model.comments.find((c) => c.id === id) ?? null, true);
  }
  /** CommentCollection.getCount (ExcelApi 1.10). */
  getCount(): FakeClientResult<number> {
    const r = new FakeClientResult<number>();
    this.ctx.enqueue(() => {
      requireApi(this.ctx, '1.10', 'Comments');
      r._set(this.ctx, this.ctx.fake.model.comments.length);
    });
    return r;
  }
}

// ------------------------------------------------------------------ the fake host

type Batch<T> = (context: FakeRequestContext) => Promise<T>;

export class FakeExcel {
  model: FakeWorkbookModel;
  readonly options: Required<Pick<FakeExcelOptions, 'apiVersion'>> & FakeExcelOptions;
  syncCount = 0;
  runCount = 0;
  lastRunOptions: unknown = undefined;
  /** Makes the next Excel.run fail with this error code (e.g. 'AccessDenied'), once. */
  failNextRun: { code: string; message: string } | null = null;
  /**
   * Errors the next syncs throw before running anything, one per sync (e.g. a transient
   * GeneralException or InactiveWorkbook: https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
   */
  failSyncs: { code: string; message: string }[] = [];
  /** When set, the next sync never returns (Excel stuck: a modal dialog, a long recalculation). */
  hangNextSync = false;
  /** Resolves hung syncs (lets a test end cleanly). */
  private hung: (() => void)[] = [];

  /** Called by every sync before it runs its queue. */
  async beforeSync(): Promise<void> {
    if (this.hangNextSync) {
      this.hangNextSync = false;
      await new Promise<void>((resolve) => this.hung.push(resolve));
      throw new FakeOfficeError('RequestAborted', 'The request was aborted.');
    }
    const f = this.failSyncs.shift();
    if (f) throw new FakeOfficeError(f.code, f.message);
  }
  /** Ends every hung sync (with RequestAborted). */
  releaseHung(): void {
    for (const r of this.hung.splice(0)) r();
  }

  constructor(model: FakeWorkbookModel, options: FakeExcelOptions = {}) {
    this.model = JSON.parse(JSON.stringify(model)) as FakeWorkbookModel;
    this.model.settings = this.model.settings ?? {};
    this.model.notes = this.model.notes ?? [];
    this.model.comments = this.model.comments ?? [];
    if (!this.model.active && this.model.sheets[0]) this.model.active = this.model.sheets[0].id;
    this.options = { apiVersion: '1.18', ...options };
  }

  /** Excel.run(batch) or Excel.run(options, batch). */
  run = async <T>(a: Batch<T> | Record<string, unknown>, b?: Batch<T>): Promise<T> => {
    const batch = (typeof a === 'function' ? a : b) as Batch<T>;
    const opts = typeof a === 'function' ? undefined : a;
    this.runCount++;
    this.lastRunOptions = opts;
    if (this.failNextRun) {
      const f = this.failNextRun;
      this.failNextRun = null;
      throw new FakeOfficeError(f.code, f.message);
    }
    if (this.options.cellEditing && !(opts && opts.delayForCellEdit && this.options.delayForCellEdit !== false))
      throw new FakeOfficeError('InvalidOperationInCellEditMode', 'Excel is in cell-editing mode.');
    const ctx = new FakeRequestContext(this);
    try {
      const result = await batch(ctx);
      if (ctx.hasPendingWork()) await ctx.sync(); // Excel.run syncs what is still queued
      return result;
    } finally {
      ctx.closed = true;
    }
  };

  isSetSupported = (name: string, version = '1.1'): boolean =>
    (name === 'ExcelApi' && compareVersion(this.options.apiVersion, version) >= 0)
    || (name === 'DelayForCellEdit' && version === '1.1' && this.options.delayForCellEdit !== false);

  newId(kind: string): string {
    this.model.nextId = (this.model.nextId ?? 1) + 1;
    return `{${kind}-${this.model.nextId}}`;
  }

  /** The document as saved: the JSON model (settings included). */
  save(): string {
    return JSON.stringify(this.model);
  }
  static open(json: string, options?: FakeExcelOptions): FakeExcel {
    return new FakeExcel(JSON.parse(json) as FakeWorkbookModel, options);
  }

  // --- inspection helpers for tests

  sheetByName(name: string): FakeSheet | undefined {
    return this.model.sheets.find((s) => s.name === name);
  }
  cell(sheet: string, address: string): FakeCell | undefined {
    return this.sheetByName(sheet)?.cells[address];
  }
  /** Values and formulas of every cell (what the user typed), by "sheet!A1". */
  contents(sheetNames?: string[]): Record<string, { v: FakeValue | undefined; f: string | undefined; nf: string | undefined }> {
    const out: Record<string, { v: FakeValue | undefined; f: string | undefined; nf: string | undefined }> = {};
    for (const s of this.model.sheets) {
      if (sheetNames && !sheetNames.includes(s.name)) continue;
      for (const [addr, c] of Object.entries(s.cells)) {
        if (c.v === undefined && c.f === undefined && c.nf === undefined) continue;
        out[`${s.name}!${addr}`] = { v: c.v, f: c.f, nf: c.nf };
      }
    }
    return out;
  }
  /** Fills by "sheet!A1". */
  fills(sheetNames?: string[]): Record<string, FakeFill> {
    const out: Record<string, FakeFill> = {};
    for (const s of this.model.sheets) {
      if (sheetNames && !sheetNames.includes(s.name)) continue;
      for (const [addr, c] of Object.entries(s.cells)) if (c.fill) out[`${s.name}!${addr}`] = { ...c.fill };
    }
    return out;
  }
  selection(): { sheet: string; address: string } | null {
    const sel = this.model.selection;
    if (!sel) return null;
    const s = this.model.sheets.find((x) => x.id === sel.sheetId);
    return s ? { sheet: s.name, address: sel.address } : null;
  }
  activeSheetName(): string | undefined {
    return this.model.sheets.find((s) => s.id === this.model.active)?.name;
  }
}
