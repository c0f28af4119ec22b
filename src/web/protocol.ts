// Messages between the page and its worker (web/worker.ts). Bytes travel as transferred
// ArrayBuffers; everything else is plain data (structured clone).
import type { PaneSettings } from '../taskpane/host';
import type { Locale, SheetGrid, WorkbookCheck } from '../core/types';

/** One file the page holds: its name and bytes (the page keeps its own copy of the bytes). */
export interface FileInput {
  name: string;
  bytes: ArrayBuffer;
}

export type WorkerRequest =
  /** Read and check one file (report only: the lean reader, as pe-check --no-write). */
  | { id: number; type: 'check'; file: FileInput; settings: PaneSettings; locale: Locale }
  /** The file's highlighted copy, as pe-check writes it (the user's package patched: nothing lost). */
  | { id: number; type: 'copy'; file: FileInput; settings: PaneSettings }
  /** One .zip: every file's copy and 总览.xlsx whose links open them. */
  | { id: number; type: 'zip'; files: FileInput[]; settings: PaneSettings };

/** What the page learns of one checked file. */
export interface CheckedFile {
  /** Why it was not checked (Chinese, one line; '未找到绩效自评表' when nothing was recognised). */
  error: string | null;
  /** The sheets as read (for the pane and the preview); empty when unreadable. */
  grids: SheetGrid[];
  check: WorkbookCheck | null;
  /** What the check was made with (the pane reuses it when it asks for the same). */
  settings: PaneSettings;
  locale: Locale;
}

export interface CopyOutcome {
  /** null when no copy was made (`notice` says why). */
  bytes: ArrayBuffer | null;
  name: string;
  notices: string[];
}

export interface ZipOutcome {
  bytes: ArrayBuffer;
  /** Files without a copy in the zip, with the reason. */
  skipped: { file: string; reason: string }[];
}

export type WorkerResponse =
  | { id: number; type: 'progress'; done: number; total: number; file: string }
  | { id: number; type: 'done'; result: CheckedFile | CopyOutcome | ZipOutcome }
  | { id: number; type: 'failed'; message: string };
