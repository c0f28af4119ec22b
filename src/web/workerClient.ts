// The page's side of the worker, answered by promise. The worker runs the page's own script (the
// one inline <script id="pe-app">, as a blob: URL), so the single HTML file needs nothing else,
// file:// included. Where a worker cannot start (a browser policy), the same jobs run on the page's
// thread instead.
import type { Locale } from '../core/types';
import type { PaneSettings } from '../taskpane/host';
import { checkFileBytes, copyOfFile, zipOfFiles } from './fileJobs';
import type { CheckedFile, CopyOutcome, FileInput, WorkerRequest, WorkerResponse, ZipOutcome } from './protocol';

export class JobCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'JobCancelled';
  }
}

type Progress = (done: number, total: number, file: string) => void;
/** A request before it gets its id (Omit over each member of the union, not the union as a whole). */
type Unsent = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;
type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void; progress?: Progress };

/** What the page asks of its file jobs. */
export interface FileJobs {
  check(file: FileInput, settings: PaneSettings, locale?: Locale): Promise<CheckedFile>;
  copy(file: FileInput, settings: PaneSettings): Promise<CopyOutcome>;
  zip(files: FileInput[], settings: PaneSettings, progress?: Progress): Promise<ZipOutcome>;
  /** Stops everything under way: pending calls reject with JobCancelled. */
  cancel(): void;
}

export function workerSource(): string | null {
  const el = typeof document !== 'undefined' ? document.getElementById('pe-app') : null;
  return el?.textContent || null;
}

export class WorkerJobs implements FileJobs {
  private worker: Worker | null = null;
  private url: string | null = null;
  private next = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly source: string) {}

  private start(): Worker {
    if (this.worker) return this.worker;
    this.url ??= URL.createObjectURL(new Blob([this.source], { type: 'text/javascript' }));
    const w = new Worker(this.url);
    w.onmessage = (e: MessageEvent<WorkerResponse>) => {
      const m = e.data;
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.type === 'progress') {
        p.progress?.(m.done, m.total, m.file);
        return;
      }
      this.pending.delete(m.id);
      if (m.type === 'done') p.resolve(m.result);
      else p.reject(new Error(m.message));
    };
    // A worker that dies (out of memory on a hostile file) fails what it was doing, not the page.
    w.onerror = (e) => {
      e.preventDefault();
      this.restart(new Error('worker failed'));
    };
    this.worker = w;
    return w;
  }

  private restart(reason: Error): void {
    this.worker?.terminate();
    this.worker = null;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(reason);
  }

  private call<T>(req: Unsent, transfer: Transferable[] = [], progress?: Progress): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, progress });
      this.start().postMessage({ ...req, id } as WorkerRequest, transfer);
    });
  }

  // The page keeps each file's bytes: the worker gets a copy (a transfer would empty the page's).
  check(file: FileInput, settings: PaneSettings, locale: Locale = 'zh-CN'): Promise<CheckedFile> {
    return this.call({ type: 'check', file: { name: file.name, bytes: file.bytes.slice(0) }, settings, locale });
  }

  copy(file: FileInput, settings: PaneSettings): Promise<CopyOutcome> {
    return this.call({ type: 'copy', file: { name: file.name, bytes: file.bytes.slice(0) }, settings });
  }

  zip(files: FileInput[], settings: PaneSettings, progress?: Progress): Promise<ZipOutcome> {
    const copies = files.map((f) => ({ name: f.name, bytes: f.bytes.slice(0) }));
    return this.call({ type: 'zip', files: copies, settings }, copies.map((c) => c.bytes), progress);
  }

  cancel(): void {
    this.restart(new JobCancelled());
  }
}

/** The same jobs on the page's thread (no worker available). */
export class InPageJobs implements FileJobs {
  private generation = 0;

  private async guard<T>(run: () => Promise<T>): Promise<T> {
    const g = this.generation;
    const v = await run();
    if (g !== this.generation) throw new JobCancelled();
    return v;
  }

  check(file: FileInput, settings: PaneSettings, locale: Locale = 'zh-CN'): Promise<CheckedFile> {
    return this.guard(() => checkFileBytes(file, settings, locale));
  }

  copy(file: FileInput, settings: PaneSettings): Promise<CopyOutcome> {
    return this.guard(() => copyOfFile(file, settings));
  }

  zip(files: FileInput[], settings: PaneSettings, progress?: Progress): Promise<ZipOutcome> {
    return this.guard(() => zipOfFiles(files, settings, progress));
  }

  cancel(): void {
    this.generation++;
  }
}

/** Worker jobs where a worker starts, page jobs otherwise. */
export function createJobs(): FileJobs {
  const source = workerSource();
  if (source && typeof Worker !== 'undefined') {
    try {
      // A policy that forbids blob: workers throws here or fails the first call; try it once now.
      const probe = new Worker(URL.createObjectURL(new Blob([''], { type: 'text/javascript' })));
      probe.terminate();
      return new WorkerJobs(source);
    } catch {
      /* fall through */
    }
  }
  return new InPageJobs();
}
