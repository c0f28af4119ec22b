// PE.* in WPS 表格: the same six functions as in Excel, registered with wps.AddCustomFunction
// (WPS ≥ 12.1.0.20540; addon.et.d.ts: AddCustomFunction(namespace, name, callback, metadata)) where
// the host has it, so =PE.SCORE(…) is the same text in both. They are Excel's functions
// (src/functions/functions.ts, synchronous) with the Chinese descriptions of functions.zh-cn.json.
// An argument the engine refuses throws an Error with the Chinese reason (WPS shows an error value).
import zhMetadata from '../functions/functions.zh-cn.json';
import { deviationOf, execRate, execScore, gradeOf, needReason, score } from '../functions/functions';
import type { WpsFunctionsRoot } from './wpsApi';

export const NAMESPACE = 'PE';

const IMPLEMENTATIONS: Record<string, (...args: never[]) => unknown> = {
  EXECRATE: execRate,
  EXECSCORE: execScore,
  SCORE: score,
  GRADE: gradeOf,
  DEVIATION: deviationOf,
  NEEDREASON: needReason,
};

interface ZhFunction {
  name: string;
  description: string;
  parameters: { name: string; description: string; type: string; optional?: boolean }[];
  result: { type?: string };
}

/**
 * Registers every PE.* function; null where this WPS has no AddCustomFunction (older builds,
 * or WPS 文字/演示): the pane works without them.
 */
export function registerWpsFunctions(root: WpsFunctionsRoot): string[] | null {
  if (typeof root.AddCustomFunction !== 'function') return null;
  const registered: string[] = [];
  for (const f of (zhMetadata as { functions: ZhFunction[] }).functions) {
    const impl = IMPLEMENTATIONS[f.name];
    if (!impl) continue;
    root.AddCustomFunction(NAMESPACE, f.name, (...args: unknown[]) => (impl as (...a: unknown[]) => unknown)(...args.map(blankAsNull)), {
      description: f.description,
      result: { type: f.result.type ?? 'any' },
      parameters: f.parameters.map((p) => ({ name: p.name, type: 'any', description: p.optional ? `${p.description}（可省略）` : p.description })),
    });
    registered.push(f.name);
  }
  return registered;
}

/** An omitted argument or empty cell (undefined in a JS call) is what the engine calls blank (null). */
function blankAsNull(v: unknown): unknown {
  return v === undefined ? null : v;
}
