// Pane strings: Chinese by default, English when Office's display language is English.
import { gradePendingText } from '../core/messages';
import type { GradePending, Severity } from '../core/types';

export type Lang = 'zh' | 'en';

export function langOf(displayLanguage: string | undefined | null): Lang {
  return String(displayLanguage ?? '').toLowerCase().startsWith('en') ? 'en' : 'zh';
}

export interface Strings {
  appTitle: string;
  appSubtitle: string;
  check: string;
  checkAgain: string;
  checking: string;
  clear: string;
  clearing: string;
  settings: string;
  checkAria: string;
  clearAria: string;
  settingsAria: string;
  readingSheet: (done: number, total: number, sheet: string) => string;
  phaseCheck: string;
  /** Under the progress bar while the findings so far are listed. */
  partialResults: string;
  phaseMark: string;
  phaseSummary: string;
  severity: Record<Severity, string>;
  /** One-character labels beside the overview's counts (错 13 · 警 11 · 提 4). */
  severityShort: Record<Severity, string>;
  /** Width of the severity badge column in the findings list (fits the longest label). */
  badgeColumn: string;
  all: string;
  filterLabel: string;
  countsLine: (tables: number, errors: number, warnings: number, infos: number) => string;
  countsAria: string;
  noFindings: string;
  noFindingsForFilter: string;
  otherGroup: string;
  tableHeading: (sheet: string, title: string) => string;
  rowHeading: (row: number, name: string) => string;
  goTo: string;
  summaryWritten: (sheet: string) => string;
  cleared: (n: number, summary?: string) => string;
  keepSummary: string;
  keepSummaryAria: string;
  summaryKept: (sheet: string) => string;
  nothingToClear: string;
  errorTitle: string;
  dismiss: string;
  emptyTitle: string;
  emptyIntro: string;
  emptyHeaderIntro: string;
  emptyColumns: string[];
  emptyTips: string[];
  noTablesTitle: string;
  noTablesBody: string;
  settingsTitle: string;
  overTargetLabel: string;
  overTargetOption: (v: number) => string;
  reverseLabel: string;
  reverseLinear: string;
  reverseRatio: string;
  settingsSaved: string;
  settingsNote: string;
  close: string;
  loadingSettings: string;
  cancel: string;
  cancelling: string;
  cancelled: string;
  resultLine: (tables: number, errors: number, warnings: number, infos: number) => string;
  overviewTitle: string;
  overviewMore: (n: number) => string;
  overviewLess: string;
  openSummary: string;
  openSummaryAria: (sheet: string) => string;
  tableRowAria: (errors: number, warnings: number, infos: number, scores: string, grade: string) => string;
  scores: (entered: string, computed: string) => string;
  partial: string;
  partialAria: string;
  notScored: string;
  /** Shown instead of a grade the table's frame cannot hold (its reason in the title). */
  gradePending: string;
  gradePendingReason: (p: GradePending) => string;
  countTile: (label: string, n: number) => string;
  allTables: string;
  allFindings: string;
  showAllTables: string;
  currentTable: (name: string) => string;
  listTitle: string;
  viewLabel: string;
  viewRows: string;
  viewKinds: string;
  pinnedTitle: string;
  pinnedHint: string;
  kindHeading: (kind: string, n: number) => string;
  prev: string;
  next: string;
  prevAria: string;
  nextAria: string;
  showMore: (shown: number, total: number) => string;
  itemCells: (cells: string[]) => string;
  /** The table a listed item belongs to, where no heading above it says so. */
  itemTable: (name: string) => string;
  /** Under a root cause: the findings it makes moot follow. */
  causeOf: (n: number) => string;
  /** Said when a table of the overview or a count tile narrows the list. */
  listShows: (what: string, count: number) => string;
  /** Said after 上一个 / 下一个: where the selection went. */
  stepAnnounce: (place: number, total: number, table: string, cell: string, message: string) => string;
  /** Said when 上一个 / 下一个 has nowhere further to go. */
  stepEnd: (dir: 1 | -1) => string;
  staleTitle: string;
  staleBody: string;
  listHint: string;
}

const zh: Strings = {
  appTitle: '绩效自评助手',
  appSubtitle: '检查绩效自评表的得分、分值、执行率和偏差原因',
  check: '校验',
  checkAgain: '重新校验',
  checking: '正在校验…',
  clear: '清除标记',
  clearing: '正在清除…',
  settings: '设置',
  checkAria: '检查当前工作簿中的全部绩效自评表',
  clearAria: '清除校验写入的底色和批注，恢复原来的格式',
  settingsAria: '设置：评分口径',
  readingSheet: (done, total, sheet) => `正在读取工作表 ${done}/${total}${sheet ? `：${sheet}` : ''}…`,
  phaseCheck: '正在计算得分并检查…',
  partialResults: '下面是已检查部分的结果，其余仍在检查。',
  phaseMark: '正在标记有问题的单元格…',
  phaseSummary: '正在生成“自评汇总”工作表…',
  severity: { error: '错误', warning: '警告', info: '提示' },
  severityShort: { error: '错', warning: '警', info: '提' },
  badgeColumn: '2.9em',
  all: '全部',
  filterLabel: '按级别筛选',
  countsLine: (t, e, w, i) => `共 ${t} 张自评表：${e} 个错误，${w} 个警告，${i} 个提示`,
  countsAria: '检查结果统计',
  noFindings: '没有发现问题。各项得分、分值与执行率均与规则一致。',
  noFindingsForFilter: '此级别下没有问题。',
  otherGroup: '其他',
  tableHeading: (sheet, title) => (title ? `${sheet} · ${title}` : sheet),
  rowHeading: (row, name) => (name ? `第 ${row} 行 · ${name}` : `第 ${row} 行`),
  goTo: '定位',
  summaryWritten: (sheet) => `已在“${sheet}”工作表生成汇总；有问题的单元格已标上底色和批注。`,
  cleared: (n, summary) => `已清除标记：恢复了 ${n} 个单元格的原有底色，删除了本工具添加的批注${summary ? `，并删除了“${summary}”工作表` : ''}。`,
  keepSummary: '保留自评汇总',
  keepSummaryAria: '重新生成“自评汇总”工作表（单元格标记仍保持清除）',
  summaryKept: (sheet) => `已重新生成“${sheet}”工作表；单元格的底色和批注仍已清除。`,
  nothingToClear: '没有需要清除的标记。',
  errorTitle: '无法完成操作',
  dismiss: '关闭',
  emptyTitle: '可以校验什么样的表？',
  emptyIntro: '点击“校验”，助手会在所有工作表中查找绩效自评表，逐行重算得分并标出问题。它不会修改你填写的任何数值或公式。',
  emptyHeaderIntro: '表中需要有一行表头，包含这些列（名称可略有不同）：',
  emptyColumns: ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
  emptyTips: [
    '预算执行情况行（年初预算数、全年预算数、全年执行数、执行率）会一并检查。',
    '有问题的单元格会标上底色和以“【绩效自评助手】”开头的批注；“清除标记”可随时恢复原样。',
    '结果汇总在新建的“自评汇总”工作表中，每次校验都会重新生成；“清除标记”时一并删除。',
  ],
  noTablesTitle: '没有找到绩效自评表',
  noTablesBody: '请确认表头行包含“三级指标”“年度指标值”“实际完成值”“分值”“得分”等列，然后重新校验。',
  settingsTitle: '评分口径',
  overTargetLabel: '超额完成提示阈值（实际值 ≥ 目标值 × 阈值 时需说明原因）',
  overTargetOption: (v) => (v === 1.2 ? '120%（财政部 2020 口径）' : `${Math.round(v * 100)}%`),
  reverseLabel: '反向指标计分方法',
  reverseLinear: '线性扣分（实际值在目标值与 2 倍目标值之间按比例扣分）',
  reverseRatio: '比值法（得分 = 分值 × 目标值 ÷ 实际值）',
  settingsSaved: '设置已保存在本工作簿中，下次校验生效。',
  settingsNote: '设置随工作簿保存，同一工作簿的同事打开时使用相同口径。',
  close: '关闭设置',
  loadingSettings: '正在读取设置…',
  cancel: '取消',
  cancelling: '正在取消…',
  cancelled: '已取消校验，工作簿未作任何改动。',
  // No table found is not "no problems" (issue 19): it says so.
  resultLine: (t, e, w, i) =>
    t === 0
      ? '校验完成：没有找到绩效自评表。'
      : e + w + i === 0
        ? `校验完成：共 ${t} 张自评表，没有发现问题。`
        : `校验完成：共 ${t} 张自评表，${e} 个错误，${w} 个警告，${i} 个提示。`,
  overviewTitle: '各表概况',
  overviewMore: (n) => `全部 ${n} 张表`,
  overviewLess: '收起',
  openSummary: '打开自评汇总',
  openSummaryAria: (sheet) => `打开自评汇总，切换到“${sheet}”工作表`,
  tableRowAria: (e, w, i, scores, grade) =>
    `：${e} 个错误，${w} 个警告，${i} 个提示${scores ? `，${scores}` : ''}${grade ? `，评价等次 ${grade}` : ''}`,
  scores: (entered, computed) => `填报 ${entered} → 重算 ${computed}`,
  partial: '部分未核验',
  partialAria: '部分行未能核验，重算总分含填报得分',
  notScored: '未计分',
  gradePending: '待核',
  gradePendingReason: (p) => gradePendingText(p),
  countTile: (label, n) => `${label} ${n}`,
  allTables: '全部表',
  allFindings: '全部级别',
  showAllTables: '显示全部表',
  currentTable: (name) => `当前：${name}`,
  listTitle: '问题列表',
  viewLabel: '列表视图',
  viewRows: '按行',
  viewKinds: '按问题类型',
  pinnedTitle: '请先处理',
  pinnedHint: '这些问题会使同表其他检查结果失去意义，请先改正后重新校验。',
  kindHeading: (kind, n) => `${kind}（${n}）`,
  prev: '上一个',
  next: '下一个',
  prevAria: '上一个：定位到上一个有问题的单元格',
  nextAria: '下一个：定位到下一个有问题的单元格',
  showMore: (shown, total) => `显示更多（已显示 ${shown}/${total} 项）`,
  itemCells: (cells) => cells.join('、'),
  itemTable: (name) => `表：${name}`,
  listShows: (what, count) => `列表显示${what}：${count} 个问题`,
  causeOf: (n) => `由此引起的 ${n} 个问题（改正上面这一处后重新校验）：`,
  stepAnnounce: (place, total, table, cell, message) => `第 ${place}/${total} 项，${table}，${cell}：${message}`,
  stepEnd: (dir) => (dir === 1 ? '已是最后一项' : '已是第一项'),
  staleTitle: '结果已过期',
  staleBody: '评分口径已更改，下面的结果按旧口径计算。',
  listHint: '用上下方向键浏览，Enter 定位到单元格',
};

const en: Strings = {
  appTitle: 'PE Self-Check',
  appSubtitle: 'Checks scores, weights, execution rates and reasons in performance self-evaluation tables',
  check: 'Check',
  checkAgain: 'Check again',
  checking: 'Checking…',
  clear: 'Clear marks',
  clearing: 'Clearing…',
  settings: 'Settings',
  checkAria: 'Check every self-evaluation table in this workbook',
  clearAria: 'Remove the fills and notes the checker added and restore the original formatting',
  settingsAria: 'Settings: scoring rules',
  readingSheet: (done, total, sheet) => `Reading sheet ${done}/${total}${sheet ? `: ${sheet}` : ''}…`,
  phaseCheck: 'Scoring and checking…',
  partialResults: 'Results so far are listed below; the rest is still being checked.',
  phaseMark: 'Marking cells with problems…',
  phaseSummary: 'Writing the 自评汇总 summary sheet…',
  severity: { error: 'Errors', warning: 'Warnings', info: 'Info' },
  severityShort: { error: 'E', warning: 'W', info: 'I' },
  badgeColumn: '4.9em',
  all: 'All',
  filterLabel: 'Filter by severity',
  countsLine: (t, e, w, i) => `${t} table(s): ${e} error(s), ${w} warning(s), ${i} info`,
  countsAria: 'Result counts',
  noFindings: 'No problems found. Scores, weights and execution rates agree with the rules.',
  noFindingsForFilter: 'Nothing at this severity.',
  otherGroup: 'Other',
  tableHeading: (sheet, title) => (title ? `${sheet} · ${title}` : sheet),
  rowHeading: (row, name) => (name ? `Row ${row} · ${name}` : `Row ${row}`),
  goTo: 'Go to',
  summaryWritten: (sheet) => `Summary written to sheet “${sheet}”; cells with problems are filled and annotated.`,
  cleared: (n, summary) => `Marks cleared: restored the original fill of ${n} cell(s), removed this add-in's notes${summary ? ` and removed the “${summary}” sheet` : ''}.`,
  keepSummary: 'Keep the summary',
  keepSummaryAria: 'Write the summary sheet again (the cell marks stay cleared)',
  summaryKept: (sheet) => `The “${sheet}” sheet was written again; the cells' fills and notes stay cleared.`,
  nothingToClear: 'There are no marks to clear.',
  errorTitle: 'Could not finish',
  dismiss: 'Dismiss',
  emptyTitle: 'What can be checked?',
  emptyIntro: 'Click Check: every sheet is searched for performance self-evaluation tables; each row is re-scored and problems are marked. Your values and formulas are never changed.',
  emptyHeaderIntro: 'The table needs a header row with these columns (names may vary slightly):',
  emptyColumns: ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
  emptyTips: [
    'The budget execution row (年初/全年预算数, 全年执行数, 执行率) is checked too.',
    'Problem cells get a fill and a note starting with “【绩效自评助手】”; Clear marks restores them.',
    'Results are summarised in a new 自评汇总 sheet, regenerated on every check and removed by Clear marks.',
  ],
  noTablesTitle: 'No self-evaluation table found',
  noTablesBody: 'Make sure the header row has 三级指标, 年度指标值, 实际完成值, 分值 and 得分 columns, then check again.',
  settingsTitle: 'Scoring rules',
  overTargetLabel: 'Over-achievement threshold (actual ≥ target × threshold needs a reason)',
  overTargetOption: (v) => (v === 1.2 ? '120% (MoF 2020)' : `${Math.round(v * 100)}%`),
  reverseLabel: 'Scoring of reverse indicators',
  reverseLinear: 'Linear (deduct proportionally between target and 2 × target)',
  reverseRatio: 'Ratio (score = weight × target ÷ actual)',
  settingsSaved: 'Settings saved in this workbook; they apply from the next check.',
  settingsNote: 'Settings are stored in the workbook, so colleagues use the same rules.',
  close: 'Close settings',
  loadingSettings: 'Loading settings…',
  cancel: 'Cancel',
  cancelling: 'Cancelling…',
  cancelled: 'Check cancelled; the workbook was not changed.',
  resultLine: (t, e, w, i) =>
    t === 0
      ? 'Check finished: no self-evaluation table found.'
      : e + w + i === 0
        ? `Check finished: ${t} table(s), no problems found.`
        : `Check finished: ${t} table(s), ${e} error(s), ${w} warning(s), ${i} info.`,
  overviewTitle: 'Tables',
  overviewMore: (n) => `All ${n} tables`,
  overviewLess: 'Fewer',
  openSummary: 'Open summary',
  openSummaryAria: (sheet) => `Open summary: go to sheet “${sheet}”`,
  tableRowAria: (e, w, i, scores, grade) =>
    `: ${e} error(s), ${w} warning(s), ${i} info${scores ? `, ${scores}` : ''}${grade ? `, grade ${grade}` : ''}`,
  scores: (entered, computed) => `entered ${entered} → recalculated ${computed}`,
  partial: 'partly unverified',
  partialAria: 'Some rows could not be verified; the recalculated total includes their entered scores',
  notScored: 'not scored',
  gradePending: 'to verify',
  gradePendingReason: (p) => gradePendingText(p, 'en'),
  countTile: (label, n) => `${label} ${n}`,
  allTables: 'All tables',
  allFindings: 'every severity',
  showAllTables: 'Show all tables',
  currentTable: (name) => `Showing: ${name}`,
  listTitle: 'Problems',
  viewLabel: 'List view',
  viewRows: 'By row',
  viewKinds: 'By kind',
  pinnedTitle: 'Fix these first',
  pinnedHint: 'These make the other results of the table meaningless: fix them, then check again.',
  kindHeading: (kind, n) => `${kind} (${n})`,
  prev: 'Previous',
  next: 'Next',
  prevAria: 'Previous: go to the previous cell with a problem',
  nextAria: 'Next: go to the next cell with a problem',
  showMore: (shown, total) => `Show more (${shown} of ${total} shown)`,
  itemCells: (cells) => cells.join(', '),
  itemTable: (name) => `Table: ${name}`,
  listShows: (what, count) => `The list shows ${what}: ${count} finding${count === 1 ? '' : 's'}`,
  causeOf: (n) => `${n} finding${n === 1 ? '' : 's'} caused by this (fix it and check again):`,
  stepAnnounce: (place, total, table, cell, message) => `Item ${place} of ${total}, ${table}, ${cell}: ${message}`,
  stepEnd: (dir) => (dir === 1 ? 'This is the last item' : 'This is the first item'),
  staleTitle: 'Results out of date',
  staleBody: 'The scoring rules changed; the results below use the old rules.',
  listHint: 'Use the up and down arrow keys, Enter goes to the cell',
};

export const strings: Record<Lang, Strings> = { zh, en };

/**
 * Where the browser page (web/) says something else than the pane in Excel: the file stays as it is
 * (marks are in the downloaded copy and the preview), settings live in the browser.
 */
export const webStrings: Record<Lang, Partial<Strings>> = {
  zh: {
    checkAria: '重新检查此文件中的全部绩效自评表',
    readingSheet: (done, total, sheet) => `正在检查工作表 ${done}/${total}${sheet ? `：${sheet}` : ''}…`,
    phaseMark: '正在准备预览中的标记…',
    phaseSummary: '正在生成“自评汇总”…',
    settingsSaved: '设置已保存在本浏览器中，下次检查生效。',
    settingsNote: '设置保存在本浏览器中，对之后打开的所有文件生效。',
    cancelled: '已取消检查，文件未作任何改动。',
    openSummary: '预览自评汇总',
    openSummaryAria: () => '在预览中显示“自评汇总”',
    prevAria: '上一个：在预览中显示上一个有问题的单元格',
    nextAria: '下一个：在预览中显示下一个有问题的单元格',
    listHint: '用上下方向键浏览，Enter 在预览中显示单元格',
    noTablesBody: '请确认表头行包含“三级指标”“年度指标值”“实际完成值”“分值”“得分”等列。',
  },
  en: {
    checkAria: 'Check every self-evaluation table in this file again',
    readingSheet: (done, total, sheet) => `Checking sheet ${done}/${total}${sheet ? `: ${sheet}` : ''}…`,
    phaseMark: 'Preparing the marks in the preview…',
    phaseSummary: 'Building the summary…',
    settingsSaved: 'Settings saved in this browser; they apply from the next check.',
    settingsNote: 'Settings are kept in this browser and apply to every file you open.',
    cancelled: 'Check cancelled; the file was not changed.',
    openSummary: 'Preview the summary',
    openSummaryAria: () => 'Show the 自评汇总 summary in the preview',
    prevAria: 'Previous: show the previous cell with a problem in the preview',
    nextAria: 'Next: show the next cell with a problem in the preview',
    listHint: 'Arrow keys to move, Enter to show the cell in the preview',
    noTablesBody: 'Make sure the header row has columns such as 三级指标, 年度指标值, 实际完成值, 分值 and 得分.',
  },
};

// ------------------------------------------------------------------ Excel reach (issue 8)
// Strings of the small, self-contained notices about what Excel could not do (components/ExcelNotices.tsx).
import type { WriteProblemReason } from './host';

export interface ExcelText {
  problemsTitle: string;
  /** One line per sheet: what could not be written there, and why. */
  problem: (sheet: string, reason: WriteProblemReason, cells: number) => string;
  problemsFoot: string;
  hiddenSkipped: (sheets: string[]) => string;
  /** The narrow pane's toolbar button that shows the notices above. */
  noticesButton: (n: number) => string;
  cellEditHint: string;
  retry: string;
  cancel: string;
}

const excelZh: ExcelText = {
  problemsTitle: '以下内容未能写入（问题列表仍然完整）',
  problem: (sheet, reason, cells) => {
    const where = sheet ? `“${sheet}”` : '工作簿';
    const n = cells > 0 ? `${cells} 个单元格` : '';
    switch (reason) {
      case 'protected':
        return `${where}受保护，${n || '标记'}未能标记。撤销工作表保护（审阅 → 撤销工作表保护）后重新校验即可。`;
      case 'structure':
        return `工作簿结构受保护，未能添加“${sheet}”工作表。撤销工作簿保护（审阅 → 保护工作簿）后重新校验即可。`;
      case 'comment':
        return `${where}有 ${cells} 个单元格已有他人的批注或注释，只加了填充色，没有添加说明。`;
      case 'tooLarge':
        return `${where}的标记太多，Excel 一次写不下，${n}未能标记。`;
      case 'notesApi':
        return `${where}的 ${cells} 条说明是在桌面版 Microsoft 365 Excel 中添加的“注释”，此处的 Excel 无法删除，请在桌面版 Microsoft 365 Excel 中再点一次“清除标记”。填充色已恢复。`;
      case 'notesUnreadable':
        return '此处的 Excel（如网页版）无法读取“注释”：说明改用批注添加（不支持批注时只加填充色）。问题列表不受影响，“清除标记”仍会恢复所有填充色。';
      case 'timeout':
        return `${where}：Excel 长时间没有响应，标记未写完。`;
      default:
        return `${where}：Excel 拒绝写入，${n || '部分标记'}未能标记。`;
    }
  },
  problemsFoot: '填充色和说明只是提示；问题以任务窗格中的列表为准。',
  hiddenSkipped: (sheets) => `已跳过隐藏的工作表：${sheets.join('、')}（取消隐藏后再校验即可检查它们）。`,
  noticesButton: (n) => `${n} 条标记提示（未能标记的工作表、跳过的隐藏表）`,
  cellEditHint: '正在等待 Excel……如果正在编辑单元格，请按 Enter 或 Esc 结束单元格编辑。',
  retry: '重试',
  cancel: '取消',
};

const excelEn: ExcelText = {
  problemsTitle: 'Some marks could not be written (the list of findings is complete)',
  problem: (sheet, reason, cells) => {
    const where = sheet ? `“${sheet}”` : 'The workbook';
    const n = cells > 0 ? `${cells} cells` : 'marks';
    switch (reason) {
      case 'protected':
        return `${where} is protected: ${n} not marked. Unprotect the sheet (Review → Unprotect Sheet) and check again.`;
      case 'structure':
        return `The workbook structure is protected: the “${sheet}” sheet could not be added.`;
      case 'comment':
        return `${where}: ${cells} cells already have someone's comment or note; they got our fill but no note.`;
      case 'tooLarge':
        return `${where}: too many marks for one Excel request; ${n} not marked.`;
      case 'notesApi':
        return `${where}: ${cells} notes were added by desktop Microsoft 365 Excel and this Excel cannot delete them; clear again in desktop Microsoft 365 Excel. The fills are restored.`;
      case 'notesUnreadable':
        return 'This Excel (e.g. Excel on the web) cannot read notes: explanations are added as comments instead (fills only where comments are not supported). The list of findings is unaffected, and Clear marks still restores every fill.';
      case 'timeout':
        return `${where}: Excel stopped responding; marking is incomplete.`;
      default:
        return `${where}: Excel refused the write; ${n} not marked.`;
    }
  },
  problemsFoot: 'Fills and notes are only hints; the list in this pane is what counts.',
  hiddenSkipped: (sheets) => `Hidden sheets skipped: ${sheets.join(', ')} (unhide them and check again).`,
  noticesButton: (n) => `${n} notice(s) about marking (sheets not marked, hidden sheets skipped)`,
  cellEditHint: 'Waiting for Excel… If you are editing a cell, press Enter or Esc to finish.',
  retry: 'Retry',
  cancel: 'Cancel',
};

export const excelText: Record<Lang, ExcelText> = { zh: excelZh, en: excelEn };

/** 公式转为数值 and the .xls notice (issue 8). */
export interface ConvertText {
  button: string;
  buttonAria: string;
  title: string;
  scopeSelection: string;
  scopeWorkbook: string;
  counting: string;
  found: (cells: number, sheets: string[], onProtected: number) => string;
  none: string;
  why: string;
  confirm: (cells: number) => string;
  cancel: string;
  done: (converted: number) => string;
  xls: string;
}

export const convertText: Record<Lang, ConvertText> = {
  zh: {
    button: '公式转为数值',
    buttonAria: '把 PE.* 公式替换为当前结果',
    title: '把 PE.* 公式转为数值',
    scopeSelection: '选定区域',
    scopeWorkbook: '整个工作簿',
    counting: '正在统计 PE.* 公式…',
    found: (cells, sheets, onProtected) =>
      `找到 ${cells} 个 PE.* 公式（${sheets.join('、')}）${onProtected > 0 ? `，其中 ${onProtected} 个在受保护的工作表上，不会转换` : ''}。`,
    none: '没有找到 PE.* 公式。',
    why: '没有安装本加载项的单位打开表格时，PE.* 公式会显示 #NAME?。转换后单元格只保留当前结果，其他公式和数值不变。此操作无法用“撤销”恢复，建议先另存一份副本。',
    confirm: (cells) => `转换 ${cells} 个公式`,
    cancel: '取消',
    done: (converted) => `已把 ${converted} 个 PE.* 公式转为数值。`,
    xls: '此工作簿是 .xls 格式（兼容模式），加载项无法在其中写入或运行 PE.* 函数。请先“文件 → 另存为”Excel 工作簿（.xlsx），再打开校验窗格。',
  },
  en: {
    button: 'Formulas to values',
    buttonAria: 'Replace PE.* formulas by their current results',
    title: 'Replace PE.* formulas by values',
    scopeSelection: 'Selection',
    scopeWorkbook: 'Whole workbook',
    counting: 'Counting PE.* formulas…',
    found: (cells, sheets, onProtected) =>
      `${cells} PE.* formulas found (${sheets.join(', ')})${onProtected > 0 ? `; ${onProtected} on protected sheets will stay` : ''}.`,
    none: 'No PE.* formulas found.',
    why: 'Without this add-in, PE.* formulas show #NAME?. Converting keeps each cell’s current result; other formulas and values stay. This cannot be undone: save a copy first.',
    confirm: (cells) => `Convert ${cells} formulas`,
    cancel: 'Cancel',
    done: (converted) => `${converted} PE.* formulas replaced by their values.`,
    xls: 'This workbook is an .xls file (compatibility mode): add-ins cannot run in it. Save it as an Excel Workbook (.xlsx) first, then open the pane.',
  },
};
