// fastGrid.readXlsxGrids must give exactly what exceljs + workbookToGrids give, on every workbook it
// accepts; on anything else it throws and pe-check falls back to exceljs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { BUILTIN_NUM_FMTS, FastReadUnsupported, readXlsxGrids } from '../../src/files/fastGrid';
import { workbookToGrids } from '../../src/files/xlsxGrid';
import type { SheetGrid } from '../../src/core/types';
import { fixtureFiles, pe, ROOT, tmpDir } from './helpers';

async function viaExceljs(buf: Buffer | Uint8Array): Promise<SheetGrid[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return workbookToGrids(wb);
}

/** Both readers agree; returns the grids for spot checks (so a test can't pass on two empty results). */
async function expectSame(buf: Buffer | Uint8Array): Promise<SheetGrid[]> {
  const expected = await viaExceljs(buf);
  const fast = await readXlsxGrids(buf);
  expect(fast).toStrictEqual(expected);
  return fast;
}

async function exceljsBuffer(wb: ExcelJS.Workbook, opts?: Partial<ExcelJS.XlsxWriteOptions>): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer(opts));
}

// ---------------------------------------------------------------------------------------------
// Hand-written packages: the XML shapes Excel, WPS and other writers produce that exceljs never writes.

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';

interface RawSheet {
  name: string;
  xml: string;
  sheetId?: number;
  state?: string;
  /** Relationship target; default worksheets/sheet<n>.xml. */
  target?: string;
  /** Part name; default xl/worksheets/sheet<n>.xml. */
  part?: string;
}

const sheetXml = (sheetData: string, after = '', before = '') =>
  `${DECL}<worksheet ${NS}>${before}<sheetData>${sheetData}</sheetData>${after}</worksheet>`;

const STYLES = `${DECL}<styleSheet ${NS}>
<numFmts count="4">
  <numFmt numFmtId="164" formatCode="0.0&quot;万元&quot;"/>
  <numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd"/>
  <numFmt numFmtId="166" formatCode="[>=100]0;0.00"/>
  <numFmt numFmtId="167" formatCode="#,##0.00_);[Red]\\(#,##0.00\\)"/>
</numFmts>
<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>
<fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="14" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="11">
  <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
  <xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
  <xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment horizontal="center"/></xf>
  <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
  <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
  <xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
  <xf numFmtId="31" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
  <xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
  <xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
  <xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
  <xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>
<dxfs count="1"><dxf><numFmt numFmtId="170" formatCode="0.000"/></dxf></dxfs>
</styleSheet>`;

const SST_ITEMS = [
  '<si><t>项目支出绩效自评表</t></si>', // 0
  '<si><r><rPr><b/><sz val="11"/></rPr><t>富</t></r><r><t xml:space="preserve"> 文本 </t></r></si>', // 1
  '<si><t>年度指标值</t><rPh sb="0" eb="2"><t>ネンド</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>', // 2
  '<si><phoneticPr fontId="1"/></si>', // 3: neither t nor r
  '<si><t/></si>', // 4: empty text
  '<si><t>A&amp;B &lt;c&gt; &quot;d&quot; &apos;e&apos; x_x000D_y _x000d_ &#20013;&#x6587;</t></si>', // 5
  '<si><t>第一行\r\n第二行\r第三行&#13;!</t></si>', // 6
  '<si><t xml:space="preserve">  前后空格  </t></si>', // 7
  '<si><t>=SUM(A1:A2)</t></si>', // 8
  '<si><r><t>a_x0041_</t></r><r><rPr><i/></rPr></r></si>', // 9: run escapes, run without text
];
const SST = `${DECL}<sst ${NS} count="${SST_ITEMS.length}" uniqueCount="${SST_ITEMS.length}">${SST_ITEMS.join('\n')}</sst>`;

async function rawPackage(
  sheets: RawSheet[],
  { styles = STYLES, sst = SST, workbookPr = '<workbookPr defaultThemeVersion="124226"/>', extraRels = '', extraSheets = '' } = {},
): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>`);
  zip.file('_rels/.rels', `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  const rels: string[] = [];
  const entries: string[] = [];
  sheets.forEach((s, i) => {
    const n = i + 1;
    const part = s.part ?? `xl/worksheets/sheet${n}.xml`;
    zip.file(part, s.xml);
    rels.push(`<Relationship Id="rIdS${n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${s.target ?? `worksheets/sheet${n}.xml`}"/>`);
    entries.push(`<sheet name="${s.name}" sheetId="${s.sheetId ?? n}"${s.state ? ` state="${s.state}"` : ''} r:id="rIdS${n}"/>`);
  });
  if (styles) {
    zip.file('xl/styles.xml', styles);
    rels.push('<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>');
  }
  if (sst) {
    zip.file('xl/sharedStrings.xml', sst);
    rels.push('<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>');
  }
  zip.file('xl/_rels/workbook.xml.rels', `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}${extraRels}</Relationships>`);
  zip.file('xl/workbook.xml', `${DECL}<workbook ${NS}>${workbookPr}<bookViews><workbookView activeTab="0"/></bookViews><sheets>${entries.join('')}${extraSheets}</sheets><calcPr calcId="191029"/></workbook>`);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

// Sheet bodies -----------------------------------------------------------------------------------

const VALUES_SHEET = sheetXml(
  [
    // shared strings of every shape
    '<row r="1" spans="1:10">' +
      SST_ITEMS.map((_, i) => `<c r="${String.fromCharCode(65 + i)}1" t="s"><v>${i}</v></c>`).join('') +
      '</row>',
    // plain values
    '<row r="2"><c r="A2"><v>1.5E3</v></c><c r="B2" t="n"><v>-0.25</v></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="b"><v>0</v></c>' +
      '<c r="E2" t="e"><v>#N/A</v></c><c r="F2" t="str"><v>x &amp;lt;y&amp;gt; &amp;unknown;</v></c>' +
      '<c r="G2" t="inlineStr"><is><t>内联&amp;文本 _x000D_</t></is></c>' +
      '<c r="H2" t="inlineStr"><is><r><rPr><b/></rPr><t>粗_x0041_</t></r><r><t>体</t></r></is></c>' +
      '<c r="I2" t="inlineStr"><is><t/></is></c><c r="J2"><v>  42  </v></c><c r="K2"><v>abc</v></c><c r="L2" t="d"><v>2023-01-01</v></c></row>',
    // formulas with cached results of every type
    '<row r="3"><c r="A3"><f>1+1</f><v>2</v></c><c r="B3"><f>0*1</f><v>0</v></c><c r="C3" t="b"><f>FALSE()</f><v>0</v></c>' +
      '<c r="D3" t="b"><f>TRUE()</f><v>1</v></c><c r="E3" t="e"><f>1/0</f><v>#DIV/0!</v></c>' +
      '<c r="F3" t="str"><f>"a"&amp;"b"</f><v>ab&amp;amp;c</v></c><c r="G3" t="str"><f>""</f><v></v></c><c r="H3"><f>A1</f></c>' +
      '<c r="I3" t="str"><f>"x"</f><v>=不是公式</v></c><c r="J3"><f/><v>9</v></c></row>',
    // shared and array formulas, including a slave written before its master
    '<row r="4"><c r="A4"><f t="shared" ref="A4:C4" si="0">A2*2</f><v>2</v></c><c r="B4"><f t="shared" si="0"/><v>4</v></c>' +
      '<c r="C4"><f t="shared" si="0"/><v>0</v></c><c r="D4"><f t="shared" si="1"/><v>5</v></c>' +
      '<c r="E4"><f t="shared" ref="D4:E4" si="1">B2</f><v>6</v></c><c r="F4"><f t="array" ref="F4">SUM(A2:B2)</f><v>7</v></c>' +
      '<c r="G4"><f t="array" ref="G4"/><v>8</v></c><c r="H4"><f t="shared" si="1"/><v>10</v></c></row>',
    // number formats, dates, odd style ids
    '<row r="5"><c r="A5" s="1"><v>0.9</v></c><c r="B5" s="2"><v>44927</v></c><c r="C5" s="2"><v>44927.5</v></c>' +
      '<c r="D5" s="3"><v>12</v></c><c r="E5" s="4"><v>44000</v></c><c r="F5" s="5"><v>150</v></c><c r="G5" s="6"><v>44927</v></c>' +
      '<c r="H5" s="7"><v>1</v></c><c r="I5" s="8" t="s"><v>0</v></c><c r="J5" s="0"><v>3</v></c><c r="K5" s="99"><v>4</v></c>' +
      '<c r="L5" s="2" t="b"><v>1</v></c><c r="M5" s="2" t="b"><f>TRUE()</f><v>1</v></c><c r="N5" s="2" t="b"><f>FALSE()</f><v>0</v></c>' +
      '<c r="O5" s="2" t="str"><f>"abc"</f><v>abc</v></c><c r="P5" s="2" t="e"><f>NA()</f><v>#N/A</v></c><c r="Q5" s="9"><v>44927.75</v></c>' +
      '<c r="R5" s="2"><v>-1</v></c><c r="S5" s="2"><v>1e300</v></c><c r="T5" s="10"><v>-3.5</v></c><c r="U5" s="2"><f>0</f><v>0</v></c></row>',
    // empty styled / unstyled cells only: rows that workbookToGrids skips
    '<row r="6"><c r="A6" s="1"/><c r="B6" s="3"/></row>',
    '<row r="7" spans="1:2"><c r="A7"/><c r="B7" s="0"/></row>',
    // cells without r: by position; an unstyled empty <c/> does not take a position, a styled one does
    '<row r="8"><c r="B8"><v>1</v></c><c><v>2</v></c><c/><c><v>3</v></c><c s="1"/><c t="s"><v>1</v></c></row>',
    // repeated cell: the later one wins
    '<row r="9"><c r="A9"><v>1</v></c><c r="A9"><v>2</v></c><c r="B9"><v>5</v></c><c r="B9"/></row>',
    // rows out of order, a repeated row (the later replaces the earlier)
    '<row r="12"><c r="A12"><v>12</v></c></row><row r="10"><c r="A10"><v>10</v></c></row>',
    '<row r="13"><c r="A13"><v>1</v></c><c r="B13"><v>1</v></c></row><row r="13"><c r="A13"><v>9</v></c></row>',
    // whitespace, comments and processing instructions; entities; CR LF; a cell ref in another row
    '<row r="14">\r\n  <!-- 注释 <c r="Z14"><v>1</v></c> -->\r\n  <c r="A14"><v>1<!--x-->2</v></c><?pi data?>' +
      '<c r="B14" t="inlineStr"><is><t>&#65;&#x4E2D;&quot;&apos;&lt;&gt;&amp;</t></is></c>' +
      '<c r="C14" t="inlineStr"><is><t>行一\r\n行二\r行三&#13;&#10;完</t></is></c><c r="D14" t="s"><v> 6 </v></c>' +
      '<c r="E99" t="inlineStr"><is><t>=A1+1</t></is></c><c r="F14" t=\'s\' s = "1" ><v>7</v></c></row>',
    '<row r="15" s="3" customFormat="1" ht="20" hidden="1"><c r="A15"><v>15</v></c></row>',
    '<row r="16"/>',
  ].join('\n'),
);

const MERGES_SHEET = sheetXml(
  [
    '<row r="1" s="2" customFormat="1"><c r="A1" t="s"><v>0</v></c><c r="G1" s="3"/><c r="I1"><v>5</v></c><c r="K1" s="1"><v>0.5</v></c></row>',
    '<row r="3"><c r="E3"><v>1</v></c></row>',
    '<row r="5"><c r="A5" t="s"><v>1</v></c></row>',
  ].join(''),
  '<mergeCells count="8"><mergeCell ref="A1:C2"/><mergeCell ref="E3:E4"/><mergeCell ref="F1:G1"/><mergeCell ref="H1:I1"/>' +
    '<mergeCell ref="J1:J1"/><mergeCell ref="C6:A5"/><mergeCell ref="M18:N20"/><mergeCell ref="K1:L1"/></mergeCells>' +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
  '<dimension ref="A1:N20"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="13.5"/>' +
    '<cols><col min="5" max="5" width="9" style="3" customWidth="1"/><col min="1" max="3" width="12" style="1"/><col min="2" max="2" style="7"/><col min="13" max="14" style="9"/></cols>',
);

describe('readXlsxGrids = exceljs load + workbookToGrids', () => {
  test('built-in number formats are exceljs’s', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const defaults = require('exceljs/lib/xlsx/defaultnumformats') as Record<string, { f?: string }>;
    const withCode = Object.fromEntries(Object.entries(defaults).filter(([, v]) => v.f).map(([k, v]) => [k, v.f]));
    expect(Object.fromEntries(Object.entries(BUILTIN_NUM_FMTS).map(([k, v]) => [k, v]))).toEqual(withCode);
  });

  test.each(fixtureFiles().map((f) => [path.basename(f), f]))('fixture %s', async (_name, file) => {
    const grids = await expectSame(fs.readFileSync(file));
    expect(grids.length).toBeGreaterThan(0);
    expect(grids.some((g) => g.values.length > 10 && g.merges.length > 0)).toBe(true);
  });

  test('bench workbook (3 sheets × 2 tables)', async () => {
    const dir = tmpDir('fastgrid-bench');
    const file = path.join(dir, 'bench.xlsx');
    const script = `import('./bench/make-workbook.mjs').then((m) => m.makeBenchWorkbook(${JSON.stringify(file)}, { sheets: 3, tablesPerSheet: 2 }))`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const grids = await expectSame(fs.readFileSync(file));
    expect(grids.map((g) => g.name)).toEqual(['部门1', '部门2', '部门3']);
    expect(grids[0].merges.length).toBe(6);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('workbook written by exceljs: every value kind, formats, merges, hidden and empty sheets', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('自评 & <表> "一"');
    ws.getCell('A1').value = '项目支出绩效自评表';
    ws.mergeCells('A1:I1');
    ws.getCell('A2').value = { richText: [{ text: '富' }, { font: { bold: true }, text: '文本' }, { text: '' }] };
    ws.getCell('B2').value = 12.5;
    ws.getCell('C2').value = { formula: 'B2*2', result: 25 };
    ws.getCell('D2').value = { formula: 'B2&"x"', result: '12.5x' };
    ws.getCell('E2').value = { formula: 'B2>1', result: true } as unknown as ExcelJS.CellFormulaValue;
    ws.getCell('F2').value = { formula: 'B2<1', result: false } as unknown as ExcelJS.CellFormulaValue;
    ws.getCell('G2').value = { formula: '1/0', result: { error: '#DIV/0!' } } as unknown as ExcelJS.CellFormulaValue;
    ws.getCell('H2').value = { formula: 'B2*0', result: 0 };
    ws.getCell('I2').value = { formula: 'NOW()' } as ExcelJS.CellFormulaValue;
    ws.getCell('A3').value = { formula: 'B2+1', result: 13.5, shareType: 'shared', ref: 'A3:C3' } as ExcelJS.CellFormulaValue;
    ws.getCell('B3').value = { sharedFormula: 'A3', result: 14.5 } as ExcelJS.CellSharedFormulaValue;
    ws.getCell('C3').value = { sharedFormula: 'A3', result: 15.5 } as ExcelJS.CellSharedFormulaValue;
    ws.getCell('A4').value = new Date(Date.UTC(2023, 0, 15));
    ws.getCell('B4').value = new Date(Date.UTC(2023, 5, 30, 18, 30));
    ws.getCell('B4').numFmt = 'yyyy"年"m"月"d"日" hh:mm';
    ws.getCell('C4').value = 0.9;
    ws.getCell('C4').numFmt = '0%';
    ws.getCell('D4').value = 0.9547;
    ws.getCell('D4').numFmt = '0.00%';
    ws.getCell('E4').value = 2756.07;
    ws.getCell('E4').numFmt = '#,##0.00"万元"';
    ws.getCell('F4').value = true;
    ws.getCell('G4').value = false;
    ws.getCell('H4').numFmt = '0.00%'; // formatted, no value
    ws.getCell('A5').value = 'A & B < C > D " E \' F';
    ws.getCell('B5').value = '回车_x000D_换行\r\n第二行';
    ws.getCell('C5').value = '=SUM(A1:A2)';
    ws.getCell('D5').value = '';
    ws.getCell('E5').value = '  前后空格  ';
    ws.getCell('F5').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    ws.getCell('A7').value = '产出指标\n(50分)';
    ws.mergeCells('A7:A10');
    ws.getCell('B8').value = 'slave value';
    ws.mergeCells('B7:C8');
    ws.getColumn(10).numFmt = '0.0%';
    ws.getCell('J12').value = 0.25;
    ws.mergeCells('J13:J15');
    ws.getRow(20).numFmt = '0.000';
    ws.getCell('A20').value = 1;
    ws.mergeCells('A20:C21');
    wb.addWorksheet('隐藏', { state: 'hidden' }).getCell('A1').value = '隐藏表';
    wb.addWorksheet('空表');
    wb.addWorksheet("O'Brien 表").getCell('B2').value = 7;

    for (const useSharedStrings of [true, false]) {
      const grids = await expectSame(await exceljsBuffer(wb, { useSharedStrings }));
      expect(grids.map((g) => g.name)).toEqual(['自评 & <表> "一"', '隐藏', '空表', "O'Brien 表"]);
      expect(grids[0].values[1][0]).toBe('富文本');
      expect(grids[0].values[4][2]).toBe('=SUM(A1:A2)');
      expect(grids[0].numberFormats![3][3]).toBe('0.00%');
      expect(grids[2].values).toEqual([]);
    }
  });

  test('date1904 workbook', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet('1904');
    ws.getCell('A1').value = new Date(Date.UTC(2023, 0, 1));
    ws.getCell('A2').value = { formula: 'A1+1', result: new Date(Date.UTC(2023, 0, 2)) } as ExcelJS.CellFormulaValue;
    ws.getCell('A2').numFmt = 'yyyy-mm-dd';
    const grids = await expectSame(await exceljsBuffer(wb));
    expect(grids[0].values[0][0]).toBe(44927 - 1462);
  });

  test('hand-written XML: shared strings, inline strings, formulas, styles, positions, entities', async () => {
    const buf = await rawPackage([{ name: '数值', xml: VALUES_SHEET }]);
    // The one deliberate difference from exceljs: G3, a text formula saved with an empty result
    // (<v></v>), is a calculated blank here; exceljs loses the result and it would read as 未计算.
    const [fromExceljs] = await viaExceljs(buf);
    const [g] = await readXlsxGrids(buf);
    expect(fromExceljs.formulasWithoutValue).toEqual([[2, 6], [2, 7]]);
    expect({ ...g, formulasWithoutValue: fromExceljs.formulasWithoutValue }).toStrictEqual(fromExceljs);
    expect(g.values[0].slice(0, 10)).toEqual([
      '项目支出绩效自评表',
      '富 文本 ',
      '年度指标值',
      null,
      '',
      'A&B <c> "d" \'e\' x\ry _x000d_ 中文',
      '第一行\n第二行\n第三行\r!',
      '  前后空格  ',
      '=SUM(A1:A2)',
      'aA',
    ]);
    expect(g.values[1].slice(0, 9)).toEqual([1500, -0.25, true, false, '#N/A', 'x <y> &unknown;', '内联&文本 _x000D_', '粗A体', null]); // <is><t/></is>: no text, no cell
    // Cached results as they are: 0 and FALSE are values (cell.value would drop them), a formula
    // saved without one (H3) is null and listed in formulasWithoutValue; an empty text result (G3) is a blank.
    expect(g.values[2]).toEqual([2, 0, false, true, '#DIV/0!', 'ab&c', null, null, '=不是公式', 9]);
    expect(g.values[3]).toEqual([2, 4, 0, 5, 6, 7, 8, 10]);
    expect(g.formulasWithoutValue).toEqual([[2, 7]]);
    expect(g.values[4].slice(0, 3)).toEqual([0.9, 44927, 44927.5]);
    expect(g.numberFormats![4].slice(0, 6)).toEqual(['0.00%', 'mm-dd-yy', 'mm-dd-yy', '0.0"万元"', 'yyyy-mm-dd', '[>=100]0;0.00']);
    expect(g.values[7]).toEqual([null, 1, 2, 3, null, '富 文本 ']);
    expect(g.values[8]).toEqual([2, 5]);
    expect(g.values[12]).toEqual([9]);
    expect(g.values[13].slice(0, 6)).toEqual([12, 'A中"\'<>&', '行一\n行二\n行三\r\n完', '第一行\n第二行\n第三行\r!', '=A1+1', '  前后空格  ']);
  });

  test('hand-written XML: merges take row, column or own number formats', async () => {
    const buf = await rawPackage([{ name: '合并', xml: MERGES_SHEET }]);
    const [g] = await expectSame(buf);
    expect(g.merges).toHaveLength(8);
    expect(g.values.length).toBe(20); // the merge M18:N20 reaches row 20
    expect(g.numberFormats![0].slice(0, 3)).toEqual([null, 'mm-dd-yy', 'mm-dd-yy']);
  });

  test('hand-written XML: sheet order, names, targets, hidden sheets, date1904, missing parts', async () => {
    const tiny = (v: string) => sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>${v}</t></is></c><c r="B1" s="2"><v>44927</v></c></row>`);
    const buf = await rawPackage(
      [
        { name: '乙', xml: tiny('b'), sheetId: 5 },
        { name: '甲 &amp;amp; &amp;lt;丙&amp;gt;', xml: tiny('a'), sheetId: 2, state: 'hidden' },
        { name: '绝对路径', xml: tiny('c'), sheetId: 3, target: '/xl/worksheets/sheet3.xml' },
        { name: '非常隐藏', xml: tiny('d'), sheetId: 9, state: 'veryHidden' },
        { name: '其他文件名', xml: tiny('e'), sheetId: 4, target: 'worksheets/data.xml', part: 'xl/worksheets/data.xml' },
      ],
      {
        workbookPr: '<workbookPr date1904="1"/>',
        extraSheets: '<sheet name="没有关系" sheetId="7" r:id="rIdNone"/>',
      },
    );
    const grids = await expectSame(buf);
    expect(grids.map((g) => g.name)).toEqual(['乙', '甲 & <丙>', '绝对路径', '非常隐藏']);
    expect(grids[0].values[0][1]).toBe(44927);

    // no styles.xml, no sharedStrings.xml, no workbook rels at all
    await expectSame(await rawPackage([{ name: '裸', xml: tiny('x') }], { styles: '', sst: '' }));
  });

  test('empty sheetData, self-closing parts, no sheetData at all', async () => {
    const buf = await rawPackage([
      { name: '一', xml: `${DECL}<worksheet ${NS}><sheetData/><mergeCells count="1"><mergeCell ref="B2:C3"/></mergeCells></worksheet>` },
      { name: '二', xml: `${DECL}<worksheet ${NS}><dimension ref="A1"/></worksheet>` },
    ]);
    const grids = await expectSame(buf);
    expect(grids[0].values).toEqual([undefined, [], []]); // rows holding only merge slaves still count; rows above are holes
    expect(grids[1].values).toEqual([]);
  });

  test('unsupported shapes throw (the CLI then uses exceljs)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('链接').getCell('A1').value = { text: '链接', hyperlink: 'https://example.com' };
    await expect(readXlsxGrids(await exceljsBuffer(wb))).rejects.toBeInstanceOf(FastReadUnsupported);

    const cdata = await rawPackage([{ name: 'CDATA', xml: sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[x]]></t></is></c></row>') }]);
    await expect(readXlsxGrids(cdata)).rejects.toBeInstanceOf(FastReadUnsupported);
    await viaExceljs(cdata); // exceljs reads it (and drops the text)

    const noRowNumber = await rawPackage([{ name: '无行号', xml: sheetXml('<row><c r="A1"><v>1</v></c></row>') }]);
    await expect(readXlsxGrids(noRowNumber)).rejects.toBeInstanceOf(FastReadUnsupported);
    await expect(viaExceljs(noRowNumber)).rejects.toThrow();

    const overlap = await rawPackage([{ name: '重叠', xml: sheetXml('', '<mergeCells><mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/></mergeCells>') }]);
    await expect(readXlsxGrids(overlap)).rejects.toBeInstanceOf(FastReadUnsupported);
    await expect(viaExceljs(overlap)).rejects.toThrow();

    const badEntity = await rawPackage([{ name: '实体', xml: sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>') }]);
    await expect(readXlsxGrids(badEntity)).rejects.toBeInstanceOf(FastReadUnsupported);
    await expect(viaExceljs(badEntity)).rejects.toThrow();

    const badIndex = await rawPackage([{ name: '越界', xml: sheetXml('<row r="1"><c r="A1" t="s"><v>999</v></c></row>') }]);
    await expect(readXlsxGrids(badIndex)).rejects.toBeInstanceOf(FastReadUnsupported);
    await expect(viaExceljs(badIndex)).rejects.toThrow();
  });
});

// ---------------------------------------------------------------------------------------------
// Differential fuzz: random sheets mixing every cell shape above; exceljs is the oracle. A workbook
// exceljs rejects must be rejected by the fast reader too; one the fast reader declines is allowed
// (the CLI falls back), but must be rare here.

function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const letters = (c: number) => (c > 26 ? String.fromCharCode(64 + Math.floor((c - 1) / 26)) : '') + String.fromCharCode(65 + ((c - 1) % 26));

function randomSheet(R: () => number): string {
  const pick = <T>(a: T[]): T => a[Math.floor(R() * a.length)];
  const rows: string[] = [];
  for (let k = 0, n = 1 + Math.floor(R() * 8); k < n; k++) {
    const rn = 1 + Math.floor(R() * 10);
    const cells: string[] = [];
    for (let j = 0, nc = Math.floor(R() * 7); j < nc; j++) {
      const col = 1 + Math.floor(R() * 30);
      const r = j === 0 || R() < 0.8 ? pick([` r="${letters(col)}${rn}"`, ` r = '${letters(col)}${rn}'\n`]) : '';
      const s = pick(['', '', ' s="1"', ' s="2"', ' s="3"', ' s="4"', ' s="0"', ' s="9"', ' s="6"', ' s="10"', ' s="99"']);
      const t = pick(['', '', ' t="s"', ' t="str"', ' t="b"', ' t="e"', ' t="n"', ' t="inlineStr"']);
      const f = pick(['', '', '', '<f>A1</f>', '<f t="shared" ref="A1:C3" si="0">B1</f>', '<f t="shared" si="0"/>', '<f t="shared" si="1"/>', '<f t="shared" ref="D1:D9" si="1">C1</f>', '<f t="array" ref="A1"/>', '<f/>']);
      let v = pick(['', '<v>0</v>', '<v>1</v>', '<v>2</v>', '<v>44927.5</v>', '<v>-3</v>', '<v>abc</v>', '<v>&amp;lt;x&amp;gt;</v>', '<v></v>', '<v>TRUE</v>', '<v>#N/A</v>']);
      if (t === ' t="inlineStr"' && !f) v = pick(['<is><t>内联</t></is>', '<is><r><t>a</t></r><r><rPr><b/></rPr><t>b_x0042_</t></r></is>', '<is><t/></is>', v]);
      if (t === ' t="s"' && (!f || f === '<f/>')) v = `<v>${Math.floor(R() * SST_ITEMS.length)}</v>`;
      cells.push(f + v ? `<c${r}${s}${t}>${f}${v}</c>` : `<c${r}${s}${t}/>`);
    }
    rows.push(`<row r="${rn}"${pick(['', '', ' s="1" customFormat="1"', ' s="2"', ' s="0"'])}>${cells.join('')}</row>`);
  }
  const merges: string[] = [];
  const taken: number[][] = [];
  for (let m = 0, nm = Math.floor(R() * 4); m < nm; m++) {
    const t = 1 + Math.floor(R() * 10);
    const l = 1 + Math.floor(R() * 8);
    const b = t + Math.floor(R() * 3);
    const r = l + Math.floor(R() * 3);
    if (taken.some(([a, c, d, e]) => !(d < t || a > b || e < l || c > r))) continue;
    taken.push([t, l, b, r]);
    merges.push(`<mergeCell ref="${letters(l)}${t}:${letters(r)}${b}"/>`);
  }
  const cols = R() < 0.5 ? `<cols><col min="${1 + Math.floor(R() * 3)}" max="${3 + Math.floor(R() * 4)}" style="${pick(['1', '2', '3', '0'])}"/><col min="2" max="2" style="7"/></cols>` : '';
  return sheetXml(rows.join(''), merges.length ? `<mergeCells count="${merges.length}">${merges.join('')}</mergeCells>` : '', cols);
}

test('differential fuzz against exceljs (deterministic seeds)', async () => {
  let same = 0;
  let declined = 0;
  for (let seed = 1; seed <= 150; seed++) {
    const R = rng(seed);
    const buf = await rawPackage([{ name: '甲', xml: randomSheet(R) }, { name: '乙', xml: randomSheet(R) }], {
      workbookPr: R() < 0.3 ? '<workbookPr date1904="1"/>' : '<workbookPr/>',
    });
    let expected: SheetGrid[] | null = null;
    try {
      expected = await viaExceljs(buf);
    } catch {
      await expect(readXlsxGrids(buf)).rejects.toThrow(); // exceljs cannot read it: neither may we
      continue;
    }
    try {
      const fast = await readXlsxGrids(buf);
      // The deliberate difference: a text formula with an empty saved result (t="str", <v></v>) is a
      // calculated blank for us, "saved without a result" for exceljs. Everything else is equal.
      const emptyText = (g: SheetGrid, r: number, c: number) => (g.values[r]?.[c] ?? null) === null;
      const aligned = expected.map((g, i) => {
        const fw = (g.formulasWithoutValue ?? []).filter(([r, c]) => (fast[i]?.formulasWithoutValue ?? []).some(([a, b]) => a === r && b === c) || !emptyText(fast[i], r, c));
        const out = { ...g };
        if (fw.length) out.formulasWithoutValue = fw;
        else delete out.formulasWithoutValue;
        return out;
      });
      expect({ seed, grids: fast }).toStrictEqual({ seed, grids: aligned });
      same++;
    } catch (err) {
      if (!(err instanceof FastReadUnsupported)) throw err;
      declined++;
    }
  }
  expect(same).toBeGreaterThan(130);
  expect(declined).toBe(0);
}, 60000);

describe('pe-check --no-write reads with fastGrid and reports exactly what the exceljs path reports', () => {
  const withReader = async (reader: 'fast' | 'exceljs', args: string[]) => {
    const before = process.env.PE_CHECK_READER;
    if (reader === 'exceljs') process.env.PE_CHECK_READER = 'exceljs';
    else delete process.env.PE_CHECK_READER;
    try {
      return await pe(args);
    } finally {
      if (before === undefined) delete process.env.PE_CHECK_READER;
      else process.env.PE_CHECK_READER = before;
    }
  };

  const sameReport = async (files: string[]) => {
    const args = ['--no-write', '--json', '-', ...files];
    const fast = await withReader('fast', args);
    const slow = await withReader('exceljs', args);
    expect(fast.code).toBe(slow.code);
    expect(fast.err).toBe(slow.err);
    expect(JSON.parse(fast.out)).toStrictEqual(JSON.parse(slow.out));
    return JSON.parse(fast.out) as { files: { tables: unknown[]; error: string | null }[] };
  };

  test.each(fixtureFiles().map((f) => [path.basename(f), f]))('fixture %s', async (_name, file) => {
    const report = await sameReport([file]);
    expect(report.files[0].error).toBeNull();
    expect(report.files[0].tables.length).toBeGreaterThan(0);
  });

  test('all fixtures in one run, plus a file the fast reader hands to exceljs and an unreadable one', async () => {
    const dir = tmpDir('fastgrid-cli');
    const linked = path.join(dir, '含超链接.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(fixtureFiles()[0]) as unknown as ArrayBuffer);
    wb.worksheets[0].getCell('Z1').value = { text: '链接', hyperlink: 'https://example.com' };
    fs.writeFileSync(linked, await exceljsBuffer(wb));
    const broken = path.join(dir, '损坏.xlsx');
    fs.writeFileSync(broken, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64)]));
    const report = await sameReport([...fixtureFiles(), linked, broken]);
    expect(report.files).toHaveLength(fixtureFiles().length + 2);
    expect(report.files[fixtureFiles().length].tables.length).toBeGreaterThan(0);
    expect(report.files[fixtureFiles().length + 1].error).toBeTruthy();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
