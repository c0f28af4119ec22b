// pe-check: checks 绩效自评表 workbooks from the command line. All file I/O of the product lives in
// src/cli; the checking itself is core's (checkWorkbook / planHighlights / buildSummary).
import fs from 'node:fs';
import path from 'node:path';
import type { Workbook } from 'exceljs';
import { checkWorkbook } from '../core/check';
import { planHighlights } from '../core/highlight';
import { buildSummary } from '../core/summary';
import { buildReport, ReportFile } from '../core/report';
import { getProfile, profiles, RuleProfile } from '../core/profile';
import type { Finding, SheetGrid, Severity, TableReport, WorkbookCheck } from '../core/types';
import { CliError, userMessage } from './errors';
import { inspectXlsx } from './inspect';
import { colIndex, readXlsxGrids } from './fastGrid';
import { sameFile } from './paths';
import type * as WriteCopy from './writeCopy';
import type * as XlsxGrid from './xlsxGrid';

// exceljs is loaded lazily: requiring it costs ~0.2–0.3 s, and report-only runs (--no-write) read
// workbooks with fastGrid instead. writeCopy and xlsxGrid import exceljs, so they are lazy too.
/* eslint-disable @typescript-eslint/no-require-imports */
const excel = (): typeof import('exceljs') => require('exceljs') as typeof import('exceljs');
const writeCopy = (): typeof WriteCopy => require('./writeCopy') as typeof WriteCopy;
const xlsxGrid = (): typeof XlsxGrid => require('./xlsxGrid') as typeof XlsxGrid;
/* eslint-enable @typescript-eslint/no-require-imports */


/** Tests (and a user working around a reader problem) can force the exceljs reader: PE_CHECK_READER=exceljs. */
const FORCE_EXCELJS_READER = () => process.env.PE_CHECK_READER === 'exceljs';

export interface OutStream {
  write(s: string): unknown;
  isTTY?: boolean;
}
export interface CliIO {
  stdout: OutStream;
  stderr: OutStream;
}

interface Options {
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

/** A file the run will check: the path as the user will recognise it, and its resolved path. */
interface Input {
  display: string;
  abs: string;
}

type FileResult = ReportFile & { path: string; copy?: string };

const GENERIC_READ = '文件内容无法解析（可能已损坏）';
const GENERIC_CHECK = '检查此文件时发生内部错误，请把文件反馈给开发者';
const DEBUG = () => process.env.PE_CHECK_DEBUG === '1';

const HELP = `用法：pe-check [选项] <文件.xlsx | 文件夹> ...

检查绩效自评表（项目支出 / 部门整体绩效自评表）：得分、执行率、权重、总分、评价等次、偏差原因等。
每个输入生成一份标记副本 <名称>.checked.xlsx（问题单元格着色并加批注，另附“自评汇总”工作表），
原文件不会被修改。

选项：
  --out 目录          标记副本的输出目录（默认 ./pe-check-out）
  --no-write          只报告，不生成标记副本
  --json 文件         把检查结果写成 JSON（格式见 docs/REPORT.md）；“-”表示输出到标准输出，
                      此时文字报告改为输出到标准错误
  --summary 文件.xlsx 另存一份总览工作簿：所有输入的每张表一行（适合财政局汇总各部门）
  --profile 名称      评分口径：${Object.keys(profiles).join('、')}（默认 mof2020）
  --force             即使文件含有另存会丢失的内容（数据透视表、图表等）也生成标记副本
  -r, --recursive     文件夹包含子文件夹
  -q, --quiet         只输出无法读取的文件等错误
  -h, --help          显示本帮助
  --version           显示版本号

文件夹只检查其中的 .xlsx 文件，跳过 Excel 临时文件（~$ 开头）和已生成的 *.checked.xlsx。

退出码：0 未发现错误；1 发现错误级问题；2 参数有误或有文件无法读取。
`;

class ArgError extends CliError {}

function parseArgs(argv: string[]): Options {
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
  let i = 0;
  const takeValue = (opt: string, inline: string | undefined): string => {
    if (inline !== undefined) {
      if (inline === '') throw new ArgError(`选项 ${opt} 需要一个值`);
      return inline;
    }
    const v = argv[++i];
    // "--json -" is valid (stdout); any other value starting with "-" is the next option.
    if (v === undefined || (v.startsWith('-') && v !== '-')) throw new ArgError(`选项 ${opt} 需要一个值`);
    return v;
  };
  let onlyFiles = false;
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyFiles || !arg.startsWith('-') || arg === '-') {
      o.inputs.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyFiles = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const noValue = () => {
      if (inline !== undefined) throw new ArgError(`选项 ${name} 不接受值`);
    };
    switch (name) {
      case '--out':
      case '-o':
        o.out = takeValue(name, inline);
        break;
      case '--json':
        o.json = takeValue(name, inline);
        break;
      case '--summary':
        o.summary = takeValue(name, inline);
        break;
      case '--profile':
        o.profile = takeValue(name, inline);
        break;
      case '--no-write':
        noValue();
        o.write = false;
        break;
      case '--force':
        noValue();
        o.force = true;
        break;
      case '--quiet':
      case '-q':
        noValue();
        o.quiet = true;
        break;
      case '--recursive':
      case '-r':
        noValue();
        o.recursive = true;
        break;
      case '--help':
      case '-h':
        o.help = true;
        break;
      case '--version':
      case '-V':
        o.version = true;
        break;
      default:
        throw new ArgError(`未知选项 ${name}（运行 pe-check --help 查看用法）`);
    }
  }
  return o;
}

function readVersion(): string {
  // dist/node/cli/main.js and src/cli/main.ts sit at different depths: walk up to our package.json.
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

const isXlsxName = (n: string) => /\.xlsx$/i.test(n) && !n.startsWith('~$') && !/\.checked\.xlsx$/i.test(n);

function listFolder(dir: string, recursive: boolean): string[] {
  const out: string[] = [];
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (recursive && !e.name.startsWith('.')) out.push(...listFolder(p, true));
    } else if ((e.isFile() || e.isSymbolicLink()) && isXlsxName(e.name)) {
      out.push(p);
    }
  }
  return out;
}

function severityMark(s: Severity): string {
  return s === 'error' ? '✖' : s === 'warning' ? '⚠' : 'ℹ';
}

function cellOrder(f: Finding): [number, number] {
  const m = /^([A-Z]+)(\d+)$/i.exec(f.cell);
  return m ? [Number(m[2]), colIndex(m[1])] : [f.row ?? 0, 0];
}

function byPosition(a: Finding, b: Finding): number {
  const [ra, ca] = cellOrder(a);
  const [rb, cb] = cellOrder(b);
  return ra - rb || ca - cb || a.sheet.localeCompare(b.sheet);
}

function counts(findings: Finding[]): { error: number; warning: number; info: number } {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

const countLine = (c: { error: number; warning: number; info: number }) => `错误 ${c.error} · 警告 ${c.warning} · 提示 ${c.info}`;

const KIND_LABEL: Record<string, string> = { project: '项目支出', department: '部门整体', unknown: '类型未识别' };

function fmtNumber(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return String(Math.round(n * 100) / 100);
}

function describeTable(t: TableReport, i: number): string {
  const parts = [`【表 ${i + 1}】${t.title || '（无标题）'}`, `${t.sheet}!${t.range}`, KIND_LABEL[t.kind] ?? t.kind];
  if (!t.scorable) parts.push('无分值/得分列，未评分');
  else if (t.totals) parts.push(`复算总分 ${fmtNumber(t.totals.computed)}${t.totals.grade ? `（${t.totals.grade}）` : ''}`);
  return parts.join('  ');
}

/** The human report of one file, grouped by table, findings sorted by position. */
function renderFile(r: FileResult): string {
  const lines: string[] = [`== ${r.path} ==`];
  if (r.tables.length === 0) lines.push('  未找到绩效自评表');
  const groups = new Map<number, Finding[]>();
  for (const f of r.findings) {
    const k = typeof f.table === 'number' && f.table >= 0 && f.table < r.tables.length ? f.table : -1;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(f);
  }
  r.tables.forEach((t, i) => {
    lines.push(describeTable(t, i));
    const fs_ = (groups.get(i) ?? []).sort(byPosition);
    if (fs_.length === 0) lines.push('  ✔ 未发现问题');
    for (const f of fs_) lines.push(`  ${severityMark(f.severity)} ${f.cell} ${f.code} ${oneLine(f.message)}`);
  });
  const loose = (groups.get(-1) ?? []).sort(byPosition);
  if (loose.length) {
    lines.push('【其他】');
    for (const f of loose) lines.push(`  ${severityMark(f.severity)} ${f.sheet}!${f.cell} ${f.code} ${oneLine(f.message)}`);
  }
  lines.push(`  小计：${r.tables.length} 张表，${countLine(counts(r.findings))}`);
  for (const n of r.notices ?? []) lines.push(`  ${n}`);
  if (r.copy) lines.push(`  标记副本：${r.copy}`);
  return lines.join('\n') + '\n';
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ');

/** Chinese reason for a failed write (disk full, permissions …); never a stack. */
function writeReason(err: unknown): string {
  const code = (err as { code?: string } | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') return '没有写入权限';
  if (code === 'ENOSPC') return '磁盘空间不足';
  if (code === 'ENOTDIR' || code === 'EEXIST') return '输出路径不是文件夹';
  if (code === 'EROFS') return '输出位置只读';
  return userMessage(err, '写入失败');
}

function readReason(err: unknown): string {
  const code = (err as { code?: string } | null)?.code;
  if (code === 'ENOENT') return '文件不存在';
  if (code === 'EACCES' || code === 'EPERM') return '没有读取权限';
  if (code === 'EISDIR') return '这是一个文件夹';
  if (code === 'EBUSY') return '文件被其他程序占用';
  return userMessage(err, GENERIC_READ);
}

let pipeGuard = false;

/** `pe-check … | head` closes stdout early: keep checking and writing files instead of crashing with EPIPE. */
function guardPipes(): void {
  if (pipeGuard) return;
  pipeGuard = true;
  for (const s of [process.stdout, process.stderr]) s.on('error', () => undefined);
}

export async function run(argv: string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  if (io.stdout === process.stdout || io.stderr === process.stderr) guardPipes();
  try {
    return await main(argv, io);
  } catch (err) {
    // Last line of defence: one Chinese line, never a stack trace.
    if (DEBUG()) io.stderr.write(String((err as Error)?.stack ?? err) + '\n');
    io.stderr.write(`pe-check: ${userMessage(err, '内部错误，检查未完成（设置环境变量 PE_CHECK_DEBUG=1 可查看详情）')}\n`);
    return 2;
  }
}

async function main(argv: string[], io: CliIO): Promise<number> {
  let opts: Options;
  try {
    opts = parseArgs(argv);
  } catch (err) {
    io.stderr.write(`pe-check: ${userMessage(err, '参数有误')}\n`);
    return 2;
  }
  if (opts.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (opts.version) {
    io.stdout.write(`pe-check ${readVersion()}\n`);
    return 0;
  }
  const profile = getProfile(opts.profile);
  if (!profile) {
    const list = Object.values(profiles)
      .map((p) => `${p.name}（${p.label}）`)
      .join('、');
    io.stderr.write(`pe-check: 未知的评分口径“${opts.profile}”，可用：${list}\n`);
    return 2;
  }
  if (opts.inputs.length === 0) {
    io.stderr.write('pe-check: 请指定要检查的 .xlsx 文件或文件夹（运行 pe-check --help 查看用法）\n');
    return 2;
  }
  if (opts.summary !== null && !/\.xlsx$/i.test(opts.summary)) {
    io.stderr.write('pe-check: --summary 需要一个 .xlsx 文件名\n');
    return 2;
  }
  const outDir = path.resolve(opts.out);
  if (opts.write && fs.existsSync(outDir) && !fs.statSync(outDir).isDirectory()) {
    io.stderr.write(`pe-check: 输出目录 ${opts.out} 已存在且不是文件夹\n`);
    return 2;
  }

  const jsonToStdout = opts.json === '-';
  // With the JSON on stdout, humans read stderr.
  const human: OutStream = jsonToStdout ? io.stderr : io.stdout;
  const say = (s: string) => {
    if (!opts.quiet) human.write(s);
  };
  let badInput = false;
  const fail = (what: string, reason: string) => {
    badInput = true;
    clearProgress();
    io.stderr.write(`pe-check: 无法读取 ${what}：${reason}\n`);
  };

  // Expand folders into the run's slots, in argument order; a bad argument keeps its place so the
  // JSON report lists files in the order they were given.
  const slots: ({ input: Input } | { bad: FileResult; line: string })[] = [];
  const inputs: Input[] = [];
  const results: FileResult[] = [];
  const seen = new Set<string>();
  const badEntry = (display: string, reason: string): FileResult => ({
    file: path.basename(display),
    path: display,
    error: reason,
    tables: [],
    findings: [],
  });
  let progressShown = false;
  const clearProgress = () => {
    if (progressShown && io.stderr.isTTY) io.stderr.write('\r\x1b[K');
    progressShown = false;
  };
  for (const arg of opts.inputs) {
    let st: fs.Stats;
    try {
      st = fs.statSync(arg);
    } catch (err) {
      const reason = readReason(err);
      slots.push({ bad: badEntry(arg, reason), line: `无法读取 ${arg}：${reason}` });
      continue;
    }
    const files = st.isDirectory() ? listFolder(arg, opts.recursive) : [arg];
    if (st.isDirectory() && files.length === 0) {
      const reason = opts.recursive ? '文件夹（含子文件夹）中没有 .xlsx 文件' : '文件夹中没有 .xlsx 文件（子文件夹请加 -r）';
      slots.push({ bad: badEntry(arg, reason), line: `${arg}：${reason}` });
      continue;
    }
    for (const f of files) {
      const abs = path.resolve(f);
      if (seen.has(abs)) continue;
      seen.add(abs);
      const input = { display: f, abs };
      inputs.push(input);
      slots.push({ input });
    }
  }

  const inputPaths = inputs.map((i) => i.abs);
  for (const target of [opts.json && !jsonToStdout ? opts.json : null, opts.summary]) {
    if (target && inputPaths.some((p) => sameFile(p, target))) {
      io.stderr.write(`pe-check: 输出文件 ${target} 与输入文件相同，已拒绝覆盖\n`);
      return 2;
    }
  }

  const showProgress = !opts.quiet && ((inputs.length > 1 && !!io.stderr.isTTY) || inputs.length > 3);
  const usedOutNames = new Set<string>();
  const checked: { file: string; check: WorkbookCheck }[] = [];
  let writeFailed = false;

  let k = 0;
  for (const slot of slots) {
    if ('bad' in slot) {
      badInput = true;
      clearProgress();
      io.stderr.write(`pe-check: ${slot.line}\n`);
      results.push(slot.bad);
      continue;
    }
    const input = slot.input;
    const base = path.basename(input.abs);
    k++;
    if (showProgress) {
      const line = `[${k}/${inputs.length}] 正在检查 ${base}…`;
      io.stderr.write(io.stderr.isTTY ? `\r\x1b[K${line}` : `${line}\n`);
      progressShown = true;
    }
    const r = await checkOne(input, opts, profile, outDir, usedOutNames, inputPaths, (msg) => {
      writeFailed = true;
      clearProgress();
      io.stderr.write(`pe-check: ${msg}\n`);
    });
    if (r.result.error) fail(input.display, r.result.error);
    else if (r.check) checked.push({ file: base, check: r.check });
    results.push(r.result);
    clearProgress();
    // An unreadable file already got its one line on stderr; don't repeat it in the report.
    if (!r.result.error && !opts.quiet) say(renderFile(r.result));
  }
  clearProgress();

  const report = buildReport(profile.name, results);
  if (opts.json !== null) {
    const text = JSON.stringify(report, null, 2) + '\n';
    if (jsonToStdout) io.stdout.write(text);
    else {
      try {
        fs.mkdirSync(path.dirname(path.resolve(opts.json)), { recursive: true });
        fs.writeFileSync(opts.json, text);
      } catch (err) {
        io.stderr.write(`pe-check: 无法写入 ${opts.json}：${writeReason(err)}\n`);
        writeFailed = true;
      }
    }
  }

  let summaryWritten = false;
  if (opts.summary !== null) {
    if (checked.length === 0) {
      io.stderr.write('pe-check: 没有可读取的文件，未生成总览\n');
    } else {
      try {
        await writeCopy().writeSummaryWorkbook(buildSummary(checked), opts.summary, inputPaths);
        summaryWritten = true;
      } catch (err) {
        io.stderr.write(`pe-check: 无法写入总览 ${opts.summary}：${writeReason(err)}\n`);
        writeFailed = true;
      }
    }
  }

  const s = report.summary;
  const unreadable = results.filter((r) => r.error).length;
  say(
    `\n共 ${results.length} 个输入${unreadable ? `（${unreadable} 个无法读取）` : ''}，${s.tables} 张表：` +
      `错误 ${s.errors} · 警告 ${s.warnings} · 提示 ${s.infos}\n`,
  );
  const copies = results.filter((r) => r.copy).length;
  if (copies) say(`标记副本 ${copies} 份已写入 ${opts.out}\n`);
  if (summaryWritten) say(`总览已写入 ${opts.summary}\n`);
  if (opts.json && !jsonToStdout && !writeFailed) say(`JSON 报告已写入 ${opts.json}\n`);

  if (badInput || writeFailed) return 2;
  return s.errors > 0 ? 1 : 0;
}

async function checkOne(
  input: Input,
  opts: Options,
  profile: RuleProfile,
  outDir: string,
  usedOutNames: Set<string>,
  inputPaths: string[],
  onWriteError: (msg: string) => void,
): Promise<{ result: FileResult; check: WorkbookCheck | null }> {
  const base = path.basename(input.abs);
  const result: FileResult = { file: base, path: input.display, error: null, tables: [], findings: [], notices: [] };
  const failed = (reason: string) => {
    result.error = reason;
    delete result.notices;
    return { result, check: null };
  };

  let buf: Buffer;
  try {
    buf = fs.readFileSync(input.abs);
  } catch (err) {
    return failed(readReason(err));
  }
  let lost: string[];
  try {
    lost = (await inspectXlsx(buf, { deep: opts.write })).lost;
  } catch (err) {
    return failed(userMessage(err, GENERIC_READ));
  }
  // Report only: the lean reader gives the same grids as exceljs + workbookToGrids without loading
  // exceljs. Anything it does not handle (it throws) goes the exceljs way, errors included.
  let grids: SheetGrid[] | null = null;
  if (!opts.write && !FORCE_EXCELJS_READER()) {
    try {
      grids = await readXlsxGrids(buf);
    } catch (err) {
      if (DEBUG()) process.stderr.write(`pe-check: 快速读取未完成，改用 exceljs：${String((err as Error)?.stack ?? err)}\n`);
      grids = null;
    }
  }
  let wb: Workbook | null = null;
  if (grids === null) {
    wb = new (excel().Workbook)();
    try {
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
    } catch (err) {
      if (DEBUG()) process.stderr.write(String((err as Error)?.stack ?? err) + '\n');
      return failed(GENERIC_READ);
    }
  }
  let check: WorkbookCheck;
  try {
    check = checkWorkbook(grids ?? xlsxGrid().workbookToGrids(wb!), profile);
  } catch (err) {
    if (DEBUG()) process.stderr.write(String((err as Error)?.stack ?? err) + '\n');
    return failed(userMessage(err, GENERIC_CHECK));
  }
  result.tables = check.tables;
  result.findings = check.findings;
  const notices = result.notices!;

  if (opts.write) {
    if (check.tables.length === 0) {
      notices.push('未找到绩效自评表，未生成标记副本');
    } else if (lost.length && !opts.force) {
      notices.push(`未生成标记副本：文件含有${lost.join('、')}，另存会丢失；使用 --force 强制生成`);
    } else {
      if (lost.length) notices.push(`已按 --force 生成标记副本；副本中已丢失：${lost.join('、')}（原文件不受影响）`);
      const outPath = path.join(outDir, uniqueOutName(base, usedOutNames));
      try {
        const { applyMarks, addSummarySheet, writeWorkbookAtomic } = writeCopy();
        const book = wb!; // writing runs always read with exceljs (grids stays null above)
        applyMarks(book, planHighlights(check));
        addSummarySheet(book, buildSummary([{ file: base, check }]));
        await writeWorkbookAtomic(book, outPath, inputPaths);
        result.copy = path.relative(process.cwd(), outPath) || outPath;
      } catch (err) {
        if (DEBUG()) process.stderr.write(String((err as Error)?.stack ?? err) + '\n');
        const reason = writeReason(err);
        notices.push(`未生成标记副本：${reason}`);
        onWriteError(`无法写入 ${path.basename(outPath)}：${reason}`);
      }
    }
  }
  if (notices.length === 0) delete result.notices;
  return { result, check };
}

/** <name>.checked.xlsx, or <name>-2.checked.xlsx when two inputs share a name in one run. */
function uniqueOutName(base: string, used: Set<string>): string {
  const stem = base.replace(/\.xlsx$/i, '');
  let name = `${stem}.checked.xlsx`;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${stem}-${i}.checked.xlsx`;
  used.add(name.toLowerCase());
  return name;
}
