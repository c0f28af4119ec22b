// The command line as parseArgs splits it and we explain it: every accepted spelling and every
// mistake's Chinese message.
import { ArgError, HELP, parseArgs } from '../../src/cli/args';

test('defaults', () => {
  expect(parseArgs(['a.xlsx'])).toMatchObject({ inputs: ['a.xlsx'], out: 'pe-check-out', write: true, json: null, summary: null, profile: 'mof2020' });
});

test('long, short, inline and grouped spellings', () => {
  const o = parseArgs(['-o', 'x', '--json=r.json', '--summary', 's.xlsx', '--profile', 'gx130', '--no-write', '--force', '-qr', 'a.xlsx', 'b']);
  expect(o).toMatchObject({ out: 'x', json: 'r.json', summary: 's.xlsx', profile: 'gx130', write: false, force: true, quiet: true, recursive: true, inputs: ['a.xlsx', 'b'] });
  expect(parseArgs(['--out=y']).out).toBe('y');
  expect(parseArgs(['-h']).help).toBe(true);
  expect(parseArgs(['-V']).version).toBe(true);
});

test('"--json -" means stdout; "-" and anything after "--" are inputs', () => {
  expect(parseArgs(['--json', '-', 'a']).json).toBe('-');
  expect(parseArgs(['-', '--', '--force', '-x']).inputs).toEqual(['-', '--force', '-x']);
});

test.each([
  [['--bogus'], '未知选项 --bogus（运行 pe-check --help 查看用法）'],
  [['--bogus=1'], '未知选项 --bogus（运行 pe-check --help 查看用法）'],
  [['-x'], '未知选项 -x（运行 pe-check --help 查看用法）'],
  [['--out'], '选项 --out 需要一个值'],
  [['--out='], '选项 --out 需要一个值'],
  [['-o'], '选项 -o 需要一个值'],
  [['--json', '--force'], '选项 --json 需要一个值'],
  [['--force=yes'], '选项 --force 不接受值'],
])('%j → %s', (argv, msg) => {
  expect(() => parseArgs(argv)).toThrow(ArgError);
  expect(() => parseArgs(argv)).toThrow(msg);
});

test('--help is Chinese, lists every option and shows examples', () => {
  for (const opt of ['--out', '--no-write', '--json', '--summary', '--profile', '--force', '--recursive', '--quiet', '--help', '--version']) {
    expect(HELP).toContain(opt);
  }
  expect(HELP).toContain('示例：');
  expect(HELP).toMatch(/\n {2}pe-check .*--summary/);
  expect(HELP).toContain('退出码');
});

test('--help explains every profile by what it changes, and the read limits (issue 19, 21)', () => {
  expect(HELP).toContain('mof2020：财政部 2020（财预〔2020〕10号），实际值达到目标值的 120% 以上须说明偏差原因');
  expect(HELP).toContain('gx130：超额完成 130% 口径，实际值达到目标值的 130% 以上须说明偏差原因');
  expect(HELP).toContain('PE_CHECK_MEMORY_MB');
  expect(HELP).toContain('按文件内容识别');
});
