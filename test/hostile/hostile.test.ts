// Every hostile case through the real CLI in a child process (bin/pe-check.js over dist/node):
// the exit code, the one Chinese line, no stack trace, no ESC byte on the terminal, nothing
// half-written, and the child's CPU time and peak memory (process.resourceUsage) under the
// case's ceiling. A crash (V8 out of memory) shows as exit 134 and no usage file.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CASES, type HostileCase, type Mode } from './cases';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/pe-check.js');
const DIST = path.join(ROOT, 'dist/node/cli/main.js');

jest.setTimeout(120000);

/** dist/node must be the current source (npm test builds it; a stale build is rebuilt here). */
function ensureBuilt(): void {
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const p = path.join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
    }, 0);
  if (fs.existsSync(DIST) && fs.statSync(DIST).mtimeMs >= newest(path.join(ROOT, 'src'))) return;
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.node.json'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stdout}${r.stderr}`);
}

interface Ran {
  code: number | null;
  signal: string | null;
  out: string;
  err: string;
  wallSeconds: number;
  usage: { maxRssMb: number; cpuSeconds: number } | null;
}

/** Runs pe-check; killed after `killAfter` s so a hang fails the case instead of the suite. */
function runCli(args: string[], usageFile: string, killAfter = 60): Promise<Ran> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, ['-r', path.join(__dirname, 'usage.cjs'), BIN, ...args], {
      cwd: os.tmpdir(),
      env: { ...process.env, PE_USAGE_FILE: usageFile, PE_CHECK_DEBUG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    // Bounded capture: a case printing 200 MB must fail on length, not exhaust the test runner.
    child.stdout.on('data', (b: Buffer) => {
      if (out.length < 5e6) out += b.toString('utf8');
    });
    child.stderr.on('data', (b: Buffer) => {
      if (err.length < 5e6) err += b.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfter * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let usage = null;
      try {
        usage = JSON.parse(fs.readFileSync(usageFile, 'utf8'));
      } catch {
        /* crashed before exit handlers ran */
      }
      resolve({ code, signal, out, err, wallSeconds: (Date.now() - t0) / 1000, usage });
    });
  });
}

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pe-hostile-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Each input is built once and used by every mode (the million-row sheet takes seconds to make). */
const made = new Map<HostileCase, string>();
const measured: string[] = [];
afterAll(() => {
  if (process.env.PE_HOSTILE_REPORT) process.stdout.write(measured.join('\n') + '\n');
});

const rows: [string, Mode, HostileCase][] = [];
for (const c of CASES) for (const m of c.modes) rows.push([`${c.name} [${m}]`, m, c]);

test.each(rows)('%s', async (_label, mode, c) => {
  const caseDir = fs.mkdtempSync(path.join(dir, 'case-'));
  if (!made.has(c)) made.set(c, c.make(fs.mkdtempSync(path.join(dir, 'input-'))));
  const file = made.get(c)!;
  const outDir = path.join(caseDir, 'out');
  const before = fs.existsSync(file) && fs.statSync(file).isFile() ? fs.readFileSync(file) : null;
  const args = [...(mode === 'report' ? ['--no-write'] : ['--out', outDir]), ...(c.args?.(caseDir, outDir) ?? []), file];
  const r = await runCli(args, path.join(caseDir, 'usage.json'));
  const expected = typeof c.code === 'number' ? c.code : c.code[mode];
  measured.push(`${_label}\texit ${r.code}\tcpu ${r.usage?.cpuSeconds.toFixed(2)} s\twall ${r.wallSeconds.toFixed(2)} s\trss ${r.usage?.maxRssMb.toFixed(0)} MB`);
  const report = `exit ${r.code}${r.signal ? ` (${r.signal})` : ''}, ${r.wallSeconds.toFixed(1)} s wall, usage ${JSON.stringify(r.usage)}\nstderr: ${r.err.slice(0, 500)}`;
  expect({ code: r.code, report }).toEqual({ code: expected, report });
  expect([0, 1, 2]).toContain(r.code);
  expect(r.usage).not.toBeNull();
  expect(r.usage!.cpuSeconds).toBeLessThan(c.seconds);
  expect(r.usage!.maxRssMb).toBeLessThan(c.mb);
  // CPU time is the ceiling proper; wall time only guards against a hang (the 2-core machine may
  // be running four other suites: a 1 s case has been seen taking 7 s of wall time).
  expect(r.wallSeconds).toBeLessThan(Math.max(30, c.seconds * 6));
  expect(r.out + r.err).not.toMatch(/\n\s+at |Error:|TypeError|RangeError/);
  expect(r.out.includes('\x1b') || r.err.includes('\x1b')).toBe(false);
  if (c.message) {
    expect(r.err).toMatch(c.message);
    expect(r.err.split('\n').filter((l) => l.startsWith('pe-check:'))).toHaveLength(1);
  }
  // Nothing half-written: no temp file left, and no copy at all for a refused file.
  const outputs = fs.existsSync(outDir) ? fs.readdirSync(outDir) : [];
  expect(outputs.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  if (expected === 2 && !c.args) expect(outputs).toEqual([]);
  // The input is never changed.
  if (before) expect(fs.readFileSync(file).equals(before)).toBe(true);
  c.check?.({ out: r.out, err: r.err, outDir, file });
});
