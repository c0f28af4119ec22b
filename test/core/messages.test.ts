// Locale of the core's user-facing text: the English run finds exactly what the Chinese run finds,
// English messages carry no Chinese except where the rule below allows it, and the Chinese text
// (the CLI's, the JSON report's, the fixtures') is unchanged.
import path from 'path';
import ExcelJS from 'exceljs';
import { workbookToGrids } from '../../src/files/xlsxGrid';
import { scoreIndicator } from '../../src/core/api';
import { checkWorkbook } from '../../src/core/check';
import { D } from '../../src/core/decimal';
import { PeInputError } from '../../src/core/errors';
import { NOTE_PREFIX, planHighlights } from '../../src/core/highlight';
import { engine, explain, finding, noteLine, severityLabel, summaryText } from '../../src/core/messages';
import { mof2020 } from '../../src/core/profile';
import { evaluateIndicator } from '../../src/core/score';
import { SUMMARY_SHEET_NAME, buildSummary } from '../../src/core/summary';
import { parseValue } from '../../src/core/values';
import type { Finding, FindingCode, SheetGrid, SummaryModel, WorkbookCheck } from '../../src/core/types';
import { scenarios, type Scenario } from './messageScenarios';

// ------------------------------------------------------------------ the English rule

/**
 * What of an English text must be free of Chinese: the text without
 *  1. every “…” part (balanced, so a cell text with its own “…” inside is removed whole): text as
 *     written in a cell, or a word to write in one, stays as written; and
 *  2. every ASCII-parenthesised gloss made only of Han characters, e.g. " (得分)": the Chinese term
 *     a reader in a Chinese finance office looks for in the table.
 */
function outsideAllowedChinese(text: string): string {
  let out = '';
  let depth = 0;
  for (const ch of text) {
    if (ch === '“') depth++;
    else if (ch === '”' && depth > 0) depth--;
    else if (depth === 0) out += ch;
  }
  return out.replace(/ ?\(\p{Script=Han}+\)/gu, '');
}

/** Han characters plus CJK and full-width punctuation (，：（） and the like). */
const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

function expectEnglish(text: string): void {
  const rest = outsideAllowedChinese(text);
  if (CJK.test(rest)) throw new Error(`Chinese outside quotes/glosses in: ${text}\n  left after stripping: ${rest}`);
}

describe('the English rule itself', () => {
  it('strips quoted cell text, nested quotes and pure-Chinese glosses', () => {
    expect(outsideAllowedChinese('Indicator “培训人次” has no weight (分值): enter it')).toBe('Indicator  has no weight: enter it');
    expect(outsideAllowedChinese('Indicator ““三公经费”控制率” repeats row 3')).toBe('Indicator  repeats row 3');
  });
  it('keeps Chinese that is neither quoted nor a gloss', () => {
    for (const bad of ['Score should be 8 (目标 90)', 'achieved 800人次', 'enter the amount（万元）', 'row 3，check', 'see (得分 column)']) {
      expect(CJK.test(outsideAllowedChinese(bad))).toBe(true);
    }
  });
});

// ------------------------------------------------------------------ fixtures and scenarios

const FIXTURES = ['hengshan-2022-project', 'kaifu-2022-dept', 'kaifu-2022-project-jcdj', 'linxiang-2023-project-gzjf'];

async function fixtureGrids(name: string): Promise<SheetGrid[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(__dirname, '..', 'fixtures', `${name}.xlsx`));
  return workbookToGrids(wb);
}

const withoutMessage = ({ message: _m, ...rest }: Finding) => rest;

const ALL_CODES: FindingCode[] = [
  'score-mismatch', 'score-out-of-band', 'score-exceeds-weight', 'reason-missing', 'over-target',
  'execrate-mismatch', 'execscore-mismatch', 'execrate-low', 'execrate-over', 'budget-missing',
  'weight-sum-mismatch', 'weight-total-mismatch', 'total-mismatch', 'grade-mismatch', 'target-missing',
  'actual-missing', 'weight-missing', 'name-missing', 'value-unparseable', 'unit-mismatch',
  'target-not-measurable', 'actual-has-operator', 'number-with-note', 'zero-weight', 'duplicate-indicator',
  'category-mismatch', 'columns-shifted', 'not-scorable',
  'budget-breakdown-mismatch', 'weight-off-standard', 'table-not-recognized', 'cell-error', 'formula-not-calculated', 'total-missing',
  'actual-not-numeric', 'execution-counted-twice', 'column-assumed', 'claim-contradicts-budget', 'goal-copied', 'direction-conflict',
];

interface Run {
  name: string;
  zh: WorkbookCheck;
  en: WorkbookCheck;
}

let runs: Run[] = [];
let fixtureRuns: Record<string, WorkbookCheck> = {};

beforeAll(async () => {
  const all: Scenario[] = scenarios();
  for (const name of FIXTURES) all.push({ name, sheets: await fixtureGrids(name), profile: mof2020 });
  runs = all.map((s) => ({
    name: s.name,
    zh: checkWorkbook(s.sheets, s.profile),
    en: checkWorkbook(s.sheets, s.profile, { locale: 'en' }),
  }));
  fixtureRuns = Object.fromEntries(runs.filter((r) => FIXTURES.includes(r.name)).map((r) => [r.name, r.zh]));
});

describe('English findings', () => {
  it('the scenarios and fixtures between them produce every finding code', () => {
    const seen = new Set(runs.flatMap((r) => r.en.findings.map((f) => f.code)));
    expect([...seen].sort()).toEqual([...ALL_CODES].sort());
  });

  it('are the same findings as the Chinese run (code, cell, severity, expected, found, order) and the same tables', () => {
    for (const r of runs) {
      expect({ name: r.name, findings: r.en.findings.map(withoutMessage) }).toEqual({ name: r.name, findings: r.zh.findings.map(withoutMessage) });
      expect(r.en.tables).toEqual(r.zh.tables);
    }
  });

  it('have no Chinese outside quoted cell text and (term) glosses', () => {
    let checked = 0;
    for (const r of runs) {
      for (const f of r.en.findings) {
        expectEnglish(f.message);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(150);
  });

  it('differ from the Chinese message (nothing left untranslated)', () => {
    for (const r of runs) r.en.findings.forEach((f, i) => expect(f.message).not.toBe(r.zh.findings[i].message));
  });

  it('read as intended (spot checks)', () => {
    const jcdj = runs.find((r) => r.name === 'kaifu-2022-project-jcdj')!.en.findings;
    expect(jcdj.find((f) => f.code === 'score-mismatch' && f.cell === 'H24')!.message).toBe(
      'Score should be 5 (target “90”, actual “90”, achieved), found 4.25: correct the score (得分) by the scoring rules');
    const sink = runs.find((r) => r.name === 'kitchen sink')!.en.findings;
    expect(sink.find((f) => f.code === 'reason-missing' && f.cell === 'I6')!.message).toBe(
      'Indicator “培训人次” did not meet its target (achieved “800人次” of “1000人次”): fill in the deviation reason and improvement measures (偏差原因分析及改进措施)');
    // The kitchen sink's 分值 add up to 105: its grade is withheld (待核), not compared (issue 19).
    expect(sink.find((f) => f.code === 'grade-mismatch')).toBeUndefined();
    const graded = runs.find((r) => r.name === 'grade-mismatch')!.en.findings;
    expect(graded.find((f) => f.code === 'grade-mismatch')!.message).toBe(
      'Grade (评价等次) should be “优” (total score 99.5), found “良”: correct the grade to match the total score');
  });
});

// ------------------------------------------------------------------ Chinese unchanged

describe('Chinese messages stay as they were', () => {
  it('the default is zh-CN', () => {
    for (const s of scenarios()) expect(checkWorkbook(s.sheets, s.profile)).toEqual(checkWorkbook(s.sheets, s.profile, { locale: 'zh-CN' }));
  });

  // Taken from the fixtures' reports before the locale existed (cell → message).
  const expected: Record<string, Record<string, string>> = {
    'kaifu-2022-project-jcdj': {
      'score-mismatch@H24': '得分应为 5（年度指标值 90，实际完成值 90，已完成），当前为 4.25：请按评分规则修正得分',
      'reason-missing@I14': '指标“党员教育宣传片个数”超额完成较多，需要填写偏差原因分析及改进措施',
      'over-target@F14': '实际完成值 6 超出年度指标值 4 较多（达 120% 以上）：请分析原因，指标值是否设定偏低，并在偏差原因中说明',
      'category-mismatch@D24': '指标“党员教育宣传片成片及时率”看起来属于时效指标，却填在“社会效益指标”下：请核对二级指标分类',
      'weight-sum-mismatch@B13': '产出指标标明 50 分，但其下各指标分值合计 40 分：请调整分值使合计等于 50 分',
      'total-mismatch@H31': '总分 97.75 与各项得分合计 97.3（含预算执行率得分）不一致：请重新合计总分',
    },
    'kaifu-2022-dept': {
      'number-with-note@E5': '全年执行数“6558.23（含公共专项2756.07）”在数字后附有文字，已按 6558.23 计算：建议只填数字，把说明写在备注中',
      'execrate-low@G5': '预算执行率 79.31% 低于 90%：请在自评报告中说明执行偏低的原因及改进措施',
      'score-mismatch@H25': '得分应为 3.89：分值 5 × 实际 70% ÷ 目标 90% = 3.89（年度指标值 90%，实际完成值 70%），当前为 3.5：请按评分规则修正得分',
      'zero-weight@G37': '指标“服务对象满意度”的分值为 0：该指标不计分，请确认是否应分配分值',
      'weight-total-mismatch@G38': '各项分值合计 125 分（含预算执行率），应为 100 分：请核对各指标分值',
    },
    'hengshan-2022-project': {
      'budget-missing@D5': '全年预算数为空，已按年初预算数 24 计算执行率：请填写全年预算数（含预算调整）',
      'execrate-over@G5': '预算执行率 1166.75% 超过 100%：执行数大于预算数，请核对预算数和执行数',
      'actual-has-operator@F12': '实际完成值应填写实际数值（“≥3”带有比较符号，已按其中的数值计算）',
      'columns-shifted@I12': '第 12–29 行共 18 行的数值填在了“偏差原因”列，分值/得分为空：请把分值、得分移回对应列；这些行未做得分检查',
      'target-not-measurable@E15': '指标值“按实”不可衡量，建议设置可衡量的指标值',
      'target-missing@E18': '指标“无污染”的年度指标值为空：请填写年度指标值',
      'duplicate-indicator@D20': '三级指标“组织工作组织”与第 12 行重复：请删除重复行或改为不同的指标',
    },
    'linxiang-2023-project-gzjf': {
      'not-scorable@A6': '该表没有“分值”和“得分”列：已列出指标但未计分，请按标准格式补充分值、得分列',
      'actual-missing@F7': '指标“全年度无追加预算，如期完成各项工作。”的实际完成值为空：请填写实际完成值，未完成的请在偏差原因中说明',
    },
  };
  it.each(Object.keys(expected))('%s', (name) => {
    const got: Record<string, string> = {};
    for (const key of Object.keys(expected[name])) {
      const [code, cell] = key.split('@');
      got[key] = fixtureRuns[name].findings.find((f) => f.code === code && f.cell === cell)?.message ?? '(missing)';
    }
    expect(got).toEqual(expected[name]);
  });

  it('grid-only codes (taken before the locale existed)', () => {
    const sink = runs.find((r) => r.name === 'kitchen sink')!.zh.findings;
    const at = (code: string, cell: string) => sink.find((f) => f.code === code && f.cell === cell)?.message;
    expect(at('execrate-mismatch', 'G4')).toBe('执行率应为 80%（全年执行数 80 ÷ 预算数 100），当前为 90%：请修正执行率');
    expect(at('execscore-mismatch', 'H4')).toBe('预算执行率得分应为 8（分值 10 × 执行率 80% = 8），当前为 9：请修正得分');
    expect(at('score-out-of-band', 'H13')).toBe('指标“长效机制”定性判断为“部分达成”，得分应在 6–8 之间（不含上限），当前为 9：请按完成情况调整得分');
    expect(at('unit-mismatch', 'F8')).toBe('实际完成值“98”未写 %，已按百分数计算，请与指标值统一写法');
    expect(at('unit-mismatch', 'F18')).toBe('指标值“≥100人次”与实际完成值“120次”单位不一致，无法计算得分，请统一单位');
    expect(at('value-unparseable', 'F12')).toBe('实际完成值“5”是数值，指标值“建立”是定性描述，无法比较');
    expect(at('value-unparseable', 'F14')).toBe('无法识别的数值：“详见附件”');
    expect(at('score-mismatch', 'H10')).toBe('指标“人均培训成本”的得分为空：按规则应为 8.33，请填写得分');
    expect(at('reason-missing', 'I10')).toBe('指标“人均培训成本”未达成目标（实际 350元，超出目标 300元），需要填写偏差原因分析及改进措施');
    expect(at('name-missing', 'D16')).toBe('该行填有数值但三级指标名称为空：请填写指标名称');
    const graded = runs.find((r) => r.name === 'grade-mismatch')!.zh.findings;
    expect(graded.find((f) => f.code === 'grade-mismatch')!.message).toBe('评价等次应为“优”（总分 99.5），当前为“良”：请按总分修正评价等次');
    const unnamed = runs.find((r) => r.name === 'weight-missing unnamed')!.zh.findings;
    expect(unnamed.find((f) => f.code === 'weight-missing')!.message).toBe('指标“（未命名）”的分值为空：请填写分值');
  });

  it('the public API keeps Chinese PeInputError messages', () => {
    expect(() => scoreIndicator('90%', '详见附件', 10)).toThrow(new PeInputError('invalid', '无法识别的数值：“详见附件”'));
    expect(() => scoreIndicator('100人次', '90次', 10)).toThrow('指标值“100人次”与实际完成值“90次”单位不一致，无法计算得分，请统一单位');
  });
});

// ------------------------------------------------------------------ engine

describe('evaluateIndicator locale', () => {
  const ev = (t: string, a: string, locale?: 'en' | 'zh-CN') =>
    evaluateIndicator(parseValue(t), parseValue(a), new D(10), mof2020, undefined, locale ? { locale } : undefined);
  it('keeps the five-argument call and Chinese by default', () => {
    expect(evaluateIndicator(parseValue('90%'), parseValue('70%'), new D(10), mof2020).explanation).toBe('完成 70%，目标 90%');
    expect(ev('90%', '70%', 'zh-CN').explanation).toBe('完成 70%，目标 90%');
  });
  it('gives English explanations and issues with the same scores', () => {
    const pairs: [string, string][] = [['90%', '70%'], ['90%', '95%'], ['20', '30'], ['≤300元', '350元'], ['=20', '18'], ['95%-98%', '99%'],
      ['建立', '已建立'], ['健全', '基本健全'], ['建立', '未建立'], ['建立', '5'], ['达标', '见附件'], ['按实', '12'], ['按实', ''],
      ['100人次', '90次'], ['95%', '98'], ['90（含）', '≥95'], ['', '5'], ['90%', '']];
    for (const [t, a] of pairs) {
      const zh = ev(t, a);
      const en = ev(t, a, 'en');
      expect({ t, a, score: en.score?.toString(), tier: en.tier, over: en.overTarget, issues: en.issues.map((i) => [i.code, i.severity, i.on]) })
        .toEqual({ t, a, score: zh.score?.toString(), tier: zh.tier, over: zh.overTarget, issues: zh.issues.map((i) => [i.code, i.severity, i.on]) });
      expectEnglish(en.explanation);
      en.issues.forEach((i) => expectEnglish(i.message));
      if (zh.explanation) expect(en.explanation).not.toBe(zh.explanation);
    }
    expect(ev('90%', '70%', 'en').explanation).toBe('achieved 70% of 90%');
    expect(ev('建立', '已建立', 'en').explanation).toBe('qualitative: achieved');
  });
});

// ------------------------------------------------------------------ every message function

describe('messages.ts', () => {
  it('every English text follows the rule, with Chinese arguments of every kind', () => {
    const texts: string[] = [
      engine.sideLabel('target', 'en'), engine.sideLabel('actual', 'en'),
      engine.numberWithNote('target', '90%（抽样）', '90%', '（抽样）', 'en'),
      engine.actualHasOperator('≥3', 'en'), engine.unparseable('见附件', 'en'),
      engine.numberForQualitative('5', '建立', 'en'), engine.unitMismatch('100人次', '90次', 'en'),
      engine.percentSignMissing('actual', '98', 'en'), engine.percentSignMissing('target', '95', 'en'),
      engine.targetNotMeasurable('据实', 'en'),
      explain.noTarget('en'), explain.noActual('en'), explain.unmeasurableMet('en'), explain.numberForQualitative('en'),
      explain.unreadable('见附件', 'en'), explain.qualitative('partial', 'en'), explain.unitMismatch('100人次', '90次', 'en'),
      explain.overTarget('en'), explain.met('en'), explain.above('350元', '300元', 'en'), explain.exact('18天', '20天', 'en'),
      explain.below('800人次', '1000人次', 'en'), explain.below('70%', '90%', 'en'),
      finding.budgetNote('executed', '6558.23（含）', '6558.23', 'en'), finding.budgetUnparseable('initial', '待定', 'en'),
      finding.nameMissing('en'), finding.duplicate('培训人次', 6, 'en'), finding.targetMissing('培训人次', 'en'),
      finding.actualMissing('培训人次', 'en'), finding.weightMissing('', 'en'), finding.zeroWeight('', 'en'),
      finding.overTarget('54人', '30人', '120', 'en'),
      ...(['actual-missing', 'no-evaluation', 'over-target', 'deviation'] as const).map((kind) => finding.reasonMissing('培训人次', { kind }, 'en')),
      finding.reasonMissing('', { kind: 'tier', tier: 'unmet' }, 'en'),
      finding.reasonMissing('培训人次', { kind: 'below', explanation: explain.below('800人次', '1000人次', 'en') }, 'en'),
      finding.columnsShifted(12, 29, 18, 'en'), finding.notScorable(true, true, 'en'), finding.notScorable(true, false, 'en'),
      finding.notScorable(false, true, 'en'), finding.categoryMismatch('成本节约率', '成本指标', '质量指标', 'en'),
      finding.categoryMismatch('x', '某新类别', '质量指标', 'en'), finding.scoreBlank('', '8.33', 'en'),
      finding.scoreExceedsWeight('培训人次', '12', '10', 'en'), finding.scoreOutOfBand('制度', 'met', '8', '10', true, '5', 'en'),
      finding.scoreMismatch('8', '≥1000人次', '800人次', explain.below('800人次', '1000人次', 'en'), '10', 'en'),
      finding.budgetFromInitial('24', 'en'), finding.budgetMissing('en'), finding.executedMissing('en'), finding.budgetNotPositive('0', 'en'),
      finding.execRateMismatch('80%', '80', '100', '90%', 'en'), finding.execScoreMismatch('8', '80%', '10', '9', 'en'),
      finding.execRateLow('79.31%', '90', 'en'), finding.execRateOver('120%', 'en'),
      finding.weightSumMismatch('产出指标', '50', '45', 'en'), finding.weightTotalMismatch('105', '100', 'en'),
      finding.totalMismatch('80', '95', 'en'), finding.gradeMismatch('中', '71.33', '良', 'en'),
      finding.reasonPlaceholder('培训人次', { kind: 'over-target' }, '无', 'en'), finding.execScoreBlank('10', '100%', '10', 'en'),
      finding.budgetBreakdownMismatch('planned', null, '90', 'en'), finding.budgetBreakdownMismatch('executed', '100', '90', 'en'),
      finding.weightOffStandard('产出指标', '70', '50', 'en'), finding.budgetWeightOffStandard('20', '10', 'en'),
      finding.tableNotRecognized(['实际完成值', '分值/得分'], 'en'), finding.tableNotRecognized([], 'en'),
      finding.scoringSheetNotChecked('评分标准', 'en'), finding.cellError('#DIV/0!', 'en'), finding.formulaNotCalculated('en'),
      finding.totalMissing('99.5', 'en'), finding.budgetIsDate('executed', '2023年11月30日', 'en'),
      finding.partsMet(3, 'en'), finding.partsBelow(2, '75', 'en'), explain.late('2023年10月', '9月', 'en'),
      summaryText.unverified([17, 18], 'en'), summaryText.unverified([17], 'en'),
      severityLabel('error', 'en'), noteLine('info', 'x', 'en'), summaryText.title('en'), summaryText.intro(1, 2, 3, 'en'),
      summaryText.file('en'), ...summaryText.tableHeader('en'), summaryText.kind('department', 'en'), summaryText.notScored('en'),
      summaryText.noTables('en'), ...summaryText.findingsHeader('en'), summaryText.noFindings('en'),
    ];
    texts.forEach(expectEnglish);
    expect(finding.reasonMissing('', { kind: 'tier', tier: 'unmet' })).toBe('指标“（未命名）”定性判断为未达成，需要填写偏差原因分析及改进措施');
  });
});

// ------------------------------------------------------------------ notes and summary sheet

describe('cell notes and the 自评汇总 sheet in English', () => {
  const cellTexts = (m: SummaryModel) => m.rows.map((r) => r.map((c) => c.text ?? ''));
  const shape = (m: SummaryModel) => ({
    widths: m.columnWidths,
    header: m.findingsHeaderRow,
    rows: m.rows.map((r) => r.map(({ text: _t, ...rest }) => rest)),
  });

  it('notes: same cells, fills and prefix; one English line per finding', () => {
    for (const r of runs) {
      const zh = planHighlights(r.zh);
      const en = planHighlights(r.en, { locale: 'en' });
      expect(en.map(({ note: _n, ...m }) => m)).toEqual(zh.map(({ note: _n, ...m }) => m));
      expect(planHighlights(r.zh, { locale: 'zh-CN' })).toEqual(zh);
      for (const m of en) {
        const [prefix, ...lines] = m.note.split('\n');
        expect(prefix).toBe(NOTE_PREFIX); // the pane's 清除标记 finds our notes by it
        for (const line of lines) {
          expect(line).toMatch(/^(Error|Warning|Info): /);
          expectEnglish(line);
        }
      }
    }
  });

  it('summary: same layout, numbers, links and fills; English headers and notes; sheet name unchanged', () => {
    expect(SUMMARY_SHEET_NAME).toBe('自评汇总');
    const files = runs.map((r) => ({ file: `${r.name}.xlsx`, checks: r }));
    const one = (which: 'zh' | 'en', i: number) => [{ file: files[i].file, check: files[i].checks[which] }];
    const cases: [ReturnType<typeof one>, ReturnType<typeof one>][] = runs.map((_, i) => [one('zh', i), one('en', i)]);
    cases.push([files.map((f) => ({ file: f.file, check: f.checks.zh })), files.map((f) => ({ file: f.file, check: f.checks.en }))]);
    for (const [zhFiles, enFiles] of cases) {
      const zh = buildSummary(zhFiles);
      const en = buildSummary(enFiles, { locale: 'en' });
      expect(buildSummary(zhFiles, { locale: 'zh-CN' })).toEqual(zh);
      expect(shape(en)).toEqual(shape(zh));
      const zhText = cellTexts(zh);
      const enText = cellTexts(en);
      // Rows 0–3 (title, note, colour legend and its line), the two header rows and the no-table /
      // no-finding lines are ours: English.
      for (const i of [0, 1, 2, 3, 4, en.findingsHeaderRow]) enText[i].forEach(expectEnglish);
      for (const [i, row] of enText.entries()) {
        if (row.length === 1 && zhText[i][0] !== '' && i > 1) expectEnglish(row[0]); // 未找到… / 没有发现问题。
      }
      // Finding rows: message and problem kind English; location and code as in Chinese.
      const findingRows = en.rows.slice(en.findingsHeaderRow + 1).filter((r) => r.length > 1);
      for (const row of findingRows) {
        // 位置 · 说明 · 级别 · 问题, then the code in its hidden column at the end.
        const at = en.rows[en.findingsHeaderRow].findIndex((c) => c?.text === 'Message');
        const message = row[at].text!;
        expectEnglish(message);
        expect(row[at + 1].text).toMatch(/^(Error|Warning|Info)$/);
        expectEnglish(row[at + 2].text!);
        expect(row[row.length - 1].text).toMatch(/^[a-z]+(-[a-z0-9]+)+$/);
        expect(en.hiddenColumns).toEqual([row.length - 1]);
      }
    }
    const sink = buildSummary([{ file: 'x.xlsx', check: runs[0].en }], { locale: 'en' });
    expect(sink.rows[0][0].text).toBe('PE Self-Check summary');
    expect(sink.rows[4].map((c) => c.text)).toEqual(summaryText.tableHeader('en'));
    expect(sink.rows[5][2].text).toBe('Project spending');
  });
});
