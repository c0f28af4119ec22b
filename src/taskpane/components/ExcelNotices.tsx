// Small notices about what Excel could not do (issue 8), kept apart from the main layout:
// sheets that could not be marked and why, hidden sheets skipped, the cell-edit hint while Excel
// waits, and 重试 / 取消 after a timeout.
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Text, ToggleButton } from '@fluentui/react-components';
import { Dismiss16Regular, Warning16Regular } from '@fluentui/react-icons';
import { convertText, excelText, type Lang } from '../i18n';
import type { PaneState } from '../state';

/**
 * Whether the workbook is an .xls / .xlt file: Excel opens those in compatibility mode, where
 * add-ins cannot run (only the Open XML formats can). Told from Office.context.document.url, the
 * only hint the API gives; where the URL is unknown nothing is said (README documents the rest).
 */
export function isCompatibilityMode(fileName: string): boolean {
  return /\.(xls|xlt)$/i.test(fileName.trim());
}

export function ExcelNotices({ state, lang, fileName, onRetry, onCancel }: { state: PaneState; lang: Lang; fileName: string; onRetry: () => void; onCancel: () => void }) {
  const t = excelText[lang];
  const busy = state.busy !== null;
  return (
    <>
      {isCompatibilityMode(fileName) && (
        <MessageBar intent="warning" data-testid="xls-mode">
          <MessageBarBody>{convertText[lang].xls}</MessageBarBody>
        </MessageBar>
      )}
      {busy && state.waitingCellEdit && (
        <MessageBar intent="warning" data-testid="cell-edit-hint">
          <MessageBarBody>{t.cellEditHint}</MessageBarBody>
        </MessageBar>
      )}
      {!busy && state.error && state.retryable && (
        <div data-testid="timeout-actions" style={{ display: 'flex', gap: 8 }}>
          <Button appearance="primary" size="small" onClick={onRetry} data-testid="retry">
            {t.retry}
          </Button>
          <Button size="small" onClick={onCancel} data-testid="cancel">
            {t.cancel}
          </Button>
        </div>
      )}
    </>
  );
}

/** How many after-write notices there are (sheets that could not be marked, hidden sheets skipped). */
export function writeNoticeCount(state: PaneState): number {
  if (state.busy !== null) return 0;
  return (state.writeProblems.length > 0 ? 1 : 0) + (state.hiddenSheets.length > 0 && state.check ? 1 : 0);
}

/**
 * The toolbar's way to the after-write notices in a narrow pane (≤ 360 px), where showing them
 * would push the first finding off the first screen (issue 19): a warning button with their count.
 */
export function WriteNoticesButton({ count, open, lang, onToggle }: { count: number; open: boolean; lang: Lang; onToggle: () => void }) {
  const t = excelText[lang];
  return (
    <ToggleButton
      appearance="subtle"
      size="small"
      icon={<Warning16Regular />}
      checked={open}
      onClick={onToggle}
      aria-label={t.noticesButton(count)}
      title={t.noticesButton(count)}
      aria-expanded={open}
      aria-controls={open ? 'pe-write-notices' : undefined}
      data-testid="notices-toggle"
      // Fluent's 96 px minimum would push the settings button onto a second row at 270–320 px.
      style={{ minWidth: 'auto', paddingInline: '2px' }}
    >
      {count}
    </ToggleButton>
  );
}

/**
 * What the last write could not do (sheets that could not be marked and why) and the hidden sheets
 * that were skipped. Each can be closed; a new check shows them again.
 */
export function WriteNotices({ state, lang, onClose, closeLabel }: { state: PaneState; lang: Lang; onClose: () => void; closeLabel: string }) {
  const t = excelText[lang];
  const busy = state.busy !== null;
  const close = <Button appearance="transparent" size="small" icon={<Dismiss16Regular />} onClick={onClose} aria-label={closeLabel} title={closeLabel} data-testid="notices-close" />;
  return (
    <div id="pe-write-notices" data-testid="write-notices" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      {!busy && state.writeProblems.length > 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="write-problems">
          <MessageBarBody>
            <MessageBarTitle>{t.problemsTitle}</MessageBarTitle>
            <ul style={{ margin: '4px 0', paddingLeft: 18 }}>
              {state.writeProblems.map((p, i) => (
                <li key={`${p.sheet}:${p.reason}:${i}`} data-testid="write-problem" data-sheet={p.sheet} data-reason={p.reason}>
                  {t.problem(p.sheet, p.reason, p.cells)}
                </li>
              ))}
            </ul>
            <Text size={200}>{t.problemsFoot}</Text>
          </MessageBarBody>
          <MessageBarActions containerAction={close} />
        </MessageBar>
      )}
      {!busy && state.hiddenSheets.length > 0 && state.check && (
        <MessageBar intent="info" data-testid="hidden-sheets">
          <MessageBarBody>{t.hiddenSkipped(state.hiddenSheets)}</MessageBarBody>
          <MessageBarActions containerAction={close} />
        </MessageBar>
      )}
    </div>
  );
}
