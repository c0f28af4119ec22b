// Shared bits of the CLI tests: a captured io, temp folders, fixtures, hashing.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../../src/cli/main';

export const ROOT = path.resolve(__dirname, '../..');
export const FIXTURES = path.join(ROOT, 'test/fixtures');
export const fixtureFiles = (): string[] =>
  fs
    .readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.xlsx'))
    .sort()
    .map((f) => path.join(FIXTURES, f));

export interface Ran {
  code: number;
  out: string;
  err: string;
}

export async function pe(args: string[], opts: { tty?: boolean } = {}): Promise<Ran> {
  let out = '';
  let err = '';
  const code = await run(args, {
    stdout: { write: (s: string) => (out += s), isTTY: false },
    stderr: { write: (s: string) => (err += s), isTTY: !!opts.tty },
  });
  return { code, out, err };
}

export function tmpDir(tag: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `pe-cli-${tag}-`));
}

export function sha(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Stack frames look like "    at fn (file:1:2)"; none may reach the user. */
export function expectNoStack(r: Ran): void {
  expect(r.out + r.err).not.toMatch(/\n\s+at /);
  expect(r.out + r.err).not.toMatch(/Error:/);
}

/** A cell note's text as exceljs reads it: a plain string, or rich-text runs (how Excel writes notes). */
export function noteText(note: unknown): string {
  if (note === undefined || note === null) return '';
  if (typeof note === 'string') return note;
  return ((note as { texts?: { text?: string }[] }).texts ?? []).map((t) => t.text ?? '').join('');
}
