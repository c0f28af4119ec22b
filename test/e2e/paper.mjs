// The marked copy and 总览 on paper (issue 19): pe-check writes them, LibreOffice prints them to
// PDF, Chromium's PDF viewer shows the printed 自评汇总 and 总览 pages at 768 and 1280 px for people
// to look at (test-results/e2e-paper/). test/cli/print.test.ts measures the same PDFs (landscape,
// one page wide, ≥ 9 pt); this one only checks that each page is there and leaves the pictures.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium, requireChromium, root, stepper } from './lib.mjs';

const outDir = path.join(root, 'test-results', 'e2e-paper');
fs.mkdirSync(outDir, { recursive: true });
for (const f of fs.readdirSync(outDir)) if (f.endsWith('.png')) fs.rmSync(path.join(outDir, f));
const { step, results } = stepper('paper.mjs');

if (spawnSync('soffice', ['--version']).status !== 0) {
  console.log('paper: LibreOffice (soffice) is not installed; the marked copy and 总览 were not printed');
  process.exit(0);
}
requireChromium();

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pe-paper-'));
const out = path.join(work, 'out');
const fixtures = ['kaifu-2022-dept.xlsx', 'kaifu-2022-project-jcdj.xlsx', 'realworld/chizhou-tangxi-2022-weituoyewu.xlsx'].map((f) => path.join(root, 'test', 'fixtures', f));
const run = spawnSync(process.execPath, [path.join(root, 'bin', 'pe-check'), '-q', '--out', out, '--summary', path.join(out, '总览.xlsx'), ...fixtures], { encoding: 'utf8' });
if (run.status !== 1) throw new Error(`pe-check exited ${run.status}: ${run.stderr}`);
const pdfDir = path.join(work, 'pdf');
const books = ['kaifu-2022-dept.checked.xlsx', '总览.xlsx'].map((f) => path.join(out, f));
const lo = spawnSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', pdfDir, ...books], { encoding: 'utf8', timeout: 240000 });
if (lo.status !== 0) throw new Error(`LibreOffice: ${lo.stderr}`);

/** Page count and the 1-based numbers of the landscape pages (the 自评汇总 and 总览 prints). */
function pagesOf(file) {
  const text = fs.readFileSync(file).toString('latin1');
  const pages = [...text.matchAll(/\/Type\s*\/Page\b(?!s)[\s\S]*?\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/g)].map((m) => Number(m[3]) - Number(m[1]) > Number(m[4]) - Number(m[2]));
  return { count: pages.length, landscape: pages.flatMap((l, i) => (l ? [i + 1] : [])) };
}

const browser = await launchChromium();
try {
  for (const [name, label] of [['kaifu-2022-dept.checked', 'copy'], ['总览', 'overview']]) {
    const file = path.join(pdfDir, `${name}.pdf`);
    const { count, landscape } = pagesOf(file);
    for (const width of [768, 1280]) {
      await step(`${label}: the printed ${label === 'copy' ? '自评汇总' : '总览'} page at ${width} px`, async () => {
        if (!landscape.length) throw new Error(`no landscape page among ${count}`);
        const page = await browser.newPage({ viewport: { width, height: Math.round(width * 0.75) } });
        await page.goto(`file://${file}#page=${landscape[0]}&zoom=page-width`);
        await page.waitForTimeout(2500); // the viewer draws after load; nothing on the page says when
        await page.screenshot({ path: path.join(outDir, `${label}-${width}.png`) });
        await page.close();
      });
    }
  }
} finally {
  await browser.close();
  fs.rmSync(work, { recursive: true, force: true });
}
const failed = results.filter((r) => !r.ok);
console.log(`\npaper: ${results.length - failed.length}/${results.length} passed; screenshots in ${path.relative(root, outDir)}/`);
process.exit(failed.length ? 1 : 0);
