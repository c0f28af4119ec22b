// RULES §7 deadlines: times people write in 年度指标值 / 实际完成值 ("9月前", "11月底前", "年底前",
// "2023年12月31日前", "2023年12月", "7月") and Excel date cells, as points on the calendar.
// Pure text → CalendarPoint; comparing and scoring them is score.ts's job.
import { serialToDay } from './cells';

/** A point on the calendar at the precision it was written: a month, or a day. */
export interface CalendarPoint {
  /** null when the text names no year ("9月前"): the other side's year is meant. */
  year: number | null;
  month: number;
  /** null when only the month is written; the last day of the month for 月底 / 月末. */
  day: number | null;
  /** Written as a deadline ("前", "以前", "之前", "内", "不晚于"): an at-most time. */
  deadline: boolean;
}

/** Words that name a month of the year on their own (年底 = December), as data. */
export const calendarWords: readonly [string, number][] = [
  ['上半年', 6], ['下半年', 12], ['年中', 6], ['年底', 12], ['年末', 12], ['年内', 12], ['全年', 12], ['当年', 12], ['本年度', 12], ['年度内', 12],
  ['第一季度', 3], ['第二季度', 6], ['第三季度', 9], ['第四季度', 12], ['一季度', 3], ['二季度', 6], ['三季度', 9], ['四季度', 12],
];

/** Words in front of a time that do not change it: 于7月, 截至12月底. */
const LEAD = '(?:于|在|截至|截止|截止到|截止至|至|到)?';
/** Deadline prefixes: 不晚于9月, ≤2023年12月. */
const DEADLINE_PREFIX = '(不晚于|不迟于|最迟|最晚|≤|<=|<)?';
/** Deadline suffixes, longest first. */
const DEADLINE_SUFFIX = '(之前|以前|前|以内|之内|内|为止|止)?';
/** Trailing words that say what happens then ("9月前完成验收"); negations are not allowed here. */
const TRAIL = '([\\u4e00-\\u9fff]{0,8})';

const NUMERIC_DATE_RE = new RegExp(`^${LEAD}${DEADLINE_PREFIX}(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})${DEADLINE_SUFFIX}${TRAIL}$`);
const CJK_DATE_RE = new RegExp(
  `^${LEAD}${DEADLINE_PREFIX}(?:(\\d{4})年(?:度)?)?(\\d{1,2})月(?:份)?(?:(\\d{1,2})[日号]|(底|末|中旬|上旬|下旬))?${DEADLINE_SUFFIX}${TRAIL}$`,
);
const WORD_RE = new RegExp(
  `^${LEAD}${DEADLINE_PREFIX}(?:(\\d{4})年?)?(${calendarWords.map(([w]) => w).join('|')})(?:底|末)?${DEADLINE_SUFFIX}${TRAIL}$`,
);
const NEGATED = /未|没|不|否|延期|推迟|滞后|逾期/;
/** Cheap test before any regex: every calendar text has one of these. */
const HINT = /[年月季]|\d{4}[-/.]\d/;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function lastDayOf(year: number | null, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1];
  const y = year ?? 2001; // a year not written: February has 28 days in most years
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}

function valid(year: number | null, month: number, day: number | null): boolean {
  if (month < 1 || month > 12) return false;
  if (year !== null && (year < 1900 || year > 2200)) return false;
  return day === null || (day >= 1 && day <= lastDayOf(year, month));
}

/** The calendar point a normalised text names, or null when it names none. */
export function parseCalendar(s: string): CalendarPoint | null {
  if (!HINT.test(s) || s.length > 40) return null;
  let m = NUMERIC_DATE_RE.exec(s);
  if (m) {
    const [, prefix, y, mo, d, suffix, trail] = m;
    return point(Number(y), Number(mo), Number(d), !!(prefix || suffix), trail);
  }
  m = CJK_DATE_RE.exec(s);
  if (m) {
    const [, prefix, y, mo, d, part, suffix, trail] = m;
    const year = y ? Number(y) : null;
    const month = Number(mo);
    let day: number | null = d ? Number(d) : null;
    if (part === '底' || part === '末' || part === '下旬') day = valid(year, month, null) ? lastDayOf(year, month) : null;
    else if (part === '中旬') day = 20;
    else if (part === '上旬') day = 10;
    return point(year, month, day, !!(prefix || suffix || part === '底' || part === '末'), trail);
  }
  m = WORD_RE.exec(s);
  if (m) {
    const [, , y, word, , trail] = m;
    const month = calendarWords.find(([w]) => w === word)![1];
    const year = y ? Number(y) : null;
    // 年底 / 一季度 mean the end of that period: compared by month.
    return point(year, month, null, true, trail);
  }
  return null;
}

function point(year: number | null, month: number, day: number | null, deadline: boolean, trail: string | undefined): CalendarPoint | null {
  if (trail && NEGATED.test(trail)) return null;
  if (!valid(year, month, day)) return null;
  return { year, month, day, deadline };
}

/** The calendar point of an Excel date serial (a date-formatted cell). */
export function calendarOfSerial(serial: number): CalendarPoint | null {
  const d = serialToDay(serial);
  return d ? { year: d.year, month: d.month, day: d.day, deadline: false } : null;
}

/** How the two points compare, and the elapsed time RULES §7 scores 反向 on. */
export interface CalendarComparison {
  /** Actual on or before the target (at the coarser of the two precisions). */
  onTime: boolean;
  /** Elapsed time from the start of the target's year to the target, and to the actual (months or days). */
  targetElapsed: number;
  actualElapsed: number;
  unit: 'month' | 'day';
}

function dayOfYear(year: number, month: number, day: number): number {
  let n = day;
  for (let m = 1; m < month; m++) n += lastDayOf(year, m);
  return n;
}

/**
 * Compares an actual point with a target point. A side without a year takes the other's; with days
 * on both sides the comparison is by day, else by month (a month-only actual in the target's month
 * is on time).
 */
export function compareCalendar(target: CalendarPoint, actual: CalendarPoint): CalendarComparison {
  const baseYear = target.year ?? actual.year ?? 2001;
  const actualYear = actual.year ?? baseYear;
  if (target.day !== null && actual.day !== null) {
    const t = dayOfYear(baseYear, target.month, target.day);
    let a = dayOfYear(actualYear, actual.month, actual.day);
    // Days of the years between the target's year and the actual's (or before it).
    for (let y = baseYear; y < actualYear; y++) a += dayOfYear(y, 12, 31);
    for (let y = actualYear; y < baseYear; y++) a -= dayOfYear(y, 12, 31);
    return { onTime: a <= t, targetElapsed: t, actualElapsed: a, unit: 'day' };
  }
  const t = target.month;
  const a = actual.month + 12 * (actualYear - baseYear);
  return { onTime: a <= t, targetElapsed: t, actualElapsed: a, unit: 'month' };
}

/** "2023年12月31日" / "9月" as Chinese text for messages. */
export function calendarText(p: CalendarPoint): string {
  return `${p.year !== null ? `${p.year}年` : ''}${p.month}月${p.day !== null ? `${p.day}日` : ''}`;
}
