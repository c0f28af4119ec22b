// Every reader fenced (issue 21): pe-check (the compiled CLI, as users run it) reads each file in a
// worker thread with a memory limit and a watchdog. A file that exhausts a parser — here a 2 KB .ods
// whose one cell repeats over a million rows and columns — is one Chinese line and exit 2; the other
// files of the run are checked as always.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { FIXTURES, ROOT, tmpDir } from './helpers';

jest.setTimeout(180000);

const BIN = path.join(ROOT, 'bin', 'pe-check.js');
const good = path.join(FIXTURES, 'kaifu-2022-project-jcdj.xlsx');

async function repeatedOds(file: string): Promise<number> {
  const zip = new JSZip();
  zip.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', { compression: 'STORE' });
  zip.file('META-INF/manifest.xml', '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>');
  zip.file(
    'content.xml',
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="S">' +
      '<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>' +
      '</table:table></office:spreadsheet></office:body></office:document-content>',
  );
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  fs.writeFileSync(file, bytes);
  return bytes.length;
}

test('a tiny .ods that would exhaust the reader: one Chinese line, exit 2, the next file still checked', async () => {
  const dir = tmpDir('fence');
  const bomb = path.join(dir, 'repeat.ods');
  expect(await repeatedOds(bomb)).toBeLessThan(4096);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [BIN, '--no-write', '--json', '-', '-q', bomb, good], {
    encoding: 'utf8',
    env: { ...process.env, PE_CHECK_MEMORY_MB: '256', PE_CHECK_TIMEOUT_S: '60', PE_CHECK_IN_PROCESS: '' },
    maxBuffer: 1 << 26,
  });
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('repeat.ods：文件已损坏或不完整，无法读取');
  expect(r.stderr).not.toMatch(/\n\s+at |FATAL|heap/i);
  const files = (JSON.parse(r.stdout) as { files: { file: string; error: string | null; findings: unknown[] }[] }).files;
  expect(files.map((f) => [f.file, f.error])).toEqual([
    ['repeat.ods', '文件已损坏或不完整，无法读取'],
    ['kaifu-2022-project-jcdj.xlsx', null],
  ]);
  expect(files[1].findings.length).toBeGreaterThan(0);
  expect(Date.now() - t0).toBeLessThan(120000);
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
