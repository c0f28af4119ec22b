// Nothing overwritten that is not ours (issue 21): a *.checked.xlsx is ours only when it carries our
// record; a copy never lands on somebody else's file; the JSON report is written whole or not at
// all; a report that cannot reach stdout is exit 2; an unreadable subfolder does not stop a run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, ROOT, pe, sha, tmpDir } from './helpers';

jest.setTimeout(120000);

const clean = path.join(FIXTURES, 'kaifu-2022-project-jcdj.xlsx');
const other = path.join(FIXTURES, 'hengshan-2022-project.xlsx');

test("a department's own a.checked.xlsx is checked and never written over; our own copies are refreshed, not multiplied", async () => {
  const folder = tmpDir('ours');
  fs.copyFileSync(clean, path.join(folder, 'a.xlsx'));
  fs.copyFileSync(other, path.join(folder, 'a.checked.xlsx')); // theirs: a different workbook under our kind of name
  const theirs = sha(path.join(folder, 'a.checked.xlsx'));
  const r = await pe(['--out', folder, '--json', '-', '--quiet', folder]);
  const files = (JSON.parse(r.out) as { files: { file: string }[] }).files.map((f) => f.file);
  expect(files).toEqual(['a.checked.xlsx', 'a.xlsx']);
  expect(sha(path.join(folder, 'a.checked.xlsx'))).toBe(theirs);
  expect(fs.readdirSync(folder).sort()).toEqual(['a-2.checked.xlsx', 'a-3.checked.xlsx', 'a.checked.xlsx', 'a.xlsx']);

  const out = tmpDir('ours-out');
  await pe(['--out', out, '--quiet', clean]);
  await pe(['--out', out, '--quiet', clean]);
  expect(fs.readdirSync(out)).toEqual(['kaifu-2022-project-jcdj.checked.xlsx']);
  // and a folder scan leaves our copy out, saying why
  fs.copyFileSync(clean, path.join(out, 'kaifu-2022-project-jcdj.xlsx'));
  const again = await pe(['--no-write', '--json', '-', out]);
  expect((JSON.parse(again.out) as { files: { file: string }[] }).files.map((f) => f.file)).toEqual(['kaifu-2022-project-jcdj.xlsx']);
  expect(again.err).toMatch(/kaifu-2022-project-jcdj\.checked\.xlsx：pe-check 生成的标记副本/);
});

test('--json is written through a temporary file: whole, nothing left behind; a failed write is exit 2 and the old report stays', async () => {
  const dir = tmpDir('json');
  const json = path.join(dir, 'report.json');
  fs.writeFileSync(json, '{"old":true}');
  const r = await pe(['--no-write', '--json', json, '--quiet', clean]);
  expect(r.code).toBe(1);
  expect(JSON.parse(fs.readFileSync(json, 'utf8')).files).toHaveLength(1);
  expect(fs.readdirSync(dir)).toEqual(['report.json']);
  // the target is a folder: the rename fails after the temporary file was written
  const blocked = path.join(dir, 'blocked.json');
  fs.mkdirSync(blocked);
  const f = await pe(['--no-write', '--json', blocked, '--quiet', clean]);
  expect(f.code).toBe(2);
  expect(f.err).toContain('无法写入');
  expect(fs.readdirSync(dir).sort()).toEqual(['blocked.json', 'report.json']);
});

(fs.existsSync('/dev/full') ? test : test.skip)('a report that cannot reach stdout (a full disk) is exit 2 with one Chinese line, not exit 1', () => {
  const out = fs.openSync('/dev/full', 'w');
  try {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'pe-check.js'), '--no-write', '--json', '-', clean], { stdio: ['ignore', out, 'pipe'], encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('无法写出报告：磁盘空间不足');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  } finally {
    fs.closeSync(out);
  }
});

test('-r: a subfolder that cannot be read is listed and skipped; the rest is checked', async () => {
  const folder = tmpDir('lostfound');
  fs.mkdirSync(path.join(folder, 'lost+found'));
  fs.mkdirSync(path.join(folder, '乡镇'));
  fs.copyFileSync(clean, path.join(folder, '乡镇', 'a.xlsx'));
  const real = fs.readdirSync;
  const spy = jest.spyOn(fs, 'readdirSync').mockImplementation(((p: fs.PathLike, o?: unknown) => {
    if (String(p).endsWith('lost+found')) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
    return (real as (p: fs.PathLike, o?: unknown) => unknown)(p, o);
  }) as typeof fs.readdirSync);
  try {
    const r = await pe(['-r', '--no-write', '--json', '-', folder]);
    expect((JSON.parse(r.out) as { files: { file: string }[] }).files.map((f) => f.file)).toEqual(['a.xlsx']);
    expect(r.err).toMatch(/lost\+found：无法读取的文件夹（没有读取权限）/);
    expect(r.code).toBe(1);
  } finally {
    spy.mockRestore();
  }
});

test('re-checking our own copy: its 自评汇总 is not reported as a table that could not be read', async () => {
  const out = tmpDir('recheck');
  await pe(['--out', out, '--quiet', clean]);
  const r = await pe(['--no-write', '--json', '-', '--quiet', path.join(out, 'kaifu-2022-project-jcdj.checked.xlsx')]);
  const findings = (JSON.parse(r.out) as { files: { findings: { sheet: string }[] }[] }).files[0].findings;
  expect(findings.length).toBeGreaterThan(0);
  expect(findings.filter((f) => f.sheet === '自评汇总')).toEqual([]);
});

test('an HTML ".xls" with a table inside a comment: the commented table is not checked', async () => {
  const dir = tmpDir('html-comment');
  const table = (title: string) =>
    `<table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td><td>分值</td><td>得分</td><td>偏差原因分析及改进措施</td></tr>` +
    `<tr><td>产出指标</td><td>数量指标</td><td>${title}</td><td>90</td><td>95</td><td>10</td><td>10</td><td></td></tr><tr><td>总分</td><td></td><td></td><td></td><td></td><td>10</td><td>10</td><td></td></tr></table>`;
  const file = path.join(dir, 'a.xls');
  fs.writeFileSync(file, `<html><head><meta charset="utf-8"></head><body>${table('看得见的指标')}<!-- ${table('注释里的指标')} --></body></html>`);
  const r = await pe(['--no-write', '--json', '-', '--quiet', file]);
  const f = (JSON.parse(r.out) as { files: { tables: { indicators: { name: string }[] }[] }[] }).files[0];
  expect(f.tables.flatMap((t) => t.indicators.map((i) => i.name))).toEqual(['看得见的指标']);
});

test('a file name with terminal escape sequences is shown escaped when its copy cannot be written (a full disk)', async () => {
  const dir = tmpDir('esc');
  const name = 'a\u001b[31mRED.xlsx';
  fs.copyFileSync(clean, path.join(dir, name));
  const out = path.join(dir, 'out');
  // the disk is full when the copy is written
  const real = fs.writeFileSync;
  const spy = jest.spyOn(fs, 'writeFileSync').mockImplementation(((file: fs.PathOrFileDescriptor, data: unknown, o?: unknown) => {
    if (String(file).endsWith('.tmp')) throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
    return (real as (f: unknown, d: unknown, o?: unknown) => void)(file, data, o);
  }) as typeof fs.writeFileSync);
  try {
    const r = await pe(['--out', out, path.join(dir, name)]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('无法写入');
    expect(r.err).toContain('磁盘空间不足');
    expect(r.out + r.err).not.toContain('\u001b');
    expect(r.err).toContain('\\x1b');
  } finally {
    spy.mockRestore();
  }
});
