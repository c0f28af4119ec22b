import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Tab,
  TabList,
  Text,
  ToggleButton,
  makeStyles,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { useMemo } from 'react';
import type { WorkbookGateway } from '../excel/gateway';
import { strings, type Lang, type Strings } from '../i18n';
import { countFindings, groupFindings, type Filter, type Notice, type PaneState } from '../state';
import { usePane } from '../usePane';
import { EmptyState } from './EmptyState';
import { ExcelNotices } from './ExcelNotices';
import { FindingsList } from './FindingsList';
import { SettingsPanel } from './SettingsPanel';

const useStyles = makeStyles({
  provider: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground1 },
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    maxWidth: '640px',
  },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  toolbar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  spacer: { flexGrow: 1 },
  progress: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  counts: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  count: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    minWidth: '64px',
    flexGrow: 1,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  countNumber: { fontSize: tokens.fontSizeBase600, fontWeight: tokens.fontWeightBold, lineHeight: tokens.lineHeightBase600 },
  error: { backgroundColor: '#FDE7E9', color: '#A4262C' },
  warning: { backgroundColor: '#FFF4CE', color: '#8A5300' },
  info: { backgroundColor: '#E6F0FA', color: '#0F548C' },
  srOnly: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});

function phaseText(t: Strings, state: PaneState): string {
  if (state.busy === 'clear') return t.clearing;
  switch (state.phase) {
    case 'read': {
      const p = state.progress;
      return p ? t.readingSheet(Math.min(p.done + 1, p.total), p.total, p.sheet) : t.checking;
    }
    case 'check':
      return t.phaseCheck;
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
  const read = p && p.total > 0 ? p.done / p.total : 0;
  switch (state.phase) {
    case 'read':
      return 0.7 * read;
    case 'check':
      return 0.75;
    case 'mark':
      return 0.85;
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
      return n.restored > 0 ? t.cleared(n.restored) : t.nothingToClear;
    case 'settingsSaved':
      return t.settingsSaved;
  }
}

export function App({ gateway, lang, fileName }: { gateway: WorkbookGateway; lang: Lang; fileName: string }) {
  const t = strings[lang];
  const s = useStyles();
  const pane = usePane(gateway, lang, fileName);
  const { state } = pane;
  const counts = useMemo(() => countFindings(state.check), [state.check]);
  const groups = useMemo(() => groupFindings(state.check, state.filter), [state.check, state.filter]);
  const busy = state.busy !== null;
  const filters: Filter[] = ['all', 'error', 'warning', 'info'];

  return (
    <FluentProvider theme={webLightTheme} className={s.provider} lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <main className={s.root} aria-busy={busy}>
        <header className={s.header}>
          <h1 className={s.title}>{t.appTitle}</h1>
          <Text size={200}>{t.appSubtitle}</Text>
        </header>

        <div className={s.toolbar} role="toolbar" aria-label={t.appTitle}>
          <Button appearance="primary" onClick={pane.runCheck} disabled={busy} aria-label={t.checkAria} data-testid="check">
            {state.busy === 'check' ? t.checking : state.check ? t.checkAgain : t.check}
          </Button>
          <Button onClick={pane.clearMarks} disabled={busy} aria-label={t.clearAria} data-testid="clear">
            {state.busy === 'clear' ? t.clearing : t.clear}
          </Button>
          <span className={s.spacer} />
          <ToggleButton
            appearance="subtle"
            checked={state.settingsOpen}
            onClick={() => pane.toggleSettings()}
            aria-label={t.settingsAria}
            aria-expanded={state.settingsOpen}
            aria-controls="pe-settings"
            data-testid="settings-toggle"
          >
            {t.settings}
          </ToggleButton>
        </div>

        {state.settingsOpen && (
          <SettingsPanel
            t={t}
            settings={state.settings}
            disabled={busy || !state.settingsLoaded}
            onChange={pane.changeSettings}
            onClose={() => pane.toggleSettings(false)}
          />
        )}

        {busy && (
          <div className={s.progress} data-testid="progress">
            <ProgressBar value={progressValue(state)} thickness="large" aria-label={phaseText(t, state)} />
            <Text size={200} role="status" aria-live="polite">
              {phaseText(t, state)}
            </Text>
          </div>
        )}

        {state.error && (
          <MessageBar intent="error" data-testid="error" role="alert">
            <MessageBarBody>
              <MessageBarTitle>{t.errorTitle}</MessageBarTitle>
              {state.error}
            </MessageBarBody>
            <MessageBarActions>
              <Button appearance="transparent" size="small" onClick={pane.dismissError} aria-label={t.dismiss}>
                {t.dismiss}
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}

        <ExcelNotices state={state} lang={lang} onRetry={pane.runCheck} onCancel={pane.dismissError} />

        {state.notice && !busy && (
          <MessageBar intent={state.notice.kind === 'cleared' ? 'info' : 'success'} data-testid="notice">
            <MessageBarBody>{noticeText(t, state.notice)}</MessageBarBody>
            <MessageBarActions>
              <Button appearance="transparent" size="small" onClick={pane.dismissNotice} aria-label={t.dismiss}>
                {t.dismiss}
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}

        {state.check && state.check.tables.length > 0 && (
          <section aria-label={t.countsAria} data-testid="results">
            <div className={s.counts} data-testid="counts">
              {(['error', 'warning', 'info'] as const).map((sev) => (
                <div key={sev} className={`${s.count} ${s[sev]}`} data-testid={`count-${sev}`} data-count={counts[sev]}>
                  <span className={s.countNumber}>{counts[sev]}</span>
                  <Text size={200}>{t.severity[sev]}</Text>
                </div>
              ))}
            </div>
            <Text size={200} role="status" className={s.srOnly}>
              {t.countsLine(counts.tables, counts.error, counts.warning, counts.info)}
            </Text>
          </section>
        )}

        {state.check && state.check.findings.length > 0 && (
          <>
            <TabList
              selectedValue={state.filter}
              onTabSelect={(_, d) => pane.setFilter(d.value as Filter)}
              aria-label={t.filterLabel}
              size="small"
              data-testid="filter"
            >
              {filters.map((f) => (
                <Tab key={f} value={f} data-testid={`filter-${f}`}>
                  {`${f === 'all' ? t.all : t.severity[f]} (${counts[f]})`}
                </Tab>
              ))}
            </TabList>
            {groups.length > 0 ? (
              <FindingsList t={t} groups={groups} current={state.current} onOpen={pane.goTo} />
            ) : (
              <Text>{t.noFindingsForFilter}</Text>
            )}
          </>
        )}

        {state.check && state.check.tables.length > 0 && state.check.findings.length === 0 && (
          <MessageBar intent="success" data-testid="all-good">
            <MessageBarBody>{t.noFindings}</MessageBarBody>
          </MessageBar>
        )}

        {!busy && (!state.check || state.check.tables.length === 0) && (
          <EmptyState t={t} noTables={state.check !== null && state.check.tables.length === 0} />
        )}
      </main>
    </FluentProvider>
  );
}
