// Excel custom functions, namespace PE (typed =PE.SCORE(...)). Thin wrappers over src/core/api:
// no Office.js calls, no formatting. Metadata (functions.json) is generated from these JSDoc tags;
// functions.zh-cn.json carries the Chinese descriptions.
import { deviation, executionRate, executionScore, grade, needsReason, scoreIndicator } from '../core/api';
import { ExcelErrorKind, guard } from './errors';

/* eslint-disable @typescript-eslint/no-explicit-any -- Excel passes numbers, text, booleans or
   blanks; the metadata generator needs `any` for such parameters, and the engine validates them. */

function toExcelError(kind: ExcelErrorKind, message: string): CustomFunctions.Error {
  const code = kind === 'notAvailable' ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
  return new CustomFunctions.Error(code, message);
}

/**
 * Budget execution rate: executed ÷ budget, exact.
 * @customfunction EXECRATE
 * @param budget Full-year budget (全年预算数).
 * @param executed Full-year executed amount (全年执行数).
 * @returns The execution rate as a fraction (0.95 = 95%).
 */
export function execRate(budget: any, executed: any): number {
  return guard(() => executionRate(budget, executed), toExcelError);
}

/**
 * Budget execution score: weight × min(rate, 1), rounded half-up to 2 decimals.
 * @customfunction EXECSCORE
 * @param budget Full-year budget (全年预算数).
 * @param executed Full-year executed amount (全年执行数).
 * @param [weight] Weight of the budget row, 10 when omitted.
 * @returns The score.
 */
export function execScore(budget: any, executed: any, weight?: any): number {
  return guard(() => executionScore(budget, executed, weight === null || weight === undefined || weight === '' ? undefined : weight), toExcelError);
}

/**
 * Indicator score by the official rules (positive, reverse, exact, range, qualitative).
 * @customfunction SCORE
 * @param target Annual target (年度指标值), e.g. "≥90%" or "≤30天".
 * @param actual Actual value (实际完成值).
 * @param weight Weight of the indicator (分值).
 * @param [direction] 正向, 反向 or 等于 (positive, reverse, exact); taken from the target's operator when omitted.
 * @returns The score, rounded half-up to 2 decimals.
 */
export function score(target: any, actual: any, weight: any, direction?: any): number {
  const dir = direction === null || direction === undefined || direction === '' ? undefined : String(direction);
  return guard(() => scoreIndicator(target, actual, weight, dir), toExcelError);
}

/**
 * Grade for a total score: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差.
 * @customfunction GRADE
 * @param total Total score (总分).
 * @returns 优, 良, 中 or 差.
 */
export function gradeOf(total: any): string {
  return guard(() => grade(total), toExcelError);
}

/**
 * Signed relative deviation of the actual from the target: (actual − target) ÷ target.
 * @customfunction DEVIATION
 * @param target Annual target (年度指标值).
 * @param actual Actual value (实际完成值).
 * @returns The deviation as a fraction (−0.1 = 10% below target).
 */
export function deviationOf(target: any, actual: any): number {
  return guard(() => deviation(target, actual), toExcelError);
}

/**
 * TRUE when the rules require a deviation reason (偏差原因) for this row.
 * @customfunction NEEDREASON
 * @param target Annual target (年度指标值).
 * @param actual Actual value (实际完成值).
 * @param weight Weight of the indicator (分值).
 * @param [enteredScore] The score entered in the table (得分).
 * @returns TRUE or FALSE.
 */
export function needReason(target: any, actual: any, weight: any, enteredScore?: any): boolean {
  const entered = enteredScore === null || enteredScore === undefined || enteredScore === '' ? undefined : enteredScore;
  return guard(() => needsReason(target, actual, weight, entered), toExcelError);
}
