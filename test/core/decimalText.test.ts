// The shared ways findings and reports show a Decimal (decimal.ts).
import { D, percent2, shown2, toNumberOrNull } from '../../src/core/decimal';

test('shown2 rounds half-up to 2 decimals; percent2 shows a fraction; toNumberOrNull keeps null', () => {
  expect(shown2(new D('2.885'))).toBe('2.89');
  expect(shown2(null)).toBe('');
  expect(percent2(new D('0.144615'))).toBe('14.46%');
  expect(percent2(new D(1))).toBe('100%');
  expect(toNumberOrNull(new D('96.55'))).toBe(96.55);
  expect(toNumberOrNull(undefined)).toBeNull();
});
