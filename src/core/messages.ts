// Every user-facing text of the core (finding messages, engine issues and explanations, cell-note
// labels, the 自评汇总 sheet) in one place: one function per text, zh-CN and en side by side.
// zh-CN is the default and its wording is part of the product contract (REPORT.md, the fixtures):
// change it only on purpose. Numbers arrive already formatted, so both languages show the same figures.
//
// English rule (test/core/messages.test.ts checks it): Chinese may appear only
//   - inside “…”: text as written in a cell (names, values, labels) or a word to write in a cell, and
//   - as a parenthesised gloss made only of a Chinese term, e.g. "score (得分)".
import { own } from './own';
import type { GradePending, Locale, Severity, TableKind } from './types';


/** A standard block of a 绩效自评表 (the budget execution rate or a 一级指标). */
export type MissingBlock = 'budget' | 'output' | 'effect' | 'satisfaction';
export type { Locale };

export const DEFAULT_LOCALE: Locale = 'zh-CN';

const isEn = (locale: Locale | undefined): boolean => locale === 'en';

/** Computed values carrying a unit the cell wrote (“800人次”) are quoted in English; plain ones are not. */
const val = (s: string): string => (/[^\x20-\x7e‰%²³–]/.test(s) ? `“${s}”` : s);

type Side = 'target' | 'actual';
type Tier = 'met' | 'partial' | 'unmet';

const zhTier: Record<Tier, string> = { met: '达成', partial: '部分达成', unmet: '未达成' };
const enTier: Record<Tier, string> = { met: 'achieved', partial: 'partly achieved', unmet: 'not achieved' };

/** Subject of a row message: 指标“name” / Indicator “name”. */
const indicator = (name: string, locale?: Locale): string =>
  isEn(locale) ? (name ? `Indicator “${name}”` : 'The unnamed indicator on this row') : `指标“${name || '（未命名）'}”`;

// ---------------------------------------------------------------- engine (score.ts)

export const engine = {
  sideLabel(on: Side, locale?: Locale): string {
    if (isEn(locale)) return on === 'target' ? 'Target (指标值)' : 'Actual value (实际完成值)';
    return on === 'target' ? '指标值' : '实际完成值';
  },
  numberWithNote(on: Side, text: string, read: string, note: string, locale?: Locale): string {
    return isEn(locale)
      ? `${engine.sideLabel(on, locale)} “${text}” was read as ${read}; the remark “${note}” was left out of the calculation`
      : `${engine.sideLabel(on)}“${text}”按数值 ${read} 读取，附注“${note}”未参与计算`;
  },
  actualHasOperator(text: string, locale?: Locale): string {
    return isEn(locale)
      ? `Actual value (实际完成值) “${text}” has a comparison sign; it was calculated with its number: enter the figure actually achieved`
      : `实际完成值应填写实际数值（“${text}”带有比较符号，已按其中的数值计算）`;
  },
  actualNotNumeric(actual: string, target: string, tier: Tier, locale?: Locale): string {
    return isEn(locale)
      ? `Target “${target}” is a number but the actual value “${actual}” is a word; it was scored as ${enTier[tier]}: enter the figure actually achieved`
      : `实际完成值应填写实际数值（指标值“${target}”为数值，“${actual}”已按${zhTier[tier]}计分）`;
  },
  unparseable(text: string, locale?: Locale): string {
    return isEn(locale)
      ? `Cannot read the value “${text}”: enter a number, or state the result in plain words`
      : `无法识别的数值：“${text}”`;
  },
  numberForQualitative(actual: string, target: string, locale?: Locale): string {
    return isEn(locale)
      ? `Actual value “${actual}” is a number but the target “${target}” is a description, so they cannot be compared: describe the result in words or give the target as a number`
      : `实际完成值“${actual}”是数值，指标值“${target}”是定性描述，无法比较`;
  },
  unitMismatch(target: string, actual: string, locale?: Locale): string {
    return isEn(locale)
      ? `Target “${target}” and actual value “${actual}” use different units, so no score can be calculated: use the same unit for both`
      : `指标值“${target}”与实际完成值“${actual}”单位不一致，无法计算得分，请统一单位`;
  },
  percentSignMissing(on: Side, text: string, locale?: Locale): string {
    const other: Side = on === 'actual' ? 'target' : 'actual';
    return isEn(locale)
      ? `${engine.sideLabel(on, locale)} “${text}” has no % sign and was read as a percentage: write it the same way as the ${other === 'target' ? 'target' : 'actual value'}`
      : `${engine.sideLabel(on)}“${text}”未写 %，已按百分数计算，请与${engine.sideLabel(other)}统一写法`;
  },
  targetNotMeasurable(text: string, locale?: Locale): string {
    return isEn(locale)
      ? `Target “${text}” is not measurable: set a measurable target`
      : `指标值“${text}”不可衡量，建议设置可衡量的指标值`;
  },
};

/** IndicatorEvaluation.explanation texts. */
export const explain = {
  noTarget: (locale?: Locale): string => (isEn(locale) ? 'no target' : '未填写指标值'),
  noActual: (locale?: Locale): string => (isEn(locale) ? 'no actual value' : '未填写实际完成值'),
  unmeasurableMet: (locale?: Locale): string => (isEn(locale) ? 'target not measurable, counted as achieved' : '指标值按实，视为完成'),
  numberForQualitative: (locale?: Locale): string => (isEn(locale) ? 'qualitative indicator given a number' : '定性指标填写了数值'),
  unreadable: (text: string, locale?: Locale): string => (isEn(locale) ? `cannot read “${text}”` : `无法识别：“${text}”`),
  qualitative: (tier: Tier, locale?: Locale): string => (isEn(locale) ? `qualitative: ${enTier[tier]}` : `定性：${zhTier[tier]}`),
  unitMismatch: (target: string, actual: string, locale?: Locale): string =>
    isEn(locale) ? `units differ (target “${target}”, actual “${actual}”)` : `单位不一致（目标 ${target}，实际 ${actual}）`,
  overTarget: (locale?: Locale): string => (isEn(locale) ? 'well above target' : '超额完成'),
  met: (locale?: Locale): string => (isEn(locale) ? 'achieved' : '已完成'),
  /** Reverse rows (and ranges) whose actual is above the target. */
  above: (actual: string, target: string, locale?: Locale): string =>
    isEn(locale) ? `actual ${val(actual)}, above the target ${val(target)}` : `实际 ${actual}，超出目标 ${target}`,
  exact: (actual: string, target: string, locale?: Locale): string =>
    isEn(locale) ? `actual ${val(actual)}, target ${val(target)}` : `实际 ${actual}，目标 ${target}`,
  below: (actual: string, target: string, locale?: Locale): string =>
    isEn(locale) ? `achieved ${val(actual)} of ${val(target)}` : `完成 ${actual}，目标 ${target}`,
  /** The scoring rules with a row's numbers (RULES §3), in the order they are computed. */
  positiveRule: (w: string, a: string, t: string, s: string, locale?: Locale): string =>
    isEn(locale) ? `weight ${w} × actual ${val(a)} ÷ target ${val(t)} = ${s}` : `分值 ${w} × 实际 ${a} ÷ 目标 ${t} = ${s}`,
  reverseRatioRule: (w: string, t: string, a: string, s: string, locale?: Locale): string =>
    isEn(locale) ? `lower is better: weight ${w} × target ${val(t)} ÷ actual ${val(a)} = ${s}` : `反向指标：分值 ${w} × 目标 ${t} ÷ 实际 ${a} = ${s}`,
  reverseLinearRule: (w: string, t: string, a: string, s: string, locale?: Locale): string =>
    isEn(locale)
      ? `lower is better: weight ${w} × (2 × target ${val(t)} − actual ${val(a)}) ÷ target ${val(t)} = ${s}`
      : `反向指标：分值 ${w} × (2 × 目标 ${t} − 实际 ${a}) ÷ 目标 ${t} = ${s}`,
  exactRule: (w: string, a: string, t: string, s: string, locale?: Locale): string =>
    isEn(locale) ? `exact target: weight ${w} × (1 − |actual ${val(a)} − target ${val(t)}| ÷ target ${val(t)}) = ${s}` : `定值指标：分值 ${w} × (1 − |实际 ${a} − 目标 ${t}| ÷ 目标 ${t}) = ${s}`,
  /** A deadline missed (RULES §7): both are calendar texts such as “2023年10月”. */
  late: (actual: string, target: string, locale?: Locale): string =>
    isEn(locale) ? `done “${actual}”, after the deadline “${target}”` : `完成时间 ${actual}，晚于 ${target}`,
};

// ---------------------------------------------------------------- checker (check.ts)

export type BudgetField = 'initial' | 'planned' | 'executed';
const zhBudget: Record<BudgetField, string> = { initial: '年初预算数', planned: '全年预算数', executed: '全年执行数' };
const enBudget: Record<BudgetField, string> = {
  initial: 'Initial budget (年初预算数)',
  planned: 'Full-year budget (全年预算数)',
  executed: 'Full-year spending (全年执行数)',
};

/** English names of the categoryKeywords labels of headers.ts. */
const enCategory: Record<string, string> = {
  时效指标: 'a timeliness indicator',
  满意度指标: 'a satisfaction indicator',
  成本指标: 'a cost indicator',
};

/** Why a row needs a 偏差原因 (the middle of the reason-missing message). */
export type ReasonWhy =
  | { kind: 'actual-missing' }
  | { kind: 'no-evaluation' }
  | { kind: 'over-target' }
  | { kind: 'tier'; tier: 'partial' | 'unmet' }
  | { kind: 'below'; explanation: string }
  | { kind: 'deviation' };

function reasonWhy(why: ReasonWhy, locale?: Locale): string {
  const en = isEn(locale);
  switch (why.kind) {
    case 'actual-missing':
      return en ? 'has no actual value' : '实际完成值为空';
    case 'no-evaluation':
      return en ? 'did not meet its target' : '未达成目标';
    case 'over-target':
      return en ? 'is far above its target' : '超额完成较多';
    case 'tier':
      if (en) return `is judged ${enTier[why.tier]} (${zhTier[why.tier]})`;
      return why.tier === 'partial' ? '定性判断为部分达成' : '定性判断为未达成';
    case 'below':
      return en ? `did not meet its target (${why.explanation})` : `未达成目标（${why.explanation}）`;
    case 'deviation':
      return en ? 'deviates from its target' : '存在偏差';
  }
}

export const finding = {
  budgetNote(field: BudgetField, text: string, read: string, locale?: Locale): string {
    return isEn(locale)
      ? `${enBudget[field]} “${text}” has text after the number and was calculated as ${read}: enter only the number and put the remark in a note`
      : `${zhBudget[field]}“${text}”在数字后附有文字，已按 ${read} 计算：建议只填数字，把说明写在备注中`;
  },
  budgetUnparseable(field: BudgetField, text: string, locale?: Locale): string {
    return isEn(locale)
      ? `${enBudget[field]} “${text}” is not a number: enter the amount in ten-thousand yuan (万元)`
      : `${zhBudget[field]}“${text}”无法识别为数字：请填写金额（万元）`;
  },
  nameMissing(locale?: Locale): string {
    return isEn(locale)
      ? 'This row has values but no indicator name (三级指标): enter the indicator name'
      : '该行填有数值但三级指标名称为空：请填写指标名称';
  },
  duplicate(name: string, firstRow: number, locale?: Locale): string {
    return isEn(locale)
      ? `Indicator “${name}” repeats row ${firstRow}: delete the duplicate row or make it a different indicator`
      : `三级指标“${name}”与第 ${firstRow} 行重复：请删除重复行或改为不同的指标`;
  },
  targetMissing(name: string, locale?: Locale): string {
    return isEn(locale)
      ? `${indicator(name, locale)} has no target (年度指标值): enter the target`
      : `指标“${name}”的年度指标值为空：请填写年度指标值`;
  },
  actualMissing(name: string, locale?: Locale): string {
    return isEn(locale)
      ? `${indicator(name, locale)} has no actual value (实际完成值): enter it, and explain anything not achieved in the deviation reason (偏差原因)`
      : `指标“${name}”的实际完成值为空：请填写实际完成值，未完成的请在偏差原因中说明`;
  },
  weightMissing(name: string, locale?: Locale): string {
    return isEn(locale)
      ? `${indicator(name, locale)} has no weight (分值): enter the weight`
      : `${indicator(name)}的分值为空：请填写分值`;
  },
  weightNotNumber(name: string, written: string, locale?: Locale): string {
    const shown = written.length > 20 ? `${written.slice(0, 20)}…` : written;
    return isEn(locale)
      ? `${indicator(name, locale)} has “${shown}” as its weight (分值), which is not a usable number: enter the weight in points`
      : `${indicator(name)}的分值“${shown}”不是可用的数字：请填写分值`;
  },
  zeroWeight(name: string, locale?: Locale): string {
    return isEn(locale)
      ? `${indicator(name, locale)} has weight (分值) 0, so it scores nothing: check whether it should be given a weight`
      : `${indicator(name)}的分值为 0：该指标不计分，请确认是否应分配分值`;
  },
  overTarget(actual: string, target: string, thresholdPercent: string, locale?: Locale): string {
    return isEn(locale)
      ? `Actual value “${actual}” is far above the target “${target}” (${thresholdPercent}% of it or more): analyse why, check whether the target was set too low, and explain in the deviation reason (偏差原因)`
      : `实际完成值 ${actual} 超出年度指标值 ${target} 较多（达 ${thresholdPercent}% 以上）：请分析原因，指标值是否设定偏低，并在偏差原因中说明`;
  },
  reasonMissing(name: string, why: ReasonWhy, locale?: Locale): string {
    return isEn(locale)
      ? `${indicator(name, locale)} ${reasonWhy(why, locale)}: fill in the deviation reason and improvement measures (偏差原因分析及改进措施)`
      : `${indicator(name)}${reasonWhy(why)}，需要填写偏差原因分析及改进措施`;
  },
  columnsShifted(firstRow: number, lastRow: number, count: number, locale?: Locale): string {
    return isEn(locale)
      ? `Rows ${firstRow}–${lastRow} (${count} rows) have their numbers in the deviation reason (偏差原因) column while weight (分值) and score (得分) are blank: move the weights and scores back to their columns; these rows were not score-checked`
      : `第 ${firstRow}–${lastRow} 行共 ${count} 行的数值填在了“偏差原因”列，分值/得分为空：请把分值、得分移回对应列；这些行未做得分检查`;
  },
  notScorable(noWeight: boolean, noScore: boolean, locale?: Locale): string {
    if (isEn(locale)) {
      const cols = [...(noWeight ? ['weight (分值)'] : []), ...(noScore ? ['score (得分)'] : [])];
      const what = cols.length === 2 ? `${cols[0]} and ${cols[1]} columns` : `${cols[0] ?? 'scoring'} column`;
      return `This table has no ${what}: its indicators are listed but not scored; add the ${cols.length === 2 ? 'columns' : 'column'} as in the standard layout`;
    }
    return `该表没有${noWeight ? '“分值”' : ''}${noWeight && noScore ? '和' : ''}${noScore ? '“得分”' : ''}列：已列出指标但未计分，请按标准格式补充分值、得分列`;
  },
  /**
   * RULES §8: columns read by their values under titles we do not know. `roles` are the roles'
   * names in the message's language; `held` counts the errors not raised because they rest on it.
   */
  columnAssumed(assumed: { title: string; role: string }[], held: number, locale?: Locale): string {
    if (isEn(locale)) {
      const list = assumed.map((a) => (a.title ? `column “${a.title}” as ${a.role}` : `an untitled column as ${a.role}`)).join(', ');
      const rest = held > 0 ? `; read so, ${held} more problem(s) would follow — they are not reported as errors until the titles are checked` : '';
      return `Column titles not recognised: read ${list} from their values${rest}. Check the titles (use the standard ones) and check again`;
    }
    const list = assumed.map((a) => (a.title ? `按“${a.title}”列为${a.role}` : `按无标题列为${a.role}`)).join('，');
    const rest = held > 0 ? `；按此读取另有 ${held} 处问题，因列的含义是推断的，暂不作为错误列出` : '';
    return `列标题未能识别，已根据数值推断：${list}${rest}。请核对列标题（宜用标准列名）后重新校验`;
  },
  claimContradictsBudget(name: string, claimed: string, computed: string, executed: string, budget: string, locale?: Locale): string {
    return isEn(locale)
      ? `Indicator “${name}” claims ${claimed}, but the budget block computes ${computed} (spending ${executed} ÷ budget ${budget}): make the two agree or explain the difference`
      : `指标“${name}”的实际完成值为 ${claimed}，而预算执行情况计算为 ${computed}（全年执行数 ${executed} ÷ 预算数 ${budget}）：请核对并使两者一致，或说明差异原因`;
  },
  goalCopied(kind: 'copied' | 'result-blank' | 'goal-blank' | 'both-blank', locale?: Locale): string {
    if (isEn(locale)) {
      return {
        copied: 'The results (实际完成情况) repeat the goals (预期目标) word for word: say what was actually achieved this year (quantity, quality, timing, effect)',
        'result-blank': 'The results (实际完成情况) of the year\'s overall goals are blank: say what was achieved',
        'goal-blank': 'The overall goals (预期目标) are blank: fill in the year\'s goals',
        'both-blank': 'The overall goals (预期目标) and their results (实际完成情况) are both blank: fill in both',
      }[kind];
    }
    return {
      copied: '实际完成情况与预期目标逐字相同：请写明全年实际完成了什么（数量、质量、时效、效果），不要照抄目标',
      'result-blank': '年度总体目标的实际完成情况为空：请填写全年实际完成情况',
      'goal-blank': '年度总体目标的预期目标为空：请填写预期目标',
      'both-blank': '年度总体目标的预期目标和实际完成情况均为空：请补充填写',
    }[kind];
  },
  budgetThousandfold(executed: string, budget: string, unit: string, locale?: Locale): string {
    return isEn(locale)
      ? `Spending ${executed} and budget ${budget} are about a thousand times apart: one is probably in yuan (元) and the other in ten-thousand yuan (万元), the block's unit being “${unit}”; make the units agree — the execution rate was not computed`
      : `全年执行数 ${executed} 与预算数 ${budget} 相差约千倍：可能一个按元、一个按万元填写（本表单位为${unit}），请统一单位；执行率未计算`;
  },
  directionConflict(nature: string, direction: string, judged: boolean, locale?: Locale): string {
    return isEn(locale)
      ? `The indicator's nature “${nature}” contradicts its direction “${direction}”, and the two readings score differently: correct one of them${judged ? '' : '; the score was not judged'}`
      : `指标性质“${nature}”与指标方向“${direction}”矛盾，两种理解得分不同：请更正其一${judged ? '' : '；得分未作判断'}`;
  },
  blockScoresExceed(block: string, sum: string, declared: string, locale?: Locale): string {
    return isEn(locale)
      ? `The scores under “${block}” add up to ${sum}, above its declared ${declared} points: no indicator block may score more than its weight; correct the scores`
      : `“${block}”下各指标得分合计 ${sum} 分，超过其标明的 ${declared} 分：得分不能高于分值，请修正得分`;
  },
  columnsNotRead(titles: string[], missing: string[], locale?: Locale): string {
    if (isEn(locale)) {
      return `Column titles not recognised: ${titles.map((t) => `“${t}”`).join(', ')}; no ${missing.join(', ')} column was found, so the checks that need it did not run. Use the standard titles and check again`;
    }
    return `列标题未能识别：${titles.map((t) => `“${t}”`).join('、')}；未找到${missing.map((m) => `“${m}”`).join('、')}列，依赖这些列的检查未进行。请使用标准列名后重新校验`;
  },
  categoryMismatch(name: string, category: string, level2: string, locale?: Locale): string {
    return isEn(locale)
      ? `Indicator “${name}” looks like ${own(enCategory, category) ?? `an indicator of “${category}”`} but is filed under “${level2}”: check the second-level category (二级指标)`
      : `指标“${name}”看起来属于${category}，却填在“${level2}”下：请核对二级指标分类`;
  },
  scoreBlank(name: string, rule: string, locale?: Locale): string {
    return isEn(locale)
      ? `${indicator(name, locale)} has no score (得分): by the rules it should be ${rule}; enter the score`
      : `${indicator(name)}的得分为空：按规则应为 ${rule}，请填写得分`;
  },
  scoreExceedsWeight(name: string, score: string, weight: string, locale?: Locale): string {
    return isEn(locale)
      ? `${indicator(name, locale)} has score (得分) ${score}, above its weight (分值) ${weight}: a score cannot be higher than the weight`
      : `${indicator(name)}的得分 ${score} 超过分值 ${weight}：得分不能高于分值`;
  },
  scoreOutOfBand(name: string, tier: Tier, min: string, max: string, maxInclusive: boolean, score: string, locale?: Locale): string {
    return isEn(locale)
      ? `${indicator(name, locale)} is judged “${zhTier[tier]}” (${enTier[tier]}), so its score should be between ${min} and ${max}${maxInclusive ? '' : ` (below ${max})`}; found ${score}: adjust the score to how far it was achieved`
      : `${indicator(name)}定性判断为“${zhTier[tier]}”，得分应在 ${min}–${max} 之间${maxInclusive ? '' : '（不含上限）'}，当前为 ${score}：请按完成情况调整得分`;
  },
  scoreMismatch(rule: string, target: string, actual: string, explanation: string, score: string, locale?: Locale, formula?: string): string {
    if (formula) {
      return isEn(locale)
        ? `Score should be ${rule}: ${formula} (target “${target}”, actual “${actual}”), found ${score}: correct the score (得分) by the scoring rules`
        : `得分应为 ${rule}：${formula}（年度指标值 ${target}，实际完成值 ${actual}），当前为 ${score}：请按评分规则修正得分`;
    }
    return isEn(locale)
      ? `Score should be ${rule} (target “${target}”, actual “${actual}”, ${explanation}), found ${score}: correct the score (得分) by the scoring rules`
      : `得分应为 ${rule}（年度指标值 ${target}，实际完成值 ${actual}，${explanation}），当前为 ${score}：请按评分规则修正得分`;
  },
  budgetFromInitial(initial: string, locale?: Locale): string {
    return isEn(locale)
      ? `Full-year budget (全年预算数) is blank, so the execution rate was calculated with the initial budget (年初预算数) ${initial}: enter the full-year budget, including adjustments`
      : `全年预算数为空，已按年初预算数 ${initial} 计算执行率：请填写全年预算数（含预算调整）`;
  },
  budgetMissing(locale?: Locale): string {
    return isEn(locale)
      ? 'Both the full-year budget (全年预算数) and the initial budget (年初预算数) are blank, so no execution rate can be calculated: enter the budget'
      : '全年预算数和年初预算数都为空，无法计算预算执行率：请填写预算数';
  },
  executedMissing(locale?: Locale): string {
    return isEn(locale)
      ? 'Full-year spending (全年执行数) is blank, so no execution rate can be calculated: enter the full-year spending'
      : '全年执行数为空，无法计算预算执行率：请填写全年执行数';
  },
  budgetNotPositive(budget: string, locale?: Locale): string {
    return isEn(locale)
      ? `The budget is ${budget}, so no execution rate can be calculated: enter a budget above 0`
      : `预算数为 ${budget}，不能计算执行率：请填写大于 0 的预算数`;
  },
  execRateMismatch(rate: string, executed: string, budget: string, entered: string, locale?: Locale): string {
    return isEn(locale)
      ? `Execution rate (执行率) should be ${rate} (spending ${executed} ÷ budget ${budget}), found ${entered}: correct the execution rate`
      : `执行率应为 ${rate}（全年执行数 ${executed} ÷ 预算数 ${budget}），当前为 ${entered}：请修正执行率`;
  },
  partExecRateMismatch(part: string, rate: string, executed: string, budget: string, entered: string, locale?: Locale): string {
    return isEn(locale)
      ? `Execution rate (执行率) of the row “${part}” should be ${rate} (spending ${executed} ÷ budget ${budget}), found ${entered}: correct that row's rate`
      : `“${part}”行的执行率应为 ${rate}（全年执行数 ${executed} ÷ 预算数 ${budget}），当前为 ${entered}：请修正该行执行率`;
  },
  partExecScoreMismatch(part: string, score: string, rate: string, weight: string, entered: string, locale?: Locale): string {
    return isEn(locale)
      ? `Score of the row “${part}” should be ${score} (rate ${rate} × weight ${weight}), found ${entered}: correct that row's score (得分)`
      : `“${part}”行的得分应为 ${score}（执行率 ${rate} × 分值 ${weight}），当前为 ${entered}：请修正该行得分`;
  },
  execScoreMismatch(score: string, rate: string, weight: string, entered: string, locale?: Locale): string {
    return isEn(locale)
      ? `Execution-rate score should be ${score} (weight ${weight} × rate ${rate} = ${score}), found ${entered}: correct the score (得分)`
      : `预算执行率得分应为 ${score}（分值 ${weight} × 执行率 ${rate} = ${score}），当前为 ${entered}：请修正得分`;
  },
  execRateLow(rate: string, lowPercent: string, locale?: Locale): string {
    return isEn(locale)
      ? `Budget execution rate ${rate} is below ${lowPercent}%: explain the low execution and the improvement measures in the self-evaluation report (自评报告)`
      : `预算执行率 ${rate} 低于 ${lowPercent}%：请在自评报告中说明执行偏低的原因及改进措施`;
  },
  execRateOver(rate: string, locale?: Locale): string {
    return isEn(locale)
      ? `Budget execution rate ${rate} is above 100%: spending exceeds the budget; check the budget and spending figures`
      : `预算执行率 ${rate} 超过 100%：执行数大于预算数，请核对预算数和执行数`;
  },
  weightSumMismatch(block: string, declared: string, sum: string, locale?: Locale): string {
    return isEn(locale)
      ? `“${block}” declares ${declared} points, but the weights (分值) of its indicators add up to ${sum}: adjust the weights so they total ${declared}`
      : `${block}标明 ${declared} 分，但其下各指标分值合计 ${sum} 分：请调整分值使合计等于 ${declared} 分`;
  },
  /**
   * `missing`: standard blocks the table lacks whose standard 分值 make up exactly the shortfall
   * (computed in check.ts): then they are named as the cause.
   */
  weightTotalMismatch(total: string, expected: string, locale?: Locale, missing: { block: MissingBlock; weight: number }[] = []): string {
    if (missing.length) {
      const en = { budget: 'budget execution rate', output: 'output indicators', effect: 'effect indicators', satisfaction: 'satisfaction indicators' };
      const zh = { budget: '预算执行率', output: '产出指标', effect: '效益指标', satisfaction: '满意度指标' };
      return isEn(locale)
        ? `The weights (分值) add up to ${total} points; they should total ${expected}: the table has no ${missing.map((m) => `${en[m.block]} (${m.weight} points as standard)`).join(' or ')}. Add the missing part, or check each indicator's weight`
        : `各项分值合计 ${total} 分，应为 ${expected} 分：表中没有${missing.map((m) => `${zh[m.block]}（标准 ${m.weight} 分）`).join('、')}，请补上缺少的部分或核对各指标分值`;
    }
    return isEn(locale)
      ? `The weights (分值) add up to ${total} points including the budget execution rate; they should total ${expected}: check each indicator's weight`
      : `各项分值合计 ${total} 分（含预算执行率），应为 ${expected} 分：请核对各指标分值`;
  },
  headerTotalMismatch(label: string, entered: string, sum: string, locale?: Locale): string {
    return isEn(locale)
      ? `The total “${label}” ${entered} written above the table does not match the sum of the scores, ${sum} (including the execution-rate score): correct it`
      : `表头“${label}” ${entered} 与各项得分合计 ${sum}（含预算执行率得分）不一致：请更正`;
  },
  totalMismatch(entered: string, sum: string, locale?: Locale): string {
    return isEn(locale)
      ? `Total score (总分) ${entered} does not match the sum of the scores, ${sum} (including the execution-rate score): add up the total again`
      : `总分 ${entered} 与各项得分合计 ${sum}（含预算执行率得分）不一致：请重新合计总分`;
  },
  cellError(error: string, locale?: Locale): string {
    return isEn(locale)
      ? `The cell shows the error ${error}, so it cannot be checked: correct the formula or the data it uses, then check again`
      : `单元格显示错误值 ${error}，无法检查：请修正公式或其引用的数据后重新校验`;
  },
  formulaNotCalculated(locale?: Locale): string {
    return isEn(locale)
      ? 'The formula in this cell was saved without a calculated value (未计算), so it cannot be checked: open the file in Excel or WPS, recalculate and save, then check again'
      : '该单元格的公式未计算（文件保存时没有计算结果），无法检查：请在 Excel 或 WPS 中打开、重新计算并保存后再检查';
  },
  totalMissing(sum: string, locale?: Locale): string {
    return isEn(locale)
      ? `The total score (总分) is blank; the scores add up to ${sum} (including the execution-rate score): enter the total`
      : `总分为空，各项得分合计 ${sum}（含预算执行率得分）：请填写总分`;
  },
  budgetIsDate(field: BudgetField, shown: string, locale?: Locale): string {
    return isEn(locale)
      ? `${enBudget[field]} is formatted as a date (shown as “${shown}”), not an amount: set the cell's number format to a number and check the amount`
      : `${zhBudget[field]}单元格是日期格式（显示为 ${shown}），不是金额：请把单元格格式改为数值并核对金额`;
  },
  partsMet(count: number, locale?: Locale): string {
    return isEn(locale) ? `all ${count} breakdown rows (其中) achieved` : `其中 ${count} 项均已完成`;
  },
  partsBelow(count: number, percent: string, locale?: Locale): string {
    return isEn(locale) ? `its ${count} breakdown rows (其中) achieved ${percent}% on average` : `其中 ${count} 项平均完成 ${percent}%`;
  },
  reasonPlaceholder(name: string, why: ReasonWhy, text: string, locale?: Locale): string {
    return isEn(locale)
      ? `${indicator(name, locale)} ${reasonWhy(why, locale)}; “${text}” is not a reason: write the deviation reason and improvement measures (偏差原因分析及改进措施)`
      : `${indicator(name)}${reasonWhy(why)}，“${text}”不是偏差原因：请写明偏差原因分析及改进措施`;
  },
  execScoreBlank(score: string, rate: string, weight: string, locale?: Locale): string {
    return isEn(locale)
      ? `Execution-rate score (得分) is blank; it should be ${score} (rate ${rate} × weight ${weight}): enter the score`
      : `预算执行率得分为空，应为 ${score}（执行率 ${rate} × 分值 ${weight}）：请填写得分`;
  },
  budgetBreakdownMismatch(field: BudgetField, total: string | null, sum: string, locale?: Locale): string {
    if (isEn(locale)) {
      return total === null || Number(total) === 0
        ? `${enBudget[field]} of the total (年度资金总额) is ${total ?? 'blank'} while its breakdown rows (其中) add up to ${sum}: enter the total; the execution rate was calculated from the breakdown`
        : `${enBudget[field]} of the total (年度资金总额) is ${total}, but its breakdown rows (其中) add up to ${sum}: check the total and its breakdown`;
    }
    return total === null || Number(total) === 0
      ? `年度资金总额的${zhBudget[field]}为${total ?? '空'}，其中各项合计 ${sum}：请填写资金总额（执行率已按其中各项合计计算）`
      : `年度资金总额的${zhBudget[field]} ${total} 与其中各项合计 ${sum} 不一致：请核对资金总额及其中各项`;
  },
  weightOffStandard(block: string, weight: string, standard: string, locale?: Locale): string {
    return isEn(locale)
      ? `“${block}” carries ${weight} points; the standard weight is ${standard}: check the first-level weights (一级指标分值) against the rules in force`
      : `${block}分值为 ${weight} 分，标准分值为 ${standard} 分：请按现行规定核对一级指标分值`;
  },
  executionCountedTwice(name: string, weight: string, budgetWeight: string, locale?: Locale): string {
    return isEn(locale)
      ? `${indicator(name, locale)} carries ${weight} points although the budget execution rate is already scored in the budget block (${budgetWeight} points): the same rate counts twice in the total; remove the row or set its weight (分值) to 0`
      : `${indicator(name)}计 ${weight} 分，而预算执行率已在预算执行情况中计分（${budgetWeight} 分）：同一执行率在总分中计了两次，请删除此行或将其分值改为 0`;
  },
  budgetWeightOffStandard(weight: string, standard: string, locale?: Locale): string {
    return isEn(locale)
      ? `The budget execution rate carries ${weight} points; the standard weight is ${standard}: check its weight (分值)`
      : `预算执行率分值为 ${weight} 分，标准分值为 ${standard} 分：请核对预算执行率分值`;
  },
  tableNotRecognized(missing: string[], locale?: Locale): string {
    if (isEn(locale)) {
      const why = missing.length
        ? `no ${missing.map((m) => `“${m}”`).join(', ')} column was found`
        : 'its column titles are not on one header row';
      return `This sheet has indicator-table titles but no self-evaluation table could be read: ${why}; use the standard column titles “年度指标值”, “实际完成值”, “分值” and “得分” on one header row so the table can be checked`;
    }
    const why = missing.length ? `未找到${missing.map((m) => `“${m}”`).join('、')}列` : '各列标题不在同一表头行';
    return `该表含有绩效指标表头，但未能识别为绩效自评表：${why}；请在同一表头行使用标准列名（年度指标值、实际完成值、分值、得分）后再检查`;
  },
  scoringSheetNotChecked(kind: string, locale?: Locale): string {
    return isEn(locale)
      ? `This sheet is a scoring-standard table (“${kind}”): such sheets are not checked yet; check its scores by hand`
      : `该表是“${kind}”表：暂不校验此类表，请人工核对其中的得分`;
  },
  gradeMismatch(expected: string, total: string, written: string, locale?: Locale): string {
    return isEn(locale)
      ? `Grade (评价等次) should be “${expected}” (total score ${total}), found “${written}”: correct the grade to match the total score`
      : `评价等次应为“${expected}”（总分 ${total}），当前为“${written}”：请按总分修正评价等次`;
  },
};

// ---------------------------------------------------------------- notes and the summary sheet

const zhSeverity: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
const enSeverity: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Info' };

export function severityLabel(severity: Severity, locale?: Locale): string {
  return (isEn(locale) ? enSeverity : zhSeverity)[severity];
}

/** One line of a cell note: "错误：…" / "Error: …". */
export function noteLine(severity: Severity, message: string, locale?: Locale): string {
  return isEn(locale) ? `${enSeverity[severity]}: ${message}` : `${zhSeverity[severity]}：${message}`;
}

const zhKind: Record<TableKind, string> = { project: '项目支出', department: '部门整体支出', unknown: '未识别' };
const enKind: Record<TableKind, string> = { project: 'Project spending', department: 'Department overall', unknown: 'Not recognised' };

export const summaryText = {
  title: (locale?: Locale): string => (isEn(locale) ? 'PE Self-Check summary' : '绩效自评汇总'),
  intro(files: number, tables: number, findings: number, locale?: Locale): string {
    return isEn(locale)
      ? `Generated by PE Self-Check: ${files} file(s), ${tables} self-evaluation table(s), ${findings} finding(s). This sheet is regenerated on every check; do not enter data here.`
      : `由绩效自评助手生成：共 ${files} 个文件、${tables} 张自评表、${findings} 条检查结果。重新校验时本表会重新生成，请勿在此录入数据。`;
  },
  file: (locale?: Locale): string => (isEn(locale) ? 'File' : '文件'),
  tableHeader(locale?: Locale): string[] {
    return isEn(locale)
      ? ['Sheet', 'Project / department', 'Type', 'Execution rate', 'Execution score', 'Score / weight by level',
        'Entered total', 'Recalculated total', 'Grade', 'Errors', 'Warnings', 'Missing reasons', 'Partly unverified']
      : ['工作表', '项目/部门名称', '类型', '执行率', '执行率得分', '各级指标得分/分值',
        '填报总分', '重算总分', '评价等次', '错误', '警告', '缺少偏差原因', '重算总分未核验部分'];
  },
  kind: (kind: TableKind, locale?: Locale): string => (isEn(locale) ? enKind : zhKind)[kind],
  /** RULES §7: rows whose entered score stands in the recalculated total unchecked ('' when none). */
  unverified(rows: number[], locale?: Locale): string {
    if (rows.length === 0) return '';
    return isEn(locale)
      ? `row${rows.length > 1 ? 's' : ''} ${rows.join(', ')} counted as entered (could not be scored)`
      : `第 ${rows.join('、')} 行无法计分，按填报得分计入`;
  },
  notScored: (locale?: Locale): string => (isEn(locale) ? 'Not scored' : '未计分'),
  /** 产出 45/50；效益 28/30；满意度 10/10 (得分/分值 of each level present). */
  levelFigures: (levels: { level: 'output' | 'effect' | 'satisfaction'; score: string; weight: string }[], locale?: Locale): string =>
    levels
      .map((l) => `${(isEn(locale) ? { output: 'Output', effect: 'Effect', satisfaction: 'Satisfaction' } : { output: '产出', effect: '效益', satisfaction: '满意度' })[l.level]} ${l.score}/${l.weight}`)
      .join(isEn(locale) ? '; ' : '；'),
  /** The colour legend above the tables (what the fills of the marked cells and the sheet mean). */
  legend: (locale?: Locale): string[] =>
    isEn(locale) ? ['Colours:', 'Error', 'Warning', 'Tip', 'Missing reason'] : ['颜色说明：', '错误', '警告', '提示', '缺少偏差原因'],
  /** Under the legend: a merged block is marked by its note alone. */
  legendBlock: (locale?: Locale): string =>
    isEn(locale)
      ? 'A problem on a merged block over several rows (such as a first-level indicator label) gets a note only, no colour, so the block is not painted.'
      : '整块合并单元格（如跨多行的一级指标）上的问题只加批注、不着色，以免整块变色。',
  /** The overview's list of findings cut after `shown` (the worst files first). */
  findingsCut: (rest: number, shown: number, locale?: Locale): string =>
    isEn(locale)
      ? `${rest.toLocaleString('en-US')} more findings are not listed here (the list stops at ${shown.toLocaleString('en-US')}): see each file's highlighted copy or the --json report.`
      : `以上列出前 ${shown} 条问题，其余 ${rest} 条未列出：请查看各文件的标记副本或 --json 报告。`,
  /** A grade withheld (待核) and why. */
  gradePending: (p: GradePending, locale?: Locale): string => (isEn(locale) ? `To be verified (${gradePendingText(p, locale)})` : `待核（${gradePendingText(p, locale)}）`),
  noTables(locale?: Locale): string {
    return isEn(locale)
      ? 'No self-evaluation table found: the header row needs columns such as “三级指标（指标名称）”, “年度指标值” and “实际完成值”.'
      : '未找到绩效自评表：表头需含“三级指标（指标名称）”“年度指标值”“实际完成值”等列。';
  },
  findingsHeader(locale?: Locale): string[] {
    return isEn(locale) ? ['Location', 'Message', 'Severity', 'Code'] : ['位置', '说明', '级别', '代码'];
  },
  noFindings: (locale?: Locale): string => (isEn(locale) ? 'No problems found.' : '没有发现问题。'),
};

/** Why a grade is withheld, in words: the 分值 do not add up, or the total passes the full score. */
export function gradePendingText(p: GradePending, locale?: Locale): string {
  if (p.reason === 'weights') return isEn(locale) ? `weights total ${p.total}, not ${p.expected}` : `分值合计 ${p.total} 分，不是 ${p.expected} 分`;
  return isEn(locale) ? `recalculated total ${p.total} passes ${p.expected}` : `重算总分 ${p.total} 超过满分 ${p.expected}`;
}
