// Task pane entry: waits for Office, then renders the pane into <div id="container">.
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { createExcelGateway, type ExcelRun } from './excel/gateway';
import { langOf } from './i18n';

function workbookName(fallback: string): string {
  try {
    const url = Office.context.document?.url ?? '';
    const base = decodeURIComponent(url.split(/[\\/]/).pop() ?? '');
    return base || fallback;
  } catch {
    return fallback;
  }
}

function start(): void {
  const container = document.getElementById('container');
  if (!container) return;
  const lang = langOf(Office.context?.displayLanguage);
  const run: ExcelRun = (options, batch) => Excel.run(options, batch);
  const gateway = createExcelGateway({
    run,
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
  });
  createRoot(container).render(
    <App gateway={gateway} lang={lang} fileName={workbookName(lang === 'en' ? 'This workbook' : '当前工作簿')} />,
  );
}

if (typeof Office === 'undefined') {
  const el = document.getElementById('container');
  if (el) el.textContent = '请在 Excel 中打开“绩效自评助手”任务窗格。';
} else {
  void Office.onReady(() => start());
}
