// File names that are not UTF-8 (issue 21): a folder unpacked from a zip made on Chinese Windows
// keeps GBK names. The scan reads names as bytes, opens each by its bytes and shows it decoded.
import fs from 'node:fs';
import path from 'node:path';
import { nameFromBytes } from '../../src/cli/inputs';
import { FIXTURES, pe, tmpDir } from './helpers';

jest.setTimeout(60000);

const gbk = (s: string) => Buffer.from(new Uint8Array([...s].flatMap((ch) => ({ 自: [0xd7, 0xd4], 评: [0xc6, 0xc0], 表: [0xb1, 0xed] } as Record<string, number[]>)[ch] ?? [ch.charCodeAt(0)])));

test('a GBK-named workbook in a folder is checked under its Chinese name, and its copy is named in UTF-8', async () => {
  const dir = tmpDir('gbk');
  const name = gbk('自评表.xlsx');
  expect(Buffer.from(name.toString('utf8'), 'utf8').equals(name)).toBe(false); // really not UTF-8
  const folder = path.join(dir, 'in');
  fs.mkdirSync(folder);
  fs.writeFileSync(Buffer.concat([Buffer.from(folder + path.sep), name]), fs.readFileSync(path.join(FIXTURES, 'kaifu-2022-project-jcdj.xlsx')));
  const out = path.join(dir, 'out');
  const r = await pe(['--out', out, '--json', path.join(dir, 'r.json'), folder]);
  expect(r.err).not.toMatch(/文件不存在/);
  expect(r.code).toBe(1); // the table's own errors
  const report = JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8'));
  expect(report.files[0].file).toBe('自评表.xlsx');
  expect(report.files[0].error).toBeNull();
  expect(report.files[0].tables.length).toBe(1);
  expect(fs.readdirSync(out)).toEqual(['自评表.checked.xlsx']);
});

test('names neither UTF-8 nor GBK are shown with their bytes escaped', () => {
  expect(nameFromBytes(gbk('自评表.xlsx'))).toBe('自评表.xlsx');
  expect(nameFromBytes(Buffer.from([0x61, 0xff, 0x2e, 0x78]))).toBe('a\\xff.x');
});
