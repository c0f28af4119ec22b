// Column titles and row labels as data: table recognition never relies on fixed positions.
// Titles are compared after `normalizeLabel` (no spaces or line breaks, half-width brackets).

export type ColumnRole =
  | 'level1' | 'level2' | 'name' | 'target' | 'adjustedTarget' | 'actual' | 'weight' | 'score' | 'reason' | 'direction'
  // RULES §7 split target: 年度指标值 over 指标性质 | 指标值 | 度量单位 (the value column is `target`).
  | 'targetOperator' | 'targetUnit';

/** Synonyms per role, tried in this order of roles (actual before target: 实际完成值 is not a 目标值). */
export const columnSynonyms: [ColumnRole, string[]][] = [
  ['level1', ['一级指标']],
  ['level2', ['二级指标']],
  ['name', ['三级指标', '指标内容', '指标名称', '三级指标名称', '绩效指标名称', '具体指标']],
  ['actual', ['实际完成值', '全年实际值', '全年完成值', '实际值', '完成值', '实际完成数', '全年实际完成值', '实际完成指标值', '实际完成情况', '完成情况', '指标完成值', '实际完成']],
  // An adjusted target (调整指标值) stands beside the original one: it wins where it is filled.
  ['adjustedTarget', ['调整指标值', '调整后指标值', '调整目标值', '调整后目标值', '调整后年度指标值']],
  ['target', ['年度指标值', '指标值', '指标(目标)值', '年度目标值', '目标值', '全年指标值', '年度指标目标值', '预期指标值', '计划指标值', '绩效目标值', '年度绩效目标值', '预期目标值',
    '年初指标值', '年初目标值', '预期值', '计划值']],
  ['weight', ['分值', '权重', '指标分值', '指标权重', '权重分', '标准分值', '权重(分)', '分值(分)', '参考分值']],
  ['score', ['得分', '自评得分', '实际得分', '评分', '指标得分', '自评分']],
  ['direction', ['指标方向', '计分方向', '评分方向', '指标导向', '方向', '计算符号']],
  ['reason', ['偏差原因分析及改进措施', '偏差原因', '未完成原因', '原因分析', '偏差原因及改进措施', '未完成原因分析', '未完成原因和改进措施', '未完成原因及拟采取的改进措施', '偏差原因分析']],
];

/**
 * RULES §7: the sub-titles under a 年度指标值 spread over three columns (second header row).
 * `target` is the value column itself.
 */
export const splitTargetSynonyms: [ColumnRole, string[]][] = [
  ['targetOperator', ['指标性质', '符号', '运算符', '比较符', '指标符号']],
  ['target', ['指标值', '值', '数值', '目标值']],
  ['targetUnit', ['度量单位', '单位', '计量单位']],
];

export type BudgetRole = 'initial' | 'planned' | 'executed' | 'weight' | 'rate' | 'score';

export const budgetSynonyms: [BudgetRole, string[]][] = [
  ['initial', ['年初预算数', '年初预算', '年初数']],
  ['planned', ['全年预算数', '全年预算', '调整后预算数', '调整后预算', '调整预算数', '全年(调整)预算数', '预算数']],
  // RULES §8: 全年执行 (without 数), 实际支出, 拨付 are the same column.
  ['executed', ['全年执行数', '执行数', '全年实际支出', '实际支出数', '预算执行数', '实际执行数', '全年实际执行数', '全年执行', '实际支出', '拨付数', '实际拨付数', '拨付金额', '已拨付']],
  ['weight', ['分值', '权重', '执行率权重', '执行率分值']],
  ['rate', ['执行率', '预算执行率', '资金执行率']],
  // 执行率得分 would otherwise match 执行率 by prefix
  ['score', ['得分', '自评得分', '执行率得分', '预算执行率得分']],
];

/**
 * RULES §8 money written as label:value pairs (年度金额：208万元 … 资金使用情况：109.8万元): the label of
 * the budget and of what was spent, each followed by its amount on the same row.
 */
export const budgetPairLabels = {
  planned: ['年度金额', '年度资金', '年度资金总额', '预算金额', '下达金额', '资金总额', '年度预算', '年度预算数', '资金下达情况', '下达资金'],
  executed: ['资金使用情况', '使用情况', '资金使用', '实际使用', '实际支出', '已使用', '支出金额', '资金支出情况', '已支出', '执行金额'],
};

/** Row labels. */
export const rowLabels = {
  budgetTotal: ['年度资金总额', '资金总额', '年度资金总额(万元)', '总额', '合计金额'],
  /** Rows under 年度资金总额 that break it down (RULES §7); a leading 其中 is dropped before matching. */
  budgetParts: ['当年财政拨款', '本年财政拨款', '上年结转资金', '上年结转', '其他资金', '财政资金', '财政专户管理资金', '单位资金',
    '财政拨款', '上级补助', '上级资金', '本级资金', '本级财政资金', '中央资金', '省级资金', '市级资金', '县级资金', '自筹资金', '社会资金', '结转资金'],
  /**
   * RULES §8: funding rows listed without 其中 name a level or source of money (中央财政, 地方资金,
   * 市县配套资金 …): a short label that starts with such a word and ends with a word for money.
   */
  budgetPartPattern: /^(?:中央|省|省级|市|市级|州|县|县级|区|区级|市县|地方|本级|上级|自筹|社会|单位|财政|其他|一般公共预算|政府性基金)[^\d，,。]{0,6}(?:资金|财政|拨款|补助|配套|预算)$/,
  total: ['总分', '合计', '总计', '总得分', '得分合计', '合计得分', '总分合计', '综合得分', '绩效自评综合得分', '自评综合得分', '自评总分', '评价总分'],
  grade: ['评价等次', '评价等级', '自评等次', '自评等级', '绩效等级', '等次'],
  /**
   * A total written in the header block, label cell then number (重庆 `自评总分(分) 97.6`, 宁夏
   * `自评得分 98` beside 实施单位): compared with the sum of scores like the 总分 row.
   */
  headerTotal: ['自评总分', '自评得分', '综合得分', '自评综合得分', '绩效自评综合得分', '总得分', '评价总分', '自评分数', '自评总得分'],
  projectTitle: ['项目支出名称', '项目名称', '专项名称'],
  departmentTitle: ['部门名称', '区级预算部门名称', '预算部门名称', '部门(单位)名称', '单位名称', '预算单位名称'],
};

/**
 * RULES §7 template placeholder rows: names the official template ships (指标1：, 指标2, ……) and
 * cell marks meaning "not applicable". A row with such a name and no values is no indicator.
 */
export const templateWords = {
  /** A 三级指标 that is only the template's numbering, with nothing after it. */
  placeholderName: /^(?:指标\s*[0-9一二三四五六七八九十]+\s*[:：、.．]?\s*[/／]?|[…．.。·]{2,}|…|[/／]|[-—–]+)$/,
  /** The template's numbering in front of a real name: "指标1：工程质量合格" is 工程质量合格. */
  numberingPrefix: /^指标\s*[0-9一二三四五六七八九十]+\s*[:：、.．]?\s*/,
  /** Cell texts that mean "not applicable / nothing". */
  notApplicable: ['/', '／', '—', '——', '-', '--', '–', '无', '…', '……', '\\'],
  /** Texts that fill a 偏差原因 cell without giving a reason (RULES §7). */
  reasonPlaceholders: ['无', '/', '／', '—', '——', '-', '--', '–', '暂无', '不适用', '0', '无偏差', '无差异', '没有', '空', '略', '无。', '无原因',
    'N/A', 'NA', 'n/a', '\\', '…', '……', '.'],
};

/**
 * RULES §7 "never silent": titles that say a sheet holds an indicator table (with the column
 * synonyms above), and the titles of scoring sheets we do not check yet.
 */
export const indicatorSheetTitles = ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '指标值', '实际完成值', '分值', '得分', '权重', '指标名称', '绩效目标'];
export const scoringSheetTitles = ['评分标准', '得分系数', '评分细则', '评分办法', '扣分标准', '评分要点', '得分表', '评分表', '打分表'];

/**
 * 三级指标 names of at-most indicators (lower is better): with no operator in the target, a name
 * ending so is read as 反向 — 预算调整率 3% met by 0%. Not 控制率: tables use it both ways
 * (kaifu's “三公经费”控制率 100 / 70 is scored 正向 by its reviewer).
 */
export const reverseNameEndings = ['调整率', '结余率', '结转率', '变动率', '差错率', '投诉率', '事故率', '发生率', '失误率', '返工率', '超支率'];

/**
 * 三级指标 names that measure what the budget block already scores (RULES §1/§3 预算执行率): a row
 * so named with a weight, beside a budget block that carries its own 分值/得分, counts the rate
 * twice (execution-counted-twice). Matched on the name's ending, after a trailing "(…)" is dropped:
 * 项目资金执行率, 预算资金执行率 are the same; 政府采购执行率, 预算调整率, 资金拨付率 are not.
 */
export const executionIndicatorNames = ['预算执行率', '资金执行率', '预算完成率', '预算支出率', '资金支出率'];

/**
 * RULES §8 goal-copied: the 年度总体目标 block's two titles, each over the cell that holds its text
 * (预期目标 | 实际完成情况 in the standard template).
 */
export const goalTitles = {
  goal: ['预期目标', '年度目标', '年初绩效目标', '年初目标', '年度绩效目标', '预期绩效目标'],
  result: ['实际完成情况', '完成情况', '全年实际完成情况', '全年目标实际完成情况', '目标实际完成情况', '年度目标完成情况', '目标完成情况'],
};

/**
 * RULES §8 claim-contradicts-budget: 三级指标 names that measure the money itself, by what they
 * measure. `spent` rates (执行, 支付, 使用) must agree with the budget block's rate; `allocated`
 * rates (拨付, 到位) may run ahead of spending, so only a claim below the spent rate contradicts it.
 */
export const moneyIndicatorNames = {
  spent: ['预算执行率', '资金执行率', '项目资金执行率', '支付进度', '资金支付进度', '资金使用率', '资金支出率', '预算支出率'],
  allocated: ['资金拨付率', '资金到位率', '到位率', '拨付率', '资金足额拨付率', '资金拨付到位率'],
};

/**
 * RULES §8 lower-is-better names whose reading the numbers may contradict: with no operator
 * written, both readings are tried and no error is raised where they disagree and the entered score
 * follows neither. 控制率 is not here: the reviewer of a seed table (kaifu, “三公经费”控制率 100 → 70)
 * scores it 正向 and asks for the reason, and that acceptance file must hold (docs/DECISIONS.md).
 */
export const lowerIsBetterNames = ['发生率', '事故率', '受害率', '成灾率', '投诉率', '差错率', '超支率', '变动率', '死亡率', '伤亡率', '死亡人数', '伤亡人数', '失误率'];

/** Titles of a column of 正向 / 反向 beside a 指标方向 column (RULES §8 direction contradiction). */
export const natureTitles = ['指标性质', '性质', '指标类型', '指标属性'];

/** Canonical 一级指标 names and their synonyms (RULES §1). */
export const level1Synonyms: [string, string[]][] = [
  ['产出指标', ['产出指标', '项目产出指标', '产出']],
  ['效益指标', ['效益指标', '项目效益指标', '效益']],
  ['满意度指标', ['满意度指标', '服务对象满意度指标', '满意度']],
];

/**
 * category-mismatch: words in a 三级指标 name that say which 二级指标 it belongs to.
 * `category` is the word the 二级 (or 一级) label must contain.
 */
export const categoryKeywords: { category: string; label: string; words: string[] }[] = [
  { category: '时效', label: '时效指标', words: ['及时', '时效'] },
  { category: '满意度', label: '满意度指标', words: ['满意度'] },
  { category: '成本', label: '成本指标', words: ['成本', '节约', '费用'] },
];

/** Grade words people write in a 评价等次 cell. */
export const gradeWords: [string, '优' | '良' | '中' | '差'][] = [
  ['优秀', '优'], ['优', '优'], ['良好', '良'], ['良', '良'], ['中等', '中'], ['合格', '中'], ['中', '中'],
  ['不合格', '差'], ['较差', '差'], ['差', '差'],
];

const labelChars: Record<string, string> = { '（': '(', '）': ')', '：': '', ':': '' };

/** One pass: drop spaces, line breaks and colons, half-width brackets. */
export function normalizeLabel(text: string): string {
  return text.replace(/[\s\u3000：:（）]/g, (ch) => labelChars[ch] ?? '');
}

interface SynonymIndex<R> {
  exact: Map<string, R>;
  /** Prefix candidates by first character, so a cell is compared with a handful of words at most. */
  byFirstChar: Map<string, [string, R][]>;
}

const indexes = new WeakMap<object, SynonymIndex<string>>();

function indexOf<R extends string>(synonyms: [R, string[]][]): SynonymIndex<R> {
  let index = indexes.get(synonyms) as SynonymIndex<R> | undefined;
  if (!index) {
    index = { exact: new Map(), byFirstChar: new Map() };
    for (const [role, words] of synonyms) {
      for (const w of words) {
        if (!index.exact.has(w)) index.exact.set(w, role);
        if (w.length < 2) continue;
        const list = index.byFirstChar.get(w[0]) ?? [];
        list.push([w, role]);
        index.byFirstChar.set(w[0], list);
      }
    }
    indexes.set(synonyms, index as SynonymIndex<string>);
  }
  return index;
}

/** Longest header title we try prefix matches on: longer cells are indicator text, not titles. */
const MAX_TITLE_LENGTH = 16;

/**
 * What may not follow a synonym in a prefix match: 得分系数 / 得分率 / 评分标准 are other columns
 * than 得分 (a Chongqing table's 得分系数(%) would otherwise be read as every row's score).
 */
const NOT_A_CONTINUATION = /^(系数|率|标准|说明|依据|方法|细则|规则|要点|办法|等级|等次|计算)/;

/** Role of a normalized header text, or undefined. Exact match first, then a prefix match (偏差原因分析及…). */
export function matchRoleNormalized<R extends string>(t: string, synonyms: [R, string[]][]): R | undefined {
  if (!t || t.length > MAX_TITLE_LENGTH + 8) return undefined;
  const index = indexOf(synonyms);
  const hit = index.exact.get(t) ?? (t.endsWith(')') ? index.exact.get(t.replace(/\([^)]*\)$/, '')) : undefined);
  if (hit) return hit;
  if (t.length > MAX_TITLE_LENGTH) return undefined;
  const candidates = index.byFirstChar.get(t[0]);
  if (!candidates) return undefined;
  // Synonym lists are in role priority order, and so is each candidate list.
  for (const [w, role] of candidates) if (t.startsWith(w) && !NOT_A_CONTINUATION.test(t.slice(w.length))) return role;
  return undefined;
}

export function matchRole<R extends string>(text: string, synonyms: [R, string[]][]): R | undefined {
  return matchRoleNormalized(normalizeLabel(text), synonyms);
}

export function labelIsNormalized(t: string, labels: string[]): boolean {
  return t !== '' && (labels.includes(t) || (t.endsWith(')') && labels.includes(t.replace(/\([^)]*\)$/, ''))));
}

export function labelIs(text: string, labels: string[]): boolean {
  return labelIsNormalized(normalizeLabel(text), labels);
}
