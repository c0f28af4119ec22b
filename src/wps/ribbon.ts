// The WPS add-in's main.js (WPS opens the add-in's index.html, which loads main.js from the same
// folder: open.wps.cn, WPS 加载项开发说明, 启动流程): the ribbon callbacks named in ribbon.xml, on a
// global `ribbon` object. They are synchronous on purpose: an async callback is
// known to stop WPS from showing a custom ribbon. 校验 and 清除标记 open the task pane (its id kept
// in PluginStorage, so a second click shows the same pane) and leave the request for it there.
import { registerWpsFunctions } from './functions';
import type { WpsApplication, WpsFunctionsRoot } from './wpsApi';

export const PANE_ID_KEY = 'peSelfCheck.paneId';
/** The ribbon's request for the pane: JSON { action: 'check' | 'clear', seq }. */
export const REQUEST_KEY = 'peSelfCheck.request';

interface RibbonControl {
  Id: string;
}

type Root = WpsApplication & WpsFunctionsRoot;

/** The pane's address beside this page (taskpane.html in the add-in's folder, online or offline). */
export function paneUrl(pageUrl: string): string {
  return pageUrl.replace(/[#?].*$/, '').replace(/[^/]*$/, 'taskpane.html');
}

export function createRibbon(app: Root, pageUrl: () => string) {
  function request(action: 'check' | 'clear'): void {
    const last = Number(JSON.parse(String(app.PluginStorage.getItem(REQUEST_KEY) ?? '{"seq":0}')).seq) || 0;
    app.PluginStorage.setItem(REQUEST_KEY, JSON.stringify({ action, seq: last + 1 }));
  }

  function showPane(): void {
    const id = Number(app.PluginStorage.getItem(PANE_ID_KEY));
    const existing = id ? app.GetTaskPane(id) : null;
    if (existing) {
      existing.Visible = true;
      return;
    }
    const pane = app.CreateTaskPane(paneUrl(pageUrl()), '绩效自评助手');
    app.PluginStorage.setItem(PANE_ID_KEY, pane.ID);
    pane.Visible = true;
  }

  return {
    /** First call of the add-in: PE.* where this WPS can register functions. */
    OnAddinLoad(): boolean {
      try {
        registerWpsFunctions(app);
      } catch (e) {
        console.error('[绩效自评助手] PE.* 函数注册失败', e);
      }
      return true;
    },
    OnAction(control: RibbonControl): boolean {
      if (control.Id === 'peCheck') request('check');
      else if (control.Id === 'peClear') request('clear');
      else return true;
      showPane();
      return true;
    },
    GetImage(control: RibbonControl): string {
      return control.Id === 'peClear' ? 'images/clear.svg' : 'images/check.svg';
    },
    OnGetEnabled(): boolean {
      return true;
    },
  };
}

declare const window: Window & { Application?: Root; wps?: Root; ribbon?: ReturnType<typeof createRibbon> };

if (typeof window !== 'undefined') {
  const app = window.Application ?? window.wps;
  if (app) window.ribbon = createRibbon(app, () => window.location.href);
}
