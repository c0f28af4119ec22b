// Throughput of PE.SCORE's engine (exact decimal) against the same rules in plain JS floats.
// Usage: npx tsc -p tsconfig.node.json && node bench/score-bench.mjs
// PE_ENGINE_API=/path/to/api.js points it at another build (e.g. a standalone compile of src/core).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const API_PATH = process.env.PE_ENGINE_API ?? path.join(here, '..', 'dist', 'node', 'core', 'api.js');
const N = 100_000;

/** Deterministic PRNG so every run scores the same inputs. */
function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FULL = (s) => s.replace(/[0-9%.,<>=]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const QUAL = [['达标', '达标'], ['达标', '基本达标'], ['合格', '不合格'], ['建立', '未建立'], ['有效提升', '明显提升'],
  ['运转正常，无负面影响', '运转正常，无负面影响'], ['满意', '基本满意']];
const UNITS = ['人', '人次', '场', '个', '户', '项', '万元', '天', '次'];

/** 100,000 mixed inputs as people type them in 绩效自评表. */
export function buildInputs(n = N, seed = 20240601) {
  const rnd = mulberry32(seed);
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const out = [];
  for (let i = 0; i < n; i++) {
    const w = pick([5, 10, 5, 10, 15, 20, 2.5, 3]);
    const r = rnd();
    if (r < 0.2) { // percent, 正向
      const t = int(80, 100);
      out.push({ target: `${pick(['≥', '', '不低于', '>='])}${t}%`, actual: `${(int(600, 1000) / 10).toString()}%`, weight: w });
    } else if (r < 0.3) { // percent-formatted cells arrive as fractions
      out.push({ target: int(80, 100) / 100, actual: int(600, 1000) / 1000, weight: w });
    } else if (r < 0.45) { // counts with units and thousands separators
      const u = pick(UNITS);
      const t = int(5, 3000);
      out.push({ target: `${pick(['', '≥', '不少于'])}${t.toLocaleString('en-US')}${u}`, actual: `${int(Math.floor(t * 0.6), Math.ceil(t * 1.5)).toLocaleString('en-US')}${u}`, weight: w });
    } else if (r < 0.55) { // full-width
      const t = int(80, 100);
      out.push({ target: FULL(`≥${t}%`), actual: FULL(`${int(70, 100)}%`), weight: w });
    } else if (r < 0.7) { // 反向
      const t = int(1, 60);
      const u = pick(['天', '小时', '万元', '%', '']);
      out.push({ target: `${pick(['≤', '不超过', '<=', '不高于'])}${t}${u}`, actual: `${int(0, t * 2)}${u}`, weight: w });
    } else if (r < 0.75) { // 反向 given as the direction argument
      out.push({ target: int(1, 60), actual: int(0, 120), weight: w, direction: '反向' });
    } else if (r < 0.85) { // ranges
      if (rnd() < 0.5) out.push({ target: '90%-100%', actual: `${int(70, 110)}%`, weight: w });
      else { const lo = int(3, 10); out.push({ target: `${lo}~${lo + int(1, 5)}天`, actual: `${int(1, 20)}天`, weight: w }); }
    } else if (r < 0.97) { // qualitative
      const [t, a] = pick(QUAL);
      out.push({ target: t, actual: a, weight: w });
    } else { // 按实
      out.push({ target: pick(['按实', '据实']), actual: pick(['按实', `${int(1, 100)}人`, '完成']), weight: w });
    }
  }
  return out;
}

// ---- the same rules in plain floats (what a naive spreadsheet macro would do)
const FW = /[\uff01-\uff5e]/g;
const QUAL_FLOAT = { 达标: 1, 基本达标: 0.7, 不合格: 0.3, 未建立: 0.3, 明显提升: 1, 基本满意: 0.7, '运转正常，无负面影响': 1 };
function floatParse(x) {
  if (typeof x === 'number') return { op: '', v: x, pct: false };
  const s = x.replace(FW, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/,/g, '');
  const m = /^(≥|>=|不低于|不少于|≤|<=|不超过|不高于)?(-?\d+(?:\.\d+)?)(%)?(?:[-~](\d+(?:\.\d+)?)%?)?/.exec(s);
  if (!m) return null;
  const f = m[3] ? 100 : 1;
  return { op: m[1] ?? '', v: parseFloat(m[2]) / f, hi: m[4] === undefined ? undefined : parseFloat(m[4]) / f, pct: !!m[3] };
}
function floatScore({ target, actual, weight: w, direction }) {
  if (typeof target === 'string' && (target === '按实' || target === '据实')) return w;
  const t = floatParse(target);
  const a = floatParse(actual);
  if (!t || !a) return Math.round(w * (QUAL_FLOAT[actual] ?? 0) * 100) / 100;
  let av = a.v;
  if (t.pct && !a.pct && av > 1) av /= 100;
  const reverse = direction === '反向' || /≤|<=|不超过|不高于/.test(t.op);
  let s;
  if (t.hi !== undefined) s = av < t.v ? w * Math.max(av, 0) / t.v : av > t.hi ? Math.max(0, w * (1 - (av - t.hi) / t.hi)) : w;
  else if (reverse) s = av <= t.v ? w : t.v <= 0 ? 0 : av >= 2 * t.v ? 0 : w * (1 - (av - t.v) / t.v);
  else s = av >= t.v || t.v <= 0 ? w : w * Math.max(av, 0) / t.v;
  return Math.round(s * 100) / 100;
}

function timeRun(fn, inputs) {
  const start = process.hrtime.bigint();
  let sink = 0;
  for (let i = 0; i < inputs.length; i++) sink += fn(inputs[i]);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { perSec: inputs.length / seconds, sink };
}

/** Runs both and returns evaluations per second; best of a few rounds after warm-up. */
export function runScoreBench({ rounds = 3, log = false } = {}) {
  const { scoreIndicator } = require(API_PATH);
  const inputs = buildInputs();
  const exact = (c) => scoreIndicator(c.target, c.actual, c.weight, c.direction);
  // Every input must score: a thrown PeInputError would make the figure meaningless.
  for (const c of inputs.slice(0, 2000)) exact(c);
  timeRun(exact, inputs.slice(0, 20_000));
  timeRun(floatScore, inputs.slice(0, 20_000));
  let exactPerSec = 0;
  let floatPerSec = 0;
  for (let r = 0; r < rounds; r++) {
    exactPerSec = Math.max(exactPerSec, timeRun(exact, inputs).perSec);
    floatPerSec = Math.max(floatPerSec, timeRun(floatScore, inputs).perSec);
  }
  const ratio = exactPerSec / floatPerSec;
  if (log) {
    const fmt = (n) => Math.round(n).toLocaleString('en-US');
    console.log(`inputs:              ${inputs.length.toLocaleString('en-US')} (engine: ${API_PATH})`);
    console.log(`exact (decimal.js):  ${fmt(exactPerSec)} evaluations/s`);
    console.log(`plain JS floats:     ${fmt(floatPerSec)} evaluations/s`);
    console.log(`ratio exact/float:   ${ratio.toFixed(3)}`);
  }
  return { exactPerSec, floatPerSec, ratio };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  runScoreBench({ log: true });
}
