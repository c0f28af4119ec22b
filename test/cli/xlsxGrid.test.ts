import ExcelJS from 'exceljs';
import path from 'node:path';
import { workbookToGrids, dateToSerial, parseRange, colLetters, colIndex } from '../../src/files/xlsxGrid';
import { FIXTURES } from './helpers';

describe('workbookToGrids', () => {
  test('every value kind becomes what Range.values would give', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.getCell('A1').value = '标题';
    ws.mergeCells('A1:C1');
    ws.getCell('A2').value = 12.5;
    ws.getCell('B2').value = { formula: 'A2*2', result: 25 };
    ws.getCell('C2').value = { formula: 'A2*3' } as ExcelJS.CellFormulaValue; // no cached result
    ws.getCell('D2').value = { formula: 'A2&"x"', result: '12.5x' };
    ws.getCell('A3').value = { richText: [{ text: '富' }, { font: { bold: true }, text: '文本' }] };
    ws.getCell('B3').value = new Date(Date.UTC(2023, 0, 1));
    ws.getCell('C3').value = { text: '链接', hyperlink: 'https://example.com' };
    ws.getCell('D3').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
    ws.getCell('E3').value = true;
    ws.getCell('A5').value = 0.9;
    ws.getCell('A5').numFmt = '0.00%';
    ws.getCell('B5').value = '=HYPERLINK("x")'; // a string, not a formula
    // Round trip through the file format, as the CLI reads files.
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(await wb.xlsx.writeBuffer());
    const [g] = workbookToGrids(wb2);
    expect(g.name).toBe('数据');
    expect(g.values[0][0]).toBe('标题');
    expect(g.values[0][1] ?? null).toBeNull(); // merged slave: null (or absent), never the master's text
    expect(g.values[0][2] ?? null).toBeNull();
    expect(g.values[1]).toEqual([12.5, 25, null, '12.5x']);
    expect(g.values[2]).toEqual(['富文本', 44927, '链接', '#DIV/0!', true]);
    expect(g.values[3]).toBeUndefined(); // a row with nothing is a hole, not an empty array
    expect(g.values[4][0]).toBe(0.9);
    expect(g.values[4][1]).toBe('=HYPERLINK("x")');
    expect(g.numberFormats![4][0]).toBe('0.00%');
    expect(g.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 2 }]);
  });

  test('merged slave cells are null on a real fixture', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(FIXTURES, 'kaifu-2022-project-jcdj.xlsx'));
    const [g] = workbookToGrids(wb);
    expect(g.values[0][0]).toBe('项目支出绩效自评表');
    expect(g.values[0].slice(1).every((v) => v === null)).toBe(true);
    expect(g.values[5][6]).toBe(0.9547);
    expect(g.numberFormats![5][6]).toBe('0.00%');
    expect(g.values[12][1]).toBe('产出指标\n(50分)');
    expect(g.values[13][1]).toBeNull(); // B14 is inside B13:B20
    expect(g.merges).toContainEqual({ top: 12, left: 1, bottom: 19, right: 1 });
    expect(g.merges).toHaveLength(25);
  });

  test('helpers', () => {
    expect(dateToSerial(new Date(Date.UTC(1900, 0, 1)))).toBe(2);
    expect(dateToSerial(new Date(Date.UTC(2023, 0, 1)), true)).toBe(44927 - 1462);
    expect(parseRange('$B$13:B20')).toEqual({ top: 12, left: 1, bottom: 19, right: 1 });
    expect(parseRange('nonsense')).toBeNull();
    expect(colLetters(0)).toBe('A');
    expect(colLetters(27)).toBe('AB');
    expect(colIndex('AB')).toBe(27);
  });
});
