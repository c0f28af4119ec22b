// Local checks of manifest.xml (office-addin-manifest validate needs an online service).
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const root = path.resolve(__dirname, '..', '..');
const xml = fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8');

type Node = { tag: string; attrs: Record<string, string>; children: Node[] };

/** The manifest as a tree of {tag, attrs, children}. */
function tree(): Node {
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true }).parse(xml) as unknown[];
  const convert = (item: Record<string, unknown>): Node | null => {
    const tag = Object.keys(item).find((k) => k !== ':@');
    if (!tag || tag === '?xml' || tag === '#text' || tag === '#comment') return null;
    const children = ((item[tag] as Record<string, unknown>[]) ?? []).map(convert).filter((n): n is Node => n !== null);
    return { tag, attrs: (item[':@'] as Record<string, string>) ?? {}, children };
  };
  return parsed.map((i) => convert(i as Record<string, unknown>)).find((n) => n && n.tag === 'OfficeApp')!;
}

function all(node: Node, out: Node[] = []): Node[] {
  out.push(node);
  for (const c of node.children) all(c, out);
  return out;
}

const nodes = all(tree());
const byTag = (tag: string) => nodes.filter((n) => n.tag === tag);
const resources = new Map(nodes.filter((n) => /^bt:(Image|Url|String)$/.test(n.tag) && n.attrs.id).map((n) => [n.attrs.id, n]));

function pngSize(file: string): [number, number] {
  const buf = fs.readFileSync(file);
  expect(buf.subarray(1, 4).toString('ascii')).toBe('PNG');
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
}

describe('manifest.xml', () => {
  it('is well-formed XML of an add-in-only TaskPaneApp', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    const app = byTag('OfficeApp')[0];
    expect(app.attrs['xsi:type']).toBe('TaskPaneApp');
    expect(byTag('Id')).toHaveLength(1);
    expect(byTag('Permissions')[0].children).toEqual([]);
    expect(xml).toMatch(/<Permissions>ReadWriteDocument<\/Permissions>/);
  });

  it('defines every resid it uses, once', () => {
    const used = nodes.map((n) => n.attrs.resid).filter(Boolean);
    expect(used.length).toBeGreaterThan(5);
    for (const id of used) expect(resources.has(id)).toBe(true);
    const ids = nodes.filter((n) => /^bt:(Image|Url|String)$/.test(n.tag) && n.attrs.id).map((n) => n.attrs.id);
    expect(new Set(ids).size).toBe(ids.length);
    const controlIds = nodes.filter((n) => ['Group', 'Control', 'OfficeTab'].includes(n.tag)).map((n) => n.attrs.id);
    expect(new Set(controlIds).size).toBe(controlIds.length);
  });

  it('uses https for every URL', () => {
    // Every attribute value that looks like a URL (any scheme), and every AppDomain.
    const urls = [...xml.matchAll(/(?:DefaultValue|Value)="([a-z][a-z0-9+.-]*:\/\/[^"]+)"/gi)].map((m) => m[1]);
    const domains = [...xml.matchAll(/<AppDomain>([^<]+)<\/AppDomain>/g)].map((m) => m[1].trim());
    expect(domains.length).toBeGreaterThan(0);
    urls.push(...domains);
    expect(urls.length).toBeGreaterThan(10);
    for (const u of urls) expect(u).toMatch(/^https:\/\//);
    for (const n of nodes.filter((x) => (x.tag === 'bt:Url' || x.tag === 'bt:Image') && x.attrs.id)) {
      expect(n.attrs.DefaultValue).toMatch(/^https:\/\//);
    }
  });

  it('base requirements are only what the pane needs; the runtimes gate the overrides only', () => {
    const app = tree();
    // Base manifest (child of OfficeApp): what Office needs to activate the add-in at all. ExcelApi
    // 1.7 is the newest set of a member the gateway cannot do without (getRangeByIndexes, hyperlink).
    const base = app.children.find((c) => c.tag === 'Requirements')!;
    const baseSets = all(base).filter((n) => n.tag === 'Set').map((n) => [n.attrs.Name, n.attrs.MinVersion]);
    expect(baseSets).toEqual([['ExcelApi', '1.7']]);
    // Inside VersionOverrides: SharedRuntime and CustomFunctionsRuntime, so a host without them
    // (Excel 2019) still activates the pane while the ribbon/functions overrides do not apply.
    const vo = app.children.find((c) => c.tag === 'VersionOverrides')!;
    const voReq = vo.children.find((c) => c.tag === 'Requirements')!;
    expect(voReq).toBeDefined();
    const voSets = all(voReq).filter((n) => n.tag === 'bt:Set').map((n) => [n.attrs.Name, n.attrs.MinVersion]);
    expect(voSets).toEqual([['SharedRuntime', '1.1'], ['CustomFunctionsRuntime', '1.1']]);
    expect(all(voReq).some((n) => n.tag === 'bt:Sets')).toBe(true);
    // Schema order: <Requirements> precedes <Hosts> in VersionOverridesV1_0.
    const order = vo.children.map((c) => c.tag);
    expect(order.indexOf('Requirements')).toBeLessThan(order.indexOf('Hosts'));
    // Sets that may not be declared in a manifest at all (manifest/set remarks).
    for (const n of byTag('Set').concat(byTag('bt:Set'))) expect(n.attrs.Name).not.toMatch(/ExcelApiOnline|Preview/i);
    expect(byTag('Host').some((n) => n.attrs.Name === 'Workbook')).toBe(true);
    expect(byTag('SourceLocation')[0].attrs.DefaultValue).toMatch(/\/taskpane\.html$/);
  });

  it('SupportUrl and LearnMoreUrl point at the help page we ship, not the pane', () => {
    expect(byTag('SupportUrl')[0].attrs.DefaultValue).toMatch(/\/help\.html$/);
    expect(resources.get('GetStarted.LearnMoreUrl')!.attrs.DefaultValue).toMatch(/\/help\.html$/);
    const help = fs.readFileSync(path.join(root, 'src/help/help.html'), 'utf8');
    for (const text of ['WebView2', '另存为', '公式转为数值', '受保护']) expect(help).toContain(text);
  });

  it('declares the PE custom functions in a long-lived shared runtime', () => {
    expect(byTag('Runtime')[0].attrs).toMatchObject({ resid: 'Taskpane.Url', lifetime: 'long' });
    expect(xml).toMatch(/<bt:Set Name="SharedRuntime" MinVersion="1.1"\/>/);
    const cf = nodes.find((n) => n.tag === 'ExtensionPoint' && n.attrs['xsi:type'] === 'CustomFunctions')!;
    const ns = cf.children.find((c) => c.tag === 'Namespace')!;
    expect(resources.get(ns.attrs.resid)!.attrs.DefaultValue).toBe('PE');
    const page = cf.children.find((c) => c.tag === 'Page')!.children[0].attrs.resid;
    expect(page).toBe('Taskpane.Url');
    const metadataId = cf.children.find((c) => c.tag === 'Metadata')!.children[0].attrs.resid;
    const metadata = resources.get(metadataId)!;
    expect(metadata.attrs.DefaultValue).toMatch(/\/functions\.json$/);
    const zh = metadata.children.find((c) => c.tag === 'bt:Override');
    expect(zh?.attrs).toMatchObject({ Locale: 'zh-cn' });
    expect(zh!.attrs.Value).toMatch(/\/functions\.zh-cn\.json$/);
    const script = cf.children.find((c) => c.tag === 'Script')!.children[0].attrs.resid;
    expect(resources.get(script)!.attrs.DefaultValue).toMatch(/\/functions\.js$/);
  });

  it('has Chinese display name, description and ribbon strings', () => {
    for (const tag of ['DisplayName', 'Description']) {
      const o = byTag(tag)[0].children.find((c) => c.tag === 'Override');
      expect(o?.attrs.Locale).toBe('zh-CN');
      expect(o?.attrs.Value).toMatch(/[\u4e00-\u9fff]/);
    }
    const labels = nodes.filter((n) => ['Label', 'Title', 'Description'].includes(n.tag) && n.attrs.resid).map((n) => n.attrs.resid);
    for (const id of labels) {
      const zh = resources.get(id)!.children.find((c) => c.tag === 'bt:Override' && c.attrs.Locale === 'zh-cn');
      expect(zh?.attrs.Value).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('puts one button on the Home tab that shows the task pane', () => {
    const tab = byTag('OfficeTab')[0];
    expect(tab.attrs.id).toBe('TabHome');
    const action = byTag('Action')[0];
    expect(action.attrs['xsi:type']).toBe('ShowTaskpane');
  });

  it('references icons that exist in assets/ at their stated sizes', () => {
    for (const n of nodes.filter((x) => x.tag === 'bt:Image' && x.attrs.id)) {
      const url = n.attrs.DefaultValue;
      const file = path.join(root, 'assets', path.basename(url));
      expect(fs.existsSync(file)).toBe(true);
      const size = Number(/icon-(\d+)\.png$/.exec(url)![1]);
      expect(pngSize(file)).toEqual([size, size]);
    }
    // Each <bt:Image size="N" resid="…"/> of the ribbon points at an N×N picture.
    const sized = nodes.filter((x) => x.tag === 'bt:Image' && x.attrs.size && x.attrs.resid);
    expect(sized.length).toBeGreaterThanOrEqual(3);
    for (const n of sized) {
      const url = resources.get(n.attrs.resid)!.attrs.DefaultValue;
      const px = Number(n.attrs.size);
      expect(pngSize(path.join(root, 'assets', path.basename(url)))).toEqual([px, px]);
    }
    // Office wants a 32×32 IconUrl and a 64×64 HighResolutionIconUrl.
    expect(pngSize(path.join(root, 'assets', path.basename(byTag('IconUrl')[0].attrs.DefaultValue)))).toEqual([32, 32]);
    expect(pngSize(path.join(root, 'assets', path.basename(byTag('HighResolutionIconUrl')[0].attrs.DefaultValue)))).toEqual([64, 64]);
    for (const tag of ['IconUrl', 'HighResolutionIconUrl']) {
      const url = byTag(tag)[0].attrs.DefaultValue;
      const size = Number(/icon-(\d+)\.png$/.exec(url)![1]);
      expect(pngSize(path.join(root, 'assets', path.basename(url)))).toEqual([size, size]);
    }
  });
});

describe('production manifest (webpack with ADDIN_URL)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require(path.join(root, 'webpack.config.js')) as {
    manifestFor: (content: string, url: string) => string;
    productionUrl: () => string;
  };
  const saved = process.env.ADDIN_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.ADDIN_URL;
    else process.env.ADDIN_URL = saved;
  });

  it('moves every URL and the AppDomain to ADDIN_URL', () => {
    process.env.ADDIN_URL = 'https://addins.example.gov.cn/pe';
    const url = config.productionUrl();
    expect(url).toBe('https://addins.example.gov.cn/pe/');
    const prod = config.manifestFor(xml, url);
    expect(prod).not.toContain('localhost');
    expect(XMLValidator.validate(prod)).toBe(true);
    expect(prod).toContain('<AppDomain>https://addins.example.gov.cn</AppDomain>');
    expect(prod).toContain('"https://addins.example.gov.cn/pe/functions.zh-cn.json"');
    expect(prod.replace(/addins\.example\.gov\.cn\/pe\//g, 'localhost:3000/').replace(/addins\.example\.gov\.cn/g, 'localhost:3000')).toBe(xml);
  });

  it('keeps the dev URLs without ADDIN_URL and refuses a non-https ADDIN_URL', () => {
    delete process.env.ADDIN_URL;
    expect(config.manifestFor(xml, config.productionUrl())).toBe(xml);
    process.env.ADDIN_URL = 'http://addins.example.gov.cn/';
    expect(() => config.productionUrl()).toThrow(/https/);
  });
});

describe('built taskpane.html (when dist/ exists)', () => {
  const built = path.join(root, 'dist', 'taskpane.html');
  const src = fs.readFileSync(path.join(root, 'src/taskpane/taskpane.html'), 'utf8');
  it('loads office.js from the CDN and allows nothing else from outside', () => {
    const html = fs.existsSync(built) ? fs.readFileSync(built, 'utf8') : src;
    expect(html).toContain('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
    const csp = /Content-Security-Policy"?\s+content="([^"]+)"/.exec(html)![1];
    const external = [...csp.matchAll(/https?:\/\/[^\s;]+/g)].map((m) => m[0]);
    expect(external).toEqual(['https://appsforoffice.microsoft.com']);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("default-src 'self'");
    const scripts = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)/g)].map((m) => m[1]);
    for (const s of scripts) expect(s.startsWith('https://appsforoffice.microsoft.com/') || !/^(https?:)?\/\//.test(s)).toBe(true);
  });
});
