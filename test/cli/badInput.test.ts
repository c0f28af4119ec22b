// Unusable inputs: one clear Chinese line each, exit 2, no stack trace, no output for that input,
// the other inputs still checked, and nothing changed on disk.
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, expectNoStack, pe, sha, tmpDir } from './helpers';

jest.setTimeout(60000);

let dir: string;
const files: Record<string, string> = {};
const hashes = new Map<string, string>();

beforeAll(async () => {
  dir = tmpDir('bad');
  const put = (name: string, data: Buffer | string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, data);
    files[name] = p;
  };
  put('random.xlsx', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
  put('renamed-csv.xlsx', '项目名称,分值,得分\n基层党建经费,5,4.25\n');
  // OLE compound file header (what an encrypted .xlsx or an .xls starts with) and nothing readable after it.
  put('broken-ole.xlsx', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2048)]));
  put('truncated-zip.xlsx', fs.readFileSync(path.join(FIXTURES, 'kaifu-2022-dept.xlsx')).subarray(0, 5000));

  const empty = new ExcelJS.Workbook();
  empty.addWorksheet('Sheet1');
  await empty.xlsx.writeFile((files['empty.xlsx'] = path.join(dir, 'empty.xlsx')));

  const noTable = new ExcelJS.Workbook();
  const ws = noTable.addWorksheet('说明');
  ws.getCell('A1').value = '本工作簿只有说明文字';
  ws.getCell('B2').value = 42;
  await noTable.xlsx.writeFile((files['no-table.xlsx'] = path.join(dir, 'no-table.xlsx')));

  // A table cut off after its header row + 2 indicator rows (header is row 12 of this fixture).
  const cut = new ExcelJS.Workbook();
  await cut.xlsx.readFile(path.join(FIXTURES, 'kaifu-2022-project-jcdj.xlsx'));
  const s = cut.worksheets[0];
  const last = 14;
  for (const ref of [...s.model.merges]) {
    const bottom = Number(/(\d+)$/.exec(ref)![1]);
    if (bottom > last) s.unMergeCells(ref);
  }
  s.eachRow((row, n) => {
    if (n > last) row.eachCell((c) => (c.value = null));
  });
  await cut.xlsx.writeFile((files['cut.xlsx'] = path.join(dir, 'cut.xlsx')));

  fs.mkdirSync((files['no-xlsx-folder'] = path.join(dir, 'no-xlsx-folder')));
  fs.writeFileSync(path.join(dir, 'no-xlsx-folder', 'readme.txt'), '没有工作簿');
  fs.writeFileSync(path.join(dir, 'no-xlsx-folder', '~$lock.xlsx'), 'lock');

  for (const [name, p] of Object.entries(files)) if (!name.endsWith('folder')) hashes.set(p, sha(p));
});

afterAll(() => {
  for (const [p, h] of hashes) expect(sha(p)).toBe(h);
});

const outDir = (tag: string) => path.join(dir, `out-${tag}`);
const outputs = (tag: string) => (fs.existsSync(outDir(tag)) ? fs.readdirSync(outDir(tag)) : []);

test.each([
  ['random.xlsx', '不是有效的 .xlsx 文件'],
  ['renamed-csv.xlsx', '不是有效的 .xlsx 文件'],
  ['truncated-zip.xlsx', '不是有效的 .xlsx 文件'],
  ['broken-ole.xlsx', '文件已损坏或不完整，无法读取'],
])('%s → exit 2 with one Chinese line', async (name, reason) => {
  const r = await pe(['--out', outDir(name), files[name]]);
  expect(r.code).toBe(2);
  expect(r.err).toContain(`pe-check: 无法读取 ${files[name]}：${reason}\n`);
  expect(r.err.split('\n').filter((l) => l.startsWith('pe-check:'))).toHaveLength(1);
  expectNoStack(r);
  expect(r.out).not.toContain(reason); // said once, on stderr
  expect(outputs(name)).toEqual([]);
});

test('a missing file → exit 2, 文件不存在', async () => {
  const missing = path.join(dir, 'nope.xlsx');
  const r = await pe(['--out', outDir('missing'), missing]);
  expect(r.code).toBe(2);
  expect(r.err).toBe(`pe-check: 无法读取 ${missing}：文件不存在\n`);
  expect(outputs('missing')).toEqual([]);
});

test('a folder with no workbook → exit 2 (lock files do not count)', async () => {
  const r = await pe(['--out', outDir('folder'), files['no-xlsx-folder']]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/^pe-check: .*no-xlsx-folder：文件夹中没有电子表格文件/);
  expectNoStack(r);
  expect(outputs('folder')).toEqual([]);
});

test.each(['empty.xlsx', 'no-table.xlsx'])('%s → exit 2 (nothing was checked), 未找到绩效自评表 listed, no copy', async (name) => {
  const json = path.join(dir, `${name}.json`);
  const summary = path.join(dir, `${name}.summary.xlsx`);
  const r = await pe(['--out', outDir(name), '--json', json, '--summary', summary, files[name]]);
  expect(r.code).toBe(2);
  expect(r.err).toContain(`pe-check: ${files[name]}：未找到绩效自评表\n`);
  expect(r.err.split('\n').filter((l) => l.startsWith('pe-check:'))).toHaveLength(1);
  expectNoStack(r);
  expect(outputs(name)).toEqual([]);
  expect(r.out).toContain(`== ${files[name]} ==\n  未找到绩效自评表\n`);
  const report = JSON.parse(fs.readFileSync(json, 'utf8'));
  expect(report.files[0]).toMatchObject({ file: name, error: '未找到绩效自评表', tables: [] });
  // The overview lists the file too (as a row saying no table was found).
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(summary);
  const texts: string[] = [];
  wb.worksheets[0].eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
  expect(texts.join('')).toContain('未找到绩效自评表');
});

test('a sheet with indicator titles but no readable table: exit 2, and the report says what was missing', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('绩效表');
  ws.addRow(['一级指标', '二级指标', '三级指标', '指标值', '分值', '得分']);
  ws.addRow(['产出指标', '数量指标', '培训人次', '100人次', 10, 10]);
  const file = path.join(dir, 'titles-only.xlsx');
  await wb.xlsx.writeFile(file);
  const json = path.join(dir, 'titles-only.json');
  const r = await pe(['--no-write', '--json', json, file]);
  expect(r.code).toBe(2);
  expect(r.err).toContain(`pe-check: ${file}：未找到绩效自评表\n`);
  expect(r.out).toContain('绩效表!A1 〔表格未能识别〕 该表含有绩效指标表头，但未能识别为绩效自评表：未找到“实际完成值”列');
  expect(r.out).toContain('1 个未识别出自评表');
  expect(r.out).not.toContain('无法读取');
  const report = JSON.parse(fs.readFileSync(json, 'utf8'));
  expect(report.files[0].findings.map((f: { code: string; cell: string }) => [f.code, f.cell])).toEqual([['table-not-recognized', 'A1']]);
});

test('a table cut off mid-way is checked without crashing', async () => {
  const json = path.join(dir, 'cut.json');
  const r = await pe(['--out', outDir('cut'), '--json', json, files['cut.xlsx']]);
  expect([0, 1]).toContain(r.code);
  expectNoStack(r);
  const report = JSON.parse(fs.readFileSync(json, 'utf8'));
  expect(report.files[0].error).toBeNull();
});

test('bad inputs do not stop the good ones; JSON lists the bad ones with their reason', async () => {
  const json = path.join(dir, 'mixed.json');
  const good = path.join(FIXTURES, 'kaifu-2022-project-jcdj.xlsx');
  const r = await pe(['--out', outDir('mixed'), '--json', json, files['random.xlsx'], good, path.join(dir, 'nope.xlsx')]);
  expect(r.code).toBe(2);
  expect(r.err.split('\n').filter(Boolean)).toHaveLength(2);
  expectNoStack(r);
  expect(outputs('mixed')).toEqual(['kaifu-2022-project-jcdj.checked.xlsx']);
  const report = JSON.parse(fs.readFileSync(json, 'utf8'));
  expect(report.files.map((f: { file: string; error: string | null }) => [f.file, f.error])).toEqual([
    ['random.xlsx', '不是有效的 .xlsx 文件'],
    ['kaifu-2022-project-jcdj.xlsx', null],
    ['nope.xlsx', '文件不存在'],
  ]);
  expect(report.summary.files).toBe(3);
  expect(report.files[1].tables).toHaveLength(1);
});
