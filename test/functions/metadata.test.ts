// The hand-written zh-CN metadata must describe exactly the functions the generator finds in
// functions.ts (generated metadata cannot be localized, so the two files must not drift apart).
import fs from 'node:fs';
import path from 'node:path';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';

interface Param { name: string; description?: string; type?: string; optional?: boolean; dimensionality?: string; repeating?: boolean }
interface Fn { id: string; name: string; description?: string; parameters: Param[]; result: { type?: string; dimensionality?: string }; options?: unknown }

const root = path.resolve(__dirname, '..', '..');
const cjk = /[\u4e00-\u9fff]/;

describe('functions.zh-cn.json', () => {
  let generated: Fn[];
  const zh: Fn[] = JSON.parse(fs.readFileSync(path.join(root, 'src/functions/functions.zh-cn.json'), 'utf8')).functions;

  beforeAll(async () => {
    const result = await generateCustomFunctionsMetadata(path.join(root, 'src/functions/functions.ts'));
    expect(result.errors).toEqual([]);
    generated = JSON.parse(result.metadataJson).functions;
  }, 60000);

  it('has the six functions of the design', () => {
    expect(generated.map((f) => f.id).sort()).toEqual(['DEVIATION', 'EXECRATE', 'EXECSCORE', 'GRADE', 'NEEDREASON', 'SCORE']);
  });

  it('agrees with the generated metadata on ids, names, parameters and results', () => {
    expect(zh.map((f) => f.id)).toEqual(generated.map((f) => f.id));
    for (const g of generated) {
      const z = zh.find((f) => f.id === g.id)!;
      expect(z.name).toBe(g.name);
      expect(z.result).toEqual(g.result);
      expect(z.options).toEqual(g.options);
      expect(z.parameters.map((p) => [p.type, !!p.optional, p.dimensionality ?? 'scalar', !!p.repeating])).toEqual(
        g.parameters.map((p) => [p.type, !!p.optional, p.dimensionality ?? 'scalar', !!p.repeating]),
      );
    }
  });

  it('describes every function and parameter in Chinese', () => {
    for (const f of zh) {
      expect(f.description).toMatch(cjk);
      for (const p of f.parameters) {
        expect(p.name).toMatch(cjk);
        expect(p.description).toMatch(cjk);
      }
    }
  });

  it('names PE.SCORE parameters as the design card does', () => {
    expect(zh.find((f) => f.id === 'SCORE')!.parameters.map((p) => p.name)).toEqual(['年度指标值', '实际完成值', '分值', '方向']);
  });
});
