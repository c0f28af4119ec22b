// Excel errors → short messages that say what to do next (Chinese; English when the UI is English).

export type PeErrorCode =
  | 'cellEdit'
  | 'protected'
  | 'notFound'
  | 'tooLarge'
  | 'unsupported'
  | 'busy'
  | 'readOnly'
  | 'network'
  | 'noExcel'
  | 'timeout'
  | 'unknown';

/** An error the gateway throws: a stable code plus the original Excel error for the log. */
export class PeExcelError extends Error {
  readonly code: PeErrorCode;
  readonly excelCode: string | undefined;
  /** Extra context (e.g. the sheet name that was not found). */
  readonly detail: string | undefined;
  constructor(code: PeErrorCode, message: string, excelCode?: string, detail?: string) {
    super(message);
    this.name = 'PeExcelError';
    this.code = code;
    this.excelCode = excelCode;
    this.detail = detail;
  }
}

function excelCodeOf(e: unknown): string | undefined {
  if (e && typeof e === 'object' && 'code' in e) {
    const c = (e as { code: unknown }).code;
    if (typeof c === 'string') return c;
  }
  return undefined;
}

function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}

/**
 * Errors worth one more try after a short pause: GeneralException ("There was an internal error
 * while processing the request") and InactiveWorkbook (the workbook lost focus/was switched in the
 * middle of a request) are listed by Microsoft as conditions that may be transient
 * (https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
 */
export function isTransientExcelError(e: unknown): boolean {
  if (e instanceof PeExcelError) return false;
  const code = excelCodeOf(e) ?? '';
  return code === 'GeneralException' || code === 'InactiveWorkbook' || code === 'ServiceNotAvailable';
}

/** Classifies any thrown value (OfficeExtension.Error or other) into a PeErrorCode. */
export function classifyExcelError(e: unknown): PeErrorCode {
  if (e instanceof PeExcelError) return e.code;
  const code = excelCodeOf(e) ?? '';
  const msg = messageOf(e);
  if (code === 'InvalidOperationInCellEditMode' || /cell edit|编辑模式|cell-edit/i.test(msg)) return 'cellEdit';
  if (code === 'AccessDenied' || /protect|保护/i.test(msg)) return 'protected';
  if (code === 'ItemNotFound' || code === 'InvalidReference') return 'notFound';
  if (/PayloadSizeLimitExceeded|RequestPayloadSizeLimitExceeded|ResponsePayloadSizeLimitExceeded/.test(code) || /payload/i.test(msg))
    return 'tooLarge';
  if (code === 'ApiNotFound' || code === 'NotImplemented' || code === 'UnsupportedOperation') return 'unsupported';
  if (code === 'ActivityLimitReached' || code === 'RequestAborted' || code === 'Conflict' || code === 'ServiceNotAvailable')
    return 'busy';
  if (code === 'InsufficientPermission' || code === 'UnsupportedSheet' || /read-?only|只读/i.test(msg)) return 'readOnly';
  if (code === 'InvalidOperation') return /edit/i.test(msg) ? 'cellEdit' : 'unknown';
  if (/network|timeout|fetch/i.test(msg)) return 'network';
  if (/Excel is not defined|Office is not defined/.test(msg)) return 'noExcel';
  return 'unknown';
}

const zh: Record<PeErrorCode, string> = {
  cellEdit: 'Excel 正在编辑单元格。请先退出单元格编辑（按 Enter 或 Esc）再校验。',
  protected: '工作表或工作簿受保护，无法写入标记。请在“审阅 → 撤销工作表保护”后重试，或只查看任务窗格中的问题列表。',
  notFound: '找不到要定位的工作表或单元格，它可能已被重命名或删除。请重新校验。',
  tooLarge: '表格太大，Excel 一次传不完。请删除多余的空行空列，或把大表拆到多个工作表后重试。',
  unsupported: '当前 Excel 版本不支持此功能。请更新 Office，或改用 Microsoft 365 / 网页版 Excel。',
  busy: 'Excel 正忙（可能有他人在同时编辑）。请稍等几秒后重试。',
  readOnly: '工作簿为只读或你没有编辑权限。请“启用编辑”或另存一份副本后重试。',
  network: '与 Excel 的连接中断。请检查网络后重试。',
  noExcel: '没有连接到 Excel。请在 Excel 中打开“绩效自评助手”任务窗格。',
  timeout: 'Excel 长时间没有响应（可能有对话框打开、正在计算或正在编辑单元格）。请处理后点“重试”，或点“取消”。',
  unknown: 'Excel 返回了错误。请保存工作簿后重试；如仍失败，请关闭并重新打开任务窗格。',
};

const en: Record<PeErrorCode, string> = {
  cellEdit: 'Excel is editing a cell. Leave cell editing (press Enter or Esc), then check again.',
  protected: 'The sheet or workbook is protected, so marks cannot be written. Unprotect it (Review → Unprotect Sheet) and retry.',
  notFound: 'The sheet or cell could not be found; it may have been renamed or deleted. Please check again.',
  tooLarge: 'The table is too large for one Excel request. Delete unused rows/columns or split the sheet, then retry.',
  unsupported: 'This Excel version does not support this feature. Update Office or use Microsoft 365 / Excel on the web.',
  busy: 'Excel is busy (someone may be co-editing). Wait a few seconds and retry.',
  readOnly: 'The workbook is read-only or you cannot edit it. Enable editing or save a copy, then retry.',
  network: 'The connection to Excel was interrupted. Check your network and retry.',
  noExcel: 'Not connected to Excel. Open the 绩效自评助手 task pane inside Excel.',
  timeout: 'Excel has not responded for a long time (a dialog may be open, it may be calculating or editing a cell). Deal with it, then Retry, or Cancel.',
  unknown: 'Excel returned an error. Save the workbook and retry; if it still fails, close and reopen the task pane.',
};

export function describeExcelError(e: unknown, lang: 'zh' | 'en' = 'zh'): string {
  const code = classifyExcelError(e);
  const table = lang === 'en' ? en : zh;
  let text = table[code];
  if (code === 'notFound' && e instanceof PeExcelError && e.detail) {
    text = lang === 'en' ? `“${e.detail}” was not found. ${text}` : `找不到“${e.detail}”。${text}`;
  }
  return text;
}

/** Wraps any error as a PeExcelError (keeps the Excel code for logs). */
export function toPeError(e: unknown, detail?: string): PeExcelError {
  if (e instanceof PeExcelError) return e;
  const code = classifyExcelError(e);
  const err = new PeExcelError(code, `${zh[code]}（${excelCodeOf(e) ?? 'Error'}: ${messageOf(e)}）`, excelCodeOf(e), detail);
  return err;
}
