// The page's worker: reading, checking and writing copies run here, off the page's thread, so a
// 200-table workbook never freezes the page. The page has one script; started as a worker (from a
// blob: URL of that same script's text) it runs this instead of drawing the page. 取消 terminates the
// worker and the next job starts a new one.
import type { WorkerRequest, WorkerResponse } from './protocol';
import { checkFileBytes, copyOfFile, zipOfFiles } from './fileJobs';

declare const self: { onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null; postMessage: (m: WorkerResponse, transfer?: Transferable[]) => void };

const GENERIC = '检查此文件时发生内部错误，请把文件反馈给开发者';

export function runWorker(): void {
  self.onmessage = (e: MessageEvent<WorkerRequest>) => {
    const req = e.data;
    void handle(req).catch((err: unknown) => {
      console.error('[绩效自评助手 worker]', err);
      self.postMessage({ id: req.id, type: 'failed', message: GENERIC });
    });
  };
}

async function handle(req: WorkerRequest): Promise<void> {
  switch (req.type) {
    case 'check': {
      const result = await checkFileBytes(req.file, req.settings, req.locale);
      self.postMessage({ id: req.id, type: 'done', result });
      return;
    }
    case 'copy': {
      const result = await copyOfFile(req.file, req.settings);
      self.postMessage({ id: req.id, type: 'done', result }, result.bytes ? [result.bytes] : []);
      return;
    }
    case 'zip': {
      const result = await zipOfFiles(req.files, req.settings, (done, total, file) =>
        self.postMessage({ id: req.id, type: 'progress', done, total, file }),
      );
      self.postMessage({ id: req.id, type: 'done', result }, [result.bytes]);
      return;
    }
  }
}
