// Browser-side fake host for the e2e harness: a fake `Excel` (over the JSON model the page was given)
// and a fake `Office` global, installed before the real dist/taskpane.js loads.
import { FakeExcel, type FakeWorkbookModel } from '../../fakes/fakeExcel';

declare global {
  interface Window {
    __PE_FIXTURE__?: FakeWorkbookModel;
    __PE_LANG__?: string;
    __fake?: FakeExcel;
  }
}

const model: FakeWorkbookModel = window.__PE_FIXTURE__ ?? { sheets: [{ id: '{1}', name: 'Sheet1', cells: {}, merges: [] }], settings: {}, notes: [], comments: [] };
const fake = new FakeExcel(model, { apiVersion: new URLSearchParams(location.search).get('api') ?? '1.18' });
window.__fake = fake;

const w = window as unknown as Record<string, unknown>;
w.Excel = { run: fake.run };
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
