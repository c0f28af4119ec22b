// How engine errors become Excel errors. Pure and parameterised by the error constructor and the
// error codes (CustomFunctions.Error / CustomFunctions.ErrorCode in Excel), so Jest tests it
// without Office: a blank input (PeInputError code 'empty', e.g. 实际完成值为空) is #N/A, every
// other bad input #VALUE!, always with the engine's Chinese message.
import { PeInputError } from '../core/errors';
import { excelErrorOf } from '../core/cells';

export type ExcelErrorKind = 'notAvailable' | 'invalidValue';

/** What the mapping needs from Excel: CustomFunctions.Error and the two ErrorCode members. */
export interface ExcelErrors<C, E> {
  ErrorClass: new (code: C, message?: string) => E;
  codes: { notAvailable: C; invalidValue: C };
}

/** Shown for anything that is not a PeInputError (a bug, not the user's input). */
export const UNEXPECTED_MESSAGE = '计算失败：请检查参数是否为数字或指标值文本';

/** The kind and Chinese message for an error thrown by the engine. */
export function classifyError(err: unknown): { kind: ExcelErrorKind; message: string } {
  if (err instanceof PeInputError) {
    return { kind: err.code === 'empty' ? 'notAvailable' : 'invalidValue', message: err.message };
  }
  return { kind: 'invalidValue', message: UNEXPECTED_MESSAGE };
}

/** The Excel error (an instance of `excel.ErrorClass`) for an error thrown by the engine. */
export function toExcelError<C, E>(err: unknown, excel: ExcelErrors<C, E>): E {
  const { kind, message } = classifyError(err);
  return new excel.ErrorClass(excel.codes[kind], message);
}

/**
 * Runs `compute`; anything it throws is rethrown as the matching Excel error. `excel` may be a
 * function: it is then resolved only when an error has to be built, so a host without
 * CustomFunctions.Error/ErrorCode (CustomFunctionsRuntime 1.1) never dereferences them on the
 * normal path.
 */
export function guard<T, C, E>(compute: () => T, excel: ExcelErrors<C, E> | (() => ExcelErrors<C, E>)): T {
  try {
    return compute();
  } catch (err) {
    throw toExcelError(err, typeof excel === 'function' ? excel() : excel);
  }
}

/**
 * Arguments the functions never take as they are, each a Chinese #VALUE!:
 * - TRUE/FALSE: Excel would hand the engine a boolean it could read as "达成" (full marks);
 * - a data type / entity (an object; allowCustomDataForDataTypeAny is off, so one only arrives from
 *   hosts that ignore the setting);
 * - an error value ('#DIV/0!' from the referenced cell, or an error object).
 * Blank (null/undefined/'') passes: the engine says 实际完成值为空 or takes the default.
 */
export function checkArgument(name: string, value: unknown): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'boolean')
    throw new PeInputError('invalid', `${name}不能是逻辑值 ${value ? 'TRUE' : 'FALSE'}：请填写数值或指标值文本`, value);
  if (typeof value === 'object') throw new PeInputError('invalid', `${name}不能是数据类型或数组：请引用单个单元格的数值或文本`, null);
  if (typeof value === 'string' && excelErrorOf(value) !== null)
    throw new PeInputError('invalid', `${name}是错误值 ${value.trim()}：请先修正该单元格`, value);
}

/**
 * 分值 given as 0. Excel desktop builds before the fix of office-js#4702 pass a reference to an empty
 * cell as 0 (the web and current builds pass null), and no indicator of a 绩效自评表 is worth 0
 * points: so 0 is refused on every host ("分值为 0 或为空") instead of silently scoring 0.
 */
export function checkWeight(name: string, value: unknown): void {
  if (value === 0) throw new PeInputError('weight', `${name}为 0 或为空：请填写分值`, value);
}

/** An error raised when CustomFunctions.Error is missing (CustomFunctionsRuntime 1.1): Excel shows #VALUE!. */
export class PlainFunctionError extends Error {
  readonly code: string;
  constructor(code: string, message?: string) {
    super(message);
    this.code = code;
  }
}

/** Excel passes a blank cell or an omitted argument as null, undefined or "": all mean "omitted". */
export function omitted<T>(x: T | null | undefined): T | undefined {
  return x === null || x === undefined || (typeof x === 'string' && x.trim() === '') ? undefined : x;
}
