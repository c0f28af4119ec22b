// checkWorkbook / findTables as the Node API (src/index.ts) exports them: the sheets are checked
// against the SheetGrid contract first. Kept out of api.ts so that the custom-functions bundle,
// which imports api.ts, does not carry the whole checker.
import { profileOf } from './api';
import { checkWorkbook as checkSheets } from './check';
import { PeInputError, quote } from './errors';
import { findTables as findSheetTables, type FoundTable } from './findTables';
import { mof2020, type RuleProfile } from './profile';
import type { SheetGrid, TextOptions, WorkbookCheck } from './types';
import { validateSheet, validateSheets } from './validate';

/**
 * RULES §5 over every table of the sheets (the Node API's entry): the sheets are checked against
 * the SheetGrid contract first, so a null, a sheet without values or a merge outside the sheet is a
 * PeInputError naming what is wrong, never a TypeError from deep inside.
 */
export function checkWorkbook(sheets: SheetGrid[], profile: RuleProfile = mof2020, options: TextOptions = {}): WorkbookCheck {
  const p = profileOf(profile);
  if (options !== undefined && (options === null || typeof options !== 'object')) throw new PeInputError('invalid', '选项应为对象（如 { locale: "en" }）', options);
  if (options.locale !== undefined && options.locale !== 'zh-CN' && options.locale !== 'en') {
    throw new PeInputError('invalid', `不支持的语言：${quote(options.locale)}（可用 zh-CN、en）`, options.locale);
  }
  return checkSheets(validateSheets(sheets), p, options);
}

/** Every table on one sheet (validated like checkWorkbook's sheets). */
export function findTables(sheet: SheetGrid): FoundTable[] {
  return findSheetTables(validateSheet(sheet, 0));
}

