// Browser-side fake WPS for the e2e run over the WPS pane: `window.Application` (and `wps`) is the
// fake WPS object model over the fixture's JSON model, installed before dist/wps/.../taskpane.js loads.
// ?request=check leaves the ribbon's 校验 request in PluginStorage, as a click on the ribbon does.
import type { FakeWorkbookModel } from '../../fakes/fakeExcel';
import { FakeWps } from '../../fakes/fakeWps';
import { REQUEST_KEY } from '../../../src/wps/ribbon';

declare global {
  interface Window {
    __PE_FIXTURE__?: FakeWorkbookModel;
    __wps?: FakeWps;
  }
}

const model: FakeWorkbookModel = window.__PE_FIXTURE__ ?? { sheets: [{ id: '{1}', name: 'Sheet1', cells: {}, merges: [] }], settings: {}, notes: [], comments: [] };
const fake = new FakeWps(model);
const request = new URLSearchParams(location.search).get('request');
if (request === 'check' || request === 'clear') fake.PluginStorage.setItem(REQUEST_KEY, JSON.stringify({ action: request, seq: 1 }));
window.__wps = fake;
const w = window as unknown as Record<string, unknown>;
w.Application = fake;
w.wps = fake;
