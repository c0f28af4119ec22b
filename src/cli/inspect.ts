// Looks inside the .xlsx package before exceljs loads it: exceljs gives poor errors on bad input
// (or none: it "reads" a CSV as an empty workbook), and it silently drops parts it does not model
// when it writes the highlighted copy. Both must be known before we promise the user anything.
import JSZip from 'jszip';
import { CliError } from './errors';

export interface InspectResult {
  /** Chinese descriptions of parts the highlighted copy would lose (empty = safe round trip). */
  lost: string[];
}

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export const MSG_NOT_XLSX = '不是有效的 .xlsx 文件';
export const MSG_ENCRYPTED = '文件已加密或为旧版 .xls 格式，请另存为未加密的 .xlsx';

function startsWith(buf: Uint8Array, sig: number[]): boolean {
  if (buf.length < sig.length) return false;
  return sig.every((b, i) => buf[i] === b);
}

/** Throws CliError with a Chinese reason when the bytes are not a readable .xlsx package. */
/**
 * `deep: false` checks only that the file is a readable workbook (for report-only runs): reading
 * every drawing and sheet XML again just to warn about a copy we will not write would double the
 * unzip work of a run.
 */
export async function inspectXlsx(buf: Uint8Array, { deep = true }: { deep?: boolean } = {}): Promise<InspectResult> {
  // Password-protected .xlsx files are OLE compound files (EncryptedPackage), as are .xls files.
  if (startsWith(buf, OLE_SIGNATURE)) throw new CliError(MSG_ENCRYPTED);
  // "PK" local file header / empty archive; anything else (CSV, HTML saved as .xlsx, random) is not ours.
  if (!(buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b)) throw new CliError(MSG_NOT_XLSX);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buf);
  } catch {
    throw new CliError(MSG_NOT_XLSX);
  }
  const names = Object.keys(zip.files);
  const has = (name: string) => names.some((n) => n.toLowerCase() === name.toLowerCase());
  // A .docx or .pptx is a zip with [Content_Types].xml too; only xl/workbook.xml makes it a workbook.
  if (!has('[Content_Types].xml') || !has('xl/workbook.xml')) throw new CliError(MSG_NOT_XLSX);

  const lost = new Set<string>();
  const under = (prefix: string) => names.some((n) => n.toLowerCase().startsWith(prefix) && !zip.files[n].dir);
  if (under('xl/pivottables/') || under('xl/pivotcache/')) lost.add('数据透视表');
  if (under('xl/charts/') || under('xl/chartsheets/')) lost.add('图表');
  if (under('xl/slicers/') || under('xl/slicercaches/')) lost.add('切片器');
  if (under('xl/timelines/') || under('xl/timelinecaches/')) lost.add('日程表');
  if (has('xl/vbaProject.bin')) lost.add('宏（VBA）');
  if (under('xl/ctrlprops/') || under('xl/activex/')) lost.add('表单控件');
  if (under('xl/threadedcomments/')) lost.add('新版批注（对话式批注）');
  if (under('xl/externallinks/')) lost.add('外部工作簿链接');

  if (!deep) return { lost: [...lost] };

  // Drawings: exceljs keeps pictures but drops shapes, text boxes and chart frames.
  for (const n of names) {
    if (!/^xl\/drawings\/drawing\d*\.xml$/i.test(n)) continue;
    const xml = await zip.files[n].async('string');
    if (/<c:chart\b|graphicFrame/.test(xml)) lost.add('图表');
    if (/<xdr:sp\b|<xdr:grpSp\b|<xdr:cxnSp\b/.test(xml)) lost.add('形状或文本框');
  }

  // Sheet XML: x14 extensions exceljs does not write back, and legacy form controls.
  for (const n of names) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(n)) continue;
    const xml = await zip.files[n].async('string');
    // x14 extension elements live in the sheet's <extLst> and always carry a namespace prefix
    // (x14:dataValidations), whereas the main-namespace ones exceljs keeps are unprefixed.
    if (/<\w+:dataValidations\b/.test(xml)) lost.add('跨表数据验证（下拉列表）');
    if (/<\w+:conditionalFormattings\b/.test(xml)) lost.add('扩展条件格式');
    if (/<\w+:sparklineGroups\b/.test(xml)) lost.add('迷你图');
    if (/<\w+:slicerList\b/.test(xml)) lost.add('切片器');
    if (/<\w+:timelineRefs\b/.test(xml)) lost.add('日程表');
    if (/<controls\b/.test(xml)) lost.add('表单控件');
  }
  return { lost: [...lost] };
}
