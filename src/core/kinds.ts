// The kind of problem behind each finding code, in words: the 自评汇总 sheet's 问题 column and the
// pane's "by kind" view (as Excel's own Accessibility checker groups its results). One place so the
// two never disagree. A Record over FindingCode: a new code does not compile until it has a name.
import type { FindingCode, Locale } from './types';

const names: Record<FindingCode, [zh: string, en: string]> = {
  'score-mismatch': ['得分与评分规则不符', 'Score differs from the rules'],
  'score-out-of-band': ['定性得分超出档次范围', 'Qualitative score outside its band'],
  'score-exceeds-weight': ['得分高于分值', 'Score above the weight'],
  'reason-missing': ['缺少偏差原因', 'Deviation reason missing'],
  'over-target': ['超额完成较多', 'Far above the target'],
  'execrate-mismatch': ['执行率计算有误', 'Execution rate miscalculated'],
  'execscore-mismatch': ['执行率得分有误', 'Execution-rate score wrong'],
  'execrate-low': ['预算执行率偏低', 'Low budget execution'],
  'execrate-over': ['执行率超过 100%', 'Execution above 100%'],
  'budget-missing': ['缺少预算数', 'Budget missing'],
  'weight-sum-mismatch': ['一级指标分值合计不符', 'Block weights do not add up'],
  'weight-total-mismatch': ['分值合计不是 100 分', 'Weights do not total 100'],
  'total-mismatch': ['总分与合计不符', 'Total differs from the sum'],
  'grade-mismatch': ['评价等次与总分不符', 'Grade does not match the total'],
  'target-missing': ['缺少年度指标值', 'Target missing'],
  'actual-missing': ['缺少实际完成值', 'Actual value missing'],
  'weight-missing': ['缺少分值', 'Weight missing'],
  'name-missing': ['缺少指标名称', 'Indicator name missing'],
  'value-unparseable': ['数值无法识别', 'Value not readable'],
  'unit-mismatch': ['单位不一致', 'Units differ'],
  'target-not-measurable': ['指标值不可衡量', 'Target not measurable'],
  'actual-has-operator': ['实际值带比较符号', 'Actual value has an operator'],
  'number-with-note': ['数字后附有文字', 'Number followed by text'],
  'zero-weight': ['分值为 0', 'Weight is 0'],
  'duplicate-indicator': ['指标重复', 'Duplicate indicator'],
  'category-mismatch': ['二级指标分类可疑', 'Doubtful category'],
  'columns-shifted': ['数值填错列', 'Numbers in the wrong columns'],
  'not-scorable': ['表中缺少分值或得分列', 'No weight or score column'],
  'budget-breakdown-mismatch': ['资金来源合计不符', 'Budget breakdown does not add up'],
  'weight-off-standard': ['分值不合标准', 'Weight off the standard'],
  'table-not-recognized': ['表格未能识别', 'Table not recognised'],
  'cell-error': ['单元格显示错误值', 'Cell shows an error'],
  'formula-not-calculated': ['公式未计算', 'Formula not calculated'],
  'total-missing': ['缺少总分', 'Total missing'],
  'actual-not-numeric': ['实际完成值未填数值', 'Actual value is not a number'],
  'execution-counted-twice': ['预算执行率重复计分', 'Budget execution scored twice'],
  'column-assumed': ['列标题未能识别', 'Column titles not recognised'],
  'claim-contradicts-budget': ['填报与预算执行不符', 'Claim contradicts the budget'],
  'goal-copied': ['完成情况照抄或空缺', 'Results copied or blank'],
  'direction-conflict': ['指标性质与方向矛盾', 'Nature contradicts direction'],
};

/** The problem's kind in words ('得分与评分规则不符'); an unknown code is returned as it is. */
export function kindName(code: FindingCode | string, locale?: Locale): string {
  const n = names[code as FindingCode];
  if (!n) return code;
  return locale === 'en' ? n[1] : n[0];
}

/**
 * Findings that make others on the same table meaningless (numbers in the wrong column, a table read
 * wrongly, money or weights that do not add up): the pane pins them under 请先处理.
 */
export const ROOT_CAUSE_CODES: readonly FindingCode[] = [
  'columns-shifted',
  'table-not-recognized',
  'budget-breakdown-mismatch',
  'weight-total-mismatch',
];

export function isRootCause(code: FindingCode): boolean {
  return ROOT_CAUSE_CODES.includes(code);
}
