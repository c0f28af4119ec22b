// How engine errors become Excel errors. Pure and parameterised by the error constructor and the
// error codes (CustomFunctions.Error / CustomFunctions.ErrorCode in Excel), so Jest tests it
// without Office: a blank input (PeInputError code 'empty', e.g. 实际完成值为空) is #N/A, every
// other bad input #VALUE!, always with the engine's Chinese message.
import { PeInputError } from '../core/errors';

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

/** Runs `compute`; anything it throws is rethrown as the matching Excel error. */
export function guard<T, C, E>(compute: () => T, excel: ExcelErrors<C, E>): T {
  try {
    return compute();
  } catch (err) {
    throw toExcelError(err, excel);
  }
}

/** Excel passes a blank cell or an omitted argument as null, undefined or "": all mean "omitted". */
export function omitted<T>(x: T | null | undefined): T | undefined {
  return x === null || x === undefined || (typeof x === 'string' && x.trim() === '') ? undefined : x;
}
