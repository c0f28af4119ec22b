// Browser-side fake host for the e2e harness: a fake `Excel` (over the JSON model the page was given)
// and a fake `Office` global, installed before the real dist/taskpane.js loads.
import { FakeExcel, type FakeWorkbookModel } from '../../fakes/fakeExcel';
// A task of its own, without setTimeout's 4 ms clamp for nested timers (the pane's own helper).
import { macrotask as postedTask } from '../../../src/taskpane/excel/breathe';

declare global {
  interface Window {
    __PE_FIXTURE__?: FakeWorkbookModel;
    __PE_LANG__?: string;
    __fake?: FakeExcel;
  }
}

const model: FakeWorkbookModel = window.__PE_FIXTURE__ ?? { sheets: [{ id: '{1}', name: 'Sheet1', cells: {}, merges: [] }], settings: {}, notes: [], comments: [] };
// Excel's work on a batch is not the pane's (see FakeExcelOptions.hostSlice): here it yields every 8 ms.
const fake = new FakeExcel(model, {
  apiVersion: new URLSearchParams(location.search).get('api') ?? '1.18',
  hostSlice: { ms: 8, yield: postedTask, now: () => performance.now() },
});
window.__fake = fake;

// context.sync() is a round trip to Excel: its promise resolves from the host's message, never in the
// same task (https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model —
// "sync() ... returns a promise that is resolved when the queued commands have been run" by the host).
// The fake resolves it at once; in the browser we let a macrotask pass so the page's main thread sees
// what it sees in Excel (other tasks, paint and input between syncs).
const macrotask = () => new Promise<void>((r) => setTimeout(r, 0));
type Batch = (ctx: { sync: () => Promise<void> }) => Promise<unknown>;
const run = (a: unknown, b?: unknown) => {
  const batch = (typeof a === 'function' ? a : b) as Batch;
  const wrapped: Batch = (ctx) => {
    const sync = ctx.sync.bind(ctx);
    ctx.sync = async () => {
      // window.__PE_SYNC_DELAY__ (ms) makes Excel slow, to see the pane busy (progress, 取消).
      const delay = (window as unknown as { __PE_SYNC_DELAY__?: number }).__PE_SYNC_DELAY__ ?? 0;
      await (delay > 0 ? new Promise<void>((r) => setTimeout(r, delay)) : macrotask());
      await sync();
    };
    return batch(ctx);
  };
  return typeof a === 'function' ? fake.run(wrapped as never) : fake.run(a as never, wrapped as never);
};

const w = window as unknown as Record<string, unknown>;
w.Excel = { run };
w.Office = {
  onReady(cb?: (info: { host: string; platform: string }) => void) {
    const info = { host: 'Excel', platform: 'OfficeOnline' };
    if (cb) setTimeout(() => cb(info), 0);
    return Promise.resolve(info);
  },
  context: {
    displayLanguage: window.__PE_LANG__ ?? 'zh-CN',
    requirements: { isSetSupported: (name: string, version?: string) => fake.isSetSupported(name, version) },
    document: { url: 'https://contoso.sharepoint.com/绩效/kaifu-2022-project-jcdj.xlsx' },
  },
  HostType: { Excel: 'Excel' },
};
// The built page also loads functions.js (shared runtime); it registers the PE.* functions.
const associated: string[] = [];
w.CustomFunctions = {
  associate: (id: string) => associated.push(id),
  Error: class extends Error {},
  ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' },
};
w.__PE_ASSOCIATED__ = associated;
