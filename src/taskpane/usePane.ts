// The pane's state hook: reducer + the gateway calls, with Excel errors turned into localised text.
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { Finding } from '../core/types';
import { classifyExcelError, describeExcelError } from './excel/errors';
import { DEFAULT_SETTINGS, type PaneSettings, type WorkbookGateway } from './host';
import type { Lang } from './i18n';
import { CheckCancelled, findingKey, initialState, localeFor, performCheck, reducer, stepPlace, writeSummaryOf, type Filter, type View } from './state';

export function usePane(gateway: WorkbookGateway, lang: Lang, fileName: string) {
  const [state, dispatch] = useReducer(reducer, initialState);
  const busy = useRef(false);
  const abort = useRef<AbortController | null>(null);
  // Latest state for callbacks that must not be re-created on every render (上一个 / 下一个).
  const latest = useRef(state);
  latest.current = state;

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
    const controller = new AbortController();
    abort.current = controller;
    dispatch({ type: 'checkStarted' });
    try {
      const result = await performCheck(gateway, latest.current.settings, fileName, dispatch, lang, { signal: controller.signal });
      dispatch({ type: 'checkDone', check: result.check, summarySheet: result.summarySheet, problems: result.problems, hidden: result.hidden });
    } catch (e) {
      if (e instanceof CheckCancelled || controller.signal.aborted) dispatch({ type: 'cancelled' });
      else fail(e);
    } finally {
      busy.current = false;
      abort.current = null;
    }
  }, [gateway, fileName, fail, lang]);

  /** 取消: stops the check at its next slice; nothing is written once it is cancelled. */
  const cancel = useCallback(() => {
    if (!abort.current) return;
    dispatch({ type: 'cancelRequested' });
    abort.current.abort();
  }, []);

  const clearMarks = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    dispatch({ type: 'clearStarted' });
    try {
      const { restored, problems, summaryRemoved } = await gateway.clearMarks();
      dispatch({ type: 'clearDone', restored, problems, summaryRemoved });
    } catch (e) {
      fail(e);
    } finally {
      busy.current = false;
    }
  }, [gateway, fail]);

  /** 保留自评汇总 (offered after 清除标记 removed it): the sheet written again from the last check. */
  const keepSummary = useCallback(async () => {
    const check = latest.current.check;
    if (busy.current || !check) return;
    busy.current = true;
    try {
      const sheet = await writeSummaryOf(gateway, check, fileName, localeFor(lang));
      dispatch({ type: 'summaryKept', sheet });
    } catch (e) {
      fail(e);
    } finally {
      busy.current = false;
    }
  }, [gateway, fileName, lang, fail]);

  const goTo = useCallback(async (f: Finding) => {
    try {
      await gateway.selectCell(f.sheet, f.cell);
      dispatch({ type: 'navigated', key: findingKey(f) });
    } catch (e) {
      fail(e);
    }
  }, [gateway, fail]);

  /** 上一个 / 下一个 through the listed cells in the list's order; returns where it moved (null: nowhere further). */
  const step = useCallback(async (dir: 1 | -1): Promise<{ finding: Finding; place: number; total: number } | null> => {
    const s = latest.current;
    const to = stepPlace(s.check, { filter: s.filter, table: s.table, view: s.view, locale: localeFor(lang) }, s.current, dir);
    if (to) await goTo(to.finding);
    return to;
  }, [goTo, lang]);

  const openSummary = useCallback(async () => {
    const sheet = latest.current.summarySheet;
    if (!sheet) return;
    try {
      await gateway.selectCell(sheet, 'A1');
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
  const setTable = useCallback((table: string | null) => dispatch({ type: 'setTable', table }), []);
  const setView = useCallback((view: View) => dispatch({ type: 'setView', view }), []);
  const toggleSettings = useCallback((open?: boolean) => dispatch({ type: 'toggleSettings', open }), []);
  const dismissError = useCallback(() => dispatch({ type: 'dismissError' }), []);
  const dismissNotice = useCallback(() => dispatch({ type: 'dismissNotice' }), []);

  return {
    state,
    runCheck,
    cancel,
    clearMarks,
    keepSummary,
    goTo,
    step,
    openSummary,
    changeSettings,
    setFilter,
    setTable,
    setView,
    toggleSettings,
    dismissError,
    dismissNotice,
  };
}
