// Options, output streams and exit codes of pe-check.
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, expectNoStack, fixtureFiles, pe, sha, tmpDir } from './helpers';

jest.setTimeout(120000);

let dir: string;
let clean: string;

beforeAll(async () => {
  dir = tmpDir('cli');
  // The jcdj fixture with its errors corrected: a table with warnings/infos only → exit 0.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(FIXTURES, 'kaifu-2022-project-jcdj.xlsx'));
  const ws = wb.worksheets[0];
  ws.getCell('B13').value = '产出指标\n(40分)';
  ws.getCell('B21').value = '效益指标\n（40分）';
  for (const r of [14, 15, 16, 17, 29]) ws.getCell(`I${r}`).value = '已说明原因';
  ws.getCell('H24').value = 5;
  ws.getCell('H29').value = 3.5;
  ws.getCell('H31').value = 96.55;
  clean = path.join(dir, 'clean.xlsx');
  await wb.xlsx.writeFile(clean);
});

describe('exit codes', () => {
  test('0: tables with no error finding', async () => {
    const r = await pe(['--no-write', clean]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('错误 0');
  });
  test('1: error findings', async () => {
    const r = await pe(['--no-write', path.join(FIXTURES, 'kaifu-2022-project-jcdj.xlsx')]);
    expect(r.code).toBe(1);
  });
  test('2: no inputs, unknown option, missing option value, unknown profile', async () => {
    for (const args of [[], ['--bogus', clean], ['--out'], ['--json'], ['--profile', 'nope', clean], ['--summary', 'x.csv', clean]]) {
      const r = await pe(args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^pe-check: \S/);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expectNoStack(r);
    }
    const r = await pe(['--profile', 'nope', clean]);
    expect(r.err).toContain('mof2020');
    expect(r.err).toContain('gx130');
  });
  test('2 wins over 1 when an input cannot be read', async () => {
    const r = await pe(['--no-write', path.join(FIXTURES, 'kaifu-2022-project-jcdj.xlsx'), path.join(dir, 'missing.xlsx')]);
    expect(r.code).toBe(2);
  });
});

test('--help and --version', async () => {
  const h = await pe(['--help']);
  expect(h.code).toBe(0);
  expect(h.out).toContain('用法：pe-check');
  expect(h.out).toContain('--summary');
  const v = await pe(['--version']);
  expect(v.code).toBe(0);
  expect(v.out).toMatch(/^pe-check \d+\.\d+\.\d+\n$/);
});

test('human output: grouped by table, sorted by row, with markers and counts', async () => {
  const r = await pe(['--no-write', path.join(FIXTURES, 'kaifu-2022-project-jcdj.xlsx')]);
  expect(r.out).toContain('【表 1】基层党建经费  项目支出自评表!A1:I31');
  // Problem types in Chinese; the codes stay in the JSON report.
  expect(r.out).toMatch(/\n {2}✖ H24 〔得分与评分规则不符〕 得分应为 5/);
  expect(r.out).toMatch(/\n {2}⚠ F14 〔超额完成较多〕 /);
  expect(r.out).toMatch(/\n {2}ℹ D24 〔二级指标分类可疑〕 /);
  expect(r.out).not.toMatch(/ (score-mismatch|over-target|category-mismatch) /);
  const rows = [...r.out.matchAll(/\n {2}[✖⚠ℹ] [A-Z]+(\d+) /g)].map((m) => Number(m[1]));
  expect(rows).toEqual([...rows].sort((a, b) => a - b));
  expect(r.out).toMatch(/小计：1 张表，错误 \d+ · 警告 \d+ · 提示 \d+/);
  expect(r.out).toMatch(/共 1 个输入，1 张表：错误 \d+/);
  expect(r.err).toBe(''); // one file, not a TTY: no progress line
});

test('--json - prints valid JSON on stdout and the human report on stderr', async () => {
  const r = await pe(['--no-write', '--json', '-', ...fixtureFiles()]);
  expect(r.code).toBe(1);
  const report = JSON.parse(r.out);
  expect(report.version).toBe(1);
  expect(report.profile).toBe('mof2020');
  expect(report.files.map((f: { file: string }) => f.file)).toEqual(fixtureFiles().map((f) => path.basename(f)));
  const n = fixtureFiles().length; // one table each
  expect(n).toBeGreaterThan(3);
  expect(report.summary.tables).toBe(n);
  expect(r.err).toContain('【表 1】');
  expect(r.err).toContain(`[${n}/${n}] 正在检查 ${path.basename(fixtureFiles()[n - 1])}…`); // > 3 files: progress
});

test('--profile gx130 is used and reported', async () => {
  const r = await pe(['--no-write', '--quiet', '--profile', 'gx130', '--json', '-', clean]);
  expect(JSON.parse(r.out).profile).toBe('gx130');
});

test('--quiet prints nothing for a readable file', async () => {
  const r = await pe(['--no-write', '--quiet', clean]);
  expect(r.out + r.err).toBe('');
});

test('progress: on a TTY from 2 files, otherwise from 4', async () => {
  const two = [clean, path.join(FIXTURES, 'kaifu-2022-project-jcdj.xlsx')];
  expect((await pe(['--no-write', ...two])).err).toBe('');
  const tty = await pe(['--no-write', ...two], { tty: true });
  expect(tty.err).toContain('[2/2] 正在检查 kaifu-2022-project-jcdj.xlsx…');
});

test('--summary writes one overview workbook with one row per table', async () => {
  const file = path.join(dir, 'overview', '总览.xlsx');
  const r = await pe(['--no-write', '--summary', file, ...fixtureFiles(), clean]);
  expect(r.code).toBe(1);
  expect(r.out).toContain(`总览已写入 ${file}`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['自评汇总']);
  const ws = wb.worksheets[0];
  let header = -1;
  ws.eachRow((row, n) => {
    if (header < 0 && row.getCell(1).value === '文件' && row.getCell(2).value === '工作表') header = n;
  });
  expect(header).toBeGreaterThan(0);
  const names: unknown[] = [];
  const cellText = (v: ExcelJS.CellValue) => (v && typeof v === 'object' && 'text' in v ? v.text : v);
  for (let n = header + 1; ws.getRow(n).getCell(1).value; n++) names.push(cellText(ws.getRow(n).getCell(1).value));
  // Every file, worst first: the clean table (no errors) comes last (test/cli/overview.test.ts has the order rules).
  expect([...names].sort()).toEqual([...fixtureFiles().map((f) => path.basename(f)), 'clean.xlsx'].sort());
  expect(names[names.length - 1]).toBe('clean.xlsx');
  // Links, never formulas: a formula into another workbook would become an external data link.
  ws.eachRow((row) => row.eachCell((c) => expect(c.formula).toBeUndefined()));
});

test('copies go to --out (created on demand); nothing is written with --no-write', async () => {
  const out = path.join(dir, 'nested', 'out');
  const r = await pe(['--out', out, clean]);
  expect(r.out).toContain('标记副本：');
  expect(fs.readdirSync(out)).toEqual(['clean.checked.xlsx']);
  const none = path.join(dir, 'none');
  await pe(['--no-write', '--out', none, clean]);
  expect(fs.existsSync(none)).toBe(false);
});

test('folders: *.xlsx only, no lock files, no *.checked.xlsx, -r for subfolders; same names get -2', async () => {
  const folder = path.join(dir, 'folder');
  fs.mkdirSync(path.join(folder, 'sub'), { recursive: true });
  fs.copyFileSync(clean, path.join(folder, 'a.xlsx'));
  fs.copyFileSync(clean, path.join(folder, 'sub', 'a.xlsx'));
  // one of our copies (it carries our record): left out of a folder scan
  const ours = path.join(dir, 'ours-copy');
  await pe(['--out', ours, '--quiet', clean]);
  fs.copyFileSync(path.join(ours, path.basename(clean).replace(/\.xlsx$/, '.checked.xlsx')), path.join(folder, 'a.checked.xlsx'));
  fs.writeFileSync(path.join(folder, '~$a.xlsx'), 'lock');
  fs.writeFileSync(path.join(folder, 'notes.txt'), 'x');
  const flat = await pe(['--no-write', '--json', '-', '--quiet', folder]);
  expect(JSON.parse(flat.out).files.map((f: { file: string }) => f.file)).toEqual(['a.xlsx']);
  const out = path.join(dir, 'folder-out');
  const deep = await pe(['-r', '--out', out, '--json', '-', '--quiet', folder]);
  expect(JSON.parse(deep.out).files).toHaveLength(2);
  expect(fs.readdirSync(out).sort()).toEqual(['a-2.checked.xlsx', 'a.checked.xlsx']);
});

test('never writes over an input', async () => {
  const before = sha(clean);
  const r = await pe(['--no-write', '--summary', clean, clean]);
  expect(r.code).toBe(2);
  expect(r.err).toContain('已拒绝覆盖');
  const j = await pe(['--no-write', '--json', clean, clean]);
  expect(j.code).toBe(2);
  expect(sha(clean)).toBe(before);
});

test('an unwritable --out is one Chinese line and exit 2, not a stack', async () => {
  const blocker = path.join(dir, 'blocker');
  fs.writeFileSync(blocker, 'a file, not a folder');
  const r = await pe(['--out', blocker, clean]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/^pe-check: 输出目录 .* 已存在且不是文件夹\n$/);
});
