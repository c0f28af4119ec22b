// Fixed-seed fuzzing (issue 11): 500 mutations of each sample — byte flips, truncations, swapped
// and inflated parts, corrupted refs and XML — through the lean reader, the exceljs reader and the
// write path of pe-check (in process, like the CLI tests), the grids of both readers going through
// checkWorkbook on the way. Every run must end with exit 0, 1 or 2, print no stack trace and no
// internal error, leave no temp file, and take under 10 s. Sized for CI: 2 samples × 500
// mutations, each run once report-only and once writing (measured in docs/DECISIONS.md, issue 11);
// PE_FUZZ_MUTATIONS changes the count for a longer local run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../../src/cli/main';
import { XlsxPackage } from '../../src/files/zipPackage';
import { bombStream, writeZip, type ZipEntry } from '../hostile/zip';
import { rng } from './rng';

const MUTATIONS = Number(process.env.PE_FUZZ_MUTATIONS ?? 500);
const SAMPLES = [
  // A project table and a department table (the two layouts the checker knows).
  'test/fixtures/kaifu-2022-project-jcdj.xlsx',
  'test/fixtures/kaifu-2022-dept.xlsx',
].map((f) => path.resolve(__dirname, '../..', f));

jest.setTimeout(30 * 60 * 1000);

type Parts = [string, Buffer][];
const partsOf = (buf: Buffer): Parts => {
  const pkg = XlsxPackage.open(buf);
  return pkg.names.map((n) => [n, pkg.bytes(n)!]);
};
const zip = (parts: Parts, extra: ZipEntry[] = []) => writeZip([...parts.map(([name, data]) => ({ name, data })), ...extra]);

const REFS = ['A0', 'XFD1048576', 'XFE1', 'ZZZZ99999999', 'A1048577', 'B5:A1', '', 'A1:XFD1048576', 'A1:A1', '$A$1', 'a1', '1A', 'A-1', 'AAAAAAAAAAAAAAAAAAAA1'];
const JUNK = ['<', '&', '&#0;', '&#x1F;', ']]>', '<!DOCTYPE x [<!ENTITY a "b">]>', '"', '\u0000', '\uffff', '<c r="A1"><v>1</v></c>', '</row>', '<row r="0">', '<f>1/0</f>', '<v>1e309</v>', '<v>NaN</v>', 't="e"', '_x001B_[2J'];

/** One mutation of the sample; the kind is part of the label so a failure says what broke. */
function mutate(sample: Buffer, parts: Parts, rand: () => number): { kind: string; buf: Buffer } {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const xmlParts = parts.filter(([n]) => /\.(xml|rels)$/.test(n));
  const k = Math.floor(rand() * 7);
  switch (k) {
    case 0: {
      const b = Buffer.from(sample);
      const flips = 1 + Math.floor(rand() * 8);
      for (let i = 0; i < flips; i++) b[Math.floor(rand() * b.length)] ^= 1 << Math.floor(rand() * 8);
      return { kind: `flip×${flips}`, buf: b };
    }
    case 1: {
      const at = Math.floor(rand() * sample.length);
      return { kind: `truncate@${at}`, buf: sample.subarray(0, at) };
    }
    case 2: {
      const a = Math.floor(rand() * parts.length);
      const b = Math.floor(rand() * parts.length);
      const p = parts.map(([n, d]) => [n, d] as [string, Buffer]);
      [p[a][1], p[b][1]] = [p[b][1], p[a][1]];
      return { kind: `swap ${parts[a][0]}↔${parts[b][0]}`, buf: zip(p) };
    }
    case 3: {
      // Inflated part: a bomb in place of a part, or a part repeated many times over.
      const [name] = pick(parts);
      const p = parts.filter(([n]) => n !== name);
      if (rand() < 0.5) return { kind: `bomb ${name}`, buf: zip(p, [{ name, raw: { deflated: bombStream(80), declaredSize: 1000 } }]) };
      const [, data] = parts.find(([n]) => n === name)!;
      const times = 2 + Math.floor(rand() * 200);
      return { kind: `repeat ${name}×${times}`, buf: zip([...p, [name, Buffer.concat(Array(times).fill(data))]]) };
    }
    case 4: {
      // Corrupted refs: a cell, row or merge reference replaced.
      const [name, data] = pick(xmlParts);
      let xml = data.toString('utf8');
      const refs = [...xml.matchAll(/\b(r|ref|sqref)="([^"]*)"/g)];
      if (refs.length === 0) return { kind: `no-ref ${name}`, buf: sample };
      const n = 1 + Math.floor(rand() * 3);
      for (let i = 0; i < n; i++) {
        const m = pick(refs);
        const to = rand() < 0.5 ? pick(REFS) : String(Math.floor(rand() * 2e9));
        xml = xml.replace(m[0], `${m[1]}="${to}"`);
      }
      return { kind: `refs×${n} ${name}`, buf: zip(parts.map(([pn, d]) => [pn, pn === name ? Buffer.from(xml) : d])) };
    }
    case 5: {
      // XML text: a junk token inserted, or a span deleted.
      const [name, data] = pick(xmlParts);
      const xml = data.toString('utf8');
      const at = Math.floor(rand() * xml.length);
      const out = rand() < 0.5 ? xml.slice(0, at) + pick(JUNK) + xml.slice(at) : xml.slice(0, at) + xml.slice(at + 1 + Math.floor(rand() * 200));
      return { kind: `xml ${name}@${at}`, buf: zip(parts.map(([pn, d]) => [pn, pn === name ? Buffer.from(out) : d])) };
    }
    default: {
      // A part dropped, or an unexpected one added.
      const [name] = pick(parts);
      if (rand() < 0.5) return { kind: `drop ${name}`, buf: zip(parts.filter(([n]) => n !== name)) };
      return { kind: `add ${name}.extra`, buf: zip([...parts, [pick(['xl/worksheets/sheet9.xml', 'xl/media/x.bin', '/xl/workbook.xml', 'xl/workbook.xml']), Buffer.from(pick(JUNK))]]) };
    }
  }
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pe-fuzz-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test.each(SAMPLES.map((s, i) => [path.basename(s), s, i]))('%s: %#-seeded mutations through both readers, the write path and checkWorkbook', async (_name, sample, index) => {
  const rand = rng(0x11 + (index as number));
  const orig = fs.readFileSync(sample as string);
  const parts = partsOf(orig);
  const codes = { 0: 0, 1: 0, 2: 0 } as Record<number, number>;
  let slowest = 0;
  let slowestKind = '';
  for (let i = 0; i < MUTATIONS; i++) {
    const { kind, buf } = mutate(orig, parts, rand);
    const file = path.join(dir, `m${index}-${i}.xlsx`);
    fs.writeFileSync(file, buf);
    const out = path.join(dir, `out-${index}-${i}`);
    const t0 = Date.now();
    const cpu0 = process.cpuUsage();
    // Report only: the lean reader. Writing: the exceljs reader (write runs always read with
    // exceljs), checkWorkbook on its grids, and the copy.
    const runs = [await cli(['--no-write', file]), await cli(['--out', out, file])];
    // CPU time of this process is the ceiling (the machine may be shared); wall time only guards hangs.
    const cpu = process.cpuUsage(cpu0);
    const ms = (cpu.user + cpu.system) / 1000;
    const wallMs = Date.now() - t0;
    if (ms > slowest) {
      slowest = ms;
      slowestKind = kind;
    }
    const label = `mutation ${i} (${kind})`;
    for (const r of runs) {
      if (![0, 1, 2].includes(r.code)) throw new Error(`${label}: exit ${r.code}`);
      if (/\n\s+at |Error:/.test(r.out + r.err)) throw new Error(`${label}: stack trace\n${r.err.slice(0, 2000)}`);
      // checkWorkbook on a reader's grids never throws: the CLI would say 内部错误 (GENERIC_CHECK).
      if (r.err.includes('内部错误')) throw new Error(`${label}: internal error\n${r.err.slice(0, 2000)}`);
      codes[r.code]++;
    }
    if (ms > 10000) throw new Error(`${label}: ${ms} ms of CPU`);
    if (wallMs > 60000) throw new Error(`${label}: ${wallMs} ms wall`);
    if (fs.existsSync(out) && fs.readdirSync(out).some((f) => f.endsWith('.tmp'))) throw new Error(`${label}: temp file left`);
    fs.rmSync(file, { force: true });
    fs.rmSync(out, { recursive: true, force: true });
  }
  // The corpus reaches all three outcomes (a fuzzer that only produced unreadable files would prove little).
  expect(codes[2]).toBeGreaterThan(0);
  expect(codes[0] + codes[1]).toBeGreaterThan(MUTATIONS * 0.2);
  expect(slowest).toBeLessThan(10000);
  if (process.env.PE_FUZZ_REPORT) process.stdout.write(`${_name}: ${MUTATIONS} mutations, exits ${JSON.stringify(codes)}, slowest ${Math.round(slowest)} ms CPU (${slowestKind})\n`);
});
