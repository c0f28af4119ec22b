// Root causes computed from the numbers (issue 19, item 6): repeated rows, wrong blocks and missing
// blocks, on tables departments published, and on hand-built ones where the numbers do not add up.
import fs from 'node:fs';
import path from 'node:path';
import { rootCauses } from '../../src/core/causes';
import { checkWorkbook } from '../../src/core/check';
import { mof2020 } from '../../src/core/profile';
import type { Finding, WorkbookCheck } from '../../src/core/types';
import { readAndCheck } from '../../src/files/checkBytes';
import { standardTable, cleanRows } from '../helpers/grids';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

async function checked(rel: string): Promise<WorkbookCheck> {
  const r = await readAndCheck(new Uint8Array(fs.readFileSync(path.join(FIXTURES, rel))), path.basename(rel), { profile: mof2020, write: false });
  return r.check!;
}

const tag = (f: Finding) => `${f.code}@${f.cell}`;

describe('rootCauses', () => {
  test('开福区组织部: the three 一级 blocks (+45, −10, −10) are the 分值合计’s 125; the 产出 block takes it; the repeated rows take their own', async () => {
    const check = await checked('kaifu-2022-dept.xlsx');
    const groups = rootCauses(check);
    const byCause = new Map(groups.map((g) => [tag(g.cause), g.moot.map(tag)]));
    expect(groups[0].cause.cell).toBe('B14');
    expect(byCause.get('weight-sum-mismatch@B14')).toEqual(['weight-total-mismatch@G38']);
    expect(byCause.get('weight-sum-mismatch@B33')).toEqual([]);
    expect(byCause.get('weight-sum-mismatch@B37')).toEqual([]);
    for (const row of [29, 30, 31]) {
      const own = check.findings.filter((f) => f.row === row && f.code !== 'duplicate-indicator').map(tag);
      expect(byCause.get(`duplicate-indicator@D${row}`)).toEqual(own);
    }
    // Every finding at most once.
    const all = groups.flatMap((g) => [g.cause, ...g.moot]);
    expect(new Set(all).size).toBe(all.length);
  });

  test('中江县水利局: 产出 70 (+20) and 效益 20 (−10) make the 110; 产出, pushing it over, takes it', async () => {
    const groups = rootCauses(await checked('realworld/zhongjiang-shuiliju-2022-shuibiaochi.xlsx'));
    expect(groups.map((g) => [tag(g.cause), g.moot.map(tag)])).toEqual([
      ['weight-off-standard@B11', [expect.stringMatching(/^weight-total-mismatch@/)]],
      ['weight-off-standard@B17', []],
    ]);
  });

  test('鄂州市民中心: the blocks (+90, +10) are not what the sum is off by (+70): the 分值合计 is pinned alone', async () => {
    const check = await checked('unseen/ezhou-xingzhengshenpiju-2021-shiminzhongxin.xlsx');
    const groups = rootCauses(check);
    const total = groups.find((g) => g.cause.code === 'weight-total-mismatch')!;
    expect(total.moot).toEqual([]);
    expect(groups.some((g) => g.cause.code === 'weight-off-standard')).toBe(false);
  });

  test('池州委托业务: no 满意度 block, and its standard 10 分 are the shortfall: the 分值合计 says so', async () => {
    const check = await checked('realworld/chizhou-tangxi-2022-weituoyewu.xlsx');
    const total = check.findings.find((f) => f.code === 'weight-total-mismatch')!;
    expect(total.message).toBe('各项分值合计 90 分，应为 100 分：表中没有满意度指标（标准 10 分），请补上缺少的部分或核对各指标分值');
  });

  test('a missing budget block is named when its 10 分 are the shortfall, in English too', () => {
    // No budget rows; the indicators carry 90 and the 总分 row says 100.
    const grid = standardTable({ total: [100, 89.5] });
    grid.values.splice(2, 2, [], []);
    const zh = checkWorkbook([grid], mof2020).findings.find((f) => f.code === 'weight-total-mismatch');
    expect(zh?.message).toContain('表中没有预算执行率（标准 10 分）');
    const en = checkWorkbook([grid], mof2020, { locale: 'en' }).findings.find((f) => f.code === 'weight-total-mismatch');
    expect(en?.message).toContain('the table has no budget execution rate (10 points as standard)');
  });

  test('a missing block whose 分值 are not the shortfall is not named', () => {
    // 满意度 left out (−10) and one 产出 indicator at 20 instead of 10 (+10 … the sum is 100, no error);
    // at 15 the sum is 95: 10 missing is not the 5 short.
    const rows = cleanRows().slice(0, 8);
    rows[0] = [...rows[0]] as typeof rows[0];
    rows[0][5] = 15;
    const grid = standardTable({ rows, total: [100, 90] });
    const total = checkWorkbook([grid], mof2020).findings.find((f) => f.code === 'weight-total-mismatch');
    expect(total?.message).toBe('各项分值合计 95 分（含预算执行率），应为 100 分：请核对各指标分值');
  });
});
