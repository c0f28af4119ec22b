// The WPS host uses only members that WPS's published declarations (et-jsapi-declare) have: the
// check in declarations/members.ts compiles against them — and fails for a member they lack.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const dir = path.join(__dirname, 'declarations');
const tsc = path.resolve(__dirname, '../../node_modules/typescript/bin/tsc');

function compile(project: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

jest.setTimeout(60000);

test('every member src/wps calls is in et-jsapi-declare', () => {
  const r = compile(path.join(dir, 'tsconfig.json'));
  expect(r.out).toBe('');
  expect(r.status).toBe(0);
});

test('the check fails for a member WPS does not declare', () => {
  const tmp = fs.mkdtempSync(path.join(dir, '.tmp-'));
  try {
    const source = fs.readFileSync(path.join(dir, 'members.ts'), 'utf8').replace(/'\.\.\/\.\.\/\.\.\/src/g, "'../../../../src");
    fs.writeFileSync(path.join(tmp, 'members.ts'), source.replace('true as Covered<Et.Range, WpsRange>,', "true as Covered<Et.Range, WpsRange & { NotAWpsMember: 1 }>,"));
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'tsconfig.json'), 'utf8'));
    config.compilerOptions.typeRoots = ['../../../../node_modules'];
    fs.writeFileSync(path.join(tmp, 'tsconfig.json'), JSON.stringify(config));
    const r = compile(path.join(tmp, 'tsconfig.json'));
    expect(r.status).not.toBe(0);
    expect(r.out).toContain('NotAWpsMember');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
