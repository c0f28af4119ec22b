// Parts exceljs would drop on a round trip are kept: the copy is the user's package patched (issue 21).
import JSZip from 'jszip';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, pe, sha, tmpDir } from './helpers';

jest.setTimeout(60000);

const fixture = path.join(FIXTURES, 'kaifu-2022-project-jcdj.xlsx');

async function withParts(parts: Record<string, string>, sheetPatch?: (xml: string) => string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(fs.readFileSync(fixture));
  for (const [n, content] of Object.entries(parts)) zip.file(n, content);
  if (sheetPatch) {
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    zip.file('xl/worksheets/sheet1.xml', sheetPatch(xml));
  }
  return zip.generateAsync({ type: 'nodebuffer' });
}

test('parts exceljs does not model (pivot tables, charts, VBA, slicers, x14 validations, sparklines): a copy without --force that keeps them all; input unchanged', async () => {
  const dir = tmpDir('kept');
  const input = path.join(dir, 'with-parts.xlsx');
  const buf = await withParts(
    {
      'xl/pivotTables/pivotTable1.xml': '<pivotTableDefinition/>',
      'xl/pivotCache/pivotCacheDefinition1.xml': '<pivotCacheDefinition/>',
      'xl/charts/chart1.xml': '<c:chartSpace/>',
      'xl/slicers/slicer1.xml': '<slicers/>',
    },
    (xml) =>
      xml.replace(
        '</worksheet>',
        '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="1"/></ext>' +
          '<ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}"><x14:sparklineGroups/></ext></extLst></worksheet>',
      ),
  );
  fs.writeFileSync(input, buf);
  const before = sha(input);
  const r = await pe(['--out', path.join(dir, 'out'), input]);
  expect(r.code).toBe(1); // the fixture has error findings
  expect(r.out).not.toMatch(/丢失|--force/);
  const copy = await JSZip.loadAsync(fs.readFileSync(path.join(dir, 'out', 'with-parts.checked.xlsx')));
  const original = await JSZip.loadAsync(buf);
  for (const part of ['xl/pivotTables/pivotTable1.xml', 'xl/pivotCache/pivotCacheDefinition1.xml', 'xl/charts/chart1.xml', 'xl/slicers/slicer1.xml']) {
    expect(await copy.file(part)!.async('string')).toBe(await original.file(part)!.async('string'));
  }
  // The marked sheet keeps its extension list as written.
  expect(await copy.file('xl/worksheets/sheet1.xml')!.async('string')).toContain('<x14:sparklineGroups/></ext></extLst></worksheet>');
  // --force is still accepted (old scripts) and changes nothing.
  const forced = await pe(['--force', '--out', path.join(dir, 'out2'), input]);
  expect(forced.code).toBe(1);
  expect(fs.existsSync(path.join(dir, 'out2', 'with-parts.checked.xlsx'))).toBe(true);
  expect(sha(input)).toBe(before);
});
