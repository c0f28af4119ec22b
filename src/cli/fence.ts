// Every third-party reader fenced (issue 21): SheetJS and exceljs run in one worker thread with a
// memory limit and a watchdog. A file that makes a parser run out of memory, or run for longer than
// the watchdog allows, ends that worker: the file is "文件已损坏或不完整，无法读取", a new worker takes
// the next file, and the run goes on. A report-only .xlsx that our own lean reader (with its read
// limits) gets through is read on the CLI's thread, as before: no worker start for the common case. Under ts-jest (no compiled readWorker.js next to
// this file) or with PE_CHECK_IN_PROCESS=1 the same work runs on the CLI's own thread.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RuleProfile } from '../core/profile';
import { NEEDS_THIRD_PARTY, checkAndCopy, type CheckedAndCopied } from '../files/checkBytes';
import { MSG_DAMAGED } from '../files/errors';

export interface FenceJob {
  bytes: Uint8Array;
  name: string;
  profile: RuleProfile;
  write: boolean;
  forceExceljs: boolean;
  debug: boolean;
}

export type FenceReply = { ok: true; result: CheckedAndCopied } | { ok: false };

/** The file could not be read within the fence (out of memory, too long, the worker died). */
export class Fenced extends Error {
  constructor(readonly why: 'memory' | 'time' | 'crash') {
    super(MSG_DAMAGED);
    this.name = 'Fenced';
  }
}

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

export class ReadFence {
  private worker: Worker | null = null;
  private readonly script = path.join(__dirname, 'readWorker.js');
  /** Heap of the worker (MB): far above a real workbook's needs, far below the machine's. */
  readonly memoryMb = env('PE_CHECK_MEMORY_MB', 1536);
  /** Longest a file may take (s). */
  readonly seconds = env('PE_CHECK_TIMEOUT_S', 180);

  get inWorker(): boolean {
    return process.env.PE_CHECK_IN_PROCESS !== '1' && fs.existsSync(this.script);
  }

  async run(job: FenceJob): Promise<CheckedAndCopied> {
    const debug = job.debug ? (err: unknown) => process.stderr.write(String((err as Error)?.stack ?? err) + '\n') : undefined;
    if (!this.inWorker) return checkAndCopy(job.bytes, job.name, { ...job, debug });
    const own = await checkAndCopy(job.bytes, job.name, { ...job, debug, ownReaderOnly: true });
    if (own.read.error !== NEEDS_THIRD_PARTY) return own;
    const worker = (this.worker ??= new Worker(this.script, {
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 },
      stdout: false,
      stderr: false,
    }));
    worker.ref();
    try {
      return await new Promise<CheckedAndCopied>((resolve, reject) => {
        const done = (f: () => void) => {
          clearTimeout(timer);
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
          f();
        };
        const lose = (why: Fenced['why']) => {
          this.worker = null;
          void worker.terminate();
          done(() => reject(new Fenced(why)));
        };
        const onMessage = (reply: FenceReply) => done(() => (reply.ok ? resolve(reply.result) : reject(new Fenced('crash'))));
        const onError = (err: Error & { code?: string }) => lose(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'crash');
        const onExit = () => lose('crash');
        const timer = setTimeout(() => lose('time'), this.seconds * 1000);
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.on('exit', onExit);
        worker.postMessage(job);
      });
    } finally {
      // An idle worker must not keep pe-check from exiting.
      this.worker?.unref();
    }
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = null;
  }
}
