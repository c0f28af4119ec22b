// The page's own words (the pane's are in taskpane/i18n.ts): zh-CN by default, English where the
// browser's language is English, as the pane follows Office's display language.
import type { Lang } from '../taskpane/i18n';

export function browserLang(languages: readonly string[] | undefined = typeof navigator === 'undefined' ? undefined : navigator.languages): Lang {
  const first = languages?.[0] ?? (typeof navigator === 'undefined' ? '' : navigator.language);
  return String(first ?? '').toLowerCase().startsWith('en') ? 'en' : 'zh';
}

export interface PageText {
  title: string;
  tagline: string;
  privacy: string;
  chooseFiles: string;
  chooseFolder: string;
  dropHere: string;
  dropActive: string;
  filesTitle: string;
  fileChecking: string;
  fileWaiting: string;
  fileCancelled: string;
  fileCounts: (e: number, w: number, i: number) => string;
  fileUnreadable: (reason: string) => string;
  progress: (done: number, total: number, file: string) => string;
  cancel: string;
  download: string;
  downloadAria: (file: string) => string;
  downloadAll: string;
  preparing: string;
  zipProgress: (done: number, total: number, file: string) => string;
  zipSkipped: (n: number) => string;
  clearFiles: string;
  previewTitle: string;
  previewSheet: string;
  previewEmpty: string;
  previewRows: (from: number, to: number, total: number) => string;
  previewCell: (cell: string) => string;
  summarySheet: string;
  legendTitle: string;
  legend: { error: string; warning: string; info: string; reason: string; block: string; current: string };
  emptyTitle: string;
  emptyBody: string[];
  skipped: (names: string[]) => string;
  selectFile: (name: string) => string;
  announceFile: (name: string, e: number, w: number, i: number) => string;
  announceUnreadable: (name: string, reason: string) => string;
  guide: string;
}

const zh: PageText = {
  title: '绩效自评助手',
  tagline: '检查《项目支出绩效自评表》《部门整体支出绩效自评表》的得分、分值、执行率、总分和偏差原因。',
  privacy: '文件只在本机处理，不会上传。本页面不联网，断网也能用。',
  chooseFiles: '选择文件',
  chooseFolder: '选择文件夹',
  dropHere: '或把自评表文件（.xlsx .xls .et .xlsb .ods 等）拖到这里，可一次多个',
  dropActive: '松开鼠标即可检查',
  filesTitle: '文件',
  fileChecking: '正在检查…',
  fileWaiting: '等待检查',
  fileCancelled: '已取消',
  fileCounts: (e, w, i) => `错误 ${e} · 警告 ${w} · 提示 ${i}`,
  fileUnreadable: (reason) => `无法检查：${reason}`,
  progress: (done, total, file) => `正在检查 ${done}/${total}：${file}`,
  cancel: '取消',
  download: '下载标记副本',
  downloadAria: (file) => `下载 ${file} 的标记副本（.xlsx，带底色、批注和自评汇总）`,
  downloadAll: '全部下载（.zip，含总览）',
  preparing: '正在生成标记副本…',
  zipProgress: (done, total, file) => `正在生成 ${Math.min(done + 1, total)}/${total}：${file}`,
  zipSkipped: (n) => `${n} 个文件没有标记副本（见 总览.xlsx）。`,
  clearFiles: '清空列表',
  previewTitle: '表格预览',
  previewSheet: '预览工作表',
  previewEmpty: '此工作表是空的。',
  previewRows: (from, to, total) => `显示第 ${from}–${to} 行，共 ${total} 行`,
  previewCell: (cell) => `当前单元格 ${cell}`,
  summarySheet: '自评汇总（副本中新增）',
  legendTitle: '颜色说明',
  legend: { error: '错误', warning: '警告', info: '提示', reason: '需填写偏差原因', block: '整块合并单元格：只加批注，不着色', current: '当前定位的单元格' },
  emptyTitle: '怎么用',
  emptyBody: [
    '1. 点“选择文件”，或把一个或多个自评表拖进本页面。',
    '2. 左边列出每张表的问题，点一条问题，右边的预览会显示那个单元格。',
    '3. 点“下载标记副本”，得到一份标好底色和批注的 .xlsx，原文件不会被改动。',
  ],
  skipped: (names) => `已跳过（不是表格文件、临时文件或本助手生成的标记副本）：${names.join('、')}`,
  selectFile: (name) => `查看 ${name} 的检查结果`,
  announceFile: (name, e, w, i) => `${name} 检查完成：${e} 个错误，${w} 个警告，${i} 个提示。`,
  announceUnreadable: (name, reason) => `${name} 无法检查：${reason}`,
  guide: '使用说明',
};

const en: PageText = {
  title: 'PE Self-Check',
  tagline: 'Checks scores, weights, execution rates, totals and deviation reasons in performance self-evaluation tables (绩效自评表).',
  privacy: 'Files are processed on this computer only and never uploaded. This page works offline.',
  chooseFiles: 'Choose files',
  chooseFolder: 'Choose a folder',
  dropHere: 'or drop workbooks (.xlsx .xls .et .xlsb .ods …) here, several at once',
  dropActive: 'Release to check',
  filesTitle: 'Files',
  fileChecking: 'Checking…',
  fileWaiting: 'Waiting',
  fileCancelled: 'Cancelled',
  fileCounts: (e, w, i) => `${e} errors · ${w} warnings · ${i} notes`,
  fileUnreadable: (reason) => `Not checked: ${reason}`,
  progress: (done, total, file) => `Checking ${done}/${total}: ${file}`,
  cancel: 'Cancel',
  download: 'Download marked copy',
  downloadAria: (file) => `Download the marked copy of ${file} (.xlsx with fills, notes and the summary)`,
  downloadAll: 'Download all (.zip with overview)',
  preparing: 'Making the marked copy…',
  zipProgress: (done, total, file) => `Making ${Math.min(done + 1, total)}/${total}: ${file}`,
  zipSkipped: (n) => `${n} files have no marked copy (see 总览.xlsx).`,
  clearFiles: 'Clear the list',
  previewTitle: 'Sheet preview',
  previewSheet: 'Sheet to preview',
  previewEmpty: 'This sheet is empty.',
  previewRows: (from, to, total) => `Rows ${from}–${to} of ${total}`,
  previewCell: (cell) => `Current cell ${cell}`,
  summarySheet: '自评汇总 (added in the copy)',
  legendTitle: 'Colours',
  legend: { error: 'Error', warning: 'Warning', info: 'Note', reason: 'Deviation reason needed', block: 'Merged block: note only, no colour', current: 'Cell shown now' },
  emptyTitle: 'How to use it',
  emptyBody: [
    '1. Choose files, or drop one or more self-evaluation workbooks onto this page.',
    '2. The problems of each table are listed on the left; click one and the preview shows the cell.',
    '3. Download the marked copy: an .xlsx with fills and notes. Your file is never changed.',
  ],
  skipped: (names) => `Skipped (not spreadsheets, temporary files or marked copies made by this checker): ${names.join(', ')}`,
  selectFile: (name) => `Show the results of ${name}`,
  announceFile: (name, e, w, i) => `${name} checked: ${e} errors, ${w} warnings, ${i} notes.`,
  announceUnreadable: (name, reason) => `${name} could not be checked: ${reason}`,
  guide: 'Guide',
};

export const pageText: Record<Lang, PageText> = { zh, en };
