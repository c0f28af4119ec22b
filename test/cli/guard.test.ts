// guarded(): an exception thrown in a callback while an exceljs call runs (not a rejection of the
// promise we await) must reject that call — exit 2 with our line — instead of killing pe-check
// with Node's stack and exit 1. Run in a child: Jest has its own uncaught-exception handling.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

test('an uncaught exception during a guarded call rejects it, and the guard is removed afterwards', () => {
  const code = `
    const thrower = () => new Promise(() => setTimeout(() => { throw new Error('stream callback failed'); }, 5));
    guarded(thrower).then(
      () => console.log('resolved'),
      (e) => {
        console.log('rejected: ' + e.message);
        return guarded(() => Promise.resolve(42)).then((v) => console.log('next call: ' + v));
      },
    ).then(() => setTimeout(() => console.log('listeners: ' + process.listenerCount('uncaughtException')), 10));
  `;
  // Compile the module on the fly with TypeScript's transpileModule (no build needed for this test).
  const run = spawnSync(
    process.execPath,
    [
      '-e',
      `
      const ts = require(${JSON.stringify(path.join(ROOT, 'node_modules/typescript'))});
      const fs = require('fs');
      const Module = require('module');
      const src = fs.readFileSync(${JSON.stringify(path.join(ROOT, 'src/files/guard.ts'))}, 'utf8');
      const js = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
      const m = new Module('guard'); m._compile(js, 'guard.js');
      require.cache.guard = m;
      const { guarded } = m.exports;
      ${code}
      `,
    ],
    { encoding: 'utf8', timeout: 20000 },
  );
  expect(run.stderr).toBe('');
  expect(run.stdout).toBe('rejected: stream callback failed\nnext call: 42\nlisteners: 0\n');
  expect(run.status).toBe(0);
});
