// Excel custom functions, namespace PE (typed =PE.SCORE(...)). Thin wrappers over src/core/api:
// no Office.js calls, no formatting. functions.json (English) is generated from these JSDoc tags by
// custom-functions-metadata-plugin, which also appends the CustomFunctions.associate calls;
// functions.zh-cn.json carries the Chinese descriptions (test/functions/metadata.test.ts keeps the
// two in step).
//
// Parameter names are the Chinese column titles of the 绩效自评表 (年度指标值, 实际完成值, 分值 …):
// they are what Excel shows while a formula is typed, in every display language.
// Parameter types are written out as a union (number | string | boolean | null): the generator
// turns a union into "any", so Excel passes numbers, typed text ("≥90%", "30天") and blanks as they
// are; the engine reads and validates them. (A type alias would be rejected by the generator.)
import { deviation, executionRate, executionScore, grade, needsReason, scoreIndicator } from '../core/api';
import { type ExcelErrors, PlainFunctionError, checkArgument, checkWeight, guard, omitted } from './errors';

type Cf = { Error?: new (code: never, message?: string) => unknown; ErrorCode?: { notAvailable?: unknown; invalidValue?: unknown } };

/**
 * Resolved only when an error is thrown (guard calls it lazily): the CustomFunctions global exists
 * only once office.js has loaded, and CustomFunctions.Error / ErrorCode only from
 * CustomFunctionsRuntime 1.2 on. Without them a plain Error is thrown, which Excel shows as #VALUE!.
 */
function excel(): ExcelErrors<unknown, unknown> {
  const cf = (globalThis as { CustomFunctions?: Cf }).CustomFunctions;
  const codes = cf?.ErrorCode;
  if (cf && typeof cf.Error === 'function' && codes && codes.notAvailable !== undefined && codes.invalidValue !== undefined) {
    return { ErrorClass: cf.Error as new (code: unknown, message?: string) => unknown, codes: { notAvailable: codes.notAvailable, invalidValue: codes.invalidValue } };
  }
  return { ErrorClass: PlainFunctionError as new (code: unknown, message?: string) => unknown, codes: { notAvailable: '#N/A', invalidValue: '#VALUE!' } };
}

/** The argument checks every function starts with (see errors.ts checkArgument / checkWeight). */
function args(list: [string, unknown][], weights: [string, unknown][] = []): void {
  for (const [name, v] of list) checkArgument(name, v);
  for (const [name, v] of weights) checkWeight(name, v);
}

/**
 * Budget execution rate: full-year executed amount ÷ full-year budget, exact (not rounded).
 * @customfunction EXECRATE EXECRATE
 * @param 全年预算数 Full-year budget.
 * @param 全年执行数 Full-year executed amount; trailing notes such as "6558.23（含…）" are ignored.
 * @returns The execution rate as a fraction (0.95 = 95%).
 */
export function execRate(
  全年预算数: number | string | boolean | null,
  全年执行数: number | string | boolean | null
): number {
  return guard(() => {
    args([['全年预算数', 全年预算数], ['全年执行数', 全年执行数]]);
    return executionRate(全年预算数, 全年执行数);
  }, excel);
}

/**
 * Budget execution score: weight × min(execution rate, 1), rounded half-up to 2 decimals.
 * @customfunction EXECSCORE EXECSCORE
 * @param 全年预算数 Full-year budget.
 * @param 全年执行数 Full-year executed amount.
 * @param [分值] Weight of the budget execution row; 10 when omitted; 0 or an empty cell is #VALUE!.
 * @returns The score.
 */
export function execScore(
  全年预算数: number | string | boolean | null,
  全年执行数: number | string | boolean | null,
  分值?: number | string | boolean | null
): number {
  return guard(() => {
    args([['全年预算数', 全年预算数], ['全年执行数', 全年执行数], ['分值', 分值]], [['分值', 分值]]);
    return executionScore(全年预算数, 全年执行数, omitted(分值));
  }, excel);
}

/**
 * Indicator score by the official rules (positive, reverse, exact, range and qualitative indicators).
 * @customfunction SCORE SCORE
 * @param 年度指标值 Annual target, e.g. "≥90%", "≤30天" or "1150人次".
 * @param 实际完成值 Actual value achieved; an empty cell is #N/A 实际完成值为空 (older Excel desktop builds pass it as 0, scored as 0).
 * @param 分值 Weight of the indicator; 0 or an empty cell is #VALUE! (older Excel desktop builds pass an empty cell as 0).
 * @param [方向] 正向, 反向 or 等于 (positive, reverse, exact); read from the target's operator when omitted.
 * @returns The score, rounded half-up to 2 decimals.
 */
export function score(
  年度指标值: number | string | boolean | null,
  实际完成值: number | string | boolean | null,
  分值: number | string | boolean | null,
  方向?: number | string | boolean | null
): number {
  return guard(() => {
    args([['年度指标值', 年度指标值], ['实际完成值', 实际完成值], ['分值', 分值], ['方向', 方向]], [['分值', 分值]]);
    const dir = omitted(方向);
    return scoreIndicator(年度指标值, 实际完成值, 分值, dir === undefined ? undefined : String(dir));
  }, excel);
}

/**
 * Evaluation grade of a total score: 优 from 90, 良 from 80, 中 from 60, otherwise 差.
 * @customfunction GRADE GRADE
 * @param 总分 Total self-evaluation score.
 * @returns 优, 良, 中 or 差.
 */
export function gradeOf(总分: number | string | boolean | null): string {
  return guard(() => {
    args([['总分', 总分]]);
    return grade(总分);
  }, excel);
}

/**
 * Signed relative deviation of the actual value from the target: (actual − target) ÷ target.
 * @customfunction DEVIATION DEVIATION
 * @param 年度指标值 Annual target.
 * @param 实际完成值 Actual value achieved.
 * @returns The deviation as a fraction (−0.1 = 10% below the target); 0 inside a target range.
 */
export function deviationOf(
  年度指标值: number | string | boolean | null,
  实际完成值: number | string | boolean | null
): number {
  return guard(() => {
    args([['年度指标值', 年度指标值], ['实际完成值', 实际完成值]]);
    return deviation(年度指标值, 实际完成值);
  }, excel);
}

/**
 * TRUE when the rules require a deviation reason for this row (target missed, far over the target,
 * qualitative target not fully met, actual missing, or a score entered below the rule score).
 * @customfunction NEEDREASON NEEDREASON
 * @param 年度指标值 Annual target.
 * @param 实际完成值 Actual value achieved.
 * @param 分值 Weight of the indicator.
 * @param [得分] The score entered in the table.
 * @returns TRUE or FALSE.
 */
export function needReason(
  年度指标值: number | string | boolean | null,
  实际完成值: number | string | boolean | null,
  分值: number | string | boolean | null,
  得分?: number | string | boolean | null
): boolean {
  return guard(() => {
    args([['年度指标值', 年度指标值], ['实际完成值', 实际完成值], ['分值', 分值], ['得分', 得分]], [['分值', 分值]]);
    return needsReason(年度指标值, 实际完成值, 分值, omitted(得分));
  }, excel);
}
