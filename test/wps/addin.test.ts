// The WPS 加载项 as WPS loads it: the ribbon callbacks (synchronous, one pane reused, the request left
// for the pane), and `npm run build:wps` run here, offline: ribbon.xml a customUI without an XML
// declaration, every file the pages and the deployment files name present, ES2018, the .7z's layout.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { FakeWps } from '../fakes/fakeWps';
import { PANE_ID_KEY, REQUEST_KEY, createRibbon, paneUrl } from '../../src/wps/ribbon';
import type { WpsApplication, WpsFunctionsRoot } from '../../src/wps/wpsApi';

const root = path.resolve(__dirname, '../..');

function app(withFunctions: boolean) {
  const fake = new FakeWps({ sheets: [], settings: {}, notes: [], comments: [] });
  const functions: string[] = [];
  const root = fake as unknown as WpsApplication & WpsFunctionsRoot;
  if (withFunctions) root.AddCustomFunction = (_ns, name) => void functions.push(name);
  return { fake, root, functions };
}

describe('ribbon callbacks', () => {
  test('校验 opens the pane once (its id in PluginStorage) and leaves a new request each click; 清除标记 too', () => {
    const { fake, root } = app(true);
    const ribbon = createRibbon(root, () => 'http://intranet/pe-self-check/index.html?x=1#a');
    expect(ribbon.OnAction({ Id: 'peCheck' })).toBe(true);
    expect(fake.taskPanes).toEqual([{ ID: 1, Visible: true, url: 'http://intranet/pe-self-check/taskpane.html' }]);
    expect(fake.PluginStorage.getItem(PANE_ID_KEY)).toBe(1);
    expect(JSON.parse(String(fake.PluginStorage.getItem(REQUEST_KEY)))).toEqual({ action: 'check', seq: 1 });
    fake.taskPanes[0].Visible = false;
    ribbon.OnAction({ Id: 'peClear' });
    expect(fake.taskPanes).toHaveLength(1);
    expect(fake.taskPanes[0].Visible).toBe(true);
    expect(JSON.parse(String(fake.PluginStorage.getItem(REQUEST_KEY)))).toEqual({ action: 'clear', seq: 2 });
    // callbacks return plain values, never promises (an async callback stops WPS showing the ribbon)
    for (const v of [ribbon.OnAddinLoad(), ribbon.OnAction({ Id: 'other' }), ribbon.GetImage({ Id: 'peClear' }), ribbon.OnGetEnabled()]) expect(v).not.toBeInstanceOf(Promise);
  });

  test('OnAddinLoad registers PE.* where WPS can, and is harmless where it cannot', () => {
    const a = app(true);
    createRibbon(a.root, () => 'file:///x/index.html').OnAddinLoad();
    expect(a.functions).toEqual(['EXECRATE', 'EXECSCORE', 'SCORE', 'GRADE', 'DEVIATION', 'NEEDREASON']);
    const b = app(false);
    expect(createRibbon(b.root, () => 'file:///x/index.html').OnAddinLoad()).toBe(true);
  });

  test('the pane sits beside the add-in page, online or offline', () => {
    expect(paneUrl('file:///C:/Users/a/AppData/Roaming/kingsoft/wps/jsaddons/pe-self-check_0.1.0/index.html')).toBe(
      'file:///C:/Users/a/AppData/Roaming/kingsoft/wps/jsaddons/pe-self-check_0.1.0/taskpane.html',
    );
  });
});

describe('npm run build:wps', () => {
  jest.setTimeout(240000);

  test('builds offline; the output is what WPS needs', () => {
    const r = spawnSync('npm', ['run', '-s', 'build:wps'], { cwd: root, encoding: 'utf8', env: { ...process.env, WPS_ADDIN_URL: 'http://10.0.0.8/addins/pe-self-check' } });
    expect(r.stderr.split('\n').filter((l) => /error/i.test(l))).toEqual([]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('check-bundles: wps');
    const wps = path.join(root, 'dist', 'wps');
    const ribbon = fs.readFileSync(path.join(wps, 'pe-self-check', 'ribbon.xml'), 'utf8');
    expect(ribbon.startsWith('<customUI ')).toBe(true);
    expect(XMLValidator.validate(ribbon)).toBe(true);
    expect(ribbon).toContain('label="校验"');
    expect(ribbon).toContain('label="清除标记"');
    for (const f of ['jsplugins.xml', 'jsplugins-offline.xml', 'publish.xml']) expect(XMLValidator.validate(fs.readFileSync(path.join(wps, f), 'utf8'))).toBe(true);
    expect(fs.readFileSync(path.join(wps, 'jsplugins.xml'), 'utf8')).toContain('url="http://10.0.0.8/addins/pe-self-check/"');
    // the offline package: <name>_<version>/ with every file of the online folder, and publish.xml
    const za = path.join(os.tmpdir(), `7za-${process.pid}`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    fs.copyFileSync(require('7zip-bin').path7za, za);
    fs.chmodSync(za, 0o755);
    try {
      const list = execFileSync(za, ['l', '-slt', path.join(wps, 'pe-self-check.7z')], { encoding: 'utf8' });
      const names = [...list.matchAll(/^Path = (.+)$/gm)].map((m) => m[1]).filter((n) => !n.endsWith('.7z'));
      const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
      const online = fs.readdirSync(path.join(wps, 'pe-self-check'), { recursive: true }).map(String);
      for (const f of online) expect(names).toContain(path.posix.join(`pe-self-check_${version}`, f.split(path.sep).join('/')));
      expect(names).toContain('publish.xml');
    } finally {
      fs.rmSync(za, { force: true });
    }
  });
});
