// Exact decimal arithmetic for every score and rate: results never pass through binary floats.
import Decimal from 'decimal.js';

/** Decimal with 40 significant digits and half-up rounding (finance rounds 7.525 → 7.53). */
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

export const ZERO = new D(0);
export const ONE = new D(1);
export const HUNDRED = new D(100);
export const CENT = new D('0.01');

/** Half-up to 2 decimals: 9.5465 → 9.55, 7.525 → 7.53. */
export function round2(d: Decimal): Decimal {
  // Rounding mode is explicit, so no copy into D is needed even for a plain Decimal.
  return d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** For reports and custom-function results only; never feed the result back into arithmetic. */
export function toNumber(d: Decimal): number {
  return d.toNumber();
}

/**
 * A JS number as Excel stores it, via its shortest round-trip text (String(0.1 + 0.2) keeps
 * '0.30000000000000004', which is what the cell really holds). Caller must pass a finite number.
 */
export function fromNumber(n: number): Decimal {
  return new D(Object.is(n, -0) ? '0' : String(n));
}

/**
 * A Decimal from another clone (e.g. a caller's plain `Decimal`, precision 20) as a D, so that
 * arithmetic, which uses the receiver's settings, always runs at 40 digits.
 */
export function toD(d: Decimal): Decimal {
  // All clones share one prototype, so instanceof cannot tell them apart; the constructor can.
  return d.constructor === D ? d : new D(d);
}

export function minDec(a: Decimal, b: Decimal): Decimal {
  return cmp(a, b) <= 0 ? a : b;
}

export function maxDec(a: Decimal, b: Decimal): Decimal {
  return cmp(a, b) >= 0 ? a : b;
}

/** Clamps d into [lo, hi]. */
export function clampDec(d: Decimal, lo: Decimal, hi: Decimal): Decimal {
  return cmp(d, lo) < 0 ? lo : cmp(d, hi) > 0 ? hi : d;
}

export type { Decimal };

/**
 * Allocation-free comparison: decimal.js's own cmp copies its argument into a new Decimal on
 * every call, which dominated the scoring profile. Same algorithm as decimal.js P.cmp; NaN → NaN.
 */
export function cmp(x: Decimal, y: Decimal): number {
  const xd = x.d;
  const yd = y.d;
  const xs = x.s;
  const ys = y.s;
  if (!xd || !yd) return x.cmp(y); // NaN or ±Infinity: let decimal.js decide
  if (!xd[0] || !yd[0]) return xd[0] ? xs : yd[0] ? -ys : 0;
  if (xs !== ys) return xs;
  if (x.e !== y.e) return (x.e > y.e) !== (xs < 0) ? 1 : -1;
  const xdL = xd.length;
  const ydL = yd.length;
  for (let i = 0, j = xdL < ydL ? xdL : ydL; i < j; ++i) {
    if (xd[i] !== yd[i]) return (xd[i] > yd[i]) !== (xs < 0) ? 1 : -1;
  }
  return xdL === ydL ? 0 : (xdL > ydL) !== (xs < 0) ? 1 : -1;
}

export const gte = (x: Decimal, y: Decimal): boolean => cmp(x, y) >= 0;
export const lte = (x: Decimal, y: Decimal): boolean => cmp(x, y) <= 0;
export const gt = (x: Decimal, y: Decimal): boolean => cmp(x, y) > 0;
export const lt = (x: Decimal, y: Decimal): boolean => cmp(x, y) < 0;
export const eq = (x: Decimal, y: Decimal): boolean => cmp(x, y) === 0;

/** A Decimal as a finding shows it: half-up to 2 decimals ('' for none). */
export const shown2 = (d: Decimal | null | undefined): string => (d == null ? '' : round2(d).toString());
/** A fraction as a percentage with up to 2 decimals: 0.9547 → "95.47%". */
export const percent2 = (d: Decimal): string => `${d.times(100).toDecimalPlaces(2).toString()}%`;
/** A Decimal as a report number, null kept. */
export const toNumberOrNull = (d: Decimal | null | undefined): number | null => (d == null ? null : toNumber(d));
