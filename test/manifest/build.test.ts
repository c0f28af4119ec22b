// Language levels of what the add-in ships: functions.js and start.js must parse as ES5 (Office
// shows add-ins with <Runtimes> in Internet Explorer 11 where WebView2 is missing:
// https://learn.microsoft.com/javascript/api/manifest/runtimes), the pane as ES2017.
// `npm run build` runs scripts/check-bundles.mjs on dist/; these tests check the sources, the
// down-level loader and, when dist/ exists, the built bundles.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import * as acorn from 'acorn';

const root = path.resolve(__dirname, '..', '..');
const startJs = fs.readFileSync(path.join(root, 'src/start/start.js'), 'utf8');

function parses(source: string, ecmaVersion: 5 | 2017 | 2020, sourceType: 'script' | 'module' = 'script'): boolean {
  try {
    acorn.parse(source, { ecmaVersion, sourceType });
    return true;
  } catch {
    return false;
  }
}

/** A tiny DOM: just what start.js touches. */
function fakeDom(userAgent: string, documentMode?: number) {
  type El = { id: string; style: Record<string, string>; attrs: Record<string, string>; children: El[]; text: string };
  const make = (id = ''): El => ({ id, style: {}, attrs: {}, children: [], text: '' });
  const container = make('container');
  const legacy = make('pe-legacy');
  const body = make('body');
  body.children.push(container, legacy);
  const api = (el: El): unknown => ({
    get id() {
      return el.id;
    },
    set id(v: string) {
      el.id = v;
    },
    style: el.style,
    setAttribute: (k: string, v: string) => (el.attrs[k] = v),
    appendChild: (child: { __el: El }) => el.children.push(child.__el),
    __el: el,
  });
  const document = {
    readyState: 'complete',
    documentMode,
    body: api(body),
    getElementById: (id: string) => (id === 'container' ? api(container) : id === 'pe-legacy' ? api(legacy) : null),
    createElement: () => api(make()),
    createTextNode: (t: string) => ({ __el: { ...make(), text: t } }),
    addEventListener: () => undefined,
  };
  const window: Record<string, unknown> = { navigator: { userAgent } };
  const textOf = (el: El): string => el.text + el.children.map(textOf).join('\n');
  return { context: { window, document }, container, legacy, text: () => textOf(legacy) };
}

const IE11 = 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; ms-office; MSOffice 16) like Gecko';
const EDGE_WEBVIEW2 = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0';

describe('start page (IE11 / Trident notice)', () => {
  it('is ES5 (no let/const/arrow functions): it must run in Internet Explorer 11', () => {
    expect(parses(startJs, 5)).toBe(true);
    // The check itself can fail: the same parser rejects ES2015 syntax.
    expect(parses('const a = () => 1;', 5)).toBe(false);
  });

  it('on Trident hides the pane and says in Chinese what to install', () => {
    const dom = fakeDom(IE11);
    vm.runInNewContext(startJs, dom.context);
    expect(dom.container.style.display).toBe('none');
    const text = dom.text();
    expect(text).toContain('Internet Explorer 11');
    expect(text).toContain('Microsoft Edge WebView2');
    expect(text).toContain('网页版 Excel');
    expect(text).toMatch(/PE\.\* 函数.*仍可使用/);
    expect(dom.legacy.attrs.role).toBe('alert');
    expect(dom.context.window.__PE_LEGACY_WEBVIEW__).toBe(true);
  });

  it('documentMode alone (IE11 in any UA mode) is enough', () => {
    const dom = fakeDom('Mozilla/5.0 (compatible)', 11);
    vm.runInNewContext(startJs, dom.context);
    expect(dom.text()).toContain('WebView2');
  });

  it('does nothing in WebView2 / Chromium', () => {
    const dom = fakeDom(EDGE_WEBVIEW2);
    vm.runInNewContext(startJs, dom.context);
    expect(dom.container.style.display).toBeUndefined();
    expect(dom.text()).toBe('');
    expect(dom.context.window.__PE_LEGACY_WEBVIEW__).toBe(false);
  });
});

describe('down-level loader for dependencies (tools/ts-downlevel-loader.cjs)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loader = require(path.join(root, 'tools/ts-downlevel-loader.cjs')) as (this: unknown, src: string) => void;
  function run(source: string, target: 'es5' | 'es2017'): string {
    let out = '';
    loader.call({ getOptions: () => ({ target }), resourcePath: '/x/node_modules/dep/index.js', callback: (_e: unknown, code: string) => (out = code) }, source);
    return out;
  }
  const modern = 'export const f = (o) => ({ ...o, a: o?.b ?? 1 }); try { f(); } catch { }';

  it('lowers ES2020 syntax to ES2017 and ES5', () => {
    expect(parses(modern, 2017, 'module')).toBe(false);
    const es2017 = run(modern, 'es2017');
    expect(parses(es2017, 2017, 'module')).toBe(true);
    const es5 = run(modern, 'es5').replace(/^export /m, '');
    expect(parses(es5, 5)).toBe(true);
  });

  it('leaves code that already parses at the target untouched', () => {
    const es5 = 'var x = 1; module.exports = function () { return x; };';
    expect(run(es5, 'es5')).toBe(es5);
  });
});

const dist = path.join(root, 'dist');
const built = fs.existsSync(path.join(dist, 'functions.js')) && fs.existsSync(path.join(dist, 'taskpane.js'));
(built ? describe : describe.skip)('built bundles (dist/, after npm run build)', () => {
  it('functions.js is ES5 and registers the six PE functions', () => {
    const js = fs.readFileSync(path.join(dist, 'functions.js'), 'utf8');
    expect(parses(js, 5)).toBe(true);
    for (const id of ['EXECRATE', 'EXECSCORE', 'SCORE', 'GRADE', 'DEVIATION', 'NEEDREASON']) expect(js).toContain(`"${id}"`);
  });
  it('functions.js computes without the ES2015+ built-ins Internet Explorer 11 lacks', () => {
    const associated: Record<string, (...a: unknown[]) => unknown> = {};
    class CfError {
      constructor(public code: string, public message: string) {}
    }
    const context: Record<string, unknown> = {
      CustomFunctions: { associate: (id: string, f: (...a: unknown[]) => unknown) => (associated[id] = f), Error: CfError, ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' } },
    };
    context.window = context;
    context.self = context;
    vm.createContext(context);
    // IE11 has ES5 plus Map/Set/WeakMap basics: no Symbol, no iterators, none of these.
    vm.runInContext(
      `var strip = [[String.prototype, ['startsWith', 'endsWith', 'includes', 'padStart', 'repeat', 'codePointAt']],
         [Array.prototype, ['find', 'findIndex', 'includes', 'fill', 'flat', Symbol.iterator]], [Array, ['from', 'of']],
         [Object, ['entries', 'values', 'assign']], [Number, ['isFinite', 'isNaN', 'isInteger']], [Math, ['sign', 'trunc']]];
       for (var i = 0; i < strip.length; i++) for (var j = 0; j < strip[i][1].length; j++) delete strip[i][0][strip[i][1][j]];
       this.Symbol = undefined; this.Promise = undefined;`,
      context,
    );
    expect(vm.runInContext('typeof "".startsWith + typeof Number.isFinite + typeof Symbol', context)).toBe('undefinedundefinedundefined');
    vm.runInContext(fs.readFileSync(path.join(dist, 'functions.js'), 'utf8'), context);
    expect(Object.keys(associated).sort()).toEqual(['DEVIATION', 'EXECRATE', 'EXECSCORE', 'GRADE', 'NEEDREASON', 'SCORE']);
    expect(associated.SCORE('≥90%', '70%', 5)).toBe(3.89);
    expect(associated.EXECSCORE(8268.91, '6558.23（含公共专项2756.07）')).toBe(7.93);
    expect(associated.GRADE(96.55)).toBe('优');
    expect(associated.NEEDREASON(4, 6, 5)).toBe(true);
    let thrown: unknown = null;
    try {
      associated.SCORE('≥90%', null, 5);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toMatchObject({ code: '#N/A', message: '实际完成值为空' });
  });

  it('taskpane.js is ES2017 and start.js ES5', () => {
    expect(parses(fs.readFileSync(path.join(dist, 'taskpane.js'), 'utf8'), 2017)).toBe(true);
    expect(parses(fs.readFileSync(path.join(dist, 'start.js'), 'utf8'), 5)).toBe(true);
  });
  it('taskpane.html loads start.js, then functions.js, then the pane', () => {
    const html = fs.readFileSync(path.join(dist, 'taskpane.html'), 'utf8');
    const order = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)/g)].map((m) => m[1]);
    const at = (f: string) => order.findIndex((s) => s.endsWith(f));
    expect(at('start.js')).toBeGreaterThanOrEqual(0);
    expect(at('start.js')).toBeLessThan(at('functions.js'));
    expect(at('functions.js')).toBeLessThan(at('taskpane.js'));
    expect(fs.existsSync(path.join(dist, 'help.html'))).toBe(true);
  });
});
