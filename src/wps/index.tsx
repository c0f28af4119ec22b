// The task pane in WPS 表格: the same pane as in Excel over the WPS host (gateway.ts). The ribbon's
// 校验 / 清除标记 leave a request in PluginStorage (ribbon.ts); the pane runs it when it opens and
// whenever a new one appears while it is open.
import { createRoot } from 'react-dom/client';
import { useEffect, useState } from 'react';
import { App, type PaneHost } from '../taskpane/components/App';
import { langOf } from '../taskpane/i18n';
import { createWpsGateway } from './gateway';
import { REQUEST_KEY } from './ribbon';
import type { WpsApplication } from './wpsApi';

declare const window: Window & { Application?: WpsApplication; wps?: WpsApplication };

type Request = NonNullable<PaneHost['request']>;

function readRequest(app: WpsApplication): Request | null {
  try {
    const r = JSON.parse(String(app.PluginStorage.getItem(REQUEST_KEY) ?? 'null')) as Request | null;
    return r && (r.action === 'check' || r.action === 'clear') && Number.isFinite(r.seq) ? r : null;
  } catch {
    return null;
  }
}

/** The pane, following the ribbon's requests (PluginStorage has no change event: it is looked at twice a second). */
function WpsPane({ app }: { app: WpsApplication }) {
  const [request, setRequest] = useState<Request | null>(() => readRequest(app));
  const gateway = useState(() => createWpsGateway({ app }))[0];
  useEffect(() => {
    const timer = setInterval(() => {
      const r = readRequest(app);
      setRequest((old) => (r && r.seq !== old?.seq ? r : old));
    }, 500);
    return () => clearInterval(timer);
  }, [app]);
  const name = (() => {
    try {
      return app.ActiveWorkbook?.Name ?? '当前工作簿';
    } catch {
      return '当前工作簿';
    }
  })();
  return <App gateway={gateway} lang={langOf(navigator.language)} fileName={name} host={{ kind: 'wps', request }} />;
}

const container = document.getElementById('container');
const app = window.Application ?? window.wps;
if (container && app) createRoot(container).render(<WpsPane app={app} />);
else if (container) container.textContent = '请在 WPS 表格中通过“绩效自评”选项卡打开本窗格。';
