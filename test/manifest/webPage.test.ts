// What `npm run build` guarantees of the browser page (scripts/check-bundles.mjs checkPage): one
// inline ES2018 script named in a no-connection CSP by its hash, nothing from elsewhere, ≤ 4 MB.
// Checked here on small hand-made pages, each breaking one promise, and on dist/ when it is built.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const root = path.resolve(__dirname, '..', '..');
// check-bundles.mjs is an ES module (Jest runs CommonJS here): asked in a child process.
function checkPage(distDir: string): string[] {
  const script = `import { checkPage } from ${JSON.stringify(pathToFileURL(path.join(root, 'scripts/check-bundles.mjs')).href)}; console.log(JSON.stringify(checkPage(process.argv[1])));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, distDir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as string[];
}

function page(script: string, opts: { csp?: (hash: string) => string; extra?: string } = {}): string {
  const hash = crypto.createHash('sha256').update(script, 'utf8').digest('base64');
  const csp = opts.csp ? opts.csp(hash) : `default-src 'none'; script-src 'sha256-${hash}'; connect-src 'none'`;
  return `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${csp}">${opts.extra ?? ''}</head><body><script id="pe-app">${script}</script></body></html>`;
}

function dist(html: string, index = html): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pe-page-'));
  fs.mkdirSync(path.join(dir, 'web'));
  fs.writeFileSync(path.join(dir, 'web', '绩效自评助手.html'), html);
  fs.writeFileSync(path.join(dir, 'web', 'index.html'), index);
  return dir;
}

test('a page that keeps every promise passes; each broken promise is named', () => {
  expect(checkPage(dist(page('const { a, ...rest } = { a: 1, b: 2 }; console.log(rest);')))).toEqual([]);
  expect(checkPage(dist(page('let x = a ?? b;'))).join()).toMatch(/not ES2018/);
  expect(checkPage(dist(page('1;', { csp: (h) => `default-src 'none'; script-src 'sha256-${h}'` }))).join()).toMatch(/connect-src 'none'/);
  expect(checkPage(dist(page('1;', { csp: () => `default-src 'none'; script-src 'unsafe-inline'; connect-src 'none'` }))).join()).toMatch(/sha256/);
  expect(checkPage(dist(page('1;', { extra: '<link rel="stylesheet" href="https://cdn.example.com/a.css">' }))).join()).toMatch(/from elsewhere/);
  expect(checkPage(dist(page('1;'), page('2;'))).join()).toMatch(/differs/);
  expect(checkPage(dist(page(`var s = "${'x'.repeat(4 * 1024 * 1024)}";`))).join()).toMatch(/limit/);
});

const built = path.join(root, 'dist');
(fs.existsSync(path.join(built, 'web', 'index.html')) ? test : test.skip)('the built page keeps them', () => {
  expect(checkPage(built)).toEqual([]);
});
