// Text from a workbook shown in a terminal: a cell may hold ESC sequences (written as _x001B_ in
// the XML) that clear the screen, recolour or hide the real findings and print a fake "✔ 未发现
// 问题", or 200 MB of title. Every such text goes through `shown` before it is printed.
import { cutText } from '../core/limits';

/** Longest cell-derived text printed on one line (titles, sheet names, finding messages). */
export const TERMINAL_TEXT_MAX = 300;

// C0 controls (except none: line breaks are folded by the caller), DEL, C1 controls, and the
// Unicode format characters that reorder or hide text (bidi overrides/isolates, line/paragraph
// separators, BOM / zero-width no-break space).
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

const hex = (c: string) => {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** Control characters shown escaped (ESC → "\x1b"), then cut to `max` characters with "…". */
export function shown(s: string, max: number = TERMINAL_TEXT_MAX): string {
  // Cut first (bounded work on a huge text), then escape what is left.
  const cut = cutText(s, max);
  return cut.replace(UNSAFE, hex);
}

/** Line breaks folded to spaces (a finding is one line), then made safe. */
export function shownLine(s: string, max: number = TERMINAL_TEXT_MAX): string {
  return shown(cutText(s, max * 2).replace(/\s*[\r\n]+\s*/g, ' '), max);
}
