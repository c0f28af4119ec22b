// The copy writer's parts, each on the XML shapes real writers produce (Excel, WPS, the OpenXML
// SDK's prefixed namespaces, hand-made packages without `r` attributes): the zip writer, the
// package plumbing, the styles, one sheet's cells and the notes.
import { crc32Table } from '../../src/files/crc32';
import { addRel, attrOf, parseRels, relativeTarget, resolveTarget, withAttr } from '../../src/files/opc';
import { NOTE_AUTHOR, patchNotes } from '../../src/files/patchNotes';
import { restyleCells, type CellEdits } from '../../src/files/patchSheet';
import { StyleBook } from '../../src/files/patchStyles';
import { writeZip } from '../../src/files/zipWriter';
import { XlsxPackage } from '../../src/files/zipPackage';

const enc = new TextEncoder();

describe('zipWriter', () => {
  test('CRC-32 of the check string is the standard one', () => {
    expect(crc32Table(enc.encode('123456789'))).toBe(0xcbf43926);
    expect(crc32Table(new Uint8Array(0))).toBe(0);
  });

  test('a part we did not write goes back as stored; new parts read back; names in UTF-8', () => {
    const first = XlsxPackage.open(writeZip([{ name: 'a.xml', data: enc.encode('<a>甲</a>'.repeat(100)) }, { name: 'xl/中文.bin', data: new Uint8Array([1, 2, 3]) }]));
    const stored = first.stored('a.xml')!;
    const second = XlsxPackage.open(writeZip([stored, { name: 'b.xml', data: enc.encode('<b/>') }]));
    expect(Buffer.from(second.stored('a.xml')!.compressed).equals(Buffer.from(stored.compressed))).toBe(true);
    expect(second.text('a.xml')).toBe('<a>甲</a>'.repeat(100));
    expect(second.text('b.xml')).toBe('<b/>');
    expect([...first.bytes('xl/中文.bin')!]).toEqual([1, 2, 3]);
    expect(second.names).toEqual(['a.xml', 'b.xml']);
  });
});

describe('opc', () => {
  test('targets resolve against the source part and back', () => {
    expect(resolveTarget('xl/workbook.xml', 'worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolveTarget('xl/worksheets/sheet1.xml', '../comments1.xml')).toBe('xl/comments1.xml');
    expect(resolveTarget('xl/workbook.xml', '/xl/styles.xml')).toBe('xl/styles.xml');
    expect(resolveTarget('xl/workbook.xml', 'worksheets/%E8%A1%A8.xml')).toBe('xl/worksheets/表.xml');
    expect(relativeTarget('xl/worksheets/sheet1.xml', 'xl/comments1.xml')).toBe('../comments1.xml');
    expect(relativeTarget('xl/workbook.xml', 'xl/worksheets/sheet9.xml')).toBe('worksheets/sheet9.xml');
  });

  test('a new relationship gets an unused id, in the part’s own prefix', () => {
    const xml = '<x:Relationships xmlns:x="http://schemas.openxmlformats.org/package/2006/relationships"><x:Relationship Id="rId1" Type="t" Target="a"/><x:Relationship Id="rId3" Type="t" Target="b"/></x:Relationships>';
    const added = addRel(xml, 'T', 'c.xml');
    expect(added.id).toBe('rId4');
    expect(parseRels(added.xml).map((r) => [r.id, r.target])).toEqual([['rId1', 'a'], ['rId3', 'b'], ['rId4', 'c.xml']]);
    expect(added.xml).toContain('<x:Relationship Id="rId4"');
    expect(addRel(null, 'T', 'x.xml').id).toBe('rId1');
  });

  test('attributes: either quote, entities decoded; set or added', () => {
    expect(attrOf(` r='A1' s="3" t="s"`, 's')).toBe('3');
    expect(attrOf(` r='A1'`, 'r')).toBe('A1');
    expect(attrOf(` name="a&amp;b"`, 'name')).toBe('a&b');
    expect(attrOf(` rs="1"`, 's')).toBeUndefined();
    expect(withAttr('<c r="A1" s="3">', 's', '9')).toBe('<c r="A1" s="9">');
    expect(withAttr('<c r="A1"/>', 's', '9')).toBe('<c r="A1" s="9"/>');
  });
});

describe('StyleBook', () => {
  const STYLES =
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/></font></fonts>' +
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FF00B050"/></patternFill></fill></fills>' +
    '<borders count="1"><border/></borders><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="10" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"><alignment wrapText="1"/></xf></cellXfs></styleSheet>';

  test('a fill-only variant of a format is appended; what was there keeps its index', () => {
    const book = StyleBook.parse(STYLES);
    expect(book.unchanged).toBe(true);
    const red = book.withFill(1, 'ffffc7ce');
    expect(red).toBe(2);
    expect(book.withFill(1, 'FFFFC7CE')).toBe(2); // cached
    expect(book.fillArgb(red)).toBe('FFFFC7CE');
    expect(book.fillArgb(1)).toBe('FF00B050');
    const xml = book.toXml();
    expect(xml).toContain('<cellXfs count="3">');
    expect(xml).toContain('<fills count="4">');
    // The variant keeps number format and alignment, only the fill differs.
    expect(xml).toMatch(/<xf numFmtId="10" fontId="0" fillId="3" borderId="0" xfId="0" applyFill="1"><alignment wrapText="1"\/><\/xf><\/cellXfs>/);
    expect(xml.startsWith(STYLES.slice(0, STYLES.indexOf('<fills')))).toBe(true);
  });

  test('a fill element round-trips through the record (no fill → null)', () => {
    const book = StyleBook.parse(STYLES);
    expect(book.fillXml(0)).toBeNull();
    const green = book.fillXml(1)!;
    const painted = book.withFill(1, 'FFFFC7CE');
    const back = book.withFillXml(painted, green);
    expect(book.fillArgb(back)).toBe('FF00B050');
    expect(book.toXml()).toContain('<fills count="4">'); // the green fill is found, not added again
  });

  test('a prefixed stylesheet (x:) gets prefixed additions; a missing one is made', () => {
    const prefixed = StyleBook.parse(STYLES.replace(/<(\/?)(?=[a-zA-Z])/g, '<$1x:').replace('xmlns=', 'xmlns:x='));
    const i = prefixed.withFill(0, 'FFFFEB9C');
    const xml = prefixed.toXml();
    expect(xml).toContain('<x:fgColor rgb="FFFFEB9C"/>');
    expect(prefixed.fillArgb(i)).toBe('FFFFEB9C');
    const none = StyleBook.parse(null);
    const j = none.withFill(0, 'FFFFC7CE');
    expect(j).toBe(1);
    const made = none.toXml();
    expect(made).toMatch(/<fills count="3"><fill><patternFill patternType="none"\/><\/fill><fill><patternFill patternType="gray125"\/>/);
    expect(made.indexOf('<fills')).toBeLessThan(made.indexOf('<cellXfs'));
  });
});

describe('restyleCells', () => {
  const edits = (list: [number, number][]): CellEdits => {
    const m: CellEdits = new Map();
    for (const [r, c] of list) {
      const row = m.get(r) ?? new Map();
      row.set(c, (s: number) => s + 100);
      m.set(r, row);
    }
    return m;
  };

  test('existing cells restyled, blank cells and rows added in order, nothing else touched', () => {
    const xml = '<worksheet><cols><col min="3" max="3" style="7"/></cols><sheetData><row r="2" spans="1:2"><c r="A2" s="1"><v>1</v></c><c r="B2" t="s"><v>0</v></c></row><row r="5"><c r="D5"><v>4</v></c></row></sheetData><mergeCells/></worksheet>';
    const out = restyleCells(xml, edits([[1, 1], [1, 2], [0, 0], [4, 0], [7, 3]]));
    expect(out).toBe(
      '<worksheet><cols><col min="3" max="3" style="7"/></cols><sheetData><row r="1"><c r="A1" s="100"/></row><row r="2"><c r="A2" s="1"><v>1</v></c><c r="B2" t="s" s="100"><v>0</v></c><c r="C2" s="107"/></row>' +
        '<row r="5"><c r="A5" s="100"/><c r="D5"><v>4</v></c></row><row r="8"><c r="D8" s="100"/></row></sheetData><mergeCells/></worksheet>',
    );
  });

  test('rows and cells placed by position only get their address before anything is added', () => {
    const xml = '<x:worksheet xmlns:x="m"><x:sheetData><x:row><x:c><x:v>1</x:v></x:c><x:c s="2"><x:v>2</x:v></x:c></x:row><x:row><x:c><x:v>3</x:v></x:c></x:row></x:sheetData></x:worksheet>';
    const out = restyleCells(xml, edits([[0, 1], [1, 0]]));
    expect(out).toBe('<x:worksheet xmlns:x="m"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c s="102" r="B1"><x:v>2</x:v></x:c></x:row><x:row r="2"><x:c r="A2" s="100"><x:v>3</x:v></x:c></x:row></x:sheetData></x:worksheet>');
  });

  test('an empty sheet (<sheetData/>) gets its rows', () => {
    expect(restyleCells('<worksheet><sheetData/></worksheet>', edits([[2, 1]]))).toBe('<worksheet><sheetData><row r="3"><c r="B3" s="100"/></row></sheetData></worksheet>');
  });
});

describe('patchNotes', () => {
  let next = 2048;
  const ids = () => ++next;

  test('a note of its own: a comment, our author, a hidden VML shape at the cell', () => {
    const p = patchNotes(null, null, [{ row: 4, col: 7, text: '【绩效自评助手】得分应为 5' }], true, ids);
    expect(p.added).toBe(1);
    expect(p.comments).toContain(`<author>${NOTE_AUTHOR}</author>`);
    expect(p.comments).toMatch(/<comment ref="H5" authorId="0"><text><r>.*【绩效自评助手】得分应为 5<\/t><\/r><\/text><\/comment>/);
    expect(p.vml).toMatch(/<x:Row>4<\/x:Row><x:Column>7<\/x:Column>/);
    expect(p.vml).toContain('visibility:hidden');
  });

  test('a user’s note keeps its text and formatting; ours goes below it, and comes off again', () => {
    const theirs = '<comments xmlns="m"><authors><author>张三</author></authors><commentList><comment ref="B2" authorId="0"><text><r><rPr><b/></rPr><t>财务科：已核</t></r></text></comment></commentList></comments>';
    const vml = '<xml><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout><v:shape id="_x0000_s1025"><x:ClientData ObjectType="Note"><x:Row>1</x:Row><x:Column>1</x:Column></x:ClientData></v:shape></xml>';
    const first = patchNotes(theirs, vml, [{ row: 1, col: 1, text: '【绩效自评助手】缺少偏差原因' }], true, ids);
    expect(first.added).toBe(0);
    expect(first.comments).toContain('<r><rPr><b/></rPr><t>财务科：已核</t></r><r>');
    expect(first.comments).toContain('\n\n【绩效自评助手】缺少偏差原因');
    expect(first.vml).toBe(vml);
    const again = patchNotes(first.comments, first.vml, [], true, ids);
    expect([...again.stripped]).toEqual(['B2']);
    expect(again.comments).toBe(theirs); // exactly the user's comment again
    expect(again.vml).toBe(vml);
  });

  test('a note that was only ours goes, with its shape; other shapes stay', () => {
    const made = patchNotes(null, null, [{ row: 0, col: 0, text: '【绩效自评助手】甲' }, { row: 2, col: 2, text: '【绩效自评助手】乙' }], true, ids);
    const gone = patchNotes(made.comments, made.vml, [{ row: 2, col: 2, text: '【绩效自评助手】丙' }], true, ids);
    expect(gone.comments).not.toContain('甲');
    expect(gone.comments).toContain('丙');
    expect(gone.vml.match(/<v:shape /g)).toHaveLength(1);
    expect(gone.vml).toMatch(/<x:Row>2<\/x:Row><x:Column>2<\/x:Column>/);
  });
});
