// How engine errors become Excel errors. Pure and parameterised by the error constructor, so it
// is tested without Office: a blank 实际完成值 is #N/A, every other bad input #VALUE!.
import { PeInputError } from '../core/errors';

export type ExcelErrorKind = 'notAvailable' | 'invalidValue';

/** The kind and Chinese message for an error thrown by the engine. */
export function classifyError(err: unknown): { kind: ExcelErrorKind; message: string } {
  if (err instanceof PeInputError) return { kind: err.code === 'empty' ? 'notAvailable' : 'invalidValue', message: err.message };
  return { kind: 'invalidValue', message: '计算失败：请检查参数是否为数字或指标值文本' };
}

/** Runs `compute`; engine errors are rethrown through `toExcelError` (CustomFunctions.Error in Excel). */
export function guard<T>(compute: () => T, toExcelError: (kind: ExcelErrorKind, message: string) => unknown): T {
  try {
    return compute();
  } catch (err) {
    const { kind, message } = classifyError(err);
    throw toExcelError(kind, message);
  }
}
