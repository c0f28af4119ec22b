// Every member of WPS's object model that src/wps calls, checked against WPS's published
// declarations (et-jsapi-declare, ISC): compiled by test/wps/declarations.test.ts with its own
// tsconfig (the declarations add globals — Application, wps — that the rest of the project must not see).
import type { WpsApplication, WpsComment, WpsDocumentProperties, WpsInterior, WpsRange, WpsSheets, WpsWorkbook, WpsWorksheet } from '../../../src/wps/wpsApi';

/** Compiles only when every key of `Ours` is a member of `Theirs`. */
type Covered<Theirs, Ours> = Exclude<keyof Ours, keyof Theirs> extends never ? true : { missing: Exclude<keyof Ours, keyof Theirs> };

export const checks: true[] = [
  true as Covered<Et.Range, WpsRange>,
  true as Covered<Et.Worksheet, WpsWorksheet>,
  true as Covered<Et.Sheets, WpsSheets>,
  true as Covered<Et.Workbook, WpsWorkbook>,
  true as Covered<Et.Interior, WpsInterior>,
  true as Covered<Et.Comment, WpsComment>,
  true as Covered<Kso.DocumentProperties, WpsDocumentProperties>,
  true as Covered<WPSMergedRoot, WpsApplication>,
  true as Covered<WPS.EtAddonRoot, { AddCustomFunction: unknown }>,
];

// Interior.Color takes the BGR number we compute; Value2 takes rows of values.
export function writes(range: Et.Range): void {
  range.Interior.Color = 0xcec7ff;
  range.Value2 = [['a', 1]];
}
