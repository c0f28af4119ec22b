// The one error type the engine throws for bad input; adapters show `message` to the user as is.

export type PeInputErrorCode = 'empty' | 'invalid' | 'unit' | 'budget' | 'weight';

export class PeInputError extends Error {
  readonly code: PeInputErrorCode;
  /** The offending input as given, when there is one (for logs and tests). */
  readonly value?: unknown;

  /** `message` is Chinese and quotes the value, e.g. 无法识别的数值：“abc”. */
  constructor(code: PeInputErrorCode, message: string, value?: unknown) {
    super(message);
    this.name = 'PeInputError';
    this.code = code;
    this.value = value;
    // Keeps `instanceof` working when compiled to ES5 by some consumer's bundler.
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** Quotes a value the way messages show it: “abc”. */
export function quote(v: unknown): string {
  return `“${v === null || v === undefined ? '' : String(v)}”`;
}
