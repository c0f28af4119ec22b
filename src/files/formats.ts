// Which kind of spreadsheet a file is, told from its bytes (the name only words the messages): a
// department's ".xls" is often an .xlsx, an HTML table or a WPS file, and an ".xlsx" may be an
// encrypted compound file. No library here: sniffing must cost nothing for the common .xlsx.

/**
 * - ooxml: zip with xl/workbook.xml (.xlsx, .xlsm, .xltx): our own readers.
 * - xlsb / ods: zip holding a binary workbook or an OpenDocument spreadsheet.
 * - cfb: OLE compound file: .xls (BIFF5/8), WPS .et, or an encrypted Office file.
 * - html: an HTML table saved under a spreadsheet name (what many finance systems export as .xls).
 * - xml2003: Excel 2003 XML Spreadsheet (SpreadsheetML), also exported as .xls.
 */
export type FileKind = 'ooxml' | 'xlsb' | 'ods' | 'cfb' | 'html' | 'xml2003' | 'unknown';

/** File name endings a folder scan takes as spreadsheets. */
export const SPREADSHEET_EXTENSIONS = ['.xlsx', '.xlsm', '.xltx', '.xltm', '.xls', '.et', '.ett', '.xlsb', '.ods', '.ots'];

/** The name's ending from its last dot ('' when none), as path.extname gives it: no Node here (the page reads files too). */
export function extname(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot) : '';
}

export const isSpreadsheetName = (name: string): boolean => SPREADSHEET_EXTENSIONS.includes(extname(name).toLowerCase());

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ODS_MIME = 'application/vnd.oasis.opendocument.spreadsheet';

function startsWith(buf: Uint8Array, sig: number[]): boolean {
  return buf.length >= sig.length && sig.every((b, i) => buf[i] === b);
}

function has(buf: Buffer, text: string, from = 0): boolean {
  return buf.indexOf(text, from, 'latin1') >= 0;
}

/** The first characters of a text file, BOM and leading blanks skipped, lower case (any 8-bit or UTF-16 text). */
function textHead(buf: Buffer, n = 4096): string {
  let head = buf.subarray(0, n);
  if (head[0] === 0xff && head[1] === 0xfe) return Buffer.from(head.subarray(2)).toString('utf16le').trimStart().toLowerCase();
  if (head[0] === 0xfe && head[1] === 0xff) {
    const le = Buffer.from(head.subarray(2));
    le.swap16();
    return le.toString('utf16le').trimStart().toLowerCase();
  }
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) head = head.subarray(3);
  return head.toString('latin1').trimStart().toLowerCase();
}

export function sniffKind(data: Uint8Array): FileKind {
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (startsWith(buf, OLE_SIGNATURE)) return 'cfb';
  if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b) {
    // ODF puts an uncompressed "mimetype" entry first (ODF 1.2 part 3, §3.3), so its value sits in
    // the first local header; the other two are told by their workbook part's name.
    if (has(buf.subarray(0, 200), ODS_MIME)) return 'ods';
    if (has(buf, 'xl/workbook.xml')) return 'ooxml';
    if (has(buf, 'xl/workbook.bin')) return 'xlsb';
    if (has(buf, 'content.xml') && has(buf, ODS_MIME)) return 'ods';
    return 'ooxml'; // inspectXlsx says what is wrong with it
  }
  const head = textHead(buf);
  if (head.startsWith('<')) {
    if (head.includes('urn:schemas-microsoft-com:office:spreadsheet') && /^<\?xml/.test(head) && !head.includes('<html')) return 'xml2003';
    if (/<(html|table|!doctype html|meta|head|body)\b/.test(head) || /<table\b/i.test(buf.toString('latin1'))) return 'html';
  }
  return 'unknown';
}

/** Human name of a kind, for the report ("由 .xls 转换"). */
export function kindLabel(kind: FileKind, fileName: string): string {
  const ext = extname(fileName).toLowerCase();
  switch (kind) {
    case 'html':
      return `网页格式的${ext || '表格'}`;
    case 'xml2003':
      return `XML 表格格式的${ext || '表格'}`;
    default:
      return ext || kind;
  }
}
