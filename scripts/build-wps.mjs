// npm run build:wps (and npm run build): the WPS 加载项's deployment files from the add-in folder that
// webpack wrote (dist/wps/pe-self-check/), the way the official wpsjs tool lays them out
// (wpsjs build / publish: an online folder, an offline .7z holding <name>_<version>/), without its
// interactive prompts, so it runs in CI and offline:
//   dist/wps/pe-self-check/          the add-in: host it on an intranet http(s) server (online mode)
//   dist/wps/jsplugins.xml           online mode: oem.ini JSPluginsServer points here (WPS_ADDIN_URL)
//   dist/wps/pe-self-check.7z        offline package: pe-self-check_<version>/ + publish.xml
//   dist/wps/jsplugins-offline.xml   offline mode: a file:// URL of the .7z (WPS_ADDIN_7Z)
//   dist/wps/publish.xml             the entry wpsjs writes beside jsaddons/<name>_<version>/
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ADDIN = 'pe-self-check';

const xmlAttr = (v) => String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function onlineXml(url) {
  return `<jsplugins>\n  <jspluginonline name="${ADDIN}" type="et" url="${xmlAttr(url)}"/>\n</jsplugins>\n`;
}

export function offlineXml(url, version) {
  return `<jsplugins>\n  <jsplugin name="${ADDIN}" type="et" url="${xmlAttr(url)}" version="${xmlAttr(version)}" enable="true"/>\n</jsplugins>\n`;
}

export function publishXml(version) {
  return `<jsplugins>\n  <jsplugin name="${ADDIN}" type="et" url="${ADDIN}_${xmlAttr(version)}" version="${xmlAttr(version)}" enable="enable_dev" install="null" customDomain=""/>\n</jsplugins>\n`;
}

/** 7-Zip from the 7zip-bin package (a binary inside the registry package), made executable in a temp copy. */
function sevenZip() {
  const shipped = require('7zip-bin').path7za;
  const copy = path.join(os.tmpdir(), `pe-7za-${process.pid}${path.extname(shipped)}`);
  fs.copyFileSync(shipped, copy);
  fs.chmodSync(copy, 0o755);
  return copy;
}

export function buildWps(dist = path.join(root, 'dist')) {
  const wpsDir = path.join(dist, 'wps');
  const addin = path.join(wpsDir, ADDIN);
  if (!fs.existsSync(path.join(addin, 'ribbon.xml'))) throw new Error(`${addin} is missing: webpack builds it first (npm run build:wps)`);
  const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  const url = process.env.WPS_ADDIN_URL || `http://服务器地址/${ADDIN}/`;
  const sevenZ = process.env.WPS_ADDIN_7Z || `file:///C:/WPS加载项/${ADDIN}.7z`;
  fs.writeFileSync(path.join(wpsDir, 'jsplugins.xml'), onlineXml(url.endsWith('/') ? url : `${url}/`));
  fs.writeFileSync(path.join(wpsDir, 'jsplugins-offline.xml'), offlineXml(sevenZ, version));
  fs.writeFileSync(path.join(wpsDir, 'publish.xml'), publishXml(version));

  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'pe-wps-'));
  const za = sevenZip();
  try {
    fs.cpSync(addin, path.join(stage, `${ADDIN}_${version}`), { recursive: true });
    fs.writeFileSync(path.join(stage, 'publish.xml'), publishXml(version));
    const out = path.join(wpsDir, `${ADDIN}.7z`);
    fs.rmSync(out, { force: true });
    execFileSync(za, ['a', '-t7z', '-bd', '-y', out, `${ADDIN}_${version}`, 'publish.xml'], { cwd: stage, stdio: 'pipe' });
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
    fs.rmSync(za, { force: true });
  }
  return { wpsDir, version };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { wpsDir } = buildWps(process.argv[2]);
  console.log(`build-wps: ${path.relative(process.cwd(), wpsDir)}/ — ${fs.readdirSync(wpsDir).join(', ')}`);
}
