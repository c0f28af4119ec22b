// Hand-built grids for checker tests: a standard 项目支出绩效自评表 that is clean by construction,
// and small helpers to break one thing at a time.
import type { CellValue, MergedArea, SheetGrid } from '../../src/core/types';

export type IndicatorRow = [string | null, string | null, string, CellValue, CellValue, CellValue, CellValue, CellValue?];

/** A clean table: budget 95/100 (9.5), 产出 5×10, 效益 3×10, 满意度 1×10, total 99.5 优. */
export function cleanRows(): IndicatorRow[] {
  return [
    ['产出指标(50分)', '数量指标', '培训人次', '≥1000人次', '1020人次', 10, 10, ''],
    [null, null, '覆盖社区数', 20, 20, 10, 10, ''],
    [null, '质量指标', '验收合格率', '≥95%', '98%', 10, 10, ''],
    [null, '时效指标', '资金拨付及时率', '100%', '100%', 10, 10, ''],
    [null, '成本指标', '人均培训成本', '≤300元', '280元', 10, 10, ''],
    ['效益指标(30分)', '社会效益指标', '群众知晓率', '≥90%', '92%', 10, 10, ''],
    [null, null, '制度建设', '建立', '已建立', 10, 10, ''],
    [null, '可持续影响指标', '长效机制', '健全', '健全', 10, 10, ''],
    ['满意度指标(10分)', '服务对象满意度指标', '服务对象满意度', '≥90%', '95%', 10, 10, ''],
  ];
}

export interface TableOptions {
  name?: string;
  rows?: IndicatorRow[];
  budget?: CellValue[]; // 年初, 全年, 执行, 分值, 执行率, 得分
  total?: CellValue[]; // 分值, 得分
  grade?: CellValue;
  /** Leave out the 分值 and 得分 columns. */
  noScoreColumns?: boolean;
  sheet?: string;
  /** Number formats by "r,c" (0-based). */
  formats?: Record<string, string>;
}

/** Row index (0-based) of the first indicator row in `standardTable`. */
export const FIRST_ROW = 5;

export function standardTable(o: TableOptions = {}): SheetGrid {
  const rows = o.rows ?? cleanRows();
  const values: CellValue[][] = [];
  const merges: MergedArea[] = [];
  values.push(['项目支出绩效自评表']);
  values.push(['项目支出名称', o.name ?? '社区培训项目']);
  values.push(['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分']);
  values.push([null, '年度资金总额', ...(o.budget ?? [100, 100, 95, 10, 0.95, 9.5])]);
  const header = ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
  values.push(o.noScoreColumns ? header.filter((h) => h !== '分值' && h !== '得分') : header);
  let blockStart = -1;
  rows.forEach((r, i) => {
    const row: CellValue[] = [null, r[0], r[1], r[2], r[3], r[4]];
    if (!o.noScoreColumns) row.push(r[5], r[6]);
    row.push(r[7] ?? null);
    values.push(row);
    const at = FIRST_ROW + i;
    if (r[0] !== null) {
      if (blockStart >= 0 && at - 1 > blockStart) merges.push({ top: blockStart, left: 1, bottom: at - 1, right: 1 });
      blockStart = at;
    }
  });
  const end = FIRST_ROW + rows.length - 1;
  if (blockStart >= 0 && end > blockStart) merges.push({ top: blockStart, left: 1, bottom: end, right: 1 });
  const totals = o.total ?? [100, 99.5];
  values.push(o.noScoreColumns ? ['总分', null, null, null, null, totals[1]] : ['总分', null, null, null, null, null, ...totals]);
  merges.push({ top: end + 1, left: 0, bottom: end + 1, right: 5 - (o.noScoreColumns ? 1 : 0) });
  if (o.grade !== undefined) values.push(['评价等次', null, null, null, null, o.grade]);
  const numberFormats: string[][] = values.map((r) => r.map(() => 'General'));
  numberFormats[3][6] = '0.00%';
  for (const [k, f] of Object.entries(o.formats ?? {})) {
    const [r, c] = k.split(',').map(Number);
    numberFormats[r][c] = f;
  }
  return { name: o.sheet ?? '项目支出自评表', values, numberFormats, merges };
}

/** Replace one indicator row (0-based index into rows). */
export function withRow(i: number, change: Partial<Record<'level1' | 'level2' | 'name' | 'target' | 'actual' | 'weight' | 'score' | 'reason', CellValue>>): IndicatorRow[] {
  const rows = cleanRows();
  const keys = ['level1', 'level2', 'name', 'target', 'actual', 'weight', 'score', 'reason'] as const;
  keys.forEach((k, idx) => {
    if (k in change) (rows[i] as CellValue[])[idx] = change[k] as CellValue;
  });
  return rows;
}

/** Sheet address of an indicator cell in `standardTable` (column letters of the full layout). */
export function cellOf(i: number, column: 'name' | 'target' | 'actual' | 'weight' | 'score' | 'reason'): string {
  const letters = { name: 'D', target: 'E', actual: 'F', weight: 'G', score: 'H', reason: 'I' }[column];
  return `${letters}${FIRST_ROW + i + 1}`;
}
