// The highlighted copy must keep every value, formula and merge of every input sheet, and add only
// fills, notes and our 自评汇总 sheet (RULES §6).
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, fixtureFiles, pe, sha, tmpDir, noteText } from './helpers';

jest.setTimeout(120000);

/** The sheets a user sees (our very hidden record of marks left out). */
const visible = (wb: ExcelJS.Workbook) => wb.worksheets.filter((w) => w.state !== 'veryHidden').map((w) => w.name);

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** address → [type, value] of every non-empty cell; formulas compared as formula objects. */
function cellMap(ws: ExcelJS.Worksheet): Map<string, [number, unknown]> {
  const m = new Map<string, [number, unknown]>();
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (c) => {
      if (c.type === ExcelJS.ValueType.Null) return;
      m.set(c.address, [c.type, c.value]);
    }),
  );
  return m;
}

const fillOf = (c: ExcelJS.Cell) => JSON.stringify(c.fill ?? null);

let dir: string;
let inputs: string[];
let report: {
  files: { file: string; copy?: string; findings: { sheet: string; cell: string }[]; tables: unknown[] }[];
};
const hashes = new Map<string, string>();

beforeAll(async () => {
  dir = tmpDir('roundtrip');
  // A fixture with formulas (plain, shared, string and error results) and a literal '=' text.
  const wb = await load(path.join(FIXTURES, 'kaifu-2022-project-jcdj.xlsx'));
  const ws = wb.worksheets[0];
  ws.getCell('M13').value = { formula: 'G13-H13', result: 0 };
  ws.getCell('M14').value = { formula: 'D13&"！"', result: '党务工作者到岗人数！' };
  ws.getCell('M15').value = { formula: '1/0', result: { error: '#DIV/0!' } } as unknown as ExcelJS.CellFormulaValue;
  ws.fillFormula('N13:N20', 'G13*2', [10, 10, 10, 10, 10, 10, 10, 10]);
  ws.getCell('B3').value = '=HYPERLINK("http://example.com","基层党建经费")'; // 项目支出名称 typed as text
  const crafted = path.join(dir, 'formulas.xlsx');
  await wb.xlsx.writeFile(crafted);
  inputs = [...fixtureFiles().map((f) => {
    const to = path.join(dir, path.basename(f));
    fs.copyFileSync(f, to);
    return to;
  }), crafted];
  for (const f of inputs) hashes.set(f, sha(f));
  const out = path.join(dir, 'out');
  const json = path.join(dir, 'report.json');
  const r = await pe(['--out', out, '--json', json, ...inputs]);
  expect(r.err).not.toMatch(/无法读取/);
  report = JSON.parse(fs.readFileSync(json, 'utf8'));
});

test('inputs are unchanged', () => {
  for (const f of inputs) expect(sha(f)).toBe(hashes.get(f));
});

test('every copy keeps every value, formula and merge of every input sheet', async () => {
  let compared = 0;
  for (const input of inputs) {
    const entry = report.files.find((f) => f.file === path.basename(input))!;
    if (entry.tables.length === 0) continue;
    const copy = path.join(dir, 'out', path.basename(input).replace(/\.xlsx$/, '.checked.xlsx'));
    expect(fs.existsSync(copy)).toBe(true);
    const a = await load(input);
    const b = await load(copy);
    for (const wsA of a.worksheets) {
      const wsB = b.getWorksheet(wsA.name)!;
      expect(wsB).toBeDefined();
      expect(cellMap(wsB)).toEqual(cellMap(wsA));
      expect([...wsB.model.merges].sort()).toEqual([...wsA.model.merges].sort());
      compared += cellMap(wsA).size;
    }
  }
  expect(compared).toBeGreaterThan(500);
});

test('formulas stay formulas (plain and shared) in the copy', async () => {
  const b = await load(path.join(dir, 'out', 'formulas.checked.xlsx'));
  const ws = b.worksheets[0];
  expect(ws.getCell('M13').formula).toBe('G13-H13');
  expect(ws.getCell('N14').formula).toBe('G14*2');
  expect(ws.getCell('B3').type).toBe(ExcelJS.ValueType.String);
  expect(ws.getCell('B3').value).toBe('=HYPERLINK("http://example.com","基层党建经费")');
});

test('the copy has our fills and notes on flagged cells only, and a 自评汇总 sheet', async () => {
  for (const input of inputs) {
    const entry = report.files.find((f) => f.file === path.basename(input))!;
    if (entry.tables.length === 0) continue;
    const a = await load(input);
    const b = await load(path.join(dir, 'out', path.basename(input).replace(/\.xlsx$/, '.checked.xlsx')));
    const flagged = new Set(entry.findings.map((f) => `${f.sheet}!${f.cell}`));
    expect(flagged.size).toBeGreaterThan(0);
    for (const key of flagged) {
      const [sheet, cell] = key.split('!');
      const c = b.getWorksheet(sheet)!.getCell(cell);
      // A merged block over several rows (an 一级 label) gets the note alone; it keeps its own fill.
      const block = b.getWorksheet(sheet)!.model.merges.some((m) => {
        const [top, bottom] = m.split(':').map((x) => Number(/\d+/.exec(x)![0]));
        return m.split(':')[0] === cell && bottom > top;
      });
      if (block) expect(JSON.stringify(c.fill)).toBe(JSON.stringify(a.getWorksheet(sheet)!.getCell(cell).fill));
      else expect((c.fill as ExcelJS.FillPattern).pattern).toBe('solid');
      expect(noteText(c.note)).toContain('【绩效自评助手】');
    }
    // Unflagged cells keep their fill: exceljs shares style objects, a careless fill would spread.
    for (const wsA of a.worksheets) {
      const wsB = b.getWorksheet(wsA.name)!;
      wsA.eachRow({ includeEmpty: true }, (row) =>
        row.eachCell({ includeEmpty: true }, (c) => {
          if (flagged.has(`${wsA.name}!${c.address}`)) return;
          expect(`${c.address} ${fillOf(wsB.getCell(c.address))}`).toBe(`${c.address} ${fillOf(c)}`);
        }),
      );
    }
    const sum = b.getWorksheet('自评汇总')!;
    expect(sum).toBeDefined();
    // The entered total is a live reference to the table's 总分 cell, with the value cached.
    const refs: ExcelJS.Cell[] = [];
    sum.eachRow((row) => row.eachCell((c) => {
      if (c.formula) refs.push(c);
    }));
    for (const c of refs) {
      expect(c.formula).toMatch(/^'[^']+'![A-Z]+\d+$/);
      expect(typeof c.result).toBe('number');
    }
    expect(visible(b)).toEqual([...a.worksheets.map((w) => w.name), '自评汇总']);
  }
});

test("a text starting with '=' stays literal in 自评汇总", async () => {
  const file = path.join(dir, 'out', 'formulas.checked.xlsx');
  const b = await load(file);
  const sum = b.getWorksheet('自评汇总')!;
  const hits: ExcelJS.Cell[] = [];
  sum.eachRow((row) => row.eachCell((c) => {
    if (typeof c.value === 'string' && c.value.startsWith('=HYPERLINK')) hits.push(c);
  }));
  expect(hits.length).toBeGreaterThan(0);
  for (const c of hits) {
    expect(c.formula).toBeUndefined();
    expect(c.type).toBe(ExcelJS.ValueType.String);
  }
  // And in the XML: no <f> holding HYPERLINK anywhere in the package.
  const JSZip = (await import('jszip')).default;
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  for (const n of Object.keys(zip.files).filter((n) => n.startsWith('xl/worksheets/sheet'))) {
    expect(await zip.files[n].async('string')).not.toMatch(/<f>[^<]*HYPERLINK/);
  }
});

test('links in 自评汇总 are internal links Excel can follow', async () => {
  const JSZip = (await import('jszip')).default;
  const zip = await JSZip.loadAsync(fs.readFileSync(path.join(dir, 'out', 'kaifu-2022-project-jcdj.checked.xlsx')));
  const sheet2 = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
  const links = sheet2.match(/<hyperlink\b[^>]*>/g) ?? [];
  expect(links.length).toBeGreaterThan(0);
  for (const l of links) {
    expect(l).toMatch(/location="(?:'|&apos;)项目支出自评表(?:'|&apos;)![A-Z]+\d+"/);
    expect(l).not.toMatch(/r:id=/);
  }
  const wbXml = await zip.file('xl/workbook.xml')!.async('string');
  expect(wbXml).toMatch(/<definedName name="_PeCheckSummary" hidden="1">/);
});

test('a rerun on a checked copy replaces our summary sheet instead of adding another', async () => {
  const copy = path.join(dir, 'out', 'kaifu-2022-project-jcdj.checked.xlsx');
  const again = path.join(dir, 'again');
  await pe(['--out', again, copy]);
  const b = await load(path.join(again, 'kaifu-2022-project-jcdj.checked.xlsx')); // a copy checked again keeps its name
  expect(visible(b)).toEqual(['项目支出自评表', '自评汇总']);
  const note = noteText(b.worksheets[0].getCell(report.files.find((f) => f.file === 'kaifu-2022-project-jcdj.xlsx')!.findings[0].cell).note);
  expect(note.match(/【绩效自评助手】/g)).toHaveLength(1);
});

test('a summary of the jcdj fixture references its 总分 cell live', async () => {
  const b = await load(path.join(dir, 'out', 'kaifu-2022-project-jcdj.checked.xlsx'));
  const found: string[] = [];
  b.getWorksheet('自评汇总')!.eachRow((row) => row.eachCell((c) => {
    if (c.formula) found.push(`${c.formula}=${c.result}`);
  }));
  expect(found).toContain("'项目支出自评表'!H31=97.75");
});

test("a user's own 自评汇总 sheet is kept; ours becomes 自评汇总(2)", async () => {
  const wb = await load(path.join(FIXTURES, 'kaifu-2022-project-jcdj.xlsx'));
  wb.addWorksheet('自评汇总').getCell('A1').value = '我自己的汇总';
  const f = path.join(dir, 'own-summary.xlsx');
  await wb.xlsx.writeFile(f);
  await pe(['--out', path.join(dir, 'own'), f]);
  const b = await load(path.join(dir, 'own', 'own-summary.checked.xlsx'));
  expect(visible(b)).toEqual(['项目支出自评表', '自评汇总', '自评汇总(2)']);
  expect(b.getWorksheet('自评汇总')!.getCell('A1').value).toBe('我自己的汇总');
});
