// The browser page's one script. On the page it draws the checker; started as a worker (the page
// starts one from this same script's text) it does the reading, checking and copy writing instead.
import './polyfills';
import { runWorker } from './worker';

const inWorker = typeof document === 'undefined' && typeof self !== 'undefined' && typeof (self as { postMessage?: unknown }).postMessage === 'function';

if (inWorker) runWorker();
else void startPage();

async function startPage(): Promise<void> {
  const container = document.getElementById('container');
  if (!container) return;
  const [{ createRoot }, { WebApp }, { createJobs }, { browserLang }] = await Promise.all([
    import('react-dom/client'),
    import('./WebApp'),
    import('./workerClient'),
    import('./i18n'),
  ]);
  const lang = browserLang();
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  if (lang === 'en') document.title = 'PE Self-Check';
  container.textContent = '';
  createRoot(container).render(<WebApp jobs={createJobs()} lang={lang} />);
}
