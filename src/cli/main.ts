// pe-check: checks 绩效自评表 workbooks from the command line. All file I/O of the product lives in
// src/cli; the checking itself is core's (checkWorkbook / planHighlights / buildSummary / buildOverview).
// Where things are: args.ts (options, --help), inputs.ts (folders → files), run.ts (one file:
// read, check, write the copy), report.ts (text report); this file runs them in order and owns
// the exit code.
import fs from 'node:fs';
import path from 'node:path';
import { OverviewFile, buildOverview } from '../core/overview';
import { getProfile, profiles } from '../core/profile';
import type { WorkbookCheck } from '../core/types';
import { HELP, Options, parseArgs, readVersion } from './args';
import { userMessage } from '../files/errors';
import { expandInputs } from './inputs';
import { AtomicFileSink, JsonReportWriter } from './jsonReport';
import { ReadFence } from './fence';
import { FileSet, sameFile } from './paths';
import { FileResult, renderFile, renderSkipped, renderTotals } from './report';
import { DEBUG, NO_TABLE, checkFile, writeReason } from './run';
import { writeSummaryWorkbook } from './writeCopy';
import { shown } from './terminalText';

export interface OutStream {
  write(s: string): unknown;
  isTTY?: boolean;
}
export interface CliIO {
  stdout: OutStream;
  stderr: OutStream;
}

let pipeGuard = false;

/** `pe-check … | head` closes stdout early: keep checking and writing files instead of crashing with EPIPE. */
function guardPipes(): void {
  if (pipeGuard) return;
  pipeGuard = true;
  for (const s of [process.stdout, process.stderr]) s.on('error', () => undefined);
}

/** Exit codes: 0 no error finding, 1 error findings, 2 bad arguments or an input/output that failed. */
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

/** Refuses what cannot work before any file is read; null when the options are usable. */
function optionProblem(opts: Options): string | null {
  if (!getProfile(opts.profile)) {
    const list = Object.values(profiles)
      .map((p) => `${p.name}（${p.label}）`)
      .join('、');
    return `未知的评分口径“${opts.profile}”，可用：${list}`;
  }
  if (opts.inputs.length === 0) return '请指定要检查的工作簿文件或文件夹（运行 pe-check --help 查看用法）';
  if (opts.summary !== null && !/\.xlsx$/i.test(opts.summary)) return '--summary 需要一个 .xlsx 文件名';
  if (opts.summary !== null && opts.json !== null && opts.json !== '-' && sameFile(opts.summary, opts.json)) {
    return '--summary 与 --json 不能是同一个文件';
  }
  const outDir = path.resolve(opts.out);
  if (opts.write && fs.existsSync(outDir) && !fs.statSync(outDir).isDirectory()) return `输出目录 ${opts.out} 已存在且不是文件夹`;
  return null;
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
  const problem = optionProblem(opts);
  if (problem) {
    io.stderr.write(`pe-check: ${problem}\n`);
    return 2;
  }
  const profile = getProfile(opts.profile)!;
  const outDir = path.resolve(opts.out);

  const jsonToStdout = opts.json === '-';
  // With the JSON on stdout, humans read stderr.
  const human: OutStream = jsonToStdout ? io.stderr : io.stdout;
  const say = (s: string) => {
    if (!opts.quiet) human.write(s);
  };
  let progressShown = false;
  const clearProgress = () => {
    if (progressShown && io.stderr.isTTY) io.stderr.write('\r\x1b[K');
    progressShown = false;
  };
  const complain = (line: string) => {
    clearProgress();
    io.stderr.write(`pe-check: ${line}\n`);
  };

  const { slots, inputs, skipped } = expandInputs(opts.inputs, opts.recursive);
  const inputPaths = new FileSet(inputs.map((i) => i.abs));
  for (const target of [opts.json && !jsonToStdout ? opts.json : null, opts.summary]) {
    if (target && inputPaths.has(target)) {
      io.stderr.write(`pe-check: 输出文件 ${target} 与输入文件相同，已拒绝覆盖\n`);
      return 2;
    }
  }

  const showProgress = !opts.quiet && ((inputs.length > 1 && !!io.stderr.isTTY) || inputs.length > 3);
  // What the run keeps of each file once it is reported: counts, and for the overview (--summary)
  // its tables (without their indicator rows) and findings. The JSON report is written file by file.
  const totals = { inputs: 0, unreadable: 0, unrecognized: 0, tables: 0, errors: 0, warnings: 0, infos: 0, copies: 0 };
  const written: string[] = [];
  let readable = 0;
  // Every input for the bureau's overview: the file, where its links go, what was found.
  const overview: (Omit<OverviewFile, 'target' | 'targetIsCopy'> & { abs: string | null; copy: string | null })[] = [];
  let badInput = false;
  let writeFailed = false;
  const ctx = {
    profile,
    write: opts.write,
    outDir,
    usedOutNames: new Set<string>(),
    inputPaths,
    onWriteError: (msg: string) => {
      writeFailed = true;
      complain(msg);
    },
    fence: new ReadFence(),
  };

  // The JSON report as the run goes: to stdout, or through a temporary file renamed at the end.
  let jsonFile: AtomicFileSink | null = null;
  let json: JsonReportWriter | null = null;
  const jsonFailed = (err: unknown) => {
    complain(`无法写入 ${jsonToStdout ? 'JSON 报告' : shown(opts.json!, 1000)}：${writeReason(err)}`);
    writeFailed = true;
    jsonFile?.abandon();
    jsonFile = null;
    json = null;
  };
  if (opts.json !== null) {
    try {
      if (!jsonToStdout) jsonFile = new AtomicFileSink(opts.json);
      json = new JsonReportWriter(jsonFile ?? { write: (text) => io.stdout.write(text) }, profile.name);
    } catch (err) {
      jsonFailed(err);
    }
  }
  const record = (result: FileResult, check: WorkbookCheck | null, abs: string | null, copy: string | null) => {
    totals.inputs++;
    if (result.error === NO_TABLE) totals.unrecognized++;
    else if (result.error) totals.unreadable++;
    totals.tables += result.tables.length;
    for (const f of result.findings) {
      if (f.severity === 'error') totals.errors++;
      else if (f.severity === 'warning') totals.warnings++;
      else totals.infos++;
    }
    if (result.copy) {
      totals.copies++;
      written.push(result.copy);
    }
    if (check) readable++;
    try {
      json?.add(result);
    } catch (err) {
      jsonFailed(err);
    }
    if (opts.summary !== null) {
      // The overview needs each table's totals, not its indicator rows: only the repeated ones stay,
      // whose 分值 tell whether they explain the 分值合计 (core/causes.ts).
      const repeated = new Set(check?.findings.filter((f) => f.code === 'duplicate-indicator').map((f) => `${f.table}:${f.row}`));
      const slim = check && {
        tables: check.tables.map((t, i) => ({ ...t, indicators: t.indicators.filter((x) => repeated.has(`${i}:${x.row}`)), budget: null })),
        findings: check.findings,
      };
      overview.push({ file: result.file, abs, copy, check: slim, error: result.error });
    }
  };

  let k = 0;
  for (const slot of slots) {
    if ('bad' in slot) {
      badInput = true;
      complain(slot.line);
      record(slot.bad, null, null, null);
      continue;
    }
    const input = slot.input;
    k++;
    if (showProgress) {
      const line = `[${k}/${inputs.length}] 正在检查 ${shown(path.basename(input.abs), 200)}…`;
      io.stderr.write(io.stderr.isTTY ? `\r\x1b[K${line}` : `${line}\n`);
      progressShown = true;
    }
    const r = await checkFile(input, ctx);
    if (r.result.error) {
      badInput = true;
      // A workbook without a recognisable table was read, just not checkable.
      complain(r.result.error === NO_TABLE ? `${shown(input.display, 1000)}：${NO_TABLE}` : `无法读取 ${shown(input.display, 1000)}：${r.result.error}`);
    }
    record(r.result, r.check, input.abs, r.copyPath ?? null);
    clearProgress();
    // An unreadable file already got its one line on stderr; don't repeat it in the report. A file
    // without a table is listed (with any hint why none was recognised).
    if ((!r.result.error || r.result.error === NO_TABLE) && !opts.quiet) say(renderFile(r.result));
  }
  clearProgress();
  ctx.fence.close();
  say(renderSkipped(skipped));

  // Outputs of this run are never overwritten by another output of it (a --summary or --json path
  // pointing at a copy just written, or at each other).
  const clash = (target: string) => written.find((c) => sameFile(c, target));
  if (json !== null) {
    try {
      (json as JsonReportWriter).end();
      const file = jsonFile as AtomicFileSink | null;
      if (file && clash(opts.json!)) {
        file.abandon();
        complain(`无法写入 ${shown(opts.json!, 1000)}：与本次生成的标记副本 ${shown(clash(opts.json!)!, 1000)} 相同，已拒绝覆盖`);
        writeFailed = true;
      } else file?.commit();
    } catch (err) {
      jsonFailed(err);
    }
  }

  let summaryWritten = false;
  if (opts.summary !== null) {
    if (readable === 0) {
      complain('没有可读取的文件，未生成总览');
    } else if (clash(opts.summary)) {
      complain(`无法写入总览 ${shown(opts.summary, 1000)}：与本次生成的标记副本 ${shown(clash(opts.summary)!, 1000)} 相同，已拒绝覆盖`);
      writeFailed = true;
    } else {
      try {
        // Links are relative to the overview's folder, so the folder can be moved or shared whole.
        const from = path.dirname(path.resolve(opts.summary));
        const rel = (p: string) => path.relative(from, p).split(path.sep).join('/');
        const files: OverviewFile[] = overview.map(({ abs, copy, ...f }) => ({
          ...f,
          target: copy ? rel(copy) : abs ? rel(abs) : null,
          targetIsCopy: !!copy,
        }));
        writeSummaryWorkbook(buildOverview(files), opts.summary, inputPaths);
        summaryWritten = true;
      } catch (err) {
        complain(`无法写入总览 ${opts.summary}：${writeReason(err)}`);
        writeFailed = true;
      }
    }
  }

  say(
    renderTotals({
      ...totals,
      outDir: opts.out,
      summary: summaryWritten ? opts.summary : null,
      json: opts.json && !jsonToStdout && !writeFailed ? opts.json : null,
    }),
  );

  if (badInput || writeFailed) return 2;
  return totals.errors > 0 ? 1 : 0;
}
