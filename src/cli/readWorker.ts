// The worker thread pe-check reads, checks and paints each file in (cli/fence.ts starts it with a
// memory limit and watches it): a file that would exhaust a parser (SheetJS, exceljs) ends this
// thread, not the run.
import { parentPort } from 'node:worker_threads';
import { checkAndCopy } from '../files/checkBytes';
import type { FenceJob, FenceReply } from './fence';

parentPort?.on('message', (job: FenceJob) => {
  const debug = job.debug ? (err: unknown) => process.stderr.write(String((err as Error)?.stack ?? err) + '\n') : undefined;
  checkAndCopy(job.bytes, job.name, { profile: job.profile, write: job.write, forceExceljs: job.forceExceljs, debug }).then(
    (result) => {
      const reply: FenceReply = { ok: true, result };
      parentPort!.postMessage(reply, result.copy ? [result.copy.buffer as ArrayBuffer] : []);
    },
    (err: unknown) => {
      debug?.(err);
      const reply: FenceReply = { ok: false };
      parentPort!.postMessage(reply);
    },
  );
});
