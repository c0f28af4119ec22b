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

export function minDec(a: Decimal, b: Decimal): Decimal {
  return a.lte(b) ? a : b;
}

export function maxDec(a: Decimal, b: Decimal): Decimal {
  return a.gte(b) ? a : b;
}

/** Clamps d into [lo, hi]. */
export function clampDec(d: Decimal, lo: Decimal, hi: Decimal): Decimal {
  return d.lt(lo) ? lo : d.gt(hi) ? hi : d;
}

export type { Decimal };
