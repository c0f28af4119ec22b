// Errors whose message is written for the user (Chinese, one line). Anything else that reaches the
// top of pe-check is a bug or a library failure and is shown as a generic line instead.
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** The user-facing text of an error: ours (and core's PeInputError) verbatim, others generic. */
export function userMessage(err: unknown, fallback: string): string {
  if (err instanceof CliError) return err.message;
  const e = err as { name?: unknown; message?: unknown; constructor?: { name?: string } } | null;
  // core/errors.ts PeInputError carries a Chinese message naming the value; match by name so the
  // CLI does not depend on that module's identity (ts-jest and dist load separate copies).
  if (e && (e.name === 'PeInputError' || e.constructor?.name === 'PeInputError') && typeof e.message === 'string') {
    return e.message;
  }
  return fallback;
}

/** A file a reader could not get through (damaged, or one that would exhaust the reader). */
export const MSG_DAMAGED = '文件已损坏或不完整，无法读取';
