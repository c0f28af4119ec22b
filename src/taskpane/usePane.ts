// The pane's state hook: reducer + the gateway calls, with Excel errors turned into localised text.
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { Finding } from '../core/types';
import { classifyExcelError, describeExcelError } from './excel/errors';
import { DEFAULT_SETTINGS, type PaneSettings, type WorkbookGateway } from './excel/gateway';
import type { Lang } from './i18n';
import { findingKey, initialState, performCheck, reducer, type Filter } from './state';

export function usePane(gateway: WorkbookGateway, lang: Lang, fileName: string) {
  const [state, dispatch] = useReducer(reducer, initialState);
  const busy = useRef(false);

  useEffect(() => {
    let live = true;
    gateway
      .loadSettings()
      .then((s) => live && dispatch({ type: 'settingsLoaded', settings: s }))
      .catch(() => live && dispatch({ type: 'settingsLoaded', settings: DEFAULT_SETTINGS }));
    return () => {
      live = false;
    };
  }, [gateway]);

  const fail = useCallback((e: unknown) => {
    // Keep the technical detail in the console for support; the user sees what to do next.
    console.error('[绩效自评助手]', e);
    dispatch({ type: 'failed', message: describeExcelError(e, lang), retryable: classifyExcelError(e) === 'timeout' });
  }, [lang]);

  const runCheck = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    dispatch({ type: 'checkStarted' });
    try {
      const result = await performCheck(gateway, state.settings, fileName, dispatch, lang);
      dispatch({ type: 'checkDone', check: result.check, summarySheet: result.summarySheet, problems: result.problems, hidden: result.hidden });
    } catch (e) {
      fail(e);
    } finally {
      busy.current = false;
    }
  }, [gateway, state.settings, fileName, fail, lang]);

  const clearMarks = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    dispatch({ type: 'clearStarted' });
    try {
      const { restored, problems } = await gateway.clearMarks();
      dispatch({ type: 'clearDone', restored, problems });
    } catch (e) {
      fail(e);
    } finally {
      busy.current = false;
    }
  }, [gateway, fail]);

  const goTo = useCallback(async (f: Finding) => {
    try {
      await gateway.selectCell(f.sheet, f.cell);
      dispatch({ type: 'navigated', key: findingKey(f) });
    } catch (e) {
      fail(e);
    }
  }, [gateway, fail]);

  const changeSettings = useCallback(async (s: PaneSettings) => {
    try {
      await gateway.saveSettings(s);
      dispatch({ type: 'settingsChanged', settings: s });
    } catch (e) {
      fail(e);
    }
  }, [gateway, fail]);

  const setFilter = useCallback((filter: Filter) => dispatch({ type: 'setFilter', filter }), []);
  const toggleSettings = useCallback((open?: boolean) => dispatch({ type: 'toggleSettings', open }), []);
  const dismissError = useCallback(() => dispatch({ type: 'dismissError' }), []);
  const dismissNotice = useCallback(() => dispatch({ type: 'dismissNotice' }), []);

  return { state, runCheck, clearMarks, goTo, changeSettings, setFilter, toggleSettings, dismissError, dismissNotice };
}
