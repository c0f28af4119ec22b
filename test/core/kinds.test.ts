import fs from 'fs';
import path from 'path';
import { ROOT_CAUSE_CODES, isRootCause, kindName } from '../../src/core/kinds';

// Every code of the FindingCode union (read from types.ts, so a new code is checked too).
const codes = (() => {
  const src = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'core', 'types.ts'), 'utf8');
  const union = /export type FindingCode =([^;]+);/.exec(src)![1];
  return [...union.matchAll(/'([a-z-]+)'/g)].map((m) => m[1]);
})();

describe('problem kinds in words', () => {
  test('every finding code has a Chinese and an English name, all distinct', () => {
    expect(codes.length).toBeGreaterThan(30);
    const zh = codes.map((c) => kindName(c));
    const en = codes.map((c) => kindName(c, 'en'));
    for (const [i, c] of codes.entries()) {
      expect(zh[i]).not.toBe(c);
      expect(zh[i]).toMatch(/[\u4e00-\u9fff]/);
      expect(en[i]).toMatch(/^[A-Z][\x20-\x7e]+$/);
    }
    expect(new Set(zh).size).toBe(codes.length);
    expect(new Set(en).size).toBe(codes.length);
    expect(kindName('something-new')).toBe('something-new');
  });

  test('root causes: the four that make the rest of a table meaningless', () => {
    expect([...ROOT_CAUSE_CODES].sort()).toEqual(['budget-breakdown-mismatch', 'columns-shifted', 'table-not-recognized', 'weight-total-mismatch']);
    expect(isRootCause('columns-shifted')).toBe(true);
    expect(isRootCause('score-mismatch')).toBe(false);
  });
});
