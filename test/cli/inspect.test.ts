// Parts exceljs would drop on a round trip: no copy unless --force, and the report says why.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import fs from 'node:fs';
import path from 'node:path';
import { inspectXlsx } from '../../src/files/inspect';
import { FIXTURES, pe, sha, tmpDir } from './helpers';

jest.setTimeout(60000);

const fixture = path.join(FIXTURES, 'kaifu-2022-project-jcdj.xlsx');

async function withParts(parts: Record<string, string>, sheetPatch?: (xml: string) => string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(fs.readFileSync(fixture));
  for (const [n, content] of Object.entries(parts)) zip.file(n, content);
  if (sheetPatch) {
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    zip.file('xl/worksheets/sheet1.xml', sheetPatch(xml));
  }
  return zip.generateAsync({ type: 'nodebuffer' });
}

test('a clean fixture loses nothing', async () => {
  expect((await inspectXlsx(fs.readFileSync(fixture))).lost).toEqual([]);
});

test('detects pivot tables, charts, VBA, slicers, x14 validations, sparklines', async () => {
  const buf = await withParts(
    {
      'xl/pivotTables/pivotTable1.xml': '<pivotTableDefinition/>',
      'xl/pivotCache/pivotCacheDefinition1.xml': '<pivotCacheDefinition/>',
      'xl/charts/chart1.xml': '<c:chartSpace/>',
      'xl/vbaProject.bin': 'x',
      'xl/slicers/slicer1.xml': '<slicers/>',
    },
    (xml) =>
      xml.replace(
        '</worksheet>',
        '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="1"/></ext>' +
          '<ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}"><x14:sparklineGroups/></ext></extLst></worksheet>',
      ),
  );
  const { lost } = await inspectXlsx(buf);
  expect(lost).toEqual(expect.arrayContaining(['数据透视表', '图表', '宏（VBA）', '切片器', '跨表数据验证（下拉列表）', '迷你图']));
});

test('a plain <dataValidations> (which exceljs keeps) is not reported', async () => {
  const buf = await withParts({}, (xml) =>
    xml.replace('</sheetData>', '</sheetData><dataValidations count="1"><dataValidation type="list" sqref="H13"><formula1>"1,2"</formula1></dataValidation></dataValidations>'),
  );
  expect((await inspectXlsx(buf)).lost).toEqual([]);
});

test('a workbook with a chart: no copy without --force, a copy with it; input unchanged', async () => {
  const dir = tmpDir('lossy');
  const input = path.join(dir, 'with-chart.xlsx');
  fs.writeFileSync(input, await withParts({ 'xl/charts/chart1.xml': '<c:chartSpace/>' }));
  // exceljs still reads it (the part is simply not modelled).
  await new ExcelJS.Workbook().xlsx.readFile(input);
  const before = sha(input);

  const json = path.join(dir, 'r.json');
  const r1 = await pe(['--out', path.join(dir, 'out1'), '--json', json, input]);
  expect(r1.code).toBe(1); // the fixture has error findings; the missing copy is not an error
  expect(r1.out).toContain('未生成标记副本：文件含有图表，另存会丢失；使用 --force 强制生成');
  expect(fs.existsSync(path.join(dir, 'out1', 'with-chart.checked.xlsx'))).toBe(false);
  const report = JSON.parse(fs.readFileSync(json, 'utf8'));
  expect(report.files[0].notices).toEqual(['未生成标记副本：文件含有图表，另存会丢失；使用 --force 强制生成']);
  expect(report.files[0].tables.length).toBe(1);

  const r2 = await pe(['--force', '--out', path.join(dir, 'out2'), input]);
  expect(r2.code).toBe(1);
  expect(r2.out).toContain('已按 --force 生成标记副本');
  expect(fs.existsSync(path.join(dir, 'out2', 'with-chart.checked.xlsx'))).toBe(true);
  expect(sha(input)).toBe(before);
});
