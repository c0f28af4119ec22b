// The part of WPS 表格's JavaScript object model (WPS 加载项 JSAPI) the WPS host uses. WPS exposes
// Excel's VBA object model, synchronously, as the globals `Application` / `wps` (et-jsapi-declare,
// index.d.ts: `declare const Application: WPSMergedRoot`); names, 1-based indexes and constants are
// VBA's. Each member here is one of et-jsapi-declare's (lib.et.d.ts `Et.Range`, `Et.Worksheet` …):
// test/wps/declarations.test.ts compiles a check that the published declarations satisfy these.

/** Et.Interior: Color is BGR as a number (VBA RGB(r, g, b) = r + g·256 + b·65536). */
export interface WpsInterior {
  Color: number;
  ColorIndex: number;
  Pattern: number;
}

/** Et.Comment: a legacy note (WPS 批注); Text() reads, Text(s) replaces. */
export interface WpsComment {
  Text(text?: string): string;
  Delete(): void;
}

export interface WpsFont {
  Bold: boolean;
}

export interface WpsRange {
  readonly Row: number;
  readonly Column: number;
  /** Rows.AutoFit(): the rows fit their (wrapped) text (et-jsapi-declare Range.AutoFit). */
  readonly Rows: { readonly Count: number; AutoFit(): unknown };
  readonly Columns: { readonly Count: number; Item(index: number): WpsRange };
  /** Single cell: the value; several: a 2-D array (rows of values). Dates are serial numbers. */
  Value2: unknown;
  /** Single cell: the formula text ('' when blank, the value's text when typed); several: a 2-D array. */
  Formula: unknown;
  /** The format, or null when the cells do not share one. */
  NumberFormat: string | null;
  /** What the cell shows (an error value shows as '#DIV/0!'). */
  readonly Text: string | null;
  /** true: every cell merged, false: none, null: some. */
  readonly MergeCells: boolean | null;
  readonly MergeArea: WpsRange;
  readonly Interior: WpsInterior;
  readonly Font: WpsFont;
  /** The cell's note, or null. */
  readonly Comment: WpsComment | null;
  AddComment(text?: string): WpsComment;
  Item(row: number, column?: number): WpsRange;
  Resize(rows: number, columns: number): WpsRange;
  Address(rowAbsolute?: boolean, columnAbsolute?: boolean): string;
  Select(): unknown;
  ColumnWidth: number;
  /** A whole column's or row's hidden state (et-jsapi-declare Range.Hidden). */
  Hidden: boolean;
  WrapText: boolean;
  /** XlVAlign: -4108 (xlCenter) centres. */
  VerticalAlignment: number;
  /** With no arguments: a filter on the range's first row (et-jsapi-declare Range.AutoFilter). */
  AutoFilter(): unknown;
  readonly Worksheet: WpsWorksheet;
}

/** Worksheet.PageSetup (et-jsapi-declare PageSetup): what the 自评汇总 sets for printing. */
export interface WpsPageSetup {
  /** XlPageOrientation: 2 (xlLandscape). */
  Orientation: number;
  /** XlPaperSize: 9 (xlPaperA4). */
  PaperSize: number;
  /** false: the page is fitted by FitToPagesWide / FitToPagesTall (as in VBA). */
  Zoom: number | boolean;
  FitToPagesWide: number | boolean;
  FitToPagesTall: number | boolean;
  /** "$5:$5": the rows every printed page repeats. */
  PrintTitleRows: string;
}

export interface WpsHyperlinks {
  Add(anchor: WpsRange, address: string, subAddress?: string, screenTip?: string, textToDisplay?: string): unknown;
}

export interface WpsWorksheet {
  Name: string;
  readonly Index: number;
  /** XlSheetVisibility: -1 visible, 0 hidden, 2 very hidden. */
  Visible: number;
  readonly ProtectContents: boolean;
  readonly UsedRange: WpsRange;
  readonly Cells: WpsRange;
  readonly Hyperlinks: WpsHyperlinks;
  readonly PageSetup: WpsPageSetup;
  Range(cell: string): WpsRange;
  Columns(index: number): WpsRange;
  Activate(): void;
  Delete(): void;
}

export interface WpsSheets {
  readonly Count: number;
  /** 1-based index or name. */
  Item(index: number | string): WpsWorksheet;
  Add(before?: WpsWorksheet, after?: WpsWorksheet): WpsWorksheet;
}

export interface WpsDocumentProperty {
  readonly Name: string;
  Value: unknown;
  Delete(): void;
}

export interface WpsDocumentProperties {
  readonly Count: number;
  Item(index: number | string): WpsDocumentProperty;
  /** VBA: Add(Name, LinkToContent, Type, Value); Type 4 = msoPropertyTypeString. */
  Add(name: string, linkToContent: boolean, type: number, value: unknown): WpsDocumentProperty;
}

export interface WpsWorkbook {
  readonly Name: string;
  readonly FullName: string;
  readonly Worksheets: WpsSheets;
  readonly ProtectStructure: boolean;
  readonly CustomDocumentProperties: WpsDocumentProperties;
}

export interface WpsTaskPane {
  readonly ID: number;
  Visible: boolean;
}

export interface WpsApplication {
  readonly ActiveWorkbook: WpsWorkbook | null;
  readonly Selection: WpsRange | null;
  /** Off while we delete our own sheets: Worksheet.Delete would otherwise ask the user. */
  DisplayAlerts: boolean;
  readonly PluginStorage: { getItem(key: string): unknown; setItem(key: string, value: unknown): void };
  CreateTaskPane(url: string, title?: string): WpsTaskPane;
  GetTaskPane(id: number): WpsTaskPane | null;
  /** Application.Build: the build number (VBA's; WPS's declarations type it as a number). */
  readonly Build?: number | string;
}

/** The functions root: `wps.AddCustomFunction` exists from WPS 12.1.0.20540 (addon.et.d.ts). */
export interface WpsFunctionsRoot {
  AddCustomFunction?: (
    namespace: string,
    name: string,
    callback: (...args: unknown[]) => unknown,
    metadata?: { description?: string; result: { type?: string }; parameters: { name?: string; type?: string; description?: string }[] },
  ) => void;
}

// Constants (lib.et.d.ts enums).
export const XL_SHEET_VISIBLE = -1;
export const XL_SHEET_VERY_HIDDEN = 2;
export const XL_NONE = -4142;
export const XL_PATTERN_SOLID = 1;
export const MSO_PROPERTY_TYPE_STRING = 4;

/** '#RRGGBB' or 'RRGGBB' → the BGR number Interior.Color takes. */
export function bgrOf(hex: string): number {
  const h = hex.replace(/^#/, '');
  const r = parseInt(h.slice(0, 2), 16);
  const g = parseInt(h.slice(2, 4), 16);
  const b = parseInt(h.slice(4, 6), 16);
  return r + g * 256 + b * 65536;
}

/** Interior.Color → 'RRGGBB'. */
export function hexOf(bgr: number): string {
  const n = Math.max(0, Math.floor(bgr)) & 0xffffff;
  const r = n & 0xff;
  const g = (n >> 8) & 0xff;
  const b = (n >> 16) & 0xff;
  return [r, g, b].map((x) => x.toString(16).padStart(2, '0')).join('').toUpperCase();
}
