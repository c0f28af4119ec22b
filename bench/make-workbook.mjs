// Builds the benchmark workbook: 40 sheets × 5 tables × 25 indicator rows (5,000 rows), realistic
// values with the usual mistakes sprinkled in, written with exceljs.
import ExcelJS from 'exceljs';

const units = ['人', '人次', '场', '个', '项', '天'];

function indicator(i) {
  const kind = i % 7;
  const u = units[i % units.length];
  switch (kind) {
    case 0: return [`培训人次${i}`, `≥${100 + i}${u}`, `${100 + i + (i % 3)}${u}`];
    case 1: return [`覆盖率${i}`, 0.9, i % 5 === 0 ? 0.7 : 0.95, '0%'];
    case 2: return [`办结时限${i}`, `≤${20 + (i % 10)}天`, `${18 + (i % 15)}天`];
    case 3: return [`制度建设${i}`, '建立', i % 4 === 0 ? '基本建立' : '已建立'];
    case 4: return [`满意度${i}`, '≥90%', `${88 + (i % 8)}%`];
    case 5: return [`成本控制${i}`, '≤300万元', `${280 + (i % 40)}万元`];
    default: return [`完成数量${i}`, 40 + (i % 9), 40 + (i % 13)];
  }
}

export async function makeBenchWorkbook(path, { sheets = 40, tablesPerSheet = 5, rowsPerTable = 25 } = {}) {
  const wb = new ExcelJS.Workbook();
  for (let s = 0; s < sheets; s++) {
    const ws = wb.addWorksheet(`部门${s + 1}`);
    let r = 1;
    for (let t = 0; t < tablesPerSheet; t++) {
      ws.getCell(r, 1).value = '项目支出绩效自评表';
      ws.mergeCells(r, 1, r, 9);
      ws.getCell(r + 1, 1).value = '项目支出名称';
      ws.getCell(r + 1, 2).value = `项目${s + 1}-${t + 1}`;
      ws.getRow(r + 2).values = [null, '项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'].slice(1);
      const budget = 100 + t;
      const executed = 80 + s;
      ws.getRow(r + 3).values = [null, null, '年度资金总额', budget, budget, executed, 10, executed / budget, Math.min(10, Math.round((executed / budget) * 1000) / 100)].slice(1);
      ws.getCell(r + 3, 7).numFmt = '0.00%';
      ws.getRow(r + 4).values = ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
      const first = r + 5;
      for (let i = 0; i < rowsPerTable; i++) {
        const [name, target, actual, fmt] = indicator(s * 1000 + t * 100 + i);
        const row = ws.getRow(first + i);
        row.values = [null, i === 0 ? '产出指标(50分)' : null, i % 5 === 0 ? '数量指标' : null, name, target, actual, 3.6, i % 11 === 0 ? 3 : 3.6, i % 6 === 0 ? '受疫情影响' : null];
        if (fmt) {
          row.getCell(5).numFmt = fmt;
          row.getCell(6).numFmt = fmt;
        }
      }
      ws.mergeCells(first, 2, first + rowsPerTable - 1, 2);
      const total = first + rowsPerTable;
      ws.getCell(total, 1).value = '总分';
      ws.mergeCells(total, 1, total, 6);
      ws.getCell(total, 7).value = 100;
      ws.getCell(total, 8).value = 95;
      ws.getCell(total + 1, 1).value = '评价等次';
      ws.getCell(total + 1, 6).value = '优';
      r = total + 4;
    }
  }
  await wb.xlsx.writeFile(path);
}
