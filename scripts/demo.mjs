// npm run demo: pe-check on the sample workbooks in assets/samples (copies of real published
// tables). Finding errors is the expected outcome here, so exit code 1 counts as success.
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { run } = require(path.join(root, 'dist/node/cli/main.js'));

const out = path.join(root, 'pe-check-out');
const code = await run([path.join(root, 'assets/samples'), '--out', out, '--json', path.join(out, 'report.json')]);
if (code === 2) {
  process.exitCode = 2;
} else {
  console.log(`\n示例完成：标记副本（*.checked.xlsx）和 JSON 报告（report.json）在 ${out}`);
  console.log('样例来自公开发布的真实自评表，发现错误是预期结果。用 Excel 或 WPS 打开副本即可看到标记和“自评汇总”工作表。');
}
