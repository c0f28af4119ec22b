// Small notices about what Excel could not do (issue 8), kept apart from the main layout:
// sheets that could not be marked and why, hidden sheets skipped, the cell-edit hint while Excel
// waits, and 重试 / 取消 after a timeout.
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Text } from '@fluentui/react-components';
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
        </MessageBar>
      )}
      {!busy && state.hiddenSheets.length > 0 && state.check && (
        <MessageBar intent="info" data-testid="hidden-sheets">
          <MessageBarBody>{t.hiddenSkipped(state.hiddenSheets)}</MessageBarBody>
          <MessageBarActions />
        </MessageBar>
      )}
    </>
  );
}
