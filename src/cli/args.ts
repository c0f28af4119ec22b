// pe-check's command line: options, their Chinese errors and the --help text. node:util parseArgs
// does the splitting (long/short names, --x=v, -qr, "--"); we read its tokens so every mistake gets
// our Chinese message instead of parseArgs' English one.
import { OVERVIEW_MAX_FINDINGS } from '../core/overview';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs as splitArgs } from 'node:util';
import { profiles } from '../core/profile';
import { CliError } from '../files/errors';

export interface Options {
  inputs: string[];
  out: string;
  write: boolean;
  json: string | null;
  summary: string | null;
  profile: string;
  force: boolean;
  quiet: boolean;
  recursive: boolean;
  help: boolean;
  version: boolean;
}

export class ArgError extends CliError {}

const SPEC = {
  out: { type: 'string', short: 'o' },
  json: { type: 'string' },
  summary: { type: 'string' },
  profile: { type: 'string' },
  'no-write': { type: 'boolean' },
  force: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  recursive: { type: 'boolean', short: 'r' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

type Name = keyof typeof SPEC;
const isName = (n: string): n is Name => Object.prototype.hasOwnProperty.call(SPEC, n);

export function parseArgs(argv: string[]): Options {
  const o: Options = {
    inputs: [],
    out: 'pe-check-out',
    write: true,
    json: null,
    summary: null,
    profile: 'mof2020',
    force: false,
    quiet: false,
    recursive: false,
    help: false,
    version: false,
  };
  // strict: false so unknown options and missing values come back as tokens we explain ourselves.
  const { tokens } = splitArgs({ args: argv, options: SPEC, strict: false, allowPositionals: true, tokens: true });
  for (const t of tokens) {
    if (t.kind === 'positional') {
      o.inputs.push(t.value);
      continue;
    }
    if (t.kind !== 'option') continue; // "--": parseArgs already treats the rest as positionals
    const raw = t.rawName;
    if (!isName(t.name)) {
      throw new ArgError(`未知选项 ${raw}（运行 pe-check --help 查看用法）`);
    }
    const spec = SPEC[t.name];
    if (spec.type === 'string') {
      const v = t.value;
      // "--json -" is valid (stdout); any other value starting with "-" is the next option.
      if (v === undefined || v === '' || (!t.inlineValue && v.startsWith('-') && v !== '-')) {
        throw new ArgError(`选项 ${raw} 需要一个值`);
      }
      if (t.name === 'out') o.out = v;
      else if (t.name === 'json') o.json = v;
      else if (t.name === 'summary') o.summary = v;
      else o.profile = v;
      continue;
    }
    if (t.value !== undefined && t.name !== 'help' && t.name !== 'version') throw new ArgError(`选项 ${raw} 不接受值`);
    if (t.name === 'no-write') o.write = false;
    else if (t.name === 'force') o.force = true;
    else if (t.name === 'quiet') o.quiet = true;
    else if (t.name === 'recursive') o.recursive = true;
    else if (t.name === 'help') o.help = true;
    else o.version = true;
  }
  return o;
}

export const HELP = `用法：pe-check [选项] <文件 | 文件夹> ...

检查绩效自评表（项目支出 / 部门整体绩效自评表）：得分、执行率、分值、总分、评价等次、偏差原因等。
读取 .xlsx、.xlsm、.xls（含网页格式另存的 .xls）、WPS 的 .et、.xlsb 和 .ods。
每个输入生成一份标记副本（问题单元格着色并加批注，另附“自评汇总”工作表），原文件不会被修改。
副本保留原文件的全部内容（数据透视表、图表、图片、下拉列表、名称、嵌入文件等原样保留），只增加上述标记：
.xlsx 的副本为 <名称>.checked.xlsx；其他格式的副本是转换成的 .xlsx，名称保留原扩展名，
如 自评表.xls → 自评表.xls.checked.xlsx。

选项：
  -o, --out 目录      标记副本的输出目录（默认 ./pe-check-out）
  --no-write          只报告，不生成标记副本
  --json 文件         把检查结果写成 JSON（格式见 docs/REPORT.md）；“-”表示输出到标准输出，
                      此时文字报告改为输出到标准错误
  --summary 文件.xlsx 另存一份总览工作簿：每张表一行，问题最多的文件排在前面，
                      单击可打开标记副本中的对应单元格（适合财政局汇总各部门）；
                      问题清单最多列出 ${OVERVIEW_MAX_FINDINGS.toLocaleString('en-US')} 条（全部问题见标记副本和 --json）
  --profile 名称      评分口径（默认 mof2020）：
${Object.values(profiles).map((p) => `                        ${p.name}：${p.label}，实际值达到目标值的 ${Math.round(p.overTarget * 100)}% 以上须说明偏差原因`).join('\n')}
  --force             （已不需要，保留以兼容旧脚本：副本不再丢失任何内容）
  -r, --recursive     文件夹包含子文件夹
  -q, --quiet         只输出无法读取的文件等错误
  -h, --help          显示本帮助
  -V, --version       显示版本号

文件夹检查其中所有上述格式的工作簿；跳过的文件（Excel/WPS 临时文件、本工具生成的标记副本（按文件内容识别，
不按文件名）、非电子表格文件、未加 -r 时的子文件夹、无法读取的子文件夹）会逐项列出原因。
读取 .xlsx 以外的格式时，每个文件在单独的线程中进行，内存上限 1536 MB（环境变量
PE_CHECK_MEMORY_MB）、时间上限 180 秒（PE_CHECK_TIMEOUT_S）；超出的文件报“文件已损坏或不完整，无法读取”，
其余文件照常检查。

示例：
  pe-check 项目支出绩效自评表.xlsx
      检查一个文件，标记副本写到 ./pe-check-out/项目支出绩效自评表.checked.xlsx
  pe-check --no-write 自评表.xlsx
      只在屏幕上列出问题，不写任何文件
  pe-check -r --out 已检查 --summary 总览.xlsx 各部门报送/
      检查文件夹（含子文件夹）中的全部工作簿，副本写到“已检查”，并生成一份总览
  pe-check --no-write --json - 自评表.xlsx > 结果.json
      把检查结果以 JSON 输出，供其他程序使用

退出码：0 未发现错误；1 发现错误级问题；2 参数有误或有文件无法读取。
`;

export function readVersion(): string {
  // dist/node/cli/args.js and src/cli/args.ts sit at different depths: walk up to our package.json.
  let dir = __dirname;
  for (let k = 0; k < 6; k++) {
    const p = path.join(dir, 'package.json');
    try {
      const pkg = JSON.parse(fs.readFileSync(p, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'pe-self-check' && pkg.version) return pkg.version;
    } catch {
      /* not here; keep walking */
    }
    dir = path.dirname(dir);
  }
  return '未知';
}
