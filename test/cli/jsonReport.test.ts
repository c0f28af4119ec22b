// The JSON report written file by file (issue 21) is the very text JSON.stringify gives for the
// whole report, and a file target appears only when complete.
import fs from 'node:fs';
import path from 'node:path';
import { buildReport, type ReportFile } from '../../src/core/report';
import { AtomicFileSink, JsonReportWriter } from '../../src/cli/jsonReport';
import { tmpDir } from './helpers';

const file = (n: number): ReportFile => ({
  file: `部门${n}.xlsx`,
  error: n === 2 ? '文件已损坏或不完整，无法读取' : null,
  tables: [],
  findings: Array.from({ length: n }, (_, i) => ({ code: 'score-mismatch', severity: i % 3 === 0 ? 'error' : i % 3 === 1 ? 'warning' : 'info', sheet: '表', cell: `H${i + 5}`, message: `得分应为 ${i}\n"引号"` }) as unknown as ReportFile['findings'][number]),
  ...(n === 3 ? { notices: ['未生成标记副本：磁盘空间不足'] } : {}),
});

test.each([[[]], [[1]], [[0, 1, 2, 3, 7]]])('files %j: the same text as JSON.stringify(report, null, 2)', (ns) => {
  const files = (ns as number[]).map(file);
  let text = '';
  const w = new JsonReportWriter({ write: (s) => (text += s) }, 'mof2020');
  for (const f of files) w.add(f);
  const summary = w.end();
  expect(text).toBe(JSON.stringify(buildReport('mof2020', files), null, 2) + '\n');
  expect(summary).toEqual(buildReport('mof2020', files).summary);
});

test('a file target is written under a temporary name and renamed only when committed', () => {
  const dir = tmpDir('json-sink');
  const target = path.join(dir, 'r.json');
  fs.writeFileSync(target, 'previous report');
  const sink = new AtomicFileSink(target);
  sink.write('{"half":');
  expect(fs.readFileSync(target, 'utf8')).toBe('previous report'); // the old report is whole meanwhile
  sink.abandon();
  expect(fs.readdirSync(dir)).toEqual(['r.json']);
  const again = new AtomicFileSink(target);
  again.write('{}\n');
  again.commit();
  expect(fs.readFileSync(target, 'utf8')).toBe('{}\n');
  expect(fs.readdirSync(dir)).toEqual(['r.json']);
});
