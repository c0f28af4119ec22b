// The one error type the engine throws for bad input; adapters show `message` to the user as is.

export type PeInputErrorCode = 'empty' | 'invalid' | 'unit' | 'budget' | 'weight';

export class PeInputError extends Error {
  readonly code: PeInputErrorCode;
  /** The offending input as given, when there is one (for logs and tests). */
  readonly value?: unknown;

  /** `message` is Chinese and quotes the value, e.g. 无法识别的数值：“abc”. */
  constructor(code: PeInputErrorCode, message: string, value?: unknown) {
    // Messages quote what was typed; a 32,767-character cell must not make a 32,767-character message.
    super(message.length > MAX_MESSAGE ? message.slice(0, MAX_MESSAGE - 1) + '…' : message);
    this.name = 'PeInputError';
    this.code = code;
    this.value = value;
    // Keeps `instanceof` working when compiled to ES5 by some consumer's bundler.
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** Longest message a PeInputError carries (the quoted input is cut with "…"). */
const MAX_MESSAGE = 300;
/** Longest input quoted in a message. */
const MAX_QUOTED = 60;

/** Quotes a value the way messages show it: “abc” (long ones cut: “abc…”). */
export function quote(v: unknown): string {
  let s: string;
  try {
    s = v === null || v === undefined ? '' : typeof v === 'symbol' ? v.toString() : String(v);
  } catch {
    s = typeof v; // an object whose toString throws
  }
  return `“${s.length > MAX_QUOTED ? s.slice(0, MAX_QUOTED - 1) + '…' : s}”`;
}
