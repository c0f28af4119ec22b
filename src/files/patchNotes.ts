// Our notes in the user's package: the sheet's comments part (ECMA-376 Part 1 §18.7, CT_Comments)
// and the VML shapes Excel and WPS draw them with (the legacy drawing, [MS-OI29500] §2.1.1558 and
// the VML note anchor of ECMA-376 Part 4 §19, ClientData ObjectType="Note"). A note the user wrote
// stays theirs: ours is added below it as its own text run, and taken off again (that run only)
// when one of our copies is checked again. Notes that are not ours are copied as they are.
import { NOTE_PREFIX } from '../core/highlight';
import { cutText } from '../core/limits';
import { a1, columnIndex } from '../core/address';
import { attrOf, decodeXml, escapeXml, rootPrefix } from './opc';

export const NOTE_AUTHOR = '绩效自评助手';

export interface NoteToWrite {
  row: number;
  col: number;
  text: string;
}

export interface NotesPatch {
  comments: string;
  vml: string;
  /** Cells whose note of ours was taken off (A1 addresses). */
  stripped: Set<string>;
  /** Shapes added to the VML: a new VML part needs the idmap blocks they use. */
  added: number;
}

const EMPTY_COMMENTS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors></authors><commentList></commentList></comments>';

const SHAPETYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

/** A new legacy drawing whose shape ids come from the given 1,024-id blocks. */
export function emptyVml(blocks: number[]): string {
  return (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${blocks.join(',')}"/></o:shapelayout>${SHAPETYPE}</xml>`
  );
}

/** The 1,024-id blocks a legacy drawing declares (o:idmap data="1,2"). */
export function vmlBlocks(vml: string): number[] {
  const m = /<o:idmap\b[^>]*\bdata="([^"]*)"/.exec(vml);
  return m ? m[1].split(',').map((x) => Number(x.trim())).filter((n) => Number.isInteger(n) && n > 0) : [];
}

function textOf(commentBody: string): string {
  let s = '';
  for (const m of commentBody.matchAll(/<(?:\w+:)?t\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?t>)/g)) s += decodeXml(m[1] ?? '');
  return s;
}

function run(p: string, text: string): string {
  return `<${p}r><${p}rPr><${p}sz val="9"/><${p}rFont val="宋体"/></${p}rPr><${p}t xml:space="preserve">${escapeXml(text)}</${p}t></${p}r>`;
}

function noteShape(id: number, row: number, col: number): string {
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:220pt;height:90pt;z-index:${id};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col + 1}, 15, ${Math.max(0, row - 1)}, 10, ${col + 4}, 15, ${row + 5}, 4</x:Anchor>` +
    `<x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`
  );
}

const SHAPE_RE = /<v:shape\b[^>]*>[\s\S]*?<\/v:shape>/g;

/** A note shape's cell: "row,col" (0-based), or null for a shape that is not a note. */
function shapeCell(shape: string): string | null {
  if (!/ObjectType\s*=\s*"Note"/.test(shape)) return null;
  const r = /<x:Row>\s*(\d+)\s*<\/x:Row>/.exec(shape);
  const c = /<x:Column>\s*(\d+)\s*<\/x:Column>/.exec(shape);
  return r && c ? `${r[1]},${c[1]}` : null;
}

/**
 * The comments and VML parts with our previous notes taken off (`strip`) and `notes` added.
 * `ids` hands out shape ids for new shapes (unique in the workbook).
 */
export function patchNotes(commentsXml: string | null, vmlXml: string | null, notes: NoteToWrite[], strip: boolean, ids: () => number): NotesPatch {
  let xml = commentsXml ?? EMPTY_COMMENTS;
  let vml = vmlXml ?? emptyVml([]);
  const p = rootPrefix(xml, 'comments');
  const stripped = new Set<string>();
  const removedShapes = new Set<string>();
  const commentRe = new RegExp(`<${p}comment\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${p}comment>)`, 'g');

  // Authors: ours is added once.
  const authors = [...xml.matchAll(new RegExp(`<${p}author\\b[^>]*>([\\s\\S]*?)</${p}author>`, 'g'))].map((m) => decodeXml(m[1]));
  let authorId = authors.indexOf(NOTE_AUTHOR);

  // 1. Take our earlier notes off.
  if (strip) {
    xml = xml.replace(commentRe, (whole, attrs: string, body: string | undefined) => {
      const text = textOf(body ?? '');
      const at = text.indexOf(NOTE_PREFIX);
      if (at < 0) return whole;
      const ref = attrOf(attrs, 'ref') ?? '';
      stripped.add(ref);
      const theirs = text.slice(0, at).replace(/\s+$/, '');
      if (!theirs) {
        const m = /^([A-Za-z]{1,3})(\d+)$/.exec(ref);
        if (m) removedShapes.add(`${Number(m[2]) - 1},${columnIndex(m[1])}`);
        return '';
      }
      // Our text is its own run: drop the runs from the one holding our mark on. A note whose
      // runs do not split that way is written back as the user's text alone.
      const runs = (body ?? '').match(new RegExp(`<${p}r\\b[\\s\\S]*?</${p}r>`, 'g')) ?? [];
      const ourRun = runs.findIndex((r) => textOf(r).includes(NOTE_PREFIX));
      const keep = ourRun > 0 && textOf(runs.slice(0, ourRun).join('')).replace(/\s+$/, '') === theirs;
      const textXml = keep ? runs.slice(0, ourRun).join('') : `<${p}t xml:space="preserve">${escapeXml(theirs)}</${p}t>`;
      return whole.replace(new RegExp(`<${p}text\\b[^>]*>[\\s\\S]*</${p}text>`), `<${p}text>${textXml}</${p}text>`);
    });
    if (removedShapes.size) vml = vml.replace(SHAPE_RE, (shape) => (removedShapes.has(shapeCell(shape) ?? '') ? '' : shape));
  }

  // 2. Add ours: below a note the user wrote, or as a note of its own.
  const byRef = new Map(notes.map((n) => [a1(n.row, n.col), n]));
  xml = xml.replace(commentRe, (whole, attrs: string, body: string | undefined) => {
    const ref = attrOf(attrs, 'ref') ?? '';
    const note = byRef.get(ref);
    if (!note) return whole;
    byRef.delete(ref);
    const theirs = textOf(body ?? '');
    const ours = cutText(`${theirs}\n\n${note.text}`).slice(theirs.length);
    if (!ours) return whole;
    if (body === undefined) return `<${p}comment${attrs}><${p}text>${run(p, ours.replace(/^\n+/, ''))}</${p}text></${p}comment>`;
    return whole.replace(new RegExp(`</${p}text>`), `${run(p, ours)}</${p}text>`);
  });
  if (byRef.size) {
    if (authorId < 0) {
      authorId = authors.length;
      const tag = `<${p}author>${escapeXml(NOTE_AUTHOR)}</${p}author>`;
      xml = new RegExp(`<${p}authors\\s*/>`).test(xml)
        ? xml.replace(new RegExp(`<${p}authors\\s*/>`), `<${p}authors>${tag}</${p}authors>`)
        : xml.replace(new RegExp(`</${p}authors>`), `${tag}</${p}authors>`);
    }
    const added: string[] = [];
    const shapes: string[] = [];
    for (const [ref, note] of byRef) {
      added.push(`<${p}comment ref="${ref}" authorId="${authorId}"><${p}text>${run(p, cutText(note.text))}</${p}text></${p}comment>`);
      shapes.push(noteShape(ids(), note.row, note.col));
    }
    xml = new RegExp(`<${p}commentList\\s*/>`).test(xml)
      ? xml.replace(new RegExp(`<${p}commentList\\s*/>`), `<${p}commentList>${added.join('')}</${p}commentList>`)
      : xml.replace(new RegExp(`</${p}commentList>`), `${added.join('')}</${p}commentList>`);
    if (!vml.includes('id="_x0000_t202"')) vml = vml.replace(/(<\/o:shapelayout>)/, `$1${SHAPETYPE}`);
    if (!vml.includes('id="_x0000_t202"')) vml = vml.replace(/<\/xml>\s*$/, `${SHAPETYPE}</xml>`);
    vml = vml.replace(/<\/xml>\s*$/, `${shapes.join('')}</xml>`);
    return { comments: xml, vml, stripped, added: shapes.length };
  }
  return { comments: xml, vml, stripped, added: 0 };
}
