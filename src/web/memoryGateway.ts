// The browser page's host: a workbook held in memory, behind the same WorkbookGateway the Excel pane
// uses, so the pane's components and flow run unchanged. Reading gives the sheets the worker read;
// "marking" and "自评汇总" are remembered for the preview (and the downloaded copy is painted by the
// same code as pe-check's); 定位 shows the cell in the preview. Nothing here touches the user's file.
import type { CellMark, Locale, SheetGrid, SummaryModel, WorkbookCheck } from '../core/types';
import { macrotask } from '../taskpane/excel/breathe';
import {
  DEFAULT_SETTINGS,
  SUMMARY_SHEET,
  type ClearResult,
  type MarkResult,
  type PaneSettings,
  type ReadOptions,
  type ReadProgress,
  type WorkbookGateway,
  type WorkbookRead,
  sanitizeSettings,
} from '../taskpane/host';

/** Where the page keeps its settings: the browser's localStorage (per page origin), memory as fallback. */
export interface SettingsStore {
  load(): PaneSettings;
  save(s: PaneSettings): void;
}

const SETTINGS_KEY = 'peSelfCheck.web.settings';

export function browserSettingsStore(storage: Pick<Storage, 'getItem' | 'setItem'> | null = safeLocalStorage()): SettingsStore {
  let memory: PaneSettings = DEFAULT_SETTINGS;
  return {
    load() {
      try {
        const raw = storage?.getItem(SETTINGS_KEY);
        if (!raw) return memory;
        return sanitizeSettings(JSON.parse(raw) as Partial<PaneSettings>);
      } catch {
        return memory;
      }
    },
    save(s) {
      memory = s;
      try {
        storage?.setItem(SETTINGS_KEY, JSON.stringify(s));
      } catch {
        /* storage full or forbidden (file:// in some policies): the setting lasts for this visit */
      }
    },
  };
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** What the preview draws: the marks of the last check and its 自评汇总. */
export interface MemoryState {
  marks: CellMark[];
  summary: SummaryModel | null;
}

const sameSettings = (a: PaneSettings, b: PaneSettings) => a.profile === b.profile && a.overTarget === b.overTarget && a.reverse === b.reverse;

export class MemoryWorkbook implements WorkbookGateway {
  private state: MemoryState = { marks: [], summary: null };
  private readonly listeners = new Set<(s: MemoryState) => void>();

  constructor(
    readonly grids: SheetGrid[],
    private readonly settings: SettingsStore,
    /** 定位: the page shows the cell in its preview. */
    private readonly show: (sheet: string, cell: string) => void,
    /** Settings saved from the pane: the page re-checks its other files with them. */
    private readonly onSettings: (s: PaneSettings) => void = () => undefined,
    /** The worker's check of these grids, and what it was made with: handed to the pane when the pane asks for the same. */
    private readonly checked: { check: WorkbookCheck; settings: PaneSettings; locale: Locale } | null = null,
  ) {}

  get current(): MemoryState {
    return this.state;
  }

  subscribe(listener: (s: MemoryState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(next: Partial<MemoryState>): void {
    this.state = { ...this.state, ...next };
    for (const l of this.listeners) l(this.state);
  }

  async readSheets(onProgress?: (p: ReadProgress) => void): Promise<SheetGrid[]> {
    return (await this.readWorkbook(onProgress)).grids;
  }

  /**
   * The worker's check when the pane asks with the same settings and language (the pane then does not
   * check again); otherwise the sheets one by one, a macrotask apart, so the pane lists findings while
   * the rest is checked.
   */
  async readWorkbook(onProgress?: (p: ReadProgress) => void, options: ReadOptions = {}): Promise<WorkbookRead> {
    const total = this.grids.length;
    const c = this.checked;
    if (c && options.settings && sameSettings(c.settings, options.settings) && c.locale === (options.locale ?? 'zh-CN')) {
      onProgress?.({ done: total, total, sheet: '' });
      return { grids: this.grids, hidden: [], check: c.check };
    }
    const grids: SheetGrid[] = [];
    for (const grid of this.grids) {
      if (options.signal?.aborted) break;
      onProgress?.({ done: grids.length, total, sheet: grid.name });
      grids.push(grid);
      options.onGrid?.(grid);
      await macrotask();
    }
    onProgress?.({ done: grids.length, total, sheet: '' });
    return { grids, hidden: [] };
  }

  async applyMarks(marks: CellMark[]): Promise<MarkResult> {
    this.set({ marks });
    return { marked: marks.length, problems: [] };
  }

  async clearMarks(): Promise<ClearResult> {
    const restored = this.state.marks.length;
    this.set({ marks: [], summary: null });
    return { restored };
  }

  async writeSummary(model: SummaryModel): Promise<string> {
    this.set({ summary: model });
    return SUMMARY_SHEET;
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    this.show(sheet, cell);
  }

  async loadSettings(): Promise<PaneSettings> {
    return this.settings.load();
  }

  async saveSettings(s: PaneSettings): Promise<void> {
    this.settings.save(s);
    this.onSettings(s);
  }
}
