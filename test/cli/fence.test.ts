// Every reader fenced (issue 21): pe-check (the compiled CLI, as users run it) reads each file in a
// worker thread with a memory limit and a watchdog: a file that exhausts a parser is one Chinese line
// and exit 2, and the other files of the run are checked as always. Before that, limits are counted
// before a parser runs: a 2 KB .ods whose one cell repeats over a whole sheet, or whose number style
// asks for 4,294,967,296 decimals, is refused at once.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { checkOdsLimits } from '../../src/files/sheetjsGrid';
import { XlsxPackage } from '../../src/files/zipPackage';
import { FIXTURES, ROOT, tmpDir } from './helpers';

jest.setTimeout(180000);

const BIN = path.join(ROOT, 'bin', 'pe-check.js');
const contentXml = (file: string) => XlsxPackage.open(fs.readFileSync(file)).text('content.xml') ?? '';
const good = path.join(FIXTURES, 'kaifu-2022-project-jcdj.xlsx');

async function ods(file: string, body: string, styles = ''): Promise<number> {
  const zip = new JSZip();
  zip.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', { compression: 'STORE' });
  zip.file('META-INF/manifest.xml', '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>');
  zip.file(
    'content.xml',
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" office:version="1.2">' +
      `<office:automatic-styles>${styles}</office:automatic-styles><office:body><office:spreadsheet><table:table table:name="S">${body}</table:table></office:spreadsheet></office:body></office:document-content>`,
  );
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  fs.writeFileSync(file, bytes);
  return bytes.length;
}

const REPEATED = '<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>';
const PLAIN = '<table:table-row><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1024"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>';

function peCheck(files: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, '--no-write', '--json', '-', '-q', ...files], { encoding: 'utf8', env: { ...process.env, PE_CHECK_IN_PROCESS: '', ...env }, maxBuffer: 1 << 26 });
  const files_ = (JSON.parse(r.stdout) as { files: { file: string; error: string | null; findings: unknown[] }[] }).files;
  return { status: r.status, stderr: r.stderr, files: files_ };
}

test('tiny .ods files that would make SheetJS expand without end are refused at once, in Chinese; the next file is checked', async () => {
  const dir = tmpDir('ods-limits');
  const repeated = path.join(dir, 'repeat.ods');
  // LibreOffice's own file pads every row with an empty cell repeated to the last column: not counted.
  const real = path.join(FIXTURES, 'formats', 'kaifu-2022-project-jcdj.ods');
  expect(contentXml(real)).toMatch(/number-columns-repeated="16\d{3}"/);
  expect(await ods(repeated, REPEATED)).toBeLessThan(4096);

  const t0 = Date.now();
  const r = peCheck([repeated, real, good]);
  expect(Date.now() - t0).toBeLessThan(30000);
  expect(r.status).toBe(2);
  expect(r.files.map((f) => [f.file, f.error])).toEqual([
    ['repeat.ods', '单元格过多（超过 4,000,000 个）'],
    ['kaifu-2022-project-jcdj.ods', null],
    ['kaifu-2022-project-jcdj.xlsx', null],
  ]);
  expect(r.stderr).not.toMatch(/\n\s+at |FATAL|heap/i);
});

test('the .ods limits themselves: absurd digit counts and filled repeats refused, padding and real files pass', () => {
  const style = (n: string) => `<number:number-style><number:number number:decimal-places="${n}"/></number:number-style>`;
  expect(() => checkOdsLimits(style('4294967296') + PLAIN)).toThrow('文件已损坏或不完整，无法读取');
  expect(() => checkOdsLimits(style('20') + PLAIN)).not.toThrow();
  expect(() => checkOdsLimits(REPEATED)).toThrow('单元格过多');
  // a filled cell repeated across 16,384 columns on 100 rows is fine (1.6 M cells), on 300 rows it is not
  const wide = (rows: number) => `<table:table-row table:number-rows-repeated="${rows}"><table:table-cell table:number-columns-repeated="16384" office:value-type="float"><text:p>1</text:p></table:table-cell></table:table-row>`;
  expect(() => checkOdsLimits(wide(100))).not.toThrow();
  expect(() => checkOdsLimits(wide(300))).toThrow('单元格过多');
  for (const f of fs.readdirSync(path.join(FIXTURES, 'formats')).filter((n) => n.endsWith('.ods') && !n.startsWith('password')))
    expect(() => checkOdsLimits(contentXml(path.join(FIXTURES, 'formats', f)))).not.toThrow();
});

test('a file that exhausts the fence\'s memory: one Chinese line, exit 2, a new worker checks the next file', () => {
  const r = peCheck([path.join(FIXTURES, 'formats', 'kaifu-2022-dept.xlsb'), good], { PE_CHECK_MEMORY_MB: '8' });
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('kaifu-2022-dept.xlsb：文件已损坏或不完整，无法读取');
  expect(r.files.map((f) => f.error)).toEqual(['文件已损坏或不完整，无法读取', null]);
  expect(r.files[1].findings.length).toBeGreaterThan(0);
  expect(r.stderr).not.toMatch(/\n\s+at |FATAL|heap/i);
});

test('the watchdog: a file that takes longer than allowed is the same line, and the run goes on', () => {
  const r = spawnSync(process.execPath, [BIN, '--no-write', '--json', '-', '-q', path.join(FIXTURES, 'formats', 'kaifu-2022-dept.ods'), good], {
    encoding: 'utf8',
    env: { ...process.env, PE_CHECK_TIMEOUT_S: '0.001', PE_CHECK_IN_PROCESS: '' },
  });
  expect(r.status).toBe(2);
  const files = (JSON.parse(r.stdout) as { files: { error: string | null }[] }).files;
  expect(files[0].error).toBe('文件已损坏或不完整，无法读取');
});

test('an XML 2003 ".xls" with one cell at column 4,294,967,044: refused at once (sparse rows walked by their keys)', async () => {
  const dir = tmpDir('sparse');
  const file = path.join(dir, 'far.xls');
  fs.writeFileSync(
    file,
    '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">' +
      '<Worksheet ss:Name="S"><Table><Row><Cell><Data ss:Type="String">一级指标</Data></Cell><Cell ss:Index="4294967044"><Data ss:Type="Number">1</Data></Cell></Row></Table></Worksheet></Workbook>',
  );
  const t0 = Date.now();
  const r = peCheck([file, good], { PE_CHECK_TIMEOUT_S: '60' });
  expect(Date.now() - t0).toBeLessThan(30000);
  expect(r.files[0].error).toBe('工作表“S”的列号超出 Excel 上限 16,384（XFD）');
  expect(r.files[1].error).toBeNull();
});
