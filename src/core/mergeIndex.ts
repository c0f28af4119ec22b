// Merged areas indexed by row intervals: lookups cost O(log n + areas on that row), memory is per
// area, never per cell. One area may cover the whole sheet (A1:XFD1048576, 17 billion cells) and a
// sheet may hold 100,000 areas; a per-cell map or a pairwise overlap check dies on either.
import type { MergedArea } from './types';

/** Centered interval tree over the rows of the areas (each area stored once). */
interface Node {
  center: number;
  /** Areas containing `center`, by top ascending. */
  byTop: MergedArea[];
  /** The same areas, by bottom descending. */
  byBottom: MergedArea[];
  below: Node | null;
  above: Node | null;
}

function build(areas: MergedArea[]): Node | null {
  if (areas.length === 0) return null;
  // Median of the areas' middle rows keeps the tree balanced (depth O(log n)).
  const mids = areas.map((a) => a.top + Math.floor((a.bottom - a.top) / 2)).sort((x, y) => x - y);
  const center = mids[mids.length >> 1];
  const here: MergedArea[] = [];
  const below: MergedArea[] = [];
  const above: MergedArea[] = [];
  for (const a of areas) {
    if (a.bottom < center) below.push(a);
    else if (a.top > center) above.push(a);
    else here.push(a);
  }
  return {
    center,
    byTop: here.slice().sort((x, y) => x.top - y.top),
    byBottom: here.sort((x, y) => y.bottom - x.bottom),
    below: build(below),
    above: build(above),
  };
}

/** How many rows' area lists are kept (scans go row by row; check.ts revisits a few rows). */
const ROW_CACHE = 256;

export class MergeIndex {
  private readonly root: Node | null;
  private readonly masters = new Map<number, MergedArea>();
  private readonly rows = new Map<number, MergedArea[]>();

  constructor(areas: readonly MergedArea[]) {
    this.root = build(areas.slice());
    for (const m of areas) {
      const k = key(m.top, m.left);
      if (!this.masters.has(k)) this.masters.set(k, m);
    }
  }

  /** Areas covering row r, sorted by left column. */
  onRow(r: number): MergedArea[] {
    let list = this.rows.get(r);
    if (list) return list;
    list = [];
    for (let n = this.root; n; ) {
      if (r < n.center) {
        for (const a of n.byTop) {
          if (a.top > r) break;
          list.push(a);
        }
        n = n.below;
      } else if (r > n.center) {
        for (const a of n.byBottom) {
          if (a.bottom < r) break;
          list.push(a);
        }
        n = n.above;
      } else {
        list.push(...n.byTop);
        break;
      }
    }
    list.sort((x, y) => x.left - y.left);
    if (this.rows.size >= ROW_CACHE) this.rows.clear();
    this.rows.set(r, list);
    return list;
  }

  /** The area containing (r, c), if any. */
  at(r: number, c: number): MergedArea | undefined {
    if (!this.root) return undefined;
    const master = this.masters.get(key(r, c));
    if (master) return master;
    const list = this.onRow(r);
    // Last area whose left ≤ c (areas of a well-formed sheet do not overlap).
    let lo = 0;
    let hi = list.length - 1;
    let found: MergedArea | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].left <= c) {
        found = list[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    // Overlapping areas (possible only in a grid built by a script: Excel refuses them) may hide
    // one another here; a scan of the row per miss would make every row scan quadratic.
    return found && found.right >= c ? found : undefined;
  }

  /** Whether (r, c) is the top-left cell of an area. */
  isMaster(r: number, c: number): boolean {
    return this.masters.has(key(r, c));
  }
}

const key = (r: number, c: number): number => r * 16384 + c;
