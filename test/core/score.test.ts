import { D } from '../../src/core/decimal';
import { gx130, mof2020, withOverrides } from '../../src/core/profile';
import { evaluateIndicator, qualitativeBand, qualitativeTierOf, rowNeedsReason, type Direction } from '../../src/core/score';
import { parseValue } from '../../src/core/values';
import type { CellValue } from '../../src/core/types';

const ev = (t: CellValue, a: CellValue, w: number | string = 5, dir?: Direction, profile = mof2020, tf?: string, af?: string) =>
  evaluateIndicator(parseValue(t, tf), parseValue(a, af), new D(w), profile, dir);
const score = (t: CellValue, a: CellValue, w: number | string = 5, dir?: Direction, profile = mof2020) =>
  ev(t, a, w, dir, profile).score?.toString() ?? null;
const codes = (e: ReturnType<typeof ev>) => e.issues.map((i) => `${i.code}/${i.severity}/${i.on}`);

describe('正向 (at least)', () => {
  test('real examples', () => {
    expect(score('90%', '70%')).toBe('3.89');
    expect(score(0.9, 0.8)).toBe('4.44');
    expect(score(100, 70)).toBe('3.5');
  });
  test('a ≥ t → w', () => {
    expect(score('≥90%', '95%')).toBe('5');
    const e = ev('90%', '90%');
    expect(e).toMatchObject({ kind: 'positive', overTarget: false, explanation: '已完成' });
  });
  test('explanation names both values', () => {
    expect(ev('90%', '70%').explanation).toBe('完成 70%，目标 90%');
  });
  test('a < 0 counts as 0', () => {
    expect(score(10, -3)).toBe('0');
  });
  test('t = 0 → w when a ≥ 0', () => {
    expect(score(0, 0)).toBe('5');
    expect(score(0, 3)).toBe('5');
    expect(score(0, -1)).toBe('5');
  });
  test('half-up to 2 dp', () => {
    expect(score(3, 2, 10)).toBe('6.67');
    expect(score(40, 30.1, 10)).toBe('7.53');
  });
  test('over-target keeps full marks and is flagged', () => {
    const e = ev('30人', '54人');
    expect(e.score?.toString()).toBe('5');
    expect(e.overTarget).toBe(true);
    expect(e.explanation).toBe('超额完成');
    expect(ev('30人', '35人').overTarget).toBe(false);
    expect(ev('100', '120').overTarget).toBe(true);
    expect(ev('100', '120', 5, undefined, gx130).overTarget).toBe(false);
    expect(ev('100', '130', 5, undefined, gx130).overTarget).toBe(true);
  });
  test('over-target only for 正向 with t > 0', () => {
    expect(ev('≤30天', '10天').overTarget).toBe(false);
    expect(ev(0, 5).overTarget).toBe(false);
  });
});

describe('反向 (at most)', () => {
  test('real example, linear', () => {
    expect(score('≤30天', '33天')).toBe('4.5');
    expect(ev('≤30天', '33天').kind).toBe('reverse');
  });
  test('a ≤ t → w; a ≥ 2t → 0', () => {
    expect(score('≤30天', '30天')).toBe('5');
    expect(score('≤30天', '60天')).toBe('0');
    expect(score('≤30天', '90天')).toBe('0');
  });
  test('ratio method', () => {
    const ratio = withOverrides(mof2020, { reverse: 'ratio' });
    expect(score('≤30天', '33天', 5, undefined, ratio)).toBe('4.55');
    expect(score('≤30天', '90天', 5, undefined, ratio)).toBe('1.67');
  });
  test('t = 0 → w when a ≤ 0, else 0', () => {
    expect(score('≤0', '0')).toBe('5');
    expect(score('≤0', '1')).toBe('0');
    expect(score('不超过0起', '0起')).toBe('5');
  });
  test('suffix operators', () => {
    expect(score('3天以内', '4天', 6)).toBe('4');
    expect(score('5%以下', '6%', 10)).toBe('8');
  });
});

describe('等于 (exactly)', () => {
  test('w × max(0, 1 − |a − t| / t)', () => {
    expect(score('=100', '90', 10)).toBe('9');
    expect(score('=100', '110', 10)).toBe('9');
    expect(score('=100', '250', 10)).toBe('0');
    expect(ev('=100', '100').kind).toBe('exact');
  });
  test('t = 0', () => {
    expect(score('=0', '0')).toBe('5');
    expect(score('=0', '1')).toBe('0');
  });
});

describe('区间 (range)', () => {
  test('inside → w, below → 正向 vs low, above → 反向 vs high', () => {
    expect(score('90%-100%', '95%')).toBe('5');
    expect(score('90%-100%', '100%')).toBe('5');
    expect(score('90%-100%', '81%', 10)).toBe('9');
    expect(score('5~7天', '9天')).toBe('3.57');
    expect(score('5~7天', '4天')).toBe('4');
    expect(ev('5~7天', '6天').kind).toBe('range');
  });
  test('an actual range is scored at its worse end', () => {
    expect(score('≥90%', '80%-95%', 9)).toBe('8');
  });
});

describe('direction argument overrides the operator', () => {
  test('reverse on a bare target', () => {
    expect(score(30, 33, 5, 'reverse')).toBe('4.5');
    expect(ev(30, 33, 5, 'reverse').kind).toBe('reverse');
  });
  test('positive on ≤ target', () => {
    expect(score('≤30', '33', 5, 'positive')).toBe('5');
    expect(score('≤30', '15', 5, 'positive')).toBe('2.5');
  });
  test('exact', () => {
    expect(score('≥100', '90', 10, 'exact')).toBe('9');
  });
});

describe('percent and units (RULES §2)', () => {
  test('percent target, bare actual > 1 → read as percent, info', () => {
    const e = ev('≥90%', '81');
    expect(e.score?.toString()).toBe('4.5');
    expect(codes(e)).toEqual(['unit-mismatch/info/actual']);
  });
  test('bare target > 1, percent actual → target read as percent, info', () => {
    const e = ev('90', '81%');
    expect(e.score?.toString()).toBe('4.5');
    expect(codes(e)).toEqual(['unit-mismatch/info/target']);
  });
  test('percent-formatted cell against text percent', () => {
    const e = evaluateIndicator(parseValue(0.9, '0%'), parseValue('70%'), new D(5), mof2020);
    expect(e.score?.toString()).toBe('3.89');
    expect(e.issues).toEqual([]);
  });
  test('a fraction next to a percent needs no issue', () => {
    expect(codes(ev('90%', 0.95))).toEqual([]);
  });
  test('different units → warning, no score', () => {
    const e = ev('30人', '5场');
    expect(e.score).toBeNull();
    expect(codes(e)).toEqual(['unit-mismatch/warning/actual']);
    expect(ev('90%', '5场').score).toBeNull();
  });
  test('unit on one side only is fine; 天 = 日', () => {
    expect(codes(ev('30人', '30'))).toEqual([]);
    expect(score('≤5天', '5日')).toBe('5');
  });
  test('thousands separators and full-width', () => {
    expect(score('1,150人次', '1,150人次')).toBe('5');
    expect(score('≥９０％', '８１％')).toBe('4.5');
  });
});

describe('issues from how values are written', () => {
  test('actual with an operator → warning, scored from its number', () => {
    const e = ev('≥5', '≥3');
    expect(e.score?.toString()).toBe('3');
    expect(codes(e)).toEqual(['actual-has-operator/warning/actual']);
  });
  test('number with note → info on its side', () => {
    expect(codes(ev('6558.23（含公共专项2756.07）', 6558.23))).toEqual(['number-with-note/info/target']);
    expect(codes(ev(6000, '6558.23（含公共专项2756.07）'))).toEqual(['number-with-note/info/actual']);
  });
  test('按实 target → unmeasurable, full marks with any actual, warning', () => {
    for (const actual of ['按实', '完成', '35人']) {
      const e = ev('按实', actual);
      expect(e).toMatchObject({ kind: 'unmeasurable' });
      expect(e.score?.toString()).toBe('5');
      expect(codes(e)).toEqual(['target-not-measurable/warning/target']);
    }
    expect(ev('据实结算', '').score).toBeNull();
  });
  test('empty actual → score null and no emptiness issue', () => {
    const e = ev('90%', '');
    expect(e.score).toBeNull();
    expect(e.issues).toEqual([]);
    expect(e.kind).toBe('positive');
    expect(ev('≤3天', null).kind).toBe('reverse');
  });
  test('empty target → unknown, null', () => {
    expect(ev('', '5')).toMatchObject({ kind: 'unknown', score: null });
  });
  test('unreadable actual → value-unparseable error quoting the text', () => {
    const e = ev('90%', 'abc');
    expect(e.score).toBeNull();
    expect(codes(e)).toEqual(['value-unparseable/error/actual']);
    expect(e.issues[0].message).toContain('“abc”');
  });
});

describe('定性 (qualitative)', () => {
  test.each([
    ['达标', '达标', 'met'],
    ['达标', '基本达标', 'partial'],
    ['合格', '不合格', 'unmet'],
    ['建立', '未建立', 'unmet'],
    ['建立健全制度', '尚未建立', 'unmet'],
    ['按时完成', '未按时完成', 'unmet'],
    ['运转正常，无负面影响', '运转正常，无负面影响', 'met'],
    ['运转正常', '运转正常，无负面影响', 'met'],
    ['无污染', '无', 'met'],
    ['有效提升', '较好', 'partial'],
    ['提升', '一般', 'partial'],
    ['满意', '基本满意', 'partial'],
    ['满意', '不满意', 'unmet'],
    ['是', '否', 'unmet'],
    ['良好', '差', 'unmet'],
    ['良好', '较差', 'unmet'],
    ['无差错', '无差错', 'met'],
    ['零差错', '全年无重大差错', 'met'],
    ['开展', '未开展', 'unmet'],
    ['改善', '明显改善', 'met'],
    ['效果显著', '已完成', 'met'],
    ['有', '有', 'met'],
    ['长期', '优秀', 'met'],
    ['长期', '好', 'met'],
    ['提高群众满意度', '群众满意度明显提高', 'met'],
  ])('%s / %s → %s', (t, a, tier) => {
    expect(qualitativeTierOf(t, a)).toBe(tier);
  });
  test('scores use profile.qualitativeScore', () => {
    expect(ev('达标', '达标', 10)).toMatchObject({ kind: 'qualitative', tier: 'met', explanation: '定性：达成' });
    expect(score('达标', '达标', 10)).toBe('10');
    expect(score('达标', '基本达标', 10)).toBe('7');
    expect(score('合格', '不合格', 10)).toBe('3');
    expect(score('建立', '未建立', 5)).toBe('1.5');
    expect(ev('达标', '基本达标').explanation).toBe('定性：部分达成');
  });
  test('number target, qualitative actual → tier from the words', () => {
    expect(ev('≥95%', '达标', 10)).toMatchObject({ kind: 'qualitative', tier: 'met' });
  });
  test('qualitative target, 100% actual → met', () => {
    expect(score('达标', '100%', 10)).toBe('10');
  });
  test('anything else → value-unparseable', () => {
    const e = ev('达标', '见附件');
    expect(e.score).toBeNull();
    expect(codes(e)).toEqual(['value-unparseable/error/actual']);
    expect(e.issues[0].message).toBe('无法识别的数值：“见附件”');
  });
  test('bands', () => {
    const w = new D(10);
    const met = qualitativeBand('met', w, mof2020);
    expect([met.min.toString(), met.max.toString(), met.maxInclusive]).toEqual(['8', '10', true]);
    const partial = qualitativeBand('partial', w, mof2020);
    expect([partial.min.toString(), partial.max.toString(), partial.maxInclusive]).toEqual(['6', '8', false]);
    const unmet = qualitativeBand('unmet', w, mof2020);
    expect([unmet.min.toString(), unmet.max.toString(), unmet.maxInclusive]).toEqual(['0', '6', false]);
  });
});

describe('clamping', () => {
  test('score stays in [0, w], negative weight treated as 0', () => {
    expect(score(10, 1000, 5)).toBe('5');
    expect(score(10, 5, -5)).toBe('0');
  });
  test('never rounds above a tiny weight', () => {
    expect(score(10, 10, '0.005')).toBe('0');
  });
});

describe('RULES §4 rowNeedsReason', () => {
  const w = new D(5);
  test('score below weight', () => {
    expect(rowNeedsReason(ev('90%', '70%'), w, false)).toBe(true);
    expect(rowNeedsReason(ev('90%', '95%'), w, false)).toBe(false);
  });
  test('over-target', () => {
    expect(rowNeedsReason(ev('30人', '54人'), w, false)).toBe(true);
  });
  test('qualitative tier other than met', () => {
    expect(rowNeedsReason(ev('达标', '基本达标'), w, false)).toBe(true);
    expect(rowNeedsReason(ev('达标', '达标'), w, false)).toBe(false);
  });
  test('actual missing', () => {
    expect(rowNeedsReason(ev('90%', ''), w, true)).toBe(true);
  });
  test('按实 with an actual needs none', () => {
    expect(rowNeedsReason(ev('按实', '完成'), w, false)).toBe(false);
  });
});

describe('robustness', () => {
  test('a caller’s plain Decimal weight still computes at 40 digits', () => {
    const Plain = (D as unknown as { clone: (o: object) => typeof D }).clone({ precision: 3 });
    const e = evaluateIndicator(parseValue('7'), parseValue('1'), new Plain('123'), mof2020);
    expect(e.score?.toString()).toBe('17.57');
  });
  test('weight 0: score 0, explanation still says what happened', () => {
    const e = ev('90%', '70%', 0);
    expect(e.score?.toString()).toBe('0');
    expect(e.explanation).toBe('完成 70%，目标 90%');
    expect(ev('30人', '54人', 0).overTarget).toBe(true);
  });
});

describe('a row that loses marks says the rule with its numbers (issue 19)', () => {
  const w = (s: string) => new D(s);
  test.each([
    ['≥90%', '70%', '5', 'positive', '分值 5 × 实际 70% ÷ 目标 90% = 3.89'],
    ['≤10天', '15天', '4', 'reverse', '反向指标：分值 4 × (2 × 目标 10天 − 实际 15天) ÷ 目标 10天 = 2'],
    ['=100%', '90%', '10', 'exact', '定值指标：分值 10 × (1 − |实际 90% − 目标 100%| ÷ 目标 100%) = 9'],
  ])('%s / %s / 分值 %s (%s)', (target, actual, weight, kind, formula) => {
    const ev = evaluateIndicator(parseValue(target), parseValue(actual), w(weight), mof2020);
    expect(ev.kind).toBe(kind);
    expect(ev.formula).toBe(formula);
    expect(ev.formula!.endsWith(`= ${ev.score!.toString()}`)).toBe(true);
  });
  test('full marks and unreadable rows have no formula', () => {
    expect(evaluateIndicator(parseValue('≥90%'), parseValue('95%'), w('5'), mof2020).formula).toBeUndefined();
    expect(evaluateIndicator(parseValue('≥90%'), parseValue(''), w('5'), mof2020).formula).toBeUndefined();
  });
});
