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
