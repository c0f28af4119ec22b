// Root causes, computed: the findings that make others on the same table moot, each with what it
// explains. The pane pins them under 请先处理 and 总览 names a table's first one as 首个问题.
import { parseA1 } from './address';
import type { Finding, FindingCode, WorkbookCheck } from './types';
import { isRootCause } from './kinds';

/** A root cause and the findings it makes moot (in sheet order; never the cause itself). */
export interface CauseGroup {
  cause: Finding;
  moot: Finding[];
}

/** A 一级 block (or the budget block) whose 分值 is off its label or the standard: about the block, not a row. */
export const BLOCK_CODES: ReadonlySet<FindingCode> = new Set<FindingCode>(['weight-sum-mismatch', 'weight-off-standard']);
/** The table sums that numbers in the wrong columns throw off. */
const SHIFT_CONSEQUENCES: ReadonlySet<FindingCode> = new Set<FindingCode>(['weight-total-mismatch', 'weight-sum-mismatch', 'total-mismatch', 'grade-mismatch']);

/** The key of the table a finding belongs to: 't3' for tables[3], 's:Sheet' for findings outside any table. */
export function tableKeyOf(f: Finding): string {
  return f.table !== undefined ? `t${f.table}` : `s:${f.sheet}`;
}
const tableOf = tableKeyOf;

/** Sheet order of two findings' cells: row, then column. */
export function byCell(a: Finding, b: Finding): number {
  return a.row - b.row || parseA1(a.cell).col - parseA1(b.cell).col;
}
const num = (v: Finding['found']): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** How far a block finding moves the 分值合计 from the whole: its 分值 minus what it should be. */
function blockDeviation(f: Finding): number | null {
  const found = num(f.found);
  const expected = num(f.expected);
  return found === null || expected === null ? null : found - expected;
}

interface TablePlan {
  total: Finding | null;
  /** The cause the 分值合计 goes under, when one is computed. */
  totalOwner: Finding | null;
  /** The repeated rows that are causes (their table's 分值合计 is off). */
  duplicates: Finding[];
  blocks: Finding[];
}

/**
 * Which cause explains each table's 分值合计: repeated rows whose 分值 add up to exactly the excess;
 * else the wrong blocks, when their deviations add up to exactly what the sum is off by (产出 labelled
 * 50 over indicators worth 95, 效益 30 over 20, 满意度 10 over 0: 125), the first pushing the sum the
 * way it is off taking it. Compared in hundredths so 0.1 + 0.2 equals 0.3.
 */
function planTables(check: WorkbookCheck, findings: readonly Finding[]): Map<string, TablePlan> {
  const plans = new Map<string, TablePlan>();
  const planOf = (f: Finding) => {
    let p = plans.get(tableOf(f));
    if (!p) plans.set(tableOf(f), (p = { total: null, totalOwner: null, duplicates: [], blocks: [] }));
    return p;
  };
  for (const f of findings) {
    if (f.code === 'weight-total-mismatch') planOf(f).total = f;
    else if (f.code === 'duplicate-indicator') planOf(f).duplicates.push(f);
    else if (BLOCK_CODES.has(f.code)) planOf(f).blocks.push(f);
  }
  const cents = (x: number) => Math.round(x * 100);
  for (const p of plans.values()) {
    const total = p.total;
    const off = total ? blockDeviation(total) : null;
    if (!total || off === null || off === 0) {
      p.duplicates = [];
      p.blocks = [];
      continue;
    }
    // A repeated indicator is a cause only where the 分值 are over the whole (the copy adds its 分值).
    if (off < 0) p.duplicates = [];
    const table = total.table !== undefined ? check.tables[total.table] : undefined;
    const weightOf = (f: Finding) => table?.indicators.find((i) => i.row === f.row)?.weight ?? null;
    const dupWeights = p.duplicates.map(weightOf);
    // Wrong blocks are causes when, together, they are exactly what the sum is off by.
    const deviations = p.blocks.map(blockDeviation);
    if (!deviations.length || deviations.some((d) => d === null) || cents(deviations.reduce<number>((s, d) => s + d!, 0)) !== cents(off)) p.blocks = [];
    if (p.duplicates.length && dupWeights.every((w) => w !== null) && cents(dupWeights.reduce<number>((s, w) => s + w!, 0)) === cents(off)) {
      p.totalOwner = p.duplicates[0];
    } else {
      p.totalOwner = p.blocks.find((b) => Math.sign(blockDeviation(b)!) === Math.sign(off)) ?? null;
    }
  }
  return plans;
}

/** Causes before what they explain: shifted columns, the 分值合计's cause, the other causes. */
function rankOf(f: Finding, plans: Map<string, TablePlan>): number {
  if (f.code === 'columns-shifted') return 0;
  if (plans.get(tableOf(f))?.totalOwner === f) return 1;
  if (f.code === 'duplicate-indicator' || BLOCK_CODES.has(f.code)) return 2;
  return 3;
}

function isCause(f: Finding, plans: Map<string, TablePlan>): boolean {
  if (isRootCause(f.code)) return true;
  const p = plans.get(tableOf(f));
  return !!p && (p.duplicates.includes(f) || p.blocks.includes(f));
}

/** Whether cause `c` makes finding `f` moot: in its table, on the rows it covers or a sum it throws off. */
function makesMoot(c: Finding, f: Finding, plans: Map<string, TablePlan>): boolean {
  if (c === f || tableOf(c) !== tableOf(f)) return false;
  if (c.code === 'columns-shifted') {
    // found = how many rows from c.row on are shifted (a contiguous run, as the check finds them).
    const rows = typeof c.found === 'number' && c.found > 0 ? c.found : 1;
    return (f.row >= c.row && f.row < c.row + rows) || SHIFT_CONSEQUENCES.has(f.code);
  }
  if (f.code === 'weight-total-mismatch') return plans.get(tableOf(c))?.totalOwner === c;
  // A repeated row: its own findings (the row is a copy; deleting it ends them).
  if (c.code === 'duplicate-indicator') return f.row === c.row;
  // A block's label that is off the standard as well as off its indicators: one block, one cause.
  if (c.code === 'weight-sum-mismatch') return f.code === 'weight-off-standard' && f.cell === c.cell;
  return false;
}

/**
 * The root causes among `findings` (a filtered list is fine: causes and effects are looked for in
 * it only), in table order, each with the findings it makes moot. Every finding is under at most one
 * cause; a cause another explains goes under that one with what it explained.
 */
export function rootCauses(check: WorkbookCheck, findings: readonly Finding[] = check.findings): CauseGroup[] {
  const plans = planTables(check, findings);
  const order = new Map<string, number>();
  for (const f of findings) if (!order.has(tableOf(f))) order.set(tableOf(f), order.size);
  const causes = findings
    .filter((f) => isCause(f, plans))
    .sort((a, b) => order.get(tableOf(a))! - order.get(tableOf(b))! || rankOf(a, plans) - rankOf(b, plans) || a.row - b.row);
  const mootBy = new Map<Finding, Finding[]>(causes.map((c) => [c, []]));
  const placed = new Set<Finding>();
  for (const f of findings) {
    // A cause goes under another only of an earlier rank (no cycles).
    const isC = mootBy.has(f);
    const c = causes.find((x) => x !== f && rankOf(x, plans) < 3 && (!isC || rankOf(x, plans) < rankOf(f, plans)) && makesMoot(x, f, plans));
    if (c) {
      mootBy.get(c)!.push(f);
      placed.add(f);
    }
  }
  const groups: CauseGroup[] = [];
  for (const c of causes) {
    if (placed.has(c)) continue;
    const moot: Finding[] = [];
    const take = (x: Finding) => {
      for (const m of mootBy.get(x) ?? []) {
        moot.push(m);
        take(m);
      }
    };
    take(c);
    moot.sort(byCell);
    groups.push({ cause: c, moot });
  }
  return groups;
}
