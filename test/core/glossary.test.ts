// docs/术语表.md: every text a person reads uses the glossary's words. The files that hold the
// user-visible texts are scanned for the words the glossary sets aside (复算, 权重 for 分值, 评分 for 得分).
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const SOURCES = [
  'src/core/messages.ts', 'src/core/summary.ts', 'src/core/overview.ts', 'src/core/kinds.ts',
  'src/cli/report.ts', 'src/cli/args.ts', 'src/cli/main.ts',
  'src/taskpane/i18n.ts', 'src/web/i18n.ts', 'src/help/help.html', 'src/functions/functions.zh-cn.json',
  'docs/使用说明.md', 'docs/WPS部署说明.md', 'docs/Excel部署说明.md',
];
/** Words set aside, and what to write instead. 权重 may appear only quoting a column's title (“权重”). */
const AVOID: [RegExp, string][] = [
  [/复算/, '重算'],
  [/(?<![“"‘'])权重(?![”"’'])/, '分值'],
  [/核算总分/, '重算总分'],
];

test('the glossary exists and names the words in use', () => {
  const glossary = fs.readFileSync(path.join(ROOT, 'docs', '术语表.md'), 'utf8');
  for (const word of ['填报总分', '重算总分', '分值', '得分', '评价等次', '待核', '说明', '问题', '级别']) expect(glossary).toContain(`| ${word} |`);
});

test.each(SOURCES)('%s uses the glossary’s words', (file) => {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8')
    // Comments are for developers; only what can reach a person counts.
    .split('\n').filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line)).join('\n');
  const found = AVOID.filter(([re]) => re.test(text)).map(([re, use]) => `${re.source} → ${use}`);
  expect(found).toEqual([]);
});

/** A rule code as the JSON report has it (budget-missing, weight-total-mismatch …). */
const CODE = /(?<![A-Za-z0-9_./-])[a-z]+(?:-[a-z0-9]+)+(?![A-Za-z0-9_.-])/;

test('no rule code in a Chinese text a person reads: findings of every fixture, the pane’s and the page’s words', async () => {
  const { readAndCheck } = await import('../../src/files/checkBytes');
  const { mof2020 } = await import('../../src/core/profile');
  const { buildSummary } = await import('../../src/core/summary');
  const { strings } = await import('../../src/taskpane/i18n');
  const { pageText } = await import('../../src/web/i18n');
  // The pattern itself: a code is caught; dates, file names and units are not.
  expect(['问题 budget-missing', 'weight-total-mismatch：'].every((t) => CODE.test(t))).toBe(true);
  expect(['2023-12-31', 'a.checked.xlsx', 'kaifu-2022-dept.xlsx', '50%', 'PE.SCORE'].some((t) => CODE.test(t))).toBe(false);
  const found: string[] = [];
  const look = (where: string, text: unknown) => {
    if (typeof text === 'string' && CODE.test(text)) found.push(`${where}: ${text}`);
  };
  const dir = path.join(ROOT, 'test', 'fixtures');
  const files = fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.xlsx'));
  expect(files.length).toBeGreaterThan(30);
  let messages = 0;
  for (const f of files) {
    const r = await readAndCheck(new Uint8Array(fs.readFileSync(path.join(dir, f))), path.basename(f), { profile: mof2020, write: false });
    if (!r.check) continue;
    for (const x of r.check.findings) {
      look(f, x.message);
      messages++;
    }
    // 自评汇总: every cell but the hidden code column.
    const model = buildSummary([{ file: path.basename(f), check: r.check }]);
    const hidden = new Set(model.hiddenColumns ?? []);
    model.rows.forEach((row) => row.forEach((c, i) => !hidden.has(i) && look(`${f} 自评汇总`, c?.text)));
  }
  expect(messages).toBeGreaterThan(200);
  for (const [key, value] of Object.entries(strings.zh)) look(`pane ${key}`, value);
  for (const [key, value] of Object.entries(pageText.zh)) look(`page ${key}`, value);
  expect(found).toEqual([]);
});
