// A workbook shaped like ones we have not seen: several sheets, two tables on one sheet (the first
// without a 总分 row), 满意度 as a 二级 under 效益, a 指标方向 column, an inline title, a notes sheet.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { pe, tmpDir } from './helpers';
import type { Report } from '../../src/core/report';

type Row = (string | number | null)[];

function table(ws: ExcelJS.Worksheet, at: number, o: { title: string; rows: Row[]; total?: [number, number]; grade?: string; inlineTitle?: boolean; budget: Row }): number {
  let r = at;
  ws.getRow(r++).values = ['项目支出绩效自评表'];
  ws.getRow(r++).values = o.inlineTitle ? [`项目名称：${o.title}`] : ['项目支出名称', o.title];
  ws.getRow(r++).values = ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'];
  ws.getRow(r++).values = [null, '年度资金总额', ...o.budget];
  ws.getRow(r++).values = ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施', '指标方向'];
  for (const row of o.rows) ws.getRow(r++).values = [null, ...row];
  if (o.total) ws.getRow(r++).values = ['总分', null, null, null, null, null, o.total[0], o.total[1]];
  if (o.grade) ws.getRow(r++).values = ['评价等次', null, null, null, null, o.grade];
  return r;
}

describe('pe-check on a multi-sheet, multi-table workbook', () => {
  const dir = tmpDir('multi');
  const file = path.join(dir, 'bureau-2024.xlsx');
  let report: Report;

  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('填表说明').getCell('A1').value = '1. 金额单位：万元；2. 表头不得修改。';
    const ws = wb.addWorksheet('项目表');
    const r = table(ws, 1, {
      title: '农村公路养护',
      budget: [200, 200, 180, 10, 0.9, 9],
      rows: [
        ['产出指标(60分)', '数量指标', '养护里程', '≥120公里', '126公里', 30, 30, null, null],
        [null, '时效指标', '病害处置时限', 3, 4, 30, 20, '雨季积水', '反向'],
        ['效益指标(30分)', '社会效益指标', '群众出行满意率', '≥90%', '93%', 20, 20, null, null],
        [null, '服务对象满意度指标', '沿线群众满意度', '≥90%', '80%', 10, 8.89, '投诉增加', null],
      ],
      // no 总分 row: the next table's preamble ends this one
    });
    table(ws, r + 1, {
      title: '农村饮水安全',
      inlineTitle: true,
      budget: [100, 100, 100, 10, 1, 10],
      rows: [
        ['产出指标(50分)', '数量指标', '新建水厂', 2, 2, 25, 25, null, null],
        [null, '质量指标', '水质达标率', '100%', '100%', 25, 25, null, null],
        ['效益指标(40分)', '社会效益指标', '受益人口', '≥5000人', '5200人', 40, 40, null, null],
      ],
      total: [100, 100],
      grade: '良',
    });
    await wb.xlsx.writeFile(file);
    const json = path.join(dir, 'report.json');
    const ran = await pe(['--no-write', '--quiet', '--json', json, file]);
    expect(ran.code).toBe(1);
    report = JSON.parse(fs.readFileSync(json, 'utf8'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds both tables on the sheet and none on the notes sheet', () => {
    const tables = report.files[0].tables;
    expect(tables.map((t) => [t.sheet, t.title])).toEqual([
      ['项目表', '农村公路养护'],
      ['项目表', '农村饮水安全'],
    ]);
    expect(tables[0].totals.entered).toBeNull();
    expect(tables[1].totals.entered).toBe(100);
  });

  it('scores the 反向 row from the 指标方向 column and 满意度 under 效益', () => {
    const [first] = report.files[0].tables;
    const byName = Object.fromEntries(first.indicators.map((i) => [i.name, i]));
    expect(byName['病害处置时限']).toMatchObject({ kind: 'reverse', score: 20 }); // 30 × (1 − 1/3)
    expect(byName['沿线群众满意度'].score).toBe(8.89);
    expect(first.totals.computed).toBe(87.89);
  });

  it('reports what is wrong and nothing on the clean rows', () => {
    const f = report.files[0].findings;
    const at = (code: string) => f.filter((x) => x.code === code).map((x) => x.cell);
    expect(at('grade-mismatch')).toEqual(['F20']); // 100 is 优, the table says 良
    expect(at('weight-sum-mismatch')).toEqual([]);
    // RULES §7: 产出 60 (first table) and 效益 40 (second) against 50 / 30; 效益 with 满意度 inside has no single standard.
    expect(f.filter((x) => x.code === 'weight-off-standard').map((x) => [x.cell, x.expected, x.found])).toEqual([['B6', 50, 60], ['B18', 30, 40]]);
    expect(f.filter((x) => x.severity !== 'info' && x.row >= 6 && x.row <= 9 && x.code !== 'reason-missing' && x.code !== 'weight-off-standard')).toEqual([]);
    expect(at('reason-missing')).toEqual([]);
  });
});
