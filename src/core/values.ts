// RULES §2: reading what people type into 年度指标值 / 实际完成值 / money cells.
// Pure text → ParsedValue; no scoring here (see score.ts).
import type Decimal from 'decimal.js';
import { D, fromNumber } from './decimal';
import { calendarOfSerial, calendarText, parseCalendar, type CalendarPoint } from './calendar';
import { isDateFormat } from './cells';
import type { CellValue } from './types';

export type Operator = 'atLeast' | 'atMost' | 'exactly';

export interface ParsedValue {
  /** What the cell shows (a 0.9 formatted as percent shows "90%"). */
  text: string;
  kind: 'empty' | 'number' | 'range' | 'qualitative' | 'unmeasurable' | 'time';
  /** Explicit operator written; null when none. */
  operator: Operator | null;
  /** kind 'number' (percent → fraction: "90%" → 0.9). */
  value: Decimal | null;
  /** kind 'range'. */
  low: Decimal | null;
  high: Decimal | null;
  /** Written with % / ‰, or the cell is formatted as percent. */
  percent: boolean;
  /** Trailing unit such as 人次, 万元 ('' when none; % is not a unit). */
  unit: string;
  /** Text around the number that is not a unit ("（含公共专项2756.07）"), '' when none. */
  note: string;
  /** kind 'time' (RULES §7 deadlines): "9月前", "2023年12月31日", a date cell. */
  time: CalendarPoint | null;
}

/** Units seen in real 绩效自评表 cells; longer ones first so 人次 wins over 人. Any other short word also counts. */
export const KNOWN_UNITS: readonly string[] = [
  '平方公里', '平方米', '立方米', '个工作日', '工作日', '人次', '户次', '场次', '车次', '万元', '亿元', '千元',
  '小时', '学时', '课时', '公里', '千米', '公顷', '公斤', '千克', '个月', '季度', '周', '批次', '家次',
  '人', '次', '个', '场', '家', '户', '项', '期', '天', '日', '月', '年', '元', '篇', '份', '件', '所', '台',
  '套', '亩', '名', '批', '张', '本', '册', '条', '处', '座', '栋', '间', '辆', '艘', '头', '只', '株', '棵',
  '吨', '米', '分', '元/人', '部', '门', '类', '种', '册', '版', '块', '根', '盏', '组', '队', '村', '镇', '站', '点',
  '节', '课', '届', '轮', '起', '例', '床', '位', '首', '幅', '集', '章', '宗', '笔', '单', '号', '级', '倍',
  'km', 'kg', 'm²', 'm2', 'm', 't', 'MW', 'kW', 'kWh',
].slice().sort((a, b) => b.length - a.length);

const UNIT_SET = new Set(KNOWN_UNITS);

/** Prefix operators, longest first so 不低于 is not read as 低于. */
const PREFIX_OPS: readonly [string, Operator][] = ([
  ['大于等于', 'atLeast'], ['大于或等于', 'atLeast'], ['不低于', 'atLeast'], ['不少于', 'atLeast'], ['不小于', 'atLeast'],
  ['至少', 'atLeast'], ['最少', 'atLeast'], ['大于', 'atLeast'], ['高于', 'atLeast'], ['多于', 'atLeast'], ['超过', 'atLeast'],
  ['>=', 'atLeast'], ['≥', 'atLeast'], ['≧', 'atLeast'], ['⩾', 'atLeast'], ['>', 'atLeast'],
  ['小于等于', 'atMost'], ['小于或等于', 'atMost'], ['不高于', 'atMost'], ['不超过', 'atMost'], ['不多于', 'atMost'],
  ['不大于', 'atMost'], ['至多', 'atMost'], ['最多', 'atMost'], ['小于', 'atMost'], ['低于', 'atMost'], ['少于', 'atMost'],
  ['<=', 'atMost'], ['≤', 'atMost'], ['≦', 'atMost'], ['⩽', 'atMost'], ['<', 'atMost'],
  // ═ (box drawing) and ﹦ (small form) stand for = in published tables (RULES §7).
  ['==', 'exactly'], ['=', 'exactly'], ['═', 'exactly'], ['﹦', 'exactly'], ['等于', 'exactly'],
] as [string, Operator][]).sort((a, b) => b[0].length - a[0].length);
const PREFIX_OP_MAP = new Map(PREFIX_OPS);

/** Suffix operators ("90%以上", "3天内"), longest first. */
const SUFFIX_OPS: readonly [string, Operator][] = ([
  ['及以上', 'atLeast'], ['或以上', 'atLeast'], ['以上', 'atLeast'],
  ['及以下', 'atMost'], ['或以下', 'atMost'], ['以下', 'atMost'], ['以内', 'atMost'], ['之内', 'atMost'], ['内', 'atMost'],
] as [string, Operator][]).sort((a, b) => b[0].length - a[0].length);

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NUM_SRC = '(?:\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+)(?:\\.\\d+)?|\\.\\d+';
/** lead text, prefix operator, sign, number. Lazy lead so "满意度≥90%" splits into 满意度 / ≥ / 90. */
const HEAD_RE = new RegExp(`^(.*?)(${PREFIX_OPS.map((o) => escapeRe(o[0])).join('|')})?([+-]?)(${NUM_SRC})`);
const RANGE_RE = new RegExp(`^(?:-|~|至|到|—|–|〜)(${NUM_SRC})`);
const SUFFIX_OP_RE = new RegExp(`^(${SUFFIX_OPS.map((o) => escapeRe(o[0])).join('|')})`);
const SUFFIX_OP_END_RE = new RegExp(`(${SUFFIX_OPS.map((o) => escapeRe(o[0])).join('|')})$`);
const SUFFIX_OP_MAP = new Map(SUFFIX_OPS);
const KNOWN_UNIT_RE = new RegExp(`^(${KNOWN_UNITS.map(escapeRe).join('|')})`);
const WORD_RUN_RE = /^[A-Za-z\u4e00-\u9fff²³]+/;
/** Characters that make a short trailing word a remark ("左右", "以前") rather than a unit. */
const NOT_UNIT_CHARS = /[左右前后底达完成合格满意正常未不没无否差好及约超共计外上下以已的为是有]/;
/** Leading text that turns "未完成3个" into a qualitative statement, not a number. */
const LEAD_NEGATION = /未|没|不|否|无法/;
const NEEDS_NORMALISE = /[\uff01-\uff5e\u3000\s\u00a0\u2212\u2014\u2013\uff5e\u301c]/;
const BRACKET_RE = /[([【《{]/;
const UNMEASURABLE_RE = /按实|据实/;

/** Full-width → ASCII (０-９ ．％ ＞ ＜ ＝ ，（）～ …), − → -, 〜 → ~, all spaces removed (— and – stay: RANGE_RE reads them). */
export function normalise(s: string): string {
  if (!NEEDS_NORMALISE.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000 || c === 0x20 || c === 0xa0 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c) continue;
    else if (c === 0x2212) out += '-';
    else if (c === 0x301c) out += '~';
    else out += s[i];
  }
  return out;
}

function makeValue(text: string, kind: ParsedValue['kind']): ParsedValue {
  return { text, kind, operator: null, value: null, low: null, high: null, percent: false, unit: '', note: '', time: null };
}

const EMPTY_FORMAT = '';

/** The positive section of an Excel number format without quoted text, escapes and [colour] tags. */
function formatCore(fmt: string): string {
  const noQuotes = fmt.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
  return noQuotes.split(';')[0];
}

const formatInfoCache = new Map<string, { percent: boolean; decimals: number | null; grouping: boolean }>();

/** What a number format does to display: percent scaling, fixed decimals, thousands grouping. */
function formatInfo(fmt: string | null | undefined): { percent: boolean; decimals: number | null; grouping: boolean } {
  const key = fmt ?? EMPTY_FORMAT;
  let info = formatInfoCache.get(key);
  if (info) return info;
  const core = formatCore(key);
  const isGeneral = core === '' || /^general$/i.test(core) || /[ymdhs]/i.test(core);
  const dot = core.match(/[0#?]\.([0#?]*)/);
  info = {
    percent: core.includes('%'),
    decimals: isGeneral ? null : dot ? dot[1].length : /[0#?]/.test(core) ? 0 : null,
    grouping: /[0#?],[0#?]/.test(core),
  };
  if (formatInfoCache.size > 200) formatInfoCache.clear();
  formatInfoCache.set(key, info);
  return info;
}

/** Trims float noise as Excel's General format does (0.30000000000000004 shows as 0.3). */
function generalText(n: number): string {
  const s = String(n);
  // Up to 15 significant digits the shortest form already is what Excel shows.
  return s.length < 16 ? s : String(Number(n.toPrecision(15)));
}

function groupThousands(s: string): string {
  const [int, frac] = s.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + grouped + (frac !== undefined ? '.' + frac : '');
}

/** How Excel would show a number under a format (percent, fixed decimals, grouping; else General). */
function numberText(n: number, fmt: string | null | undefined): string {
  const info = formatInfo(fmt);
  if (info.percent) {
    const pct = fromNumber(n).times(100);
    return (info.decimals === null ? generalText(pct.toNumber()) : pct.toFixed(info.decimals)) + '%';
  }
  if (info.decimals === null) return generalText(n);
  const fixed = fromNumber(n).toFixed(info.decimals);
  return info.grouping ? groupThousands(fixed) : fixed;
}

/**
 * Decimal for a number string possibly containing thousands separators, scaled by a power of ten
 * through the exponent ("90" with -2 → 0.9): one exact parse instead of a Decimal division.
 */
function dec(num: string, exp = 0): Decimal {
  const digits = num.includes(',') ? num.replace(/,/g, '') : num;
  // Small integers take decimal.js's fast number path (exact below 2^53); the rest parse as text.
  if (exp === 0 && digits.length <= 15 && !digits.includes('.')) return new D(Number(digits));
  return new D(exp === 0 ? digits : shiftPoint(digits, exp));
}

/** Moves the decimal point of an unsigned plain number string: ("90.5", -2) → "0.905", ("1.2", 4) → "12000". */
function shiftPoint(digits: string, exp: number): string {
  const dot = digits.indexOf('.');
  const int = dot < 0 ? digits : digits.slice(0, dot);
  const frac = dot < 0 ? '' : digits.slice(dot + 1);
  const all = int + frac;
  const point = int.length + exp; // index of the new point within `all`
  if (point <= 0) return '0.' + '0'.repeat(-point) + all;
  if (point >= all.length) return all + '0'.repeat(point - all.length);
  return all.slice(0, point) + '.' + all.slice(point);
}

/** Power of ten a percent sign or 万 applies: % → -2, ‰ → -3, 万 → 4. */
function exponentOf(factor: number, scale: number): number {
  return (factor === 100 ? -2 : factor === 1000 ? -3 : 0) + (scale === 10000 ? 4 : 0);
}

interface Tail {
  unit: string;
  op: Operator | null;
  note: string;
  /** Multiplier a 万 in front of a unit implies ("1.2万人次" → 12000 人次). */
  scale: number;
}

/** Reads the unit, a suffix operator and a trailing remark after a number. */
function parseTail(t: string): Tail {
  let bracketNote = '';
  const b = t.search(BRACKET_RE);
  if (b >= 0) {
    bracketNote = t.slice(b);
    t = t.slice(0, b);
  }
  let op: Operator | null = null;
  let unit = '';
  let scale = 1;
  let lead = '';
  let m = SUFFIX_OP_RE.exec(t);
  if (m) {
    op = SUFFIX_OP_MAP.get(m[1]) ?? null;
    t = t.slice(m[1].length);
  }
  // "300余人": the 余/多 is a remark, the unit is 人.
  if ((t[0] === '余' || t[0] === '多') && KNOWN_UNIT_RE.test(t.slice(1))) {
    lead = t[0];
    t = t.slice(1);
  }
  // "1.2万人次" → 12000 人次; 万元 stays a money unit of its own.
  if (t[0] === '万' && !t.startsWith('万元')) {
    const rest = KNOWN_UNIT_RE.exec(t.slice(1));
    if (rest) {
      scale = 10000;
      t = t.slice(1);
    }
  }
  m = KNOWN_UNIT_RE.exec(t);
  if (m) {
    unit = m[1];
    t = t.slice(unit.length);
  } else {
    const run = WORD_RUN_RE.exec(t);
    if (run) {
      let word = run[0];
      const end = SUFFIX_OP_END_RE.exec(word);
      if (end && end[1].length < word.length) word = word.slice(0, word.length - end[1].length);
      const after = t.slice(word.length);
      if (word.length <= 4 && !NOT_UNIT_CHARS.test(word) && (after === '' || SUFFIX_OP_RE.test(after) || after[0] === '/')) {
        unit = word;
        t = after;
      }
    }
  }
  // Compound units: 元/人, 次/年.
  if (unit && t[0] === '/') {
    const per = KNOWN_UNIT_RE.exec(t.slice(1)) ?? WORD_RUN_RE.exec(t.slice(1));
    if (per && per[0].length <= 4 && !NOT_UNIT_CHARS.test(per[0])) {
      unit += '/' + per[0];
      t = t.slice(1 + per[0].length);
    }
  }
  if (op === null) {
    m = SUFFIX_OP_RE.exec(t);
    if (m) {
      op = SUFFIX_OP_MAP.get(m[1]) ?? null;
      t = t.slice(m[1].length);
    }
  }
  return { unit, op, note: lead + t + bracketNote, scale };
}

/** Percent sign right after a number: factor to divide by. */
function percentSign(t: string): number {
  const c = t[0];
  return c === '%' ? 100 : c === '‰' ? 1000 : 1;
}

/**
 * The shapes most cells have ("85%", "≥90%", "1,150人次", "≤30天"): one regex and a Set lookup
 * instead of the general walk. Anything it does not fully recognise goes the general way.
 */
const FAST_RE = /^(≥|≤|>=|<=|>|<)?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(%|‰)?([\u4e00-\u9fff]{1,4})?$/;
const FAST_OPS: Record<string, Operator> = { '≥': 'atLeast', '>=': 'atLeast', '>': 'atLeast', '≤': 'atMost', '<=': 'atMost', '<': 'atMost' };

function parseFast(s: string, text: string): ParsedValue | null {
  const m = FAST_RE.exec(s);
  if (!m) return null;
  const unit = m[4] ?? '';
  if (unit !== '' && (m[3] !== undefined || !UNIT_SET.has(unit))) return null;
  const out = makeValue(text, 'number');
  out.operator = m[1] === undefined ? null : FAST_OPS[m[1]];
  out.percent = m[3] !== undefined;
  out.value = dec(m[2], m[3] === undefined ? 0 : m[3] === '%' ? -2 : -3);
  out.unit = unit;
  return out;
}

/** Parses normalised text; `text` is what the cell shows. */
/** "2.0E+3", "1e-2": scientific notation as Excel shows it for large or small numbers (exponent as Excel's, ±308). */
const SCI_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)[eE][+-]?\d{1,3}$/;

function parseText(s: string, text: string): ParsedValue {
  if (s === '') return makeValue(text, 'empty');
  const time = parseCalendar(s);
  if (time) {
    const out = makeValue(text, 'time');
    out.time = time;
    return out;
  }
  const fast = parseFast(s, text);
  if (fast) return fast;
  if (SCI_RE.test(s)) {
    const out = makeValue(text, 'number');
    out.value = new D(s);
    return out;
  }
  if (UNMEASURABLE_RE.test(s)) return makeValue(text, 'unmeasurable');
  const formulaLike = s[0] === '=';
  const head = HEAD_RE.exec(s);
  if (!head) return makeValue(text, 'qualitative');
  let lead = head[1];
  let sign = head[3];
  if (lead && sign) {
    // "abc-5": the dash belongs to the text, not to the number.
    lead += sign;
    sign = '';
  }
  if (lead && (lead.length > 10 || /[A-Za-z0-9._]$/.test(lead) || LEAD_NEGATION.test(lead))) {
    return makeValue(text, 'qualitative');
  }
  const operator = head[2] ? PREFIX_OP_MAP.get(head[2]) ?? null : null;
  let rest = s.slice(head[0].length);
  const pct = percentSign(rest);
  if (pct !== 1) rest = rest.slice(1);

  // A range needs the separator right after the first number (or its known unit): "5~7天", "5天-7天".
  const unitBefore = KNOWN_UNIT_RE.exec(rest);
  const afterUnit = unitBefore ? rest.slice(unitBefore[1].length) : rest;
  const range = RANGE_RE.exec(afterUnit);
  const out = makeValue(text, 'number');
  out.operator = operator;
  if (range) {
    let after = afterUnit.slice(range[0].length);
    const pct2 = percentSign(after);
    if (pct2 !== 1) after = after.slice(1);
    const tail = parseTail(after);
    const factor = pct !== 1 ? pct : pct2;
    const exp = exponentOf(factor, tail.scale);
    let low = dec(head[4], exp);
    if (sign === '-') low = low.neg();
    const high = dec(range[1], exp);
    out.kind = 'range';
    out.low = low.lte(high) ? low : high;
    out.high = low.lte(high) ? high : low;
    out.percent = factor !== 1;
    out.unit = unitBefore ? unitBefore[1] : tail.unit;
    out.note = joinNote(originalPrefix(text, lead), originalSuffix(text, tail.note));
    if (tail.op && !out.operator) out.operator = tail.op;
  } else {
    const tail = parseTail(rest);
    let value = dec(head[4], exponentOf(pct, tail.scale));
    if (sign === '-') value = value.neg();
    out.value = value;
    out.percent = pct !== 1;
    out.unit = tail.unit;
    out.note = joinNote(originalPrefix(text, lead), originalSuffix(text, tail.note));
    if (tail.op && !out.operator) out.operator = tail.op;
  }
  if (formulaLike && (lead !== '' || out.note !== '' || out.operator !== 'exactly')) {
    // Text starting with '=' is literal; only "=100%" style reads as the exactly operator.
    return makeValue(text, 'qualitative');
  }
  return out;
}

// normalise() maps each UTF-16 unit to itself, one other unit, or nothing (spaces): so the
// normalised form of a suffix (prefix) of `text` is a suffix (prefix) of normalise(text), and the
// shortest one that can equal `norm` is where exactly norm.length units have been produced. One
// slice and one comparison there: linear, where trying every length was quadratic (a 32,767-
// character cell took seconds).
const dropsUnit = (c: number): boolean => c === 0x3000 || c === 0x20 || c === 0xa0 || (c >= 0x09 && c <= 0x0d);

/** The original characters (full-width brackets kept) whose normalised form is `norm`, at the end of `text`. */
function originalSuffix(text: string, norm: string): string {
  if (!norm) return '';
  if (text.endsWith(norm)) return norm.trim(); // nothing normalised away there (the usual case)
  let produced = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    if (!dropsUnit(text.charCodeAt(i))) produced++;
    if (produced === norm.length) {
      const cand = text.slice(i);
      return normalise(cand) === norm ? cand.trim() : norm;
    }
    if (text.length - i > norm.length * 3 + 8) break;
  }
  return norm;
}

/** Same as originalSuffix for a leading remark ("约"). */
function originalPrefix(text: string, norm: string): string {
  if (!norm) return '';
  if (text.startsWith(norm)) return norm.trim();
  let produced = 0;
  for (let i = 0; i < text.length; i++) {
    if (!dropsUnit(text.charCodeAt(i))) produced++;
    if (produced === norm.length) {
      const cand = text.slice(0, i + 1);
      return normalise(cand) === norm ? cand.trim() : norm;
    }
    if (i + 1 > norm.length * 3 + 8) break;
  }
  return norm;
}

function joinNote(lead: string, trail: string): string {
  return lead && trail ? `${lead}…${trail}` : lead || trail;
}

// Parsed cells are cached: a workbook (and a recalculating sheet of PE.SCORE calls) repeats the
// same few thousand strings. Two generations per kind of key: lookups promote from the old one,
// and when the young one is full the old one is dropped whole — LRU-like, with O(1) eviction and
// at most 2 × GENERATION entries. Strings and General numbers are their own keys (no key building).
const GENERATION = 16384;

class TwoGenerationCache<K> {
  private young = new Map<K, ParsedValue>();
  private old = new Map<K, ParsedValue>();

  get(key: K): ParsedValue | undefined {
    const v = this.young.get(key);
    if (v !== undefined) return v;
    const old = this.old.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: K, v: ParsedValue): ParsedValue {
    if (this.young.size >= GENERATION) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, v);
    return v;
  }
}

const textCache = new TwoGenerationCache<string>();
const numberCache = new TwoGenerationCache<number>();
const formattedCache = new TwoGenerationCache<string>();

/**
 * Like parseValue but returns the shared cached object: for engine-internal callers that never
 * mutate it (api.ts). Everyone else uses parseValue, which hands out a copy.
 */
export function parseValueShared(raw: CellValue | undefined, numberFormat?: string | null): ParsedValue {
  if (raw === null || raw === undefined) return makeValue('', 'empty');
  if (typeof raw === 'string') return textCache.get(raw) ?? textCache.set(raw, parseString(raw));
  if (typeof raw === 'number') {
    if (!numberFormat || numberFormat === 'General') return numberCache.get(raw) ?? numberCache.set(raw, parseNumberCell(raw, ''));
    const key = String(raw) + '\u0001' + numberFormat;
    return formattedCache.get(key) ?? formattedCache.set(key, parseNumberCell(raw, numberFormat));
  }
  return makeValue(raw ? 'TRUE' : 'FALSE', 'qualitative');
}

function parseString(raw: string): ParsedValue {
  const text = raw.trim();
  return withinMagnitude(parseText(normalise(text), text));
}

/**
 * No figure in a 绩效自评表 comes near 10^15 (beyond it Excel keeps no exact digits; 1e309 is not even
 * a number in Excel). Such a "number" is read as text nobody can score, so it can never turn into
 * Infinity in a report, a marked copy or 总览.
 */
const MAX_MAGNITUDE = 1e15;

function withinMagnitude(p: ParsedValue): ParsedValue {
  const big = (d: Decimal | null) => d !== null && (!d.isFinite() || d.abs().gte(MAX_MAGNITUDE));
  return big(p.value) || big(p.low) || big(p.high) ? makeValue(p.text, 'qualitative') : p;
}

/**
 * RULES §2. Never throws: unreadable text comes back as kind 'qualitative' (score.ts decides
 * whether it is a recognisable tier or `value-unparseable`). Each call returns a fresh object.
 */
export function parseValue(raw: CellValue | undefined, numberFormat?: string | null): ParsedValue {
  // Decimals are immutable, so a shallow copy is enough to keep callers' edits out of the cache.
  return { ...parseValueShared(raw, numberFormat) };
}

function parseNumberCell(n: number, fmt: string): ParsedValue {
  if (!Number.isFinite(n) || Math.abs(n) >= MAX_MAGNITUDE) return makeValue(String(n), 'qualitative');
  // A date-formatted cell holds a serial number: it is a date, never an amount (RULES §7).
  const time = isDateFormat(fmt) ? calendarOfSerial(n) : null;
  if (time) {
    const out = makeValue(calendarText(time), 'time');
    out.time = time;
    return out;
  }
  const out = makeValue(numberText(n, fmt), 'number');
  out.value = fromNumber(n);
  out.percent = formatInfo(fmt).percent;
  return out;
}

/** Leading number of a money/weight/score cell; null when blank or no number. */
export function readNumber(
  raw: CellValue | undefined,
  numberFormat?: string | null,
): { value: Decimal; note: string; percent: boolean } | null {
  const p = parseValue(raw, numberFormat);
  if (p.kind === 'number' && p.value) return { value: p.value, note: p.note, percent: p.percent };
  if (p.kind === 'range' && p.low) return { value: p.low, note: p.note || p.text, percent: p.percent };
  return null;
}

/** What the cell shows: formatted numbers ("90%", "6,558.23"), TRUE/FALSE, trimmed text. */
export function displayText(raw: CellValue | undefined, numberFormat?: string | null): string {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return String(raw);
    const time = isDateFormat(numberFormat) ? calendarOfSerial(raw) : null;
    return time ? calendarText(time) : numberText(raw, numberFormat);
  }
  if (typeof raw === 'boolean') return raw ? 'TRUE' : 'FALSE';
  return raw.trim();
}
