// Telling our highlighted copies from the user's files by what is inside (our marks record or
// summary marker in xl/workbook.xml), never by the name alone: a folder may hold a department's own
// "a.checked.xlsx". No file system here (the CLI and the page both ask).
import { workbookXmlIsOurCopy } from './marks';
import { XlsxPackage } from './zipPackage';

/** True only for a readable .xlsx whose workbook part carries our record or marker. */
export function isOurCopyBytes(bytes: Uint8Array): boolean {
  try {
    const xml = XlsxPackage.open(bytes).text('xl/workbook.xml');
    return xml !== null && workbookXmlIsOurCopy(xml);
  } catch {
    return false;
  }
}
