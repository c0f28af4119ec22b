// Issue 8: cells as they are. The gateway loads Range.valueTypes so error cells stay errors (and a
// user's text '#N/A' never becomes one), dates stay serial numbers with their numberFormat (the
// grid contract of core/cells.ts, as the CLI readers give it), hidden sheets are skipped, merged
// areas are read in slices under Excel's 512-area limit, and #BUSY! is waited for.
import { checkWorkbook } from '../../src/core/check';
import { excelErrorOf } from '../../src/core/cells';
import { planHighlights } from '../../src/core/highlight';
import { mof2020 } from '../../src/core/profile';
import { createExcelGateway, DEFAULT_SETTINGS, type ExcelRun, type GatewayOptions } from '../../src/taskpane/excel/gateway';
import { performCheck } from '../../src/taskpane/state';
import { FakeExcel, type FakeExcelOptions, type FakeSheet, type FakeWorkbookModel } from '../fakes/fakeExcel';

const gatewayFor = (fake: FakeExcel, extra: Partial<GatewayOptions> = {}) =>
  createExcelGateway({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported, sleep: async () => undefined, ...extra });

/** A small 项目支出绩效自评表 (rows 5..9); `edit` changes cells before the model is used. */
function table(edit: (cells: FakeSheet['cells']) => void = () => undefined, name = '自评表'): FakeSheet {
  const cells: FakeSheet['cells'] = {};
  const put = (a: string, v: string | number, extra: Partial<FakeSheet['cells'][string]> = {}) => (cells[a] = { v, ...extra });
  put('A1', '项目支出绩效自评表');
  put('A3', '项目名称');
  put('B3', '测试项目');
  ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'].forEach((h, i) => put(`${String.fromCharCode(65 + i)}5`, h));
  const rows: [string, string | number, string | number, number, number][] = [
    ['培训人次', 100, 100, 30, 30],
    ['合格率', '≥90%', '95%', 30, 30],
    ['满意度', '≥90%', '92%', 30, 30],
  ];
  rows.forEach(([n, t, a, w, sc], i) => {
    const r = 6 + i;
    put(`A${r}`, '产出指标');
    put(`B${r}`, '数量指标');
    put(`C${r}`, n);
    put(`D${r}`, t);
    put(`E${r}`, a);
    put(`F${r}`, w);
    put(`G${r}`, sc);
  });
  put('A9', '总分');
  put('F9', 90);
  put('G9', 90);
  edit(cells);
  return { id: `{${name}}`, name, cells, merges: ['A1:H1'] };
}

const model = (...sheets: FakeSheet[]): FakeWorkbookModel => ({ sheets, settings: {}, notes: [], comments: [] });

describe('error cells (Range.valueTypes)', () => {
  test('a true error cell is its #… text; the engine reports the error, never "当前为 0"', async () => {
    const fake = new FakeExcel(model(table((c) => (c.G6 = { v: '#DIV/0!', t: 'Error', f: '=1/0' }))));
    const [g] = await gatewayFor(fake).readSheets();
    expect(g.values[5][6]).toBe('#DIV/0!');
    expect(excelErrorOf(g.values[5][6])).toBe('#DIV/0!');
    const check = checkWorkbook([g], mof2020);
    const onG6 = check.findings.filter((f) => f.cell === 'G6');
    expect(onG6.length).toBeGreaterThan(0);
    expect(onG6.some((f) => f.code === 'cell-error')).toBe(true);
    expect(onG6.some((f) => /当前为\s*0/.test(f.message))).toBe(false);
  });

  test("a user's text that looks like an error ('#N/A' typed as text) is never turned into one", async () => {
    const fake = new FakeExcel(model(table((c) => (c.E7 = { v: '#N/A', nf: '@' }))));
    const [g] = await gatewayFor(fake).readSheets();
    expect(g.values[6][4]).toBe("'#N/A");
    expect(excelErrorOf(g.values[6][4])).toBeNull();
    // The same text as a true error is one.
    const fake2 = new FakeExcel(model(table((c) => (c.E7 = { v: '#N/A', t: 'Error' }))));
    expect(excelErrorOf((await gatewayFor(fake2).readSheets())[0].values[6][4])).toBe('#N/A');
  });

  test('#BUSY! is waited for and read again', async () => {
    const fake = new FakeExcel(model(table((c) => (c.G7 = { v: '#BUSY!', t: 'Error', f: '=PE.SCORE(D7,E7,F7)' }))));
    const waits: number[] = [];
    let reads = 0;
    const real = fake.beforeSync.bind(fake);
    fake.beforeSync = async () => {
      // The function finishes after the first read of the sheet's cells.
      if (++reads === 4) fake.model.sheets[0].cells.G7 = { v: 30, f: '=PE.SCORE(D7,E7,F7)' };
      await real();
    };
    const [g] = await gatewayFor(fake, { sleep: async (ms) => void waits.push(ms) }).readSheets();
    expect(g.values[6][6]).toBe(30);
    expect(waits).toEqual([500]);
  });

  test('a #BUSY! that never ends is read as the error after three waits (the engine says so)', async () => {
    const fake = new FakeExcel(model(table((c) => (c.G7 = { v: '#BUSY!', t: 'Error' }))));
    const waits: number[] = [];
    const [g] = await gatewayFor(fake, { sleep: async (ms) => void waits.push(ms) }).readSheets();
    expect(g.values[6][6]).toBe('#BUSY!');
    expect(waits).toEqual([500, 1000, 1500]);
  });
});

describe('dates stay serial numbers with their number format (as the CLI readers give them)', () => {
  test('a date cell', async () => {
    const fake = new FakeExcel(model(table((c) => (c.E8 = { v: 45260, nf: 'yyyy"年"m"月"d"日"' }))));
    const [g] = await gatewayFor(fake).readSheets();
    expect(g.values[7][4]).toBe(45260);
    expect(g.numberFormats?.[7][4]).toBe('yyyy"年"m"月"d"日"');
  });
});

describe('hidden and very hidden sheets', () => {
  test('are not read, not marked, and reported', async () => {
    const hidden = table((c) => (c.G6 = { v: 1 }), '隐藏表');
    hidden.visibility = 'Hidden';
    const veryHidden = table((c) => (c.G6 = { v: 2 }), '深度隐藏');
    veryHidden.visibility = 'VeryHidden';
    const fake = new FakeExcel(model(table(), hidden, veryHidden));
    const gw = gatewayFor(fake);
    const read = await gw.readWorkbook!();
    expect(read.grids.map((g) => g.name)).toEqual(['自评表']);
    expect(read.hidden).toEqual(['隐藏表', '深度隐藏']);
    const r = await performCheck(gw, DEFAULT_SETTINGS, 'x.xlsx', () => undefined, 'zh');
    expect(r.hidden).toEqual(['隐藏表', '深度隐藏']);
    expect(planHighlights(r.check).every((m) => m.sheet === '自评表')).toBe(true);
    expect(Object.keys(fake.fills()).some((k) => k.startsWith('隐藏表') || k.startsWith('深度隐藏'))).toBe(false);
  });
});

describe('merged areas under the 512-area limit', () => {
  function manyMerges(n: number): FakeWorkbookModel {
    const s = table();
    for (let i = 0; i < n; i++) {
      const r = 20 + i;
      s.cells[`J${r}`] = { v: `合并${i}` };
      s.merges.push(`J${r}:K${r}`);
    }
    return model(s);
  }

  test('more than 512 merged areas are read in slices: the same grid as without the limit', async () => {
    const opts: FakeExcelOptions = { mergedAreaLimit: 512 };
    const limited = new FakeExcel(manyMerges(1200), opts);
    const free = new FakeExcel(manyMerges(1200), { mergedAreaLimit: 100_000 });
    const [a] = await gatewayFor(limited).readSheets();
    const [b] = await gatewayFor(free).readSheets();
    expect(a.merges.length).toBe(1201);
    const key = (m: { top: number; left: number; bottom: number; right: number }) => `${m.top},${m.left},${m.bottom},${m.right}`;
    expect(a.merges.map(key).sort()).toEqual(b.merges.map(key).sort());
    expect(a.values).toEqual(b.values);
    // The whole-sheet call does fail with the limit (the fake follows the reference page).
    await expect(
      limited.run(async (ctx) => {
        const areas = ctx.workbook.worksheets.getItem('自评表').getRange('A1:K1300').getMergedAreasOrNullObject();
        areas.load('areas/items/address');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'GeneralException' });
  });

  test('without ExcelApi 1.13 there is no merged-areas call at all', async () => {
    const fake = new FakeExcel(manyMerges(3), { apiVersion: '1.12' });
    const [g] = await gatewayFor(fake).readSheets();
    expect(g.merges).toEqual([]);
    expect(g.values[5][2]).toBe('培训人次');
  });
});

describe('many sheets: several per request', () => {
  // Each sync is a round trip to Excel (on the web, to Microsoft's servers): 40 small sheets are read
  // in groups that double (1, 2, 4, 8, 16, …), not one request each, and give the same grids.
  const sheets = (n: number, edit: (i: number, s: FakeSheet) => void = () => undefined) =>
    Array.from({ length: n }, (_, i) => {
      const s = table(undefined, `部门${i + 1}`);
      edit(i, s);
      return s;
    });
  const alone = async (s: FakeSheet) => (await gatewayFor(new FakeExcel(model(s))).readSheets())[0];

  test('40 sheets: the same grids as each read alone, in 8 syncs instead of 42', async () => {
    const list = sheets(40, (i, s) => (s.cells.G6 = { v: i }));
    const fake = new FakeExcel(model(...list));
    const seen: string[] = [];
    const read = await gatewayFor(fake).readWorkbook!(undefined, { onGrid: (g) => seen.push(g.name) });
    // worksheets, used ranges, then groups of 1, 2, 4, 8, 16 and the last 9 sheets
    expect(fake.syncCount).toBe(2 + 6);
    expect(read.grids.map((g) => g.name)).toEqual(list.map((s) => s.name));
    expect(seen).toEqual(list.map((s) => s.name));
    for (let i = 0; i < 40; i += 13) expect(read.grids[i]).toEqual(await alone(list[i]));
    expect(read.grids[39].values[5][6]).toBe(39);
  });

  test('a group that fails (a sheet with more than 512 merged areas) is read sheet by sheet: nothing lost', async () => {
    const list = sheets(6, (i, s) => {
      if (i !== 2) return;
      for (let k = 0; k < 600; k++) {
        s.cells[`J${20 + k}`] = { v: `合并${k}` };
        s.merges.push(`J${20 + k}:K${20 + k}`);
      }
    });
    const fake = new FakeExcel(model(...list), { mergedAreaLimit: 512 });
    const grids = await gatewayFor(fake).readSheets();
    expect(grids.map((g) => g.name)).toEqual(list.map((s) => s.name));
    expect(grids[2].merges.length).toBe(601);
    expect(grids[3]).toEqual(await alone(list[3]));
  });

  test('a sheet still computing (#BUSY!) in a group is read again on its own', async () => {
    const list = sheets(3, (i, s) => {
      if (i === 1) s.cells.G7 = { v: '#BUSY!', t: 'Error', f: '=PE.SCORE(D7,E7,F7)' };
    });
    const fake = new FakeExcel(model(...list));
    const real = fake.beforeSync.bind(fake);
    let syncs = 0;
    fake.beforeSync = async () => {
      // worksheets, used ranges, sheet 1 alone, then sheets 2–3 together (#BUSY! in sheet 2): it is done
      // computing by the next request, sheet 2 on its own.
      if (++syncs === 5) fake.model.sheets[1].cells.G7 = { v: 30, f: '=PE.SCORE(D7,E7,F7)' };
      await real();
    };
    const waits: number[] = [];
    const grids = await gatewayFor(fake, { sleep: async (ms) => void waits.push(ms) }).readSheets();
    expect(grids[1].values[6][6]).toBe(30);
    expect(grids[2]).toEqual(await alone(list[2]));
    expect(syncs).toBe(5);
    expect(waits).toEqual([]);
  });

  test('取消 between groups: no further sheet is read', async () => {
    const list = sheets(20);
    const fake = new FakeExcel(model(...list));
    const controller = new AbortController();
    const seen: string[] = [];
    const read = await gatewayFor(fake).readWorkbook!(undefined, {
      signal: controller.signal,
      onGrid: (g) => {
        seen.push(g.name);
        if (seen.length === 3) controller.abort();
      },
    });
    expect(seen).toEqual(['部门1', '部门2', '部门3']);
    expect(read.grids).toHaveLength(3);
    expect(fake.syncCount).toBe(2 + 2);
  });
});
