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
  let generatedDoc: Record<string, unknown>;
  const zh: Fn[] = JSON.parse(fs.readFileSync(path.join(root, 'src/functions/functions.zh-cn.json'), 'utf8')).functions;

  beforeAll(async () => {
    const result = await generateCustomFunctionsMetadata(path.join(root, 'src/functions/functions.ts'));
    expect(result.errors).toEqual([]);
    generatedDoc = JSON.parse(result.metadataJson);
    generated = generatedDoc.functions as Fn[];
  }, 60000);

  it('has the same top-level settings as the generated file', () => {
    const zhDoc = JSON.parse(fs.readFileSync(path.join(root, 'src/functions/functions.zh-cn.json'), 'utf8'));
    expect(Object.keys(zhDoc).sort()).toEqual(Object.keys(generatedDoc).sort());
    // The build turns the generator's allowCustomDataForDataTypeAny: true off (webpack.config.js
    // metadataFor): data types are not handled, so Excel must pass their basic values.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { metadataFor } = require(path.join(root, 'webpack.config.js')) as { metadataFor: (j: string) => string };
    const built = JSON.parse(metadataFor(JSON.stringify(generatedDoc)));
    expect(generatedDoc.allowCustomDataForDataTypeAny).toBe(true);
    expect(built.allowCustomDataForDataTypeAny).toBe(false);
    expect(zhDoc.allowCustomDataForDataTypeAny).toBe(false);
    expect(built.functions).toEqual(generatedDoc.functions);
  });

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
      const shape = (p: Param) => [p.name, p.type, !!p.optional, p.dimensionality ?? 'scalar', !!p.repeating];
      expect(z.parameters.map(shape)).toEqual(g.parameters.map(shape));
      expect(z.result.dimensionality ?? 'scalar').toBe(g.result.dimensionality ?? 'scalar');
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

  it('names the parameters as the design card does', () => {
    const names = (id: string) => zh.find((f) => f.id === id)!.parameters.map((p) => p.name);
    expect(names('EXECRATE')).toEqual(['全年预算数', '全年执行数']);
    expect(names('EXECSCORE')).toEqual(['全年预算数', '全年执行数', '分值']);
    expect(names('SCORE')).toEqual(['年度指标值', '实际完成值', '分值', '方向']);
    expect(names('GRADE')).toEqual(['总分']);
    expect(names('DEVIATION')).toEqual(['年度指标值', '实际完成值']);
    expect(names('NEEDREASON')).toEqual(['年度指标值', '实际完成值', '分值', '得分']);
  });

  it('gives English descriptions in the generated (default) metadata', () => {
    for (const g of generated) {
      expect(g.description).toMatch(/^[A-Z]/);
      for (const p of g.parameters) expect(p.description).toMatch(/[A-Za-z]{3}/);
    }
  });
});
