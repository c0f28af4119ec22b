import fc from 'fast-check';
import { scoreIndicator, PeInputError } from '../../src/core/api';
import { mof2020, withOverrides } from '../../src/core/profile';
import { D, cmp } from '../../src/core/decimal';
import { parseValue } from '../../src/core/values';

const FULL = (s: string) => s.replace(/[0-9%.,<>=]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const OPS = ['', '≥', '>=', '不低于', '不少于', '大于等于', '≤', '<=', '不高于', '不超过', '不多于', '小于等于', '=', '＝', '>', '<', '＞', '＜'];
const SUFFIXES = ['', '以上', '以内', '以下', '左右', '（含公共专项2756.07）', '(预计)'];
const UNITS = ['', '人', '人次', '次', '个', '场', '天', '日', '万元', '元', '小时', '平方米', '亩', '件', '所', 'km', '栋楼'];
const WORDS = ['达标', '基本达标', '未达标', '合格', '不合格', '完成', '未完成', '基本完成', '建立', '未建立', '运转正常，无负面影响',
  '满意', '基本满意', '不满意', '是', '否', '有', '无', '良好', '较差', '一般', '按实', '据实', '=1+2', '=SUM(A1)', '', ' ', '见附件'];

const numberText = fc.oneof(
  fc.integer({ min: -1000, max: 100000 }).map(String),
  fc.double({ min: -10, max: 100000, noNaN: true, noDefaultInfinity: true }).map((d) => String(Math.round(d * 100) / 100)),
  fc.integer({ min: 1000, max: 9999999 }).map((n) => n.toLocaleString('en-US')),
);
const realistic = fc.oneof(
  fc.tuple(fc.constantFrom(...OPS), numberText, fc.constantFrom('', '%', '‰', '％'), fc.constantFrom(...UNITS), fc.constantFrom(...SUFFIXES))
    .map(([op, n, pct, unit, suf]) => `${op}${n}${pct}${pct ? '' : unit}${suf}`),
  fc.tuple(numberText, fc.constantFrom('-', '~', '至', '～'), numberText, fc.constantFrom('', '%', '天'))
    .map(([a, sep, b, u]) => `${a}${u === '%' ? '%' : ''}${sep}${b}${u}`),
  fc.constantFrom(...WORDS),
  fc.tuple(fc.constantFrom(...OPS), numberText, fc.constantFrom('', '%')).map(([op, n, p]) => FULL(`${op}${n}${p}`)),
);
const cellValue = fc.oneof(
  realistic,
  realistic,
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.double(),
  fc.constantFrom(null, undefined, true, false),
);
const weight = fc.oneof(
  fc.integer({ min: 0, max: 100 }),
  fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, 5, 10, 0.005, 1e-9),
);
const direction = fc.constantFrom(undefined, 'positive', 'reverse', 'exact', '正向', '反向', '等于');
const profile = fc.constantFrom(mof2020, withOverrides(mof2020, { reverse: 'ratio' }), withOverrides(mof2020, { overTarget: 1.3 }));

describe('scoreIndicator properties', () => {
  test('finite score in [0, weight] or PeInputError — never NaN, never another exception', () => {
    fc.assert(
      fc.property(cellValue, cellValue, weight, direction, profile, (t, a, w, dir, p) => {
        let s: number;
        try {
          s = scoreIndicator(t as never, a as never, w, dir, p);
        } catch (e) {
          if (!(e instanceof PeInputError)) throw e;
          expect(typeof e.message).toBe('string');
          expect(e.message.length).toBeGreaterThan(0);
          return;
        }
        expect(Number.isFinite(s)).toBe(true);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(w);
      }),
      { numRuns: 3000 },
    );
  });

  const unitOrPct = fc.constantFrom('', '人', '天', '%', '万元');
  const amount = fc.oneof(fc.integer({ min: -50, max: 500 }), fc.double({ min: -50, max: 500, noNaN: true }).map((d) => Math.round(d * 1000) / 1000));
  const written = (n: number, u: string) => `${n}${u}`;

  test('正向: the score never falls as the actual rises', () => {
    fc.assert(
      fc.property(fc.constantFrom('', '≥', '不低于'), amount, amount, amount, unitOrPct, weight, (op, t, a1, a2, u, w) => {
        const [lo, hi] = a1 <= a2 ? [a1, a2] : [a2, a1];
        const target = `${op}${written(t, u)}`;
        expect(scoreIndicator(target, written(lo, u), w)).toBeLessThanOrEqual(scoreIndicator(target, written(hi, u), w));
        expect(scoreIndicator(t, lo, w, 'positive')).toBeLessThanOrEqual(scoreIndicator(t, hi, w, 'positive'));
      }),
      { numRuns: 2000 },
    );
  });

  test.each(['linear', 'ratio'] as const)('反向 (%s): the score never rises as the actual rises', (method) => {
    const p = withOverrides(mof2020, { reverse: method });
    fc.assert(
      fc.property(fc.constantFrom('≤', '不超过', '<='), amount, amount, amount, unitOrPct, weight, (op, t, a1, a2, u, w) => {
        const [lo, hi] = a1 <= a2 ? [a1, a2] : [a2, a1];
        const target = `${op}${written(t, u)}`;
        expect(scoreIndicator(target, written(lo, u), w, undefined, p)).toBeGreaterThanOrEqual(scoreIndicator(target, written(hi, u), w, undefined, p));
        expect(scoreIndicator(t, lo, w, 'reverse', p)).toBeGreaterThanOrEqual(scoreIndicator(t, hi, w, 'reverse', p));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('engine internals', () => {
  // cmp replaces decimal.js's comparison on the hot path; it must agree with it everywhere.
  test('cmp agrees with Decimal#cmp', () => {
    const dec = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => new D(String(x))),
      fc.integer({ min: -1000, max: 1000 }).map((n) => new D(n).div(7)),
      fc.constantFrom(new D(0), new D('-0'), new D('0.1'), new D('1e-30'), new D('12345678901234567890.123')),
    );
    fc.assert(fc.property(dec, dec, (a, b) => {
      expect(cmp(a, b)).toBe(a.cmp(b));
    }), { numRuns: 3000 });
  });

  test('parse cache stays correct past its capacity', () => {
    for (let i = 0; i < 40000; i++) parseValue(`${i}人`);
    for (const i of [0, 1, 17000, 39999]) {
      const p = parseValue(`${i}人`);
      expect(p.value?.toString()).toBe(String(i));
      expect(p.unit).toBe('人');
    }
  });
});

describe('parser fast path', () => {
  // Common shapes take a shortcut; adding a note forces the general path, which must agree.
  test('agrees with the general path', () => {
    const units = ['', '人', '人次', '天', '万元', '个工作日', '万人次', '余人', '天内', '栋楼'];
    fc.assert(fc.property(
      fc.constantFrom('', '≥', '≤', '>=', '<=', '>', '<'),
      fc.oneof(fc.integer({ min: 0, max: 1e9 }).map((n) => n.toLocaleString('en-US')), fc.integer({ min: 0, max: 1e6 }).map(String),
        fc.double({ min: 0, max: 1e6, noNaN: true }).map((d) => String(Math.round(d * 1000) / 1000))),
      fc.constantFrom('', '%', '‰'),
      fc.constantFrom(...units),
      (op, n, pct, unit) => {
        const s = `${op}${n}${pct}${pct ? '' : unit}`;
        const fast = parseValue(s);
        const general = parseValue(`${s}(注)`);
        expect(general.note).toBe(`${fast.note}(注)`);
        expect([fast.kind, fast.operator, fast.value?.toString(), fast.percent, fast.unit])
          .toEqual([general.kind, general.operator, general.value?.toString(), general.percent, general.unit]);
      },
    ), { numRuns: 3000 });
  });
});
