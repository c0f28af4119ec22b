// On paper (issue 19): 自评汇总 in the highlighted copy and the bureau's 总览 print on A4 landscape,
// all columns on one page width, at a readable size (≥ 9 pt). LibreOffice, when installed, turns
// both into PDF; the pages are read from the PDF itself: MediaBox for the orientation, the font
// sizes (Tf) of each landscape page's content stream for the scale the page was fitted at.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { FIXTURES, pe, tmpDir } from './helpers';

jest.setTimeout(240000);

interface PdfPage {
  width: number;
  height: number;
  fontSizes: number[];
}

/** The pages of a PDF LibreOffice wrote: size and the font sizes used on each. */
function pdfPages(file: string): PdfPage[] {
  const buf = fs.readFileSync(file);
  const text = buf.toString('latin1');
  const objects = new Map<number, { start: number; end: number }>();
  for (const m of text.matchAll(/(\d+) 0 obj\b/g)) objects.set(Number(m[1]), { start: m.index, end: text.indexOf('endobj', m.index) });
  const body = (n: number) => {
    const o = objects.get(n);
    return o ? text.slice(o.start, o.end) : '';
  };
  const streamOf = (n: number): string => {
    const o = objects.get(n);
    if (!o) return '';
    const at = text.indexOf('stream', o.start);
    const start = at + (text[at + 6] === '\r' ? 8 : 7);
    const end = text.lastIndexOf('endstream', o.end);
    const raw = buf.subarray(start, end);
    try {
      return zlib.inflateSync(raw).toString('latin1');
    } catch {
      return raw.toString('latin1');
    }
  };
  const pages: PdfPage[] = [];
  for (const [n] of objects) {
    const b = body(n);
    if (!/\/Type\s*\/Page\b(?!s)/.test(b)) continue;
    const box = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(b);
    const contents = [...(/\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(b)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
    const sizes = contents.flatMap((c) => [...streamOf(c).matchAll(/([\d.]+)\s+Tf\b/g)].map((m) => Number(m[1])));
    if (box) pages.push({ width: Number(box[3]) - Number(box[1]), height: Number(box[4]) - Number(box[2]), fontSizes: sizes });
  }
  return pages;
}

const soffice = spawnSync('soffice', ['--version']).status === 0;
(soffice ? test : test.skip)('自评汇总 and 总览 print landscape, fitted to one page width, at ≥ 9 pt', async () => {
  const dir = tmpDir('print');
  const out = path.join(dir, 'out');
  const inputs = ['kaifu-2022-dept.xlsx', 'hengshan-2022-project.xlsx', 'kaifu-2022-project-jcdj.xlsx'].map((f) => path.join(FIXTURES, f));
  const r = await pe(['-q', '--out', out, '--summary', path.join(out, '总览.xlsx'), ...inputs]);
  expect(r.code).toBe(1);
  const lo = spawnSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', path.join(dir, 'pdf'), path.join(out, 'kaifu-2022-dept.checked.xlsx'), path.join(out, '总览.xlsx')], { encoding: 'utf8', timeout: 200000 });
  expect(lo.status).toBe(0);
  for (const name of ['kaifu-2022-dept.checked.pdf', '总览.pdf']) {
    const pages = pdfPages(path.join(dir, 'pdf', name));
    // The copy's own sheet prints as the department set it (portrait here); ours are landscape.
    const landscape = pages.filter((p) => p.width > p.height);
    expect([name, landscape.length > 0]).toEqual([name, true]);
    for (const p of landscape) {
      expect(p.width).toBeCloseTo(841.9, 0); // A4
      // The 14 pt title aside (scaled with the rest: 14/11 of the body size).
      const smallest = Math.min(...p.fontSizes);
      const body = p.fontSizes.filter((s) => s < smallest * 1.2);
      expect(body.length).toBeGreaterThan(0);
      // Fitted to the page width: scaled down from 11 pt (the columns are wider than the page at
      // 100 %), but not below 9 pt.
      expect([name, Math.min(...body) >= 9, Math.max(...body) < 11]).toEqual([name, true, true]);
    }
  }
});

test('the list of findings in 自评汇总 and 总览 can be filtered (by 问题, 级别 …)', async () => {
  const dir = tmpDir('filter');
  const out = path.join(dir, 'out');
  const r = await pe(['-q', '--out', out, '--summary', path.join(out, '总览.xlsx'), path.join(FIXTURES, 'kaifu-2022-dept.xlsx')]);
  expect(r.code).toBe(1);
  const ExcelJS = (await import('exceljs')).default;
  for (const [file, sheet, header] of [['kaifu-2022-dept.checked.xlsx', '自评汇总', '位置'], ['总览.xlsx', undefined, '位置']] as const) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, file));
    const ws = sheet ? wb.getWorksheet(sheet)! : wb.worksheets[0];
    const filter = String(ws.autoFilter ?? '');
    const [from, to] = filter.split(':');
    const top = Number(/\d+/.exec(from)![0]);
    // From the list's header row to its last finding, 问题 and the hidden code included.
    const headers = (ws.getRow(top).values as unknown[]).map(String);
    expect([file, headers.includes(header) && headers.includes('问题') && headers.includes('代码')]).toEqual([file, true]);
    const last = Number(/\d+/.exec(to)![0]);
    expect(String(ws.getRow(last).getCell(to.replace(/\d+/, '')).value ?? '')).toMatch(/^[a-z]+(-[a-z0-9]+)+$/);
    expect(last - top).toBeGreaterThan(20);
  }
});
