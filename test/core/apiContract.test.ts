// The public API's contract (issue 11): every function returns a finite number in its range —
// never NaN, ±Infinity or −0 — or throws PeInputError with a Chinese message, whatever a JavaScript
// caller passes. Property tests with fixed seeds, plus the cases found by hand.
import fc from 'fast-check';
import * as api from '../../src/index';
import { PeInputError } from '../../src/core/errors';
import { standardTable } from '../helpers/grids';

const CHINESE = /[\u4e00-\u9fff]/;

/** Runs f; a result must pass `ok`, a throw must be a PeInputError with a Chinese message. */
function contract<T>(f: () => T, ok: (v: T) => boolean): boolean {
  let v: T;
  try {
    v = f();
  } catch (e) {
    if (!(e instanceof PeInputError)) throw e;
    if (!CHINESE.test(e.message)) throw new Error(`message without Chinese: ${e.message}`);
    return true;
  }
  if (!ok(v)) throw new Error(`out of contract: ${String(v)}`);
  return true;
}

const finiteNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0);

const edgeNumbers = fc.constantFrom(0, -0, 1e-308, 5e-324, 1e308, -1e308, Number.MAX_VALUE, NaN, Infinity, -Infinity, -50, 100, 0.1 + 0.2);
const numberish = fc.oneof(
  fc.double(),
  edgeNumbers,
  fc.integer({ min: -1000, max: 100000 }),
  fc.constantFrom('2.0E+3', '1e-2', '-0', '5.5.5', '1,2,3', '10-20', '９０％', '≥90%', '1e400', '0x10', ' ', '', '按实', '#DIV/0!', '=1+1'),
  fc.string({ maxLength: 30 }),
  fc.integer({ min: 1, max: 400 }).map((n) => '9'.repeat(n)),
  fc.integer({ min: 1, max: 400 }).map((n) => '0.' + '0'.repeat(n) + '1'),
);
/** Anything a JavaScript caller might pass. */
const anyInput = fc.oneof(numberish, numberish, fc.anything(), fc.constantFrom(null, undefined, true, false, Symbol('x'), 10n, [], {}, () => 1));

// Types are the point here: the API must hold for inputs TypeScript would have refused.
/* eslint-disable @typescript-eslint/no-explicit-any */
const A = api as any;

describe('public API contract (fast-check, fixed seeds)', () => {
  const runs = { numRuns: 3000, seed: 20261201 };

  test('scoreIndicator: a score in [0, weight] or PeInputError', () => {
    fc.assert(
      fc.property(anyInput, anyInput, anyInput, fc.oneof(fc.constantFrom(undefined, null, '', '正向', '反向', '等于', 'reverse'), anyInput), (t, a, w, d) =>
        contract(() => A.scoreIndicator(t, a, w, d), (s) => finiteNum(s) && s >= 0 && (typeof w !== 'number' || s <= w + 1e-9)),
      ),
      runs,
    );
  });

  test('executionRate / executionScore: finite, ≥ 0 (score ≤ weight) or PeInputError', () => {
    fc.assert(fc.property(anyInput, anyInput, (b, e) => contract(() => A.executionRate(b, e), (r) => finiteNum(r) && r >= 0)), runs);
    fc.assert(
      fc.property(anyInput, anyInput, fc.oneof(fc.constant(undefined), anyInput), (b, e, w) =>
        contract(() => A.executionScore(b, e, w), (s) => finiteNum(s) && s >= 0 && s <= (typeof w === 'number' ? w : 10) + 1e-9 + (typeof w === 'string' ? Infinity : 0)),
      ),
      runs,
    );
  });

  test('grade / deviation / needsReason', () => {
    fc.assert(fc.property(anyInput, (t) => contract(() => A.grade(t), (g) => ['优', '良', '中', '差'].includes(g))), runs);
    fc.assert(fc.property(anyInput, anyInput, (t, a) => contract(() => A.deviation(t, a), finiteNum)), runs);
    fc.assert(fc.property(anyInput, anyInput, anyInput, anyInput, (t, a, w, e) => contract(() => A.needsReason(t, a, w, e), (b) => typeof b === 'boolean')), runs);
  });

  test('any profile argument: a result or PeInputError', () => {
    fc.assert(fc.property(fc.anything(), (p) => contract(() => A.scoreIndicator(90, 80, 10, undefined, p), finiteNum)), { numRuns: 500, seed: 7 });
    fc.assert(fc.property(fc.anything(), (p) => contract(() => A.grade(90, p), (g) => typeof g === 'string')), { numRuns: 500, seed: 8 });
  });

  test('checkWorkbook: anything that is not SheetGrid[] is a PeInputError', () => {
    const sheetish = fc.record(
      {
        name: fc.oneof(fc.string(), fc.anything()),
        values: fc.oneof(fc.array(fc.oneof(fc.array(fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null), fc.anything()), { maxLength: 5 }), fc.anything()), { maxLength: 5 }), fc.anything()),
        merges: fc.oneof(fc.array(fc.record({ top: fc.integer({ min: -2, max: 6 }), left: fc.integer({ min: -2, max: 6 }), bottom: fc.integer({ min: -2, max: 6 }), right: fc.integer({ min: -2, max: 6 }) }), { maxLength: 3 }), fc.anything()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.array(sheetish, { maxLength: 3 })), (sheets) =>
        contract(() => A.checkWorkbook(sheets), (r) => Array.isArray(r.tables) && Array.isArray(r.findings)),
      ),
      { numRuns: 1500, seed: 99 },
    );
  });
});

describe('cases found by hand (issue 11)', () => {
  const err = (f: () => unknown): PeInputError => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(PeInputError);
      expect((e as Error).message).toMatch(CHINESE);
      return e as PeInputError;
    }
    throw new Error('did not throw');
  };

  test('a direction that is not a string', () => {
    expect(err(() => A.scoreIndicator('90%', '80%', 5, 5)).message).toContain('指标方向');
  });
  test('results that would not be finite, negative amounts, −0', () => {
    err(() => api.executionRate(1e-308, 100));
    expect(err(() => api.executionRate(100, -50)).message).toContain('执行数不能为负数');
    err(() => api.executionRate(-100, 50));
    expect(Object.is(api.executionRate(100, '-0'), 0)).toBe(true);
    expect(Object.is(api.executionRate(100, -0), 0)).toBe(true);
    err(() => api.grade(-5));
  });
  test('checkWorkbook(null) and broken grids', () => {
    expect(err(() => A.checkWorkbook(null)).message).toContain('SheetGrid');
    err(() => A.checkWorkbook([null]));
    err(() => A.checkWorkbook([{ name: 'x' }]));
    err(() => A.checkWorkbook([{ name: 'x', values: [[NaN]], merges: [] }]));
    err(() => A.checkWorkbook([{ name: 'x', values: [], merges: [{ top: 0, left: 0, bottom: 2e6, right: 0 }] }]));
    err(() => A.checkWorkbook([{ name: 'x', values: [['a'.repeat(32768)]], merges: [] }]));
    err(() => A.findTables(null));
    // A valid grid still checks, and a grid without merges is fine.
    expect(api.checkWorkbook([standardTable()], api.mof2020).tables).toHaveLength(1);
    expect(A.checkWorkbook([{ name: 'x', values: [['a']] }]).tables).toEqual([]);
  });
  test('numbers that are not one number; scientific notation', () => {
    expect(err(() => api.scoreIndicator(90, 90, '5.5.5')).code).toBe('weight');
    err(() => api.executionRate('1,2,3', 100));
    err(() => api.executionRate('100-200', 100));
    expect(api.executionRate('2.0E+3', '1000')).toBe(0.5);
    expect(api.executionRate('1e3', 500)).toBe(0.5);
    expect(api.scoreIndicator('2.0E+3', 2000, 10)).toBe(10);
  });
  test('huge strings are refused at once or read in linear time', () => {
    const t0 = Date.now();
    expect(err(() => api.scoreIndicator('9'.repeat(1e7), '90', 5)).message).toContain('文本过长');
    err(() => api.executionRate('1'.repeat(5e6), 1));
    // At the cell limit (32,767 characters) every shape completes.
    const big = 32767;
    const completes = (f: () => number) => contract(f, finiteNum);
    expect(completes(() => api.scoreIndicator('9'.repeat(big), '90', 5))).toBe(true);
    expect(completes(() => api.scoreIndicator('5' + 'ｘ'.repeat(big - 1), '5', 5))).toBe(true);
    expect(completes(() => api.scoreIndicator('5（' + 'ｘ'.repeat(big - 2), '5', 5))).toBe(true);
    expect(completes(() => api.scoreIndicator('约'.repeat(big - 1) + '5', '5', 5))).toBe(true);
    // A figure of 10^15 or more is no figure of a 绩效自评表 (and would be Infinity as a number): refused in Chinese.
    expect(err(() => api.scoreIndicator('≥' + '9'.repeat(big - 1), '9'.repeat(big), 5)).message).toMatch(/无法识别的数值/);
    expect(api.scoreIndicator('≥' + '9'.repeat(14), '9'.repeat(14), 5)).toBe(5);
    // A message quoting a huge input stays short.
    expect(err(() => api.scoreIndicator('约'.repeat(big - 1) + '5', '5', 5)).message.length).toBeLessThanOrEqual(300);
    // Not a timing assertion: the quadratic versions took minutes here; this is a tripwire only.
    expect(Date.now() - t0).toBeLessThan(20000);
  });
});
