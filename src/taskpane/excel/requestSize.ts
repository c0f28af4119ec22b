// What one operation costs in the request Excel receives, in UTF-8 bytes of request JSON. Measured
// through Microsoft's own client library (test/wire: @microsoft/office-js builds the requests, the
// fake answers them): a range addressed on its own carries its whole object path, so one fill costs
// ~840 bytes, not the few characters of its colour. Excel on the web refuses a request over 5 MB as
// a whole (RequestPayloadSizeLimitExceeded:
// https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization),
// so the gateway sends what it queued before a request would pass REQUEST_BUDGET.

/** Bytes per operation, rounded up from the measurements in test/wire/requestSize.test.ts. */
export const REQUEST_COST = {
  /** Setting or clearing one cell's fill (range path, format, fill, SetProperty). */
  fill: 860,
  /**
   * Reading one cell's fill back (a probe of a previous mark, a cell about to be marked, a
   * comment's cell): the range, the reference Excel.run keeps to it across syncs, and the load.
   */
  probe: 600,
  /** Adding a note or comment, before its text. */
  noteAdd: 300,
  /** Deleting a note or comment. */
  objectDelete: 280,
  /** A hyperlink on one cell, before its texts. */
  hyperlink: 680,
  /** A live reference on one cell (numberFormat and formula), before the formula text. */
  formula: 720,
  /** A run of equal style on one row (bold and fill). */
  styleRun: 1150,
  /** One cell inside a values + numberFormat block, before its text. */
  blockCell: 16,
} as const;

/**
 * What the gateway lets one request grow to: 3 MB, well under the web's 5 MB, so an estimate off by
 * half still fits.
 */
export const REQUEST_BUDGET = 3_000_000;

/** The least a host's refusals may bring the budget down to (then a refusal is reported). */
export const MIN_REQUEST_BUDGET = 60_000;

/** UTF-8 length of a text (a Chinese character is 3 bytes; JSON escapes are not counted). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Counts what is queued; `full` tells when the next `cost` would pass the budget. `start` counts
 * what was queued before the meter.
 */
export class RequestMeter {
  private bytes: number;
  constructor(private readonly budget = REQUEST_BUDGET, start = 0) {
    this.bytes = start;
  }
  add(cost: number): void {
    this.bytes += cost;
  }
  /** Whether adding `cost` would pass the budget while something is already queued. */
  full(cost: number): boolean {
    return this.bytes > 0 && this.bytes + cost > this.budget;
  }
  /** Whether `cost` more would pass the budget, whatever is queued. */
  wouldPass(cost: number): boolean {
    return this.bytes + cost > this.budget;
  }
  reset(): void {
    this.bytes = 0;
  }
  get queued(): number {
    return this.bytes;
  }
}

/**
 * What one cell costs in a read's answer beyond its own text: values, valueTypes and numberFormat
 * with their JSON (measured: test/wire/requestSize.test.ts).
 */
export const READ_OVERHEAD_PER_CELL = 40;
