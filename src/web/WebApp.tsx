// The browser page: files in (button, folder, drop), checked one after another by the worker; the
// list of files with their counts; the chosen file's results in the pane's own components (App with
// the page as its host) beside a preview of the sheet; the marked copy or a .zip of all to download.
import {
  AriaLiveAnnouncer,
  Button,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
  useAnnounce,
  useArrowNavigationGroup,
  webLightTheme,
} from '@fluentui/react-components';
import { ArrowDownload20Regular, DocumentAdd20Regular, FolderAdd20Regular, LockClosed16Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App } from '../taskpane/components/App';
import { visuallyHidden, severityTint } from '../taskpane/components/styles';
import type { PaneSettings } from '../taskpane/host';
import type { Lang } from '../taskpane/i18n';
import { countFindings, localeFor } from '../taskpane/state';
import { pageText } from './i18n';
import { MemoryWorkbook, browserSettingsStore, type MemoryState, type SettingsStore } from './memoryGateway';
import { download, fileBytes, fromDrop, fromFolder, ourCopyInFolder, type Picked } from './pickFiles';
import type { CheckedFile } from './protocol';
import { SUMMARY_PAGE, SheetPreview, type PreviewTarget } from './SheetPreview';
import { JobCancelled, type FileJobs } from './workerClient';

export interface PageFile {
  id: number;
  name: string;
  bytes: ArrayBuffer;
  status: 'waiting' | 'checking' | 'done' | 'cancelled';
  result: CheckedFile | null;
}

const useStyles = makeStyles({
  provider: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`, boxSizing: 'border-box', maxWidth: '1600px', margin: '0 auto', overflowWrap: 'anywhere' },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  main: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  title: { margin: 0, fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600, fontWeight: tokens.fontWeightSemibold },
  privacy: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, color: tokens.colorPaletteGreenForeground2, fontWeight: tokens.fontWeightSemibold },
  drop: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: tokens.spacingVerticalM,
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  dropActive: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  columns: { display: 'grid', gap: tokens.spacingHorizontalL, gridTemplateColumns: 'minmax(0, 1fr)', '@media (min-width: 900px)': { gridTemplateColumns: 'minmax(300px, 480px) minmax(0, 1fr)' } },
  left: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  panel: { backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge, padding: tokens.spacingVerticalS, minWidth: 0 },
  filesHead: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  h2: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, flexGrow: 1 },
  list: { display: 'flex', flexDirection: 'column', gap: '2px', margin: `${tokens.spacingVerticalXS} 0 0`, padding: 0, listStyleType: 'none' },
  file: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    width: '100%',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    font: 'inherit',
    fontSize: tokens.fontSizeBase200,
    textAlign: 'left',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  fileSelected: { backgroundColor: tokens.colorBrandBackground2, border: `1px solid ${tokens.colorBrandStroke1}` },
  fileName: { fontWeight: tokens.fontWeightSemibold },
  bad: severityTint.error,
  progress: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  progressLine: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  grow: { flexGrow: 1 },
  hidden: { display: 'none' },
  srOnly: visuallyHidden,
  paneBox: { backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge, minWidth: 0 },
  steps: { margin: 0, paddingLeft: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

function statusText(t: (typeof pageText)['zh'], f: PageFile): string {
  if (f.status === 'waiting') return t.fileWaiting;
  if (f.status === 'checking') return t.fileChecking;
  if (f.status === 'cancelled') return t.fileCancelled;
  const r = f.result!;
  if (r.error) return t.fileUnreadable(r.error);
  const c = countFindings(r.check);
  return t.fileCounts(c.error, c.warning, c.info);
}

/** The file chooser behind 选择文件 / 选择文件夹 (the buttons are what people see and tab to). */
function HiddenFileInput({ inputRef, folder = false, testId, onFiles }: { inputRef: React.MutableRefObject<HTMLInputElement | null>; folder?: boolean; testId: string; onFiles: (files: FileList) => void }) {
  const s = useStyles();
  return (
    <input
      ref={(el) => {
        inputRef.current = el;
        if (folder) el?.setAttribute('webkitdirectory', '');
      }}
      type="file"
      multiple
      className={s.hidden}
      aria-hidden="true"
      tabIndex={-1}
      data-testid={testId}
      onChange={(e) => {
        const list = e.target.files;
        if (list) onFiles(list);
        e.target.value = '';
      }}
    />
  );
}

export function WebApp({ jobs, lang, store = browserSettingsStore() }: { jobs: FileJobs; lang: Lang; store?: SettingsStore }) {
  const s = useStyles();
  return (
    <FluentProvider theme={webLightTheme} className={s.provider} lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <AriaLiveAnnouncer>
        <Page jobs={jobs} lang={lang} store={store} />
      </AriaLiveAnnouncer>
    </FluentProvider>
  );
}

function Page({ jobs, lang, store }: { jobs: FileJobs; lang: Lang; store: SettingsStore }) {
  const t = pageText[lang];
  const s = useStyles();
  const { announce } = useAnnounce();
  const [files, setFiles] = useState<PageFile[]>([]);
  const filesRef = useRef(files);
  filesRef.current = files;
  const [selected, setSelected] = useState<number | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; file: string } | null>(null);
  const [skipped, setSkipped] = useState<string[]>([]);
  const [messages, setMessages] = useState<{ intent: 'success' | 'warning' | 'error'; text: string }[]>([]);
  const [making, setMaking] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [target, setTarget] = useState<PreviewTarget | null>(null);
  const [previewSheet, setPreviewSheet] = useState('');
  const [memory, setMemory] = useState<MemoryState>({ marks: [], summary: null });
  const nextId = useRef(1);
  const running = useRef(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const previewRef = useRef<HTMLDivElement>(null);
  const listNav = useArrowNavigationGroup({ axis: 'vertical', memorizeCurrent: true });

  const update = useCallback((id: number, patch: Partial<PageFile>) => {
    setFiles((fs) => fs.map((f) => (f.id === id ? { ...f, ...patch } : f)));
  }, []);

  /** Checks every waiting file in turn (one worker; a file's result shows as soon as it is ready). */
  const drain = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    try {
      for (;;) {
        const queue = filesRef.current.filter((f) => f.status === 'waiting');
        const file = queue[0];
        if (!file) break;
        const all = filesRef.current;
        const done = all.filter((f) => f.status === 'done').length;
        setProgress({ done: done + 1, total: done + queue.length, file: file.name });
        update(file.id, { status: 'checking' });
        filesRef.current = filesRef.current.map((f) => (f.id === file.id ? { ...f, status: 'checking' } : f));
        try {
          const result = await jobs.check({ name: file.name, bytes: file.bytes }, store.load(), localeFor(lang));
          update(file.id, { status: 'done', result });
          filesRef.current = filesRef.current.map((f) => (f.id === file.id ? { ...f, status: 'done', result } : f));
          setSelected((cur) => cur ?? file.id);
          if (result.error) announce(t.announceUnreadable(file.name, result.error), { polite: true });
          else if (queue.length > 1 || filesRef.current.length > 1) {
            const c = countFindings(result.check);
            announce(t.announceFile(file.name, c.error, c.warning, c.info), { polite: true });
          }
        } catch (e) {
          if (e instanceof JobCancelled) break;
          const result: CheckedFile = { error: '检查此文件时发生内部错误（可能是文件过大或已损坏）', grids: [], check: null, settings: store.load(), locale: localeFor(lang) };
          update(file.id, { status: 'done', result });
          filesRef.current = filesRef.current.map((f) => (f.id === file.id ? { ...f, status: 'done', result } : f));
          setSelected((cur) => cur ?? file.id);
        }
      }
    } finally {
      running.current = false;
      setProgress(null);
    }
  }, [jobs, store, update, announce, t, lang]);

  const addPicked = useCallback(
    async (picked: Picked) => {
      const skippedNow = [...picked.skipped];
      const added: PageFile[] = [];
      for (const f of picked.files) {
        try {
          const bytes = await fileBytes(f);
          if (picked.fromFolder && ourCopyInFolder(f.name, bytes)) {
            skippedNow.push(f.name);
            continue;
          }
          added.push({ id: nextId.current++, name: f.name, bytes, status: 'waiting', result: null });
        } catch {
          added.push({ id: nextId.current++, name: f.name, bytes: new ArrayBuffer(0), status: 'done', result: { error: '没有读取权限', grids: [], check: null, settings: store.load(), locale: localeFor(lang) } });
        }
      }
      setSkipped(skippedNow);
      if (added.length === 0) return;
      filesRef.current = [...filesRef.current, ...added];
      setFiles(filesRef.current);
      void drain();
    },
    [drain, store, lang],
  );

  // The end-to-end test reads what the page found (opened with #pe-test): nothing else uses this.
  useEffect(() => {
    if (typeof location === 'undefined' || location.hash !== '#pe-test') return;
    (window as unknown as { __peFiles?: unknown }).__peFiles = files.map((f) => ({
      name: f.name,
      status: f.status,
      error: f.result?.error ?? null,
      findings: f.result?.check?.findings ?? [],
    }));
  }, [files]);

  const cancel = useCallback(() => {
    jobs.cancel();
    const next = filesRef.current.map((f) => (f.status === 'waiting' || f.status === 'checking' ? { ...f, status: 'cancelled' as const } : f));
    filesRef.current = next;
    setFiles(next);
    setProgress(null);
    setMaking(null);
  }, [jobs]);

  const clearAll = useCallback(() => {
    jobs.cancel();
    filesRef.current = [];
    setFiles([]);
    setSelected(null);
    setMessages([]);
    setSkipped([]);
    setTarget(null);
  }, [jobs]);

  // Settings saved in one file's pane apply to every file: their counts are checked again.
  const onSettings = useCallback(
    (_: PaneSettings) => {
      const next = filesRef.current.map((f) => (f.status === 'done' && f.result && f.result.grids.length > 0 ? { ...f, status: 'waiting' as const } : f));
      filesRef.current = next;
      setFiles(next);
      void drain();
    },
    [drain],
  );

  const current = files.find((f) => f.id === selected) ?? null;
  const grids = current?.result?.grids;
  const show = useCallback((sheet: string, cell: string) => {
    setPreviewSheet(sheet);
    setTarget((old) => ({ sheet, cell, nonce: (old?.nonce ?? 0) + 1 }));
    // One column (narrow window): bring the preview into view; the list keeps the focus.
    if (typeof matchMedia === 'function' && !matchMedia('(min-width: 900px)').matches) previewRef.current?.scrollIntoView({ block: 'start' });
  }, []);
  // One gateway per file on show: the pane checks it when it opens (the result is the CLI's: same engine).
  // A new gateway (another file, or the file checked again with new settings) gets a new pane.
  const gatewayCount = useRef(0);
  const gateway = useMemo(() => {
    if (!current || !grids || grids.length === 0) return null;
    gatewayCount.current++;
    const r = current.result;
    return new MemoryWorkbook(grids, store, show, onSettings, r?.check ? { check: r.check, settings: r.settings, locale: r.locale } : null);
  }, [current?.id, grids, store, show, onSettings]);
  const paneKey = gatewayCount.current;
  useEffect(() => {
    setMemory(gateway ? gateway.current : { marks: [], summary: null });
    setTarget(null);
    setPreviewSheet(grids?.[0]?.name ?? '');
    return gateway?.subscribe(setMemory);
  }, [gateway]);

  const makeCopy = useCallback(
    async (file: PageFile) => {
      setMaking(file.name);
      try {
        const out = await jobs.copy({ name: file.name, bytes: file.bytes }, store.load());
        if (out.bytes) {
          download(out.bytes, out.name);
          setMessages(out.notices.map((text) => ({ intent: 'warning' as const, text })));
        } else setMessages(out.notices.map((text) => ({ intent: 'error' as const, text })));
      } catch (e) {
        if (!(e instanceof JobCancelled)) setMessages([{ intent: 'error', text: '生成标记副本失败' }]);
      } finally {
        setMaking(null);
      }
    },
    [jobs, store],
  );

  const makeZip = useCallback(async () => {
    const list = filesRef.current.filter((f) => f.bytes.byteLength > 0);
    setMaking(t.downloadAll);
    try {
      const out = await jobs.zip(
        list.map((f) => ({ name: f.name, bytes: f.bytes })),
        store.load(),
        (done, total, file) => setProgress({ done, total, file }),
      );
      download(out.bytes, '绩效自评检查结果.zip', 'application/zip');
      setMessages(out.skipped.length ? [{ intent: 'warning', text: `${t.zipSkipped(out.skipped.length)} ${out.skipped.map((k) => `${k.file}：${k.reason}`).join('；')}` }] : []);
    } catch (e) {
      if (!(e instanceof JobCancelled)) setMessages([{ intent: 'error', text: '生成压缩包失败' }]);
    } finally {
      setMaking(null);
      setProgress(null);
    }
  }, [jobs, store, t]);

  const onDrop = useCallback(
    (e: React.DragEvent) => {
      e.preventDefault();
      setDragging(false);
      void fromDrop(e.dataTransfer).then(addPicked);
    },
    [addPicked],
  );
  // A file dropped anywhere on the page is checked, never opened by the browser in place of the page.
  useEffect(() => {
    const stop = (e: DragEvent) => e.preventDefault();
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);

  const checkable = current && current.result && !current.result.error && gateway;
  const busy = progress !== null || making !== null;
  const downloadButton = checkable ? (
    <Button
      icon={<ArrowDownload20Regular />}
      onClick={() => void makeCopy(current)}
      disabledFocusable={busy}
      title={t.downloadAria(current.name)}
      data-testid="download-copy"
    >
      {t.download}
    </Button>
  ) : null;

  return (
    <div className={s.page} onDragOver={(e) => { e.preventDefault(); setDragging(true); }} onDragLeave={() => setDragging(false)} onDrop={onDrop}>
      <header className={s.header}>
        <h1 className={s.title}>{t.title}</h1>
        <Text>{t.tagline}</Text>
        <Text className={s.privacy} data-testid="privacy">
          <LockClosed16Regular aria-hidden="true" />
          {t.privacy}
        </Text>
      </header>

      <main className={s.main}>
      <div className={mergeClasses(s.drop, dragging && s.dropActive)} role="group" aria-label={t.dropHere} data-testid="drop-zone">
        <Button appearance="primary" icon={<DocumentAdd20Regular />} onClick={() => fileInput.current?.click()} data-testid="choose-files">
          {t.chooseFiles}
        </Button>
        <Button icon={<FolderAdd20Regular />} onClick={() => folderInput.current?.click()} data-testid="choose-folder">
          {t.chooseFolder}
        </Button>
        <Text>{dragging ? t.dropActive : t.dropHere}</Text>
        <HiddenFileInput inputRef={fileInput} testId="file-input" onFiles={(list) => void addPicked({ files: Array.from(list), skipped: [] })} />
        <HiddenFileInput inputRef={folderInput} folder testId="folder-input" onFiles={(list) => void addPicked(fromFolder(list))} />
      </div>

      {(progress || making) && (
        <div className={s.progress} data-testid="page-progress">
          <ProgressBar value={progress && progress.total > 0 ? progress.done / progress.total : undefined} thickness="large" aria-label={progress ? t.progress(progress.done, progress.total, progress.file) : t.preparing} />
          <div className={s.progressLine}>
            <Text size={200} className={s.grow} data-testid="page-progress-text">
              {making ? (progress ? t.zipProgress(progress.done, progress.total, progress.file) : t.preparing) : progress ? t.progress(progress.done, progress.total, progress.file) : ''}
            </Text>
            <Button size="small" onClick={cancel} data-testid="page-cancel">
              {t.cancel}
            </Button>
          </div>
        </div>
      )}

      {skipped.length > 0 && (
        <MessageBar intent="info" data-testid="skipped">
          <MessageBarBody>{t.skipped(skipped)}</MessageBarBody>
        </MessageBar>
      )}
      {messages.map((m, i) => (
        <MessageBar key={i} intent={m.intent} data-testid="page-message">
          <MessageBarBody>
            {m.text}
          </MessageBarBody>
        </MessageBar>
      ))}

      {files.length === 0 ? (
        <section className={s.panel} aria-labelledby="pe-how" data-testid="page-empty">
          <h2 id="pe-how" className={s.h2}>
            {t.emptyTitle}
          </h2>
          <ul className={s.steps}>
            {t.emptyBody.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      ) : (
        <div className={s.columns}>
          <div className={s.left}>
            <nav className={s.panel} aria-labelledby="pe-files-title" data-testid="files">
              <div className={s.filesHead}>
                <h2 id="pe-files-title" className={s.h2}>
                  {t.filesTitle}（{files.length}）
                </h2>
                {files.length > 1 && (
                  <Button size="small" icon={<ArrowDownload20Regular />} onClick={() => void makeZip()} disabledFocusable={busy} data-testid="download-zip">
                    {t.downloadAll}
                  </Button>
                )}
                <Button size="small" appearance="subtle" onClick={clearAll} data-testid="clear-files">
                  {t.clearFiles}
                </Button>
              </div>
              <ul className={s.list} {...listNav}>
                {files.map((f) => {
                  const bad = f.status === 'done' && !!f.result?.error;
                  return (
                    <li key={f.id}>
                      <button
                        type="button"
                        className={mergeClasses(s.file, f.id === selected && s.fileSelected)}
                        aria-current={f.id === selected ? 'true' : undefined}
                        onClick={() => setSelected(f.id)}
                        data-testid="file-item"
                        data-status={f.status}
                        data-error={bad ? 'true' : undefined}
                      >
                        <span className={s.fileName}>{f.name}</span>
                        <span className={bad ? s.bad : undefined} data-testid="file-status">
                          {statusText(t, f)}
                        </span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            </nav>
            {current && gateway && (
              <div className={s.paneBox} data-testid="pane">
                <App key={paneKey} gateway={gateway} lang={lang} fileName={current.name} host={{ kind: 'web', autoCheck: true, actions: downloadButton }} />
              </div>
            )}
            {current && current.status === 'done' && current.result?.error && (
              <MessageBar intent="error" data-testid="file-error">
                <MessageBarBody>{t.fileUnreadable(current.result.error)}</MessageBarBody>
              </MessageBar>
            )}
          </div>
          {/* Only a file that was read has something to preview (an unreadable one says why on the left). */}
          {grids && grids.length > 0 && (
            <div ref={previewRef} className={s.panel}>
              <SheetPreview
                text={t}
                grids={grids}
                summary={memory.summary}
                marks={memory.marks}
                sheet={previewSheet === SUMMARY_PAGE || grids.some((g) => g.name === previewSheet) ? previewSheet : grids[0].name}
                target={target}
                onSheet={(name) => setPreviewSheet(name)}
                onLink={show}
              />
            </div>
          )}
        </div>
      )}
      </main>
    </div>
  );
}
