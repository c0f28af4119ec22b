// The package plumbing of an .xlsx (Open Packaging Conventions, ECMA-376 Part 2): relationship
// parts, [Content_Types].xml, part names, and the XML text helpers the copy writer edits parts
// with. Edits are made on the text, touching only what they must, so every byte of a part that
// is not ours stays as the user's program wrote it.

const ENTITY_RE = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXml(s: string): string {
  return s.replace(ENTITY_RE, (m, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name];
    const code = hex ? parseInt(hex, 16) : Number(dec);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

/** Text or attribute value as XML; characters XML 1.0 cannot hold are dropped. */
export function escapeXml(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 forbids
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** An attribute of a start tag's attribute text (quotes of either kind), decoded. */
const ATTR_RES = new Map<string, RegExp>();

export function attrOf(attrs: string, name: string): string | undefined {
  let re = ATTR_RES.get(name);
  if (!re) ATTR_RES.set(name, (re = new RegExp(`(?:^|\\s)${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const m = re.exec(attrs);
  if (!m) return undefined;
  const v = m[1] ?? m[2];
  return v.includes('&') ? decodeXml(v) : v;
}

/** The tag with the attribute set (replaced where present, added before the end otherwise). */
export function withAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*)(?:"[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, `$1"${escapeXml(value)}"`);
  return tag.replace(/\s*(\/?>)$/, ` ${name}="${escapeXml(value)}"$1`);
}

/** The namespace prefix a part's root element uses ('' or e.g. 'x:'): edits must write the same. */
export function rootPrefix(xml: string, local: string): string {
  const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${local}[\\s>]`).exec(xml);
  return m?.[1] ?? '';
}

// ---------------------------------------------------------------------------------------------
// Relationships

export const REL = {
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  comments: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments',
  vmlDrawing: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing',
  calcChain: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain',
  vbaProject: 'http://schemas.microsoft.com/office/2006/relationships/vbaProject',
};

export const CONTENT_TYPE = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing',
  workbook: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
};

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
  /** The whole element, for removal. */
  tag: string;
}

export function parseRels(xml: string | null): Relationship[] {
  if (!xml) return [];
  const out: Relationship[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*?)\/?>(?:\s*<\/(?:\w+:)?Relationship>)?/g)) {
    const id = attrOf(m[1], 'Id');
    const type = attrOf(m[1], 'Type');
    const target = attrOf(m[1], 'Target');
    if (id === undefined || type === undefined || target === undefined) continue;
    out.push({ id, type, target, external: attrOf(m[1], 'TargetMode') === 'External', tag: m[0] });
  }
  return out;
}

/** The relationship part of a part: xl/worksheets/sheet1.xml → xl/worksheets/_rels/sheet1.xml.rels. */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship target as a part name (relative to the source part's folder, or absolute). */
export function resolveTarget(fromPart: string, target: string): string {
  let t = target.split('#')[0];
  try {
    t = decodeURIComponent(t);
  } catch {
    /* left as written */
  }
  const base = t.startsWith('/') ? [] : fromPart.split('/').slice(0, -1);
  for (const seg of t.replace(/^\/+/, '').split('/')) {
    if (seg === '..') base.pop();
    else if (seg !== '.' && seg !== '') base.push(seg);
  }
  return base.join('/');
}

/** The target to write in a relationship from `fromPart` to `toPart` (same folder or below: relative). */
export function relativeTarget(fromPart: string, toPart: string): string {
  const from = fromPart.split('/').slice(0, -1);
  const to = toPart.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}

const EMPTY_RELS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';

/** Adds a relationship; returns the new part text and the id given (rIdN, unused in the part). */
export function addRel(xml: string | null, type: string, target: string): { xml: string; id: string } {
  const base = xml && /<\/(?:\w+:)?Relationships>/.test(xml) ? xml : EMPTY_RELS;
  const used = new Set(parseRels(base).map((r) => r.id));
  let n = used.size + 1;
  while (used.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const prefix = rootPrefix(base, 'Relationships');
  const tag = `<${prefix}Relationship Id="${id}" Type="${escapeXml(type)}" Target="${escapeXml(target)}"/>`;
  return { xml: base.replace(/<\/((?:\w+:)?Relationships)>/, `${tag}</$1>`), id };
}

export function removeRels(xml: string, ids: ReadonlySet<string>): string {
  let out = xml;
  for (const r of parseRels(xml)) if (ids.has(r.id)) out = out.replace(r.tag, '');
  return out;
}

// ---------------------------------------------------------------------------------------------
// [Content_Types].xml

export function addOverride(xml: string, part: string, type: string): string {
  const name = `/${part}`;
  const prefix = rootPrefix(xml, 'Types');
  const tag = `<${prefix}Override PartName="${escapeXml(name)}" ContentType="${escapeXml(type)}"/>`;
  const without = removeOverride(xml, part);
  return without.replace(/<\/((?:\w+:)?Types)>/, `${tag}</$1>`);
}

export function removeOverride(xml: string, part: string): string {
  const name = `/${part}`.toLowerCase();
  return xml.replace(/<(?:\w+:)?Override\b([^>]*?)\/?>(?:\s*<\/(?:\w+:)?Override>)?/g, (tag, attrs: string) =>
    (attrOf(attrs, 'PartName') ?? '').toLowerCase() === name ? '' : tag,
  );
}

/** Makes sure parts ending in `ext` have a content type (a Default for the extension when none is declared). */
export function ensureDefault(xml: string, ext: string, type: string): string {
  for (const m of xml.matchAll(/<(?:\w+:)?Default\b([^>]*?)\/?>/g)) {
    if ((attrOf(m[1], 'Extension') ?? '').toLowerCase() === ext) return xml;
  }
  const prefix = rootPrefix(xml, 'Types');
  const tag = `<${prefix}Default Extension="${ext}" ContentType="${escapeXml(type)}"/>`;
  // Defaults come before Overrides (ECMA-376 Part 2, CT_Types is a choice, but Office writes them first).
  return xml.replace(/(<(?:\w+:)?Types\b[^>]*>)/, `$1${tag}`);
}

/** The content type declared for a part (its Override, else its extension's Default). */
export function contentTypeOf(xml: string, part: string): string | null {
  const name = `/${part}`.toLowerCase();
  for (const m of xml.matchAll(/<(?:\w+:)?Override\b([^>]*?)\/?>/g)) {
    if ((attrOf(m[1], 'PartName') ?? '').toLowerCase() === name) return attrOf(m[1], 'ContentType') ?? null;
  }
  const ext = part.slice(part.lastIndexOf('.') + 1).toLowerCase();
  for (const m of xml.matchAll(/<(?:\w+:)?Default\b([^>]*?)\/?>/g)) {
    if ((attrOf(m[1], 'Extension') ?? '').toLowerCase() === ext) return attrOf(m[1], 'ContentType') ?? null;
  }
  return null;
}

/** Inserts `text` before the first of `followers` (elements that must come after it), else before `close`. */
export function insertBefore(xml: string, text: string, followers: readonly string[], close: string): string {
  let at = -1;
  for (const f of followers) {
    const m = new RegExp(`<(?:\\w+:)?${f}[\\s>/]`).exec(xml);
    if (m && (at < 0 || m.index < at)) at = m.index;
  }
  if (at < 0) {
    const m = new RegExp(`</(?:\\w+:)?${close}>`).exec(xml);
    if (!m) return xml;
    at = m.index;
  }
  return xml.slice(0, at) + text + xml.slice(at);
}
