// webpack loader: lowers a dependency's JavaScript to the bundle's language level with the
// TypeScript compiler (transpile only: no type checking, imports/exports left to webpack).
// Used for node_modules code published at a newer level than the bundle targets. A file that
// already parses at the target level (acorn) is passed through untouched, which is most of them.
const acorn = require('acorn');
const ts = require('typescript');

const levels = {
  es5: { acorn: 5, ts: ts.ScriptTarget.ES5 },
  es2015: { acorn: 2015, ts: ts.ScriptTarget.ES2015 },
  es2017: { acorn: 2017, ts: ts.ScriptTarget.ES2017 },
  es2018: { acorn: 2018, ts: ts.ScriptTarget.ES2018 },
};

function parsesAt(source, ecmaVersion) {
  for (const sourceType of ['module', 'script']) {
    try {
      acorn.parse(source, { ecmaVersion, sourceType, allowHashBang: true });
      return true;
    } catch {
      // try the other source type
    }
  }
  return false;
}

module.exports = function downlevel(source, map) {
  const { target = 'es2017' } = this.getOptions ? this.getOptions() : {};
  const level = levels[target] ?? levels.es2017;
  const text = String(source);
  if (parsesAt(text, level.acorn)) return this.callback(null, source, map);
  const out = ts.transpileModule(text, {
    fileName: this.resourcePath,
    compilerOptions: {
      allowJs: true,
      target: level.ts,
      module: ts.ModuleKind.ESNext,
      downlevelIteration: target === 'es5',
      importHelpers: false,
      sourceMap: false,
    },
    reportDiagnostics: false,
  });
  this.callback(null, out.outputText);
};
