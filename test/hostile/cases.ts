// Hostile and broken files, built at test time from one real fixture (small: the biggest is a few
// MB on disk however much it claims to hold). Each case says what pe-check must do with it: exit
// code, the Chinese line it prints, and a CPU-time and memory ceiling for the whole run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { XlsxPackage } from '../../src/files/zipPackage';
import { FIXTURE, bombStream, edited, writeZip, type ZipEntry } from './zip';

export type Mode = 'report' | 'write';

export interface HostileCase {
  name: string;
  /** Writes the input into dir; returns its path. */
  make: (dir: string) => string;
  modes: Mode[];
  /** Expected exit code (per mode when they differ). */
  code: number | Partial<Record<Mode, number>>;
  /** What stderr must say (the one Chinese line). */
  message?: RegExp;
  /** CPU seconds and peak MB of the child (issue 11: crashes → 5 s / 300 MB, hangs → 5 s). */
  seconds: number;
  mb: number;
  /** Extra options before the input. */
  args?: (dir: string, out: string) => string[];
  /** More checks on the finished run. */
  check?: (r: { out: string; err: string; outDir: string; file: string }) => void;
}

const SHEET = 'xl/worksheets/sheet1.xml';
const SST = 'xl/sharedStrings.xml';
const put = (dir: string, name: string, data: Buffer) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, data);
  return p;
};
const beforeSheetDataEnd = (xml: string, add: string) => xml.replace('</sheetData>', `${add}</sheetData>`);
const beforeMergesEnd = (xml: string, add: string) => xml.replace('</mergeCells>', `${add}</mergeCells>`);

/** A sheet part of `rows` rows × `cols` numbers, deflated chunk by chunk (never whole in memory). */
function bigSheet(rows: number, cols: number): Buffer {
  const parts: Buffer[] = [];
  const flush = { level: 1, finishFlush: zlib.constants.Z_FULL_FLUSH };
  parts.push(zlib.deflateRawSync('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>', flush));
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let chunk = '';
  for (let r = 1; r <= rows; r++) {
    chunk += `<row r="${r}">`;
    for (let c = 0; c < cols; c++) chunk += `<c r="${letters[c]}${r}"><v>${r + c}</v></c>`;
    chunk += '</row>';
    if (chunk.length > 1 << 20) {
      parts.push(zlib.deflateRawSync(chunk, flush));
      chunk = '';
    }
  }
  parts.push(zlib.deflateRawSync(chunk + '</sheetData></worksheet>'));
  return Buffer.concat(parts);
}

const noEsc = (r: { out: string; err: string }) => {
  if (r.out.includes('\x1b') || r.err.includes('\x1b')) throw new Error('an ESC byte reached the terminal');
};

const beforePageMargins = (xml: string, add: string) => xml.replace('<pageMargins', `${add}<pageMargins`);
const WHOLE_COLUMN_LISTS =
  '<dataValidations count="3">' +
  ['C', 'D', 'G'].map((c) => `<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="${c}1:${c}1048576"><formula1>"是,否"</formula1></dataValidation>`).join('') +
  '</dataValidations>';
const withNames = (names: string) => (xml: string) => xml.replace('<calcPr', `<definedNames>${names}</definedNames><calcPr`);

/** The copy a write-mode case made: its package and the input's, for "kept byte for byte" checks. */
function copyOf(r: { outDir: string; file: string }): { input: XlsxPackage; copy: XlsxPackage } {
  const files = fs.readdirSync(r.outDir).filter((f) => f.endsWith('.checked.xlsx'));
  if (files.length !== 1) throw new Error(`expected one copy, found ${files.join(', ')}`);
  return { input: XlsxPackage.open(fs.readFileSync(r.file)), copy: XlsxPackage.open(fs.readFileSync(path.join(r.outDir, files[0]))) };
}

/**
 * Workbooks Excel writes every day that killed the exceljs copy (issue 21): it built one object
 * per cell a validation or a name covers. The patched copy never expands them and keeps them as
 * written.
 */
const COPY_CASES: HostileCase[] = [
  {
    name: 'drop-down lists on three whole columns (sqref C1:C1048576; the copy took 12.5 s and 1.2 GB)',
    make: (d) => put(d, 'whole-column-lists.xlsx', edited({ [SHEET]: (x) => beforePageMargins(x, WHOLE_COLUMN_LISTS) })),
    modes: ['write'],
    code: 1,
    seconds: 5,
    mb: 300,
    check: (r) => {
      const { copy } = copyOf(r);
      if (!copy.text(SHEET)!.includes(WHOLE_COLUMN_LISTS)) throw new Error('the validations were not kept as written');
    },
  },
  {
    name: 'a print area and a name over $A$1:$IV$65536 (the copy took 26 s and 3.2 GB)',
    make: (d) =>
      put(d, 'old-xls-sized-name.xlsx', edited({ 'xl/workbook.xml': withNames(`<definedName name="_xlnm.Print_Area" localSheetId="0">'项目支出自评表'!$A$1:$IV$65536</definedName><definedName name="全部">'项目支出自评表'!$A$1:$IV$65536</definedName>`) })),
    modes: ['write'],
    code: 1,
    seconds: 5,
    mb: 300,
    check: (r) => {
      const { copy } = copyOf(r);
      if (!copy.text('xl/workbook.xml')!.includes(`<definedName name="全部">'项目支出自评表'!$A$1:$IV$65536</definedName>`)) throw new Error('the name was not kept');
    },
  },
  {
    name: 'a name and a filter over the whole sheet (the copy ran out of memory)',
    make: (d) =>
      put(
        d,
        'whole-sheet-name.xlsx',
        edited({
          'xl/workbook.xml': withNames(`<definedName name="全表">'项目支出自评表'!$A:$XFD</definedName><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'项目支出自评表'!$A$1:$XFD$1048576</definedName>`),
          [SHEET]: (x) => x.replace('<mergeCells', '<autoFilter ref="A1:XFD1048576"/><mergeCells'),
        }),
      ),
    modes: ['write'],
    code: 1,
    seconds: 5,
    mb: 300,
    check: (r) => {
      const { input, copy } = copyOf(r);
      if (!copy.text(SHEET)!.includes('<autoFilter ref="A1:XFD1048576"/>')) throw new Error('the filter was not kept');
      for (const part of input.names) if (!copy.has(part)) throw new Error(`${part} was dropped`);
    },
  },
  {
    name: 'parts exceljs does not model (a custom XML part, custom properties, an embedded file): kept byte for byte',
    make: (d) =>
      put(
        d,
        'unmodelled-parts.xlsx',
        edited({ '[Content_Types].xml': (x) => x.replace('</Types>', '<Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.oleObject"/><Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>') }, [
          { name: 'customXml/item1.xml', data: '<?xml version="1.0"?><root xmlns="urn:dept">部门数据</root>' },
          { name: 'docProps/custom.xml', data: '<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>' },
          { name: 'xl/embeddings/oleObject1.bin', data: Buffer.alloc(4096, 7) },
        ]),
      ),
    modes: ['write'],
    code: 1,
    seconds: 5,
    mb: 300,
    check: (r) => {
      const { input, copy } = copyOf(r);
      for (const part of ['customXml/item1.xml', 'docProps/custom.xml', 'xl/embeddings/oleObject1.bin']) {
        if (!copy.has(part) || Buffer.compare(copy.bytes(part)!, input.bytes(part)!) !== 0) throw new Error(`${part} not kept byte for byte`);
      }
    },
  },
];

export const CASES: HostileCase[] = [
  {
    name: 'one merge from A40 to the last cell of the sheet (9 KB file)',
    make: (d) => put(d, 'merge-whole-sheet.xlsx', edited({ [SHEET]: (x) => beforeMergesEnd(x, '<mergeCell ref="A40:XFD1048576"/>') })),
    modes: ['report', 'write'],
    code: 2,
    message: /合并区域过大/,
    seconds: 5,
    mb: 300,
  },
  {
    name: 'a row number past 1,048,576 (r="60000000")',
    make: (d) => put(d, 'row-60000000.xlsx', edited({ [SHEET]: (x) => beforeSheetDataEnd(x, '<row r="60000000"><c r="A60000000"><v>1</v></c></row>') })),
    modes: ['report', 'write'],
    code: 2,
    message: /行号超出 Excel 上限/,
    seconds: 5,
    mb: 300,
  },
  {
    name: 'a cell past column XFD',
    make: (d) => put(d, 'col-xfe.xlsx', edited({ [SHEET]: (x) => beforeSheetDataEnd(x, '<row r="40"><c r="XFE40"><v>1</v></c></row>') })),
    modes: ['report', 'write'],
    code: 2,
    message: /列号超出 Excel 上限/,
    seconds: 5,
    mb: 300,
  },
  {
    name: 'one value at XFD1048576 beside the real table (was 206 s)',
    make: (d) => put(d, 'far-cell.xlsx', edited({ [SHEET]: (x) => beforeSheetDataEnd(x, '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>') })),
    modes: ['report', 'write'],
    code: 1,
    seconds: 5,
    mb: 300,
    check: (r) => {
      if (!r.out.includes('基层党建经费')) throw new Error('the real table was not checked');
    },
  },
  {
    name: 'a sheet part inflating to 2 GB (zip bomb)',
    make: (d) => put(d, 'sheet-bomb.xlsx', edited({ [SHEET]: null }, [{ name: SHEET, raw: { deflated: bombStream(2048), declaredSize: 9000 } }])),
    modes: ['report', 'write'],
    code: 2,
    message: /解压后过大.*sheet1\.xml/,
    seconds: 5,
    mb: 300,
  },
  {
    name: 'a theme part inflating to 2 GB (threw inside an exceljs stream callback: exit 1 and a stack)',
    make: (d) => put(d, 'theme-bomb.xlsx', edited({ 'xl/theme/theme1.xml': null }, [{ name: 'xl/theme/theme1.xml', raw: { deflated: bombStream(2048), declaredSize: 7000 } }])),
    modes: ['report', 'write'],
    code: 2,
    message: /解压后过大/,
    seconds: 5,
    mb: 300,
  },
  {
    name: 'a 2 GB image in write mode',
    make: (d) => put(d, 'image-bomb.xlsx', edited({}, [{ name: 'xl/media/image1.png', raw: { deflated: bombStream(2048, 0), declaredSize: 4096 } }])),
    modes: ['write'],
    code: 2,
    message: /解压后过大/,
    seconds: 5,
    mb: 300,
  },
  {
    name: 'twelve parts of 60 MB each (every part under its cap, the package over it)',
    make: (d) => {
      const extra: ZipEntry[] = [];
      const s = bombStream(60);
      for (let i = 1; i <= 12; i++) extra.push({ name: `xl/media/image${i}.png`, raw: { deflated: s, declaredSize: 1000 } });
      return put(d, 'many-parts.xlsx', edited({}, extra));
    },
    modes: ['report'],
    code: 2,
    message: /合计超过/,
    seconds: 5,
    mb: 300,
  },
  {
    name: '100,000 merged areas (write mode was > 300 s)',
    make: (d) => {
      let m = '';
      for (let r = 100; r < 100100; r++) m += `<mergeCell ref="A${r}:B${r}"/>`;
      return put(d, 'many-merges.xlsx', edited({ [SHEET]: (x) => beforeMergesEnd(x, m) }));
    },
    modes: ['report', 'write'],
    code: 2,
    message: /合并区域过多/,
    seconds: 5,
    mb: 300,
  },
  {
    name: '1,048,576 rows × 8 numbers (write mode was > 600 s at 3.6 GB)',
    make: (d) => put(d, 'million-rows.xlsx', edited({ [SHEET]: null }, [{ name: SHEET, raw: { deflated: bigSheet(1048576, 8), declaredSize: 100000 } }])),
    modes: ['report', 'write'],
    code: 2,
    message: /解压后过大/,
    seconds: 5,
    mb: 300,
  },
  {
    name: '60,000 rows × 8 numbers below the table in write mode: the package is patched (was refused: exceljs would load every cell)',
    make: (d) => {
      let rows = '';
      for (let r = 100; r < 60100; r++) rows += `<row r="${r}">${'ABCDEFGH'.split('').map((c, i) => `<c r="${c}${r}"><v>${r + i}</v></c>`).join('')}</row>`;
      return put(d, 'big-for-copy.xlsx', edited({ [SHEET]: (x) => beforeSheetDataEnd(x, rows) }));
    },
    modes: ['write'],
    code: 1,
    seconds: 8,
    mb: 400,
    check: (r) => {
      if (fs.readdirSync(r.outDir).filter((f) => f.endsWith('.checked.xlsx')).length !== 1) throw new Error('no copy');
    },
  },
  ...COPY_CASES,
  {
    name: 'a 10,000,000-digit 年度指标值 (was 113 s)',
    make: (d) =>
      put(d, 'ten-million-digits.xlsx', edited({ [SHEET]: (x) => x.replace('<c r="E14" s="4"><v>4</v></c>', `<c r="E14" s="4" t="inlineStr"><is><t>${'9'.repeat(1e7)}</t></is></c>`) })),
    modes: ['report', 'write'],
    code: 2,
    message: /32,767 个字符/,
    seconds: 5,
    mb: 300,
  },
  {
    name: 'a FIFO named .xlsx (blocked forever)',
    make: (d) => {
      const p = path.join(d, 'fifo.xlsx');
      execFileSync('mkfifo', [p]);
      return p;
    },
    modes: ['report'],
    code: 2,
    message: /不是普通文件/,
    seconds: 5,
    mb: 300,
  },
  {
    name: '/dev/zero (grew to 7 GB)',
    make: () => '/dev/zero',
    modes: ['report'],
    code: 2,
    message: /不是普通文件/,
    seconds: 5,
    mb: 300,
  },
  {
    name: 'a 项目名称 with ESC sequences (_x001B_): clear screen and a fake "✔ 未发现问题"',
    make: (d) =>
      put(d, 'ansi-title.xlsx', edited({ [SST]: (x) => x.replace('<t>基层党建经费</t>', '<t>基层_x001B_[2J_x001B_[H_x001B_[32m✔ 未发现问题_x001B_[8m_x009B_31m</t>') })),
    modes: ['report', 'write'],
    code: 1,
    seconds: 5,
    mb: 300,
    check: (r) => {
      noEsc(r);
      if (!r.out.includes('基层\\x1b[2J\\x1b[H')) throw new Error('the escape was not shown as \\x1b');
      if (r.out.includes('\u009b')) throw new Error('a C1 control reached the terminal');
    },
  },
  {
    name: 'a 32,767-character title: cut in the terminal, no written cell or note past 32,767',
    make: (d) => put(d, 'long-title.xlsx', edited({ [SST]: (x) => x.replace('<t>基层党建经费</t>', `<t>${'长'.repeat(32767)}</t>`) })),
    modes: ['report', 'write'],
    code: 1,
    seconds: 5,
    mb: 300,
    check: (r) => {
      if (r.out.length > 20000) throw new Error(`the terminal got ${r.out.length} characters`);
      if (!r.out.includes('长…')) throw new Error('the title was not cut with …');
      // The copy: every text (shared strings, inline strings, notes) within Excel's 32,767.
      for (const f of fs.existsSync(r.outDir) ? fs.readdirSync(r.outDir) : []) {
        const pkg = XlsxPackage.open(fs.readFileSync(path.join(r.outDir, f)));
        let texts = 0;
        for (const part of pkg.names.filter((n) => n.endsWith('.xml'))) {
          for (const m of (pkg.text(part) ?? '').matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g)) {
            texts++;
            if (m[1].length > 32767) throw new Error(`${part} holds a text of ${m[1].length} characters`);
          }
        }
        if (texts === 0) throw new Error('no texts found in the copy');
      }
    },
  },
  {
    name: 'a workbook without any recognisable table (exited 0)',
    make: (d) => put(d, 'no-table.xlsx', edited({ [SHEET]: (x) => x.replace(/<sheetData>[\s\S]*<\/sheetData>/, '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>只有说明文字</t></is></c></row></sheetData>').replace(/<mergeCells[\s\S]*<\/mergeCells>/, '') })),
    modes: ['report', 'write'],
    code: 2,
    message: /未找到绩效自评表/,
    seconds: 5,
    mb: 300,
  },
  {
    name: 'a sheet name over 31 characters (exceljs printed an English warning; the copy was "damaged")',
    make: (d) => put(d, 'long-sheet-name.xlsx', edited({ 'xl/workbook.xml': (x) => x.replace('name="项目支出自评表"', `name="${'项目支出自评表'.repeat(5)}"`) })),
    modes: ['report', 'write'],
    code: 2,
    message: /工作表名称超过 Excel 上限 31 个字符/,
    seconds: 5,
    mb: 300,
  },
  {
    name: 'an invalid date in docProps (the copy failed as 写入失败)',
    make: (d) => put(d, 'bad-docprops-date.xlsx', edited({ 'docProps/core.xml': (x) => x.replace(/<dcterms:created([^>]*)>[^<]*</, '<dcterms:created$1>not-a-date<').replace(/<dcterms:modified([^>]*)>[^<]*</, '<dcterms:modified$1>2026-13-45T99:99:99Z<') })),
    modes: ['write'],
    code: 1,
    seconds: 5,
    mb: 300,
    check: (r) => {
      if (!fs.readdirSync(r.outDir).some((f) => f.endsWith('.checked.xlsx'))) throw new Error('no copy written');
    },
  },
  {
    name: '--summary aimed at the copy this run writes (overwrote it)',
    make: (d) => put(d, 'target.xlsx', fs.readFileSync(FIXTURE)),
    modes: ['write'],
    args: (_d, out) => ['--summary', path.join(out, 'target.checked.xlsx')],
    code: 2,
    message: /与本次生成的标记副本 .* 相同，已拒绝覆盖/,
    seconds: 5,
    mb: 300,
    check: (r) => {
      // The copy is still the copy (our marks on the indicator sheet), not the one-sheet overview.
      const copy = fs.readFileSync(path.join(r.outDir, 'target.checked.xlsx'));
      if (!copy.includes(Buffer.from('xl/worksheets/sheet2.xml'))) throw new Error('the copy was replaced by the overview');
    },
  },
  {
    name: 'a 20 MB HTML table saved as .xls (a 190 MB one killed V8): refused before parsing',
    make: (d) => {
      const row = '<tr><td>1</td><td>2</td></tr>';
      return put(d, 'huge-html.xls', Buffer.from(`<html><body><table>${row.repeat(Math.ceil((20 * 1024 * 1024) / row.length))}</table></body></html>`));
    },
    modes: ['report', 'write'],
    code: 2,
    message: /网页或 XML 格式的表格文件过大/,
    seconds: 3,
    mb: 300,
  },
  {
    name: '5,000 sheets each declaring all 16,384 columns',
    make: (d) => {
      const entries: ZipEntry[] = [];
      let sheets = '';
      let rels = '';
      const cols = Array.from({ length: 64 }, (_, k) => `<col min="${k * 256 + 1}" max="${k * 256 + 256}" width="9"/>`).join('');
      for (let i = 1; i <= 5000; i++) {
        entries.push({ name: `xl/worksheets/sheet${i}.xml`, data: `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols>${cols}</cols><sheetData><row r="1"><c r="A1"><v>${i}</v></c></row></sheetData></worksheet>` });
        sheets += `<sheet name="S${i}" sheetId="${i}" r:id="rId${i}"/>`;
        rels += `<Relationship Id="rId${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i}.xml"/>`;
      }
      entries.push(
        { name: '[Content_Types].xml', data: '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>' },
        { name: 'xl/workbook.xml', data: `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets}</sheets></workbook>` },
        { name: 'xl/_rels/workbook.xml.rels', data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>` },
      );
      return put(d, 'five-thousand-sheets.xlsx', writeZip(entries));
    },
    modes: ['report', 'write'],
    code: 2,
    message: /未找到绩效自评表/,
    seconds: 8,
    mb: 400,
  },
];
