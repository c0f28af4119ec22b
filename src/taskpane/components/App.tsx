import {
  AriaLiveAnnouncer,
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Text,
  ToggleButton,
  Toolbar,
  makeStyles,
  tokens,
  useAnnounce,
  webLightTheme,
} from '@fluentui/react-components';
import { Dismiss16Regular, Settings20Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { WorkbookGateway } from '../host';
import { strings, webStrings, type Lang, type Strings } from '../i18n';
import { buildList, countFindings, localeFor, tableKeyOf, tableSummaries, type Notice, type PaneState } from '../state';
import { usePane } from '../usePane';
import { EmptyState } from './EmptyState';
import { ExcelNotices, WriteNotices, WriteNoticesButton, writeNoticeCount } from './ExcelNotices';
import { useNarrow } from './useNarrow';
import { FormulasToValues } from './FormulasToValues';
import { FindingsList } from './FindingsList';
import { Overview, tableName } from './Overview';
import { ResultsBar } from './ResultsBar';
import { SettingsPanel } from './SettingsPanel';
import { visuallyHidden } from './styles';

const useStyles = makeStyles({
  provider: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground1 },
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    maxWidth: '640px',
    minWidth: 0,
    boxSizing: 'border-box',
    overflowWrap: 'anywhere',
  },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase300, fontWeight: tokens.fontWeightSemibold },
  toolbar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, alignItems: 'center', padding: 0 },
  action: { minWidth: 'auto' },
  spacer: { flexGrow: 1 },
  progress: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  progressLine: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  progressText: { flexGrow: 1, flexBasis: '10em' },
  notice: { minWidth: 0 },
  allGood: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorPaletteGreenBorder1}`,
    backgroundColor: tokens.colorPaletteGreenBackground1,
    color: tokens.colorNeutralForeground1,
  },
  srOnly: visuallyHidden,
});

function phaseText(t: Strings, state: PaneState): string {
  if (state.busy === 'clear') return t.clearing;
  if (state.cancelling) return t.cancelling;
  const p = state.progress;
  switch (state.phase) {
    case 'read':
      return p ? t.readingSheet(Math.min(p.done + 1, p.total), p.total, p.sheet) : t.checking;
    case 'check':
      return p && p.total > 0 ? `${t.phaseCheck} ${p.done}/${p.total}` : t.phaseCheck;
    case 'mark':
      return t.phaseMark;
    case 'summary':
      return t.phaseSummary;
    default:
      return t.checking;
  }
}

function progressValue(state: PaneState): number | undefined {
  if (state.busy !== 'check') return undefined;
  const p = state.progress;
  const part = p && p.total > 0 ? p.done / p.total : 0;
  switch (state.phase) {
    case 'read':
      return 0.5 * part;
    case 'check':
      return 0.5 + 0.25 * part;
    case 'mark':
      return 0.8;
    case 'summary':
      return 0.95;
    default:
      return undefined;
  }
}

function noticeText(t: Strings, n: Notice): string {
  switch (n.kind) {
    case 'summary':
      return t.summaryWritten(n.sheet);
    case 'cleared':
      return n.restored > 0 || n.summary ? t.cleared(n.restored, n.summary) : t.nothingToClear;
    case 'summaryKept':
      return t.summaryKept(n.sheet);
    case 'settingsSaved':
      return t.settingsSaved;
    case 'cancelled':
      return t.cancelled;
  }
}

/**
 * Where the pane runs. Excel (the default) and WPS get 清除标记, 公式转为数值 and the notices about
 * what could not be written; the browser page never writes into the user's file, so it has none of
 * them, checks as soon as a file is opened and adds its own actions (下载标记副本) to the toolbar.
 */
export interface PaneHost {
  kind: 'excel' | 'wps' | 'web';
  actions?: ReactNode;
  /** Check as soon as the pane opens (the page: a file was chosen; WPS: the ribbon's 校验). */
  autoCheck?: boolean;
  /** A request from outside the pane (WPS's ribbon buttons while the pane is open): each new `seq` runs it once. */
  request?: { action: 'check' | 'clear'; seq: number } | null;
}

const EXCEL_HOST: PaneHost = { kind: 'excel' };

interface PaneProps {
  gateway: WorkbookGateway;
  lang: Lang;
  fileName: string;
  host?: PaneHost;
}

export function App(props: PaneProps) {
  const s = useStyles();
  return (
    <FluentProvider theme={webLightTheme} className={s.provider} lang={props.lang === 'zh' ? 'zh-CN' : 'en'}>
      <AriaLiveAnnouncer>
        <Pane {...props} />
      </AriaLiveAnnouncer>
    </FluentProvider>
  );
}

function Pane({ gateway, lang, fileName, host = EXCEL_HOST }: PaneProps) {
  const t = useMemo<Strings>(() => (host.kind === 'web' ? { ...strings[lang], ...webStrings[lang] } : strings[lang]), [host.kind, lang]);
  // Hosts whose workbook the pane writes into (marks, 自评汇总): Excel and WPS.
  const writesWorkbook = host.kind !== 'web';
  const Root = writesWorkbook ? 'main' : 'section';
  const s = useStyles();
  const pane = usePane(gateway, lang, fileName);
  const { state } = pane;
  const { announce } = useAnnounce();
  const checkRef = useRef<HTMLButtonElement>(null);
  const settingsRef = useRef<HTMLButtonElement>(null);
  const tables = useMemo(() => tableSummaries(state.check), [state.check]);
  const counts = useMemo(() => countFindings(state.check, state.table), [state.check, state.table]);
  const listOptions = useMemo(
    () => ({ filter: state.filter, table: state.table, view: state.view, locale: localeFor(lang) }),
    [state.filter, state.table, state.view, lang],
  );
  const sections = useMemo(() => buildList(state.check, listOptions), [state.check, listOptions]);
  const { setTable, step, runCheck } = pane;
  // The page checks a file as soon as it is opened (the pane waits for 校验: Excel's workbook is live).
  const autoChecked = useRef(false);
  useEffect(() => {
    if (!host.autoCheck || autoChecked.current || !state.settingsLoaded) return;
    autoChecked.current = true;
    void runCheck();
  }, [host.autoCheck, state.settingsLoaded, runCheck]);
  const { clearMarks } = pane;
  const lastRequest = useRef(0);
  useEffect(() => {
    const r = host.request;
    if (!r || r.seq === lastRequest.current || !state.settingsLoaded) return;
    lastRequest.current = r.seq;
    void (r.action === 'clear' ? clearMarks() : runCheck());
  }, [host.request, state.settingsLoaded, runCheck, clearMarks]);
  const showAllTables = useCallback(() => setTable(null), [setTable]);
  // Choosing a table or a count tile is said, with what the list now holds.
  const { setFilter } = pane;
  const chooseTable = useCallback(
    (key: string | null) => {
      setTable(key);
      const c = countFindings(state.check, key);
      const what = key ? tableName(t, tables.find((x) => x.key === key)!) : t.allTables;
      announce(t.listShows(what, state.filter === 'all' ? c.all : c[state.filter]), { polite: true, batchId: 'pe-list' });
    },
    [setTable, state.check, state.filter, tables, t, announce],
  );
  const chooseFilter = useCallback(
    (f: PaneState['filter']) => {
      setFilter(f);
      const c = countFindings(state.check, state.table);
      announce(t.listShows(f === 'all' ? t.allFindings : t.severity[f], f === 'all' ? c.all : c[f]), { polite: true, batchId: 'pe-list' });
    },
    [setFilter, state.check, state.table, t, announce],
  );
  // Every item names its table (several tables share sheet names and row numbers).
  const tableNames = useMemo(() => new Map(tables.map((x) => [x.key, tableName(t, x)])), [tables, t]);
  // 上一个 / 下一个 go through the list in its own order; the item is scrolled into view and said.
  // Focus stays on the button, so Enter steps on (the arrow keys move through the list itself).
  const stepped = useRef(false);
  const stepTo = useCallback(
    (dir: 1 | -1) =>
      void step(dir).then((to) => {
        if (!to) {
          announce(t.stepEnd(dir), { polite: true, batchId: 'pe-step' });
          return;
        }
        stepped.current = true;
        const f = to.finding;
        announce(t.stepAnnounce(to.place, to.total, tableNames.get(tableKeyOf(f)) ?? f.sheet, f.cell, f.message), { polite: true, batchId: 'pe-step' });
      }),
    [step, announce, t, tableNames],
  );
  useEffect(() => {
    if (!stepped.current) return;
    stepped.current = false;
    document.querySelector('[data-testid="finding"][aria-current="location"]')?.scrollIntoView({ block: 'nearest' });
  }, [state.current]);
  // Once a check is complete, the other filters' lists are prepared while the pane is idle, so the
  // first click on a count tile only renders (buildList remembers them per check).
  useEffect(() => {
    const check = state.check;
    if (!check || state.partial || state.busy) return;
    const filters = (['error', 'warning', 'info', 'all'] as const).filter((f) => f !== state.filter);
    const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
    const cancelIdle = (globalThis as { cancelIdleCallback?: (id: number) => void }).cancelIdleCallback;
    let handle: number | ReturnType<typeof setTimeout> | undefined;
    const next = () => {
      const f = filters.shift();
      if (!f) return;
      buildList(check, { ...listOptions, filter: f });
      schedule();
    };
    const schedule = () => {
      if (filters.length === 0) return;
      handle = idle ? idle(next, { timeout: 2000 }) : setTimeout(next, 100);
    };
    schedule();
    return () => {
      if (handle === undefined) return;
      if (idle && cancelIdle) cancelIdle(handle as number);
      else clearTimeout(handle as ReturnType<typeof setTimeout>);
    };
  }, [state.check, state.partial, state.busy, state.filter, listOptions]);
  const busy = state.busy !== null;
  const hasTables = state.check !== null && state.check.tables.length > 0;
  const hasFindings = state.check !== null && state.check.findings.length > 0;
  const selectedTable = state.table ? tables.find((x) => x.key === state.table) ?? null : null;

  // One announced result line when a check ends (or is cancelled); focus back where it was, or on 校验
  // when the control that had it went away (取消, the progress area).
  // A check the host hands over ready (the page's worker) can start and end between two renders, so
  // a new complete result counts as the end of a check even when the busy state was never seen.
  const wasBusy = useRef(state.busy);
  const announcedCheck = useRef<PaneState['check']>(null);
  useEffect(() => {
    const before = wasBusy.current;
    wasBusy.current = state.busy;
    if (state.busy !== null) return;
    const newResult = state.check !== null && !state.partial && state.check !== announcedCheck.current && !state.error && state.notice?.kind !== 'cancelled';
    if (before !== 'check' && !newResult) return;
    if (state.notice?.kind === 'cancelled') announce(t.cancelled, { polite: true, batchId: 'pe-result' });
    else if (state.error) announce(state.error, { alert: true, batchId: 'pe-result' });
    else if (state.check) {
      announcedCheck.current = state.check;
      const c = countFindings(state.check);
      announce(t.resultLine(c.tables, c.error, c.warning, c.info), { polite: true, batchId: 'pe-result' });
    }
    const active = document.activeElement;
    if (!active || active === document.body) checkRef.current?.focus();
  }, [state.busy, state.check, state.partial, state.notice, state.error, announce, t]);

  // Esc closes settings (focus back on its button), then messages (focus on 校验).
  const escState = useRef(state);
  escState.current = state;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const st = escState.current;
      if (st.settingsOpen) {
        pane.toggleSettings(false);
        settingsRef.current?.focus();
      } else if (st.error) {
        pane.dismissError();
        checkRef.current?.focus();
      } else if (st.notice) {
        pane.dismissNotice();
        checkRef.current?.focus();
      } else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [pane.toggleSettings, pane.dismissError, pane.dismissNotice]);

  const closeSettings = () => {
    pane.toggleSettings(false);
    settingsRef.current?.focus();
  };
  const dismiss = (which: 'error' | 'notice') => {
    if (which === 'error') pane.dismissError();
    else pane.dismissNotice();
    checkRef.current?.focus();
  };
  // The notices of the last write (sheets not marked, hidden sheets skipped): shown until closed; in a
  // narrow pane with findings listed, behind a toolbar button so the first finding stays on screen.
  const narrow = useNarrow();
  const noticeCount = writesWorkbook ? writeNoticeCount(state) : 0;
  const [noticesWanted, setNoticesWanted] = useState<boolean | null>(null);
  useEffect(() => setNoticesWanted(null), [state.check, state.writeProblems]);
  const noticesTucked = narrow && !!state.check && state.check.findings.length > 0;
  const showNotices = noticeCount > 0 && (noticesWanted ?? !noticesTucked);
  // The settings-saved notice says nothing the stale banner does not, once there are results.
  const notice = state.notice && !(state.notice.kind === 'settingsSaved' && state.check) ? state.notice : null;

  return (
    // In Excel and WPS the pane is the page (main); the browser page has its own main and the pane is a part of it.
    <Root className={s.root} aria-busy={busy} aria-labelledby={writesWorkbook ? undefined : 'pe-file-title'} data-testid="pane-root">
      <header className={s.header}>
        {writesWorkbook ? (
          <h1 className={s.title}>{t.appTitle}</h1>
        ) : (
          // The page's own header carries the product name; here, the file the results are about.
          <h2 id="pe-file-title" className={s.title} data-testid="file-title">
            {fileName}
          </h2>
        )}
        {writesWorkbook && !state.check && !busy && <Text size={200}>{t.appSubtitle}</Text>}
      </header>

      <Toolbar className={s.toolbar} aria-label={t.appTitle} size="small">
        <Button
          appearance="primary"
          // Narrow panes (≤ 360 px): small buttons, so that the notices button and the settings stay on one row.
          size={narrow ? 'small' : 'medium'}
          className={s.action}
          onClick={pane.runCheck}
          disabledFocusable={busy}
          title={t.checkAria}
          ref={checkRef}
          data-testid="check"
        >
          {state.busy === 'check' ? t.checking : state.check ? t.checkAgain : t.check}
        </Button>
        {writesWorkbook && (
          <Button className={s.action} size={narrow ? 'small' : 'medium'} onClick={pane.clearMarks} disabledFocusable={busy} title={t.clearAria} data-testid="clear">
            {state.busy === 'clear' ? t.clearing : t.clear}
          </Button>
        )}
        {host.actions}
        <span className={s.spacer} />
        {noticesTucked && noticeCount > 0 && <WriteNoticesButton count={noticeCount} open={showNotices} lang={lang} onToggle={() => setNoticesWanted(!showNotices)} />}
        <ToggleButton
          appearance="subtle"
          icon={<Settings20Regular />}
          checked={state.settingsOpen}
          onClick={() => pane.toggleSettings()}
          aria-label={t.settingsAria}
          title={t.settingsAria}
          aria-expanded={state.settingsOpen}
          aria-controls={state.settingsOpen ? 'pe-settings' : undefined}
          ref={settingsRef}
          data-testid="settings-toggle"
        />
      </Toolbar>

      {state.settingsOpen && (
        <SettingsPanel
          t={t}
          settings={state.settings}
          disabled={busy || !state.settingsLoaded}
          onChange={pane.changeSettings}
          onClose={closeSettings}
        />
      )}
      {/* 公式转为数值 (issue 8) sits with the settings: a tool used once, before sending the table on. */}
      {state.settingsOpen && writesWorkbook && <FormulasToValues gateway={gateway} lang={lang} disabled={busy} />}

      {busy && (
        <div className={s.progress} data-testid="progress">
          <ProgressBar value={progressValue(state)} thickness="large" aria-label={phaseText(t, state)} />
          <div className={s.progressLine}>
            <Text size={200} className={s.progressText} data-testid="progress-text">
              {phaseText(t, state)}
            </Text>
            {state.busy === 'check' && (state.phase === 'read' || state.phase === 'check') && (
              <Button size="small" onClick={pane.cancel} disabledFocusable={state.cancelling} data-testid="cancel-check">
                {t.cancel}
              </Button>
            )}
          </div>
          {state.partial && (
            <Text size={200} data-testid="partial-results">
              {t.partialResults}
            </Text>
          )}
        </div>
      )}

      {state.error && (
        <MessageBar intent="error" data-testid="error" className={s.notice}>
          <MessageBarBody>
            <MessageBarTitle>{t.errorTitle}</MessageBarTitle>
            {state.error}
          </MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button appearance="transparent" size="small" icon={<Dismiss16Regular />} onClick={() => dismiss('error')} aria-label={t.dismiss} title={t.dismiss} />
            }
          />
        </MessageBar>
      )}

      {/* The .xls compatibility-mode notice is Excel's own: WPS runs its add-ins in .xls workbooks too. */}
      {writesWorkbook && <ExcelNotices state={state} lang={lang} fileName={host.kind === 'excel' ? fileName : ''} onRetry={pane.runCheck} onCancel={pane.dismissError} />}
      {showNotices && (
        <WriteNotices
          state={state}
          lang={lang}
          closeLabel={t.dismiss}
          onClose={() => {
            setNoticesWanted(false);
            checkRef.current?.focus();
          }}
        />
      )}

      {state.stale && !busy && (
        <MessageBar intent="warning" data-testid="stale" className={s.notice}>
          <MessageBarBody>
            <MessageBarTitle>{t.staleTitle}</MessageBarTitle>
            {t.staleBody}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={pane.runCheck} data-testid="stale-recheck">
              {t.checkAgain}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {notice && !busy && (
        <MessageBar intent={notice.kind === 'cancelled' ? 'warning' : notice.kind === 'cleared' ? 'info' : 'success'} data-testid="notice" className={s.notice}>
          <MessageBarBody>{noticeText(t, notice)}</MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button appearance="transparent" size="small" icon={<Dismiss16Regular />} onClick={() => dismiss('notice')} aria-label={t.dismiss} title={t.dismiss} />
            }
          >
            {/* The sheet went with the marks (what gets sent on); a reviewer who wants it back says so. */}
            {notice.kind === 'cleared' && notice.summary && state.check ? (
              <Button size="small" onClick={pane.keepSummary} title={t.keepSummaryAria} data-testid="keep-summary">
                {t.keepSummary}
              </Button>
            ) : null}
          </MessageBarActions>
        </MessageBar>
      )}

      {tables.length > 0 && (
        <Overview
          t={t}
          tables={tables}
          selected={state.table}
          summarySheet={state.summarySheet}
          onSelect={chooseTable}
          onOpenSummary={pane.openSummary}
        />
      )}

      {hasFindings && (
        <section aria-labelledby="pe-list-title" data-testid="results" data-partial={state.partial}>
          <h2 id="pe-list-title" className={s.srOnly}>
            {t.listTitle}
          </h2>
          <ResultsBar
            t={t}
            counts={counts}
            filter={state.filter}
            tableName={selectedTable ? tableName(t, selectedTable) : null}
            view={state.view}
            canStep={sections.length > 0}
            onFilter={chooseFilter}
            onClearTable={showAllTables}
            onView={pane.setView}
            onStep={stepTo}
          />
          {sections.length > 0 ? (
            <FindingsList t={t} sections={sections} tableNames={tableNames} current={state.current} onOpen={pane.goTo} resetKey={`${state.filter}|${state.table ?? ''}|${state.view}`} />
          ) : (
            <Text>{t.noFindingsForFilter}</Text>
          )}
        </section>
      )}

      {/* Not a MessageBar: that would announce itself on top of the one result line (said once, issue 19). */}
      {hasTables && !hasFindings && (
        <div className={s.allGood} data-testid="all-good">
          {t.noFindings}
        </div>
      )}

      {!busy && (!state.check || state.check.tables.length === 0) && (
        <EmptyState t={t} noTables={state.check !== null && state.check.tables.length === 0} />
      )}
    </Root>
  );
}
