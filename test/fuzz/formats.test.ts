// Fixed-seed fuzzing of the other formats (issue 21): mutants of .xls, WPS .et, .xlsb, .ods and HTML
// ".xls" (byte flips, truncations, repeated and dropped chunks), report-only and with copies, through
// the compiled pe-check as users run it — every file in the run's fence (cli/fence.ts). One run per
// format and mode over a folder of mutants: it must end with exit 0, 1 or 2, list every mutant in the
// JSON report (findings, or one Chinese reason), print no stack trace or internal error, and leave no
// temporary file. PE_FUZZ_FORMAT_MUTANTS changes the count for a longer local run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, tmpDir } from '../cli/helpers';
import { rng } from './rng';

const MUTANTS = Number(process.env.PE_FUZZ_FORMAT_MUTANTS ?? 60);
const FORMATS = path.join(ROOT, 'test', 'fixtures', 'formats');
const SAMPLES = ['kaifu-2022-dept.xls', 'kaifu-2022-project-jcdj.et', 'kaifu-2022-dept.xlsb', 'kaifu-2022-project-jcdj.ods', 'kaifu-2022-dept.html.xls'];
const BIN = path.join(ROOT, 'bin', 'pe-check.js');

jest.setTimeout(20 * 60 * 1000);

function mutant(sample: Buffer, rand: () => number, text: boolean): Buffer {
  const b = Buffer.from(sample);
  const at = () => Math.floor(rand() * b.length);
  switch (Math.floor(rand() * 4)) {
    case 0: {
      for (let i = 0, n = 1 + Math.floor(rand() * 16); i < n; i++) b[at()] = text ? '<>"&/t0'.charCodeAt(Math.floor(rand() * 7)) : b[at()] ^ (1 << Math.floor(rand() * 8));
      return b;
    }
    case 1:
      return b.subarray(0, at());
    case 2: {
      const from = at();
      const chunk = b.subarray(from, Math.min(b.length, from + 1 + Math.floor(rand() * 512)));
      return Buffer.concat([b, ...Array.from({ length: 1 + Math.floor(rand() * 8) }, () => chunk)]);
    }
    default: {
      const from = at();
      return Buffer.concat([b.subarray(0, from), b.subarray(Math.min(b.length, from + 1 + Math.floor(rand() * 2048)))]);
    }
  }
}

test.each(SAMPLES.map((s, i) => [s, i]))('%s: mutants report-only and with copies, fenced, every one answered', (sample, index) => {
  const bytes = fs.readFileSync(path.join(FORMATS, sample));
  const rand = rng(0x5eed + (index as number));
  const dir = tmpDir('fuzz-formats');
  const ext = sample.endsWith('.html.xls') ? '.xls' : path.extname(sample);
  for (let i = 0; i < MUTANTS; i++) fs.writeFileSync(path.join(dir, `m${String(i).padStart(3, '0')}${ext}`), mutant(bytes, rand, sample.endsWith('.html.xls')));
  for (const write of [false, true]) {
    const out = tmpDir('fuzz-formats-out');
    const args = write ? ['--out', out] : ['--no-write'];
    const r = spawnSync(process.execPath, [BIN, ...args, '--json', '-', '-q', dir], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, PE_CHECK_TIMEOUT_S: '10' } });
    expect([0, 1, 2]).toContain(r.status);
    expect(r.stderr).not.toMatch(/\n\s+at |内部错误|FATAL|Error:/);
    const files = (JSON.parse(r.stdout) as { files: { file: string; error: string | null; findings: unknown[] }[] }).files;
    expect(files).toHaveLength(MUTANTS);
    for (const f of files) if (f.error !== null) expect(f.error).toMatch(/[\u4e00-\u9fa5]/);
    expect(fs.readdirSync(out).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }
});
