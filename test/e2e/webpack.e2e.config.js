// Builds the e2e harness: the fake Excel/Office host for the browser, and node helpers for run.mjs.
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const out = path.join(root, 'test-results', 'e2e-harness'); // git-ignored
const tsRule = {
  test: /\.tsx?$/,
  loader: 'ts-loader',
  exclude: /node_modules/,
  options: { transpileOnly: true, configFile: path.join(root, 'tsconfig.json') },
};

module.exports = [
  {
    name: 'host',
    mode: 'development',
    devtool: false,
    target: 'web',
    entry: { host: path.join(__dirname, 'harness', 'host.ts'), 'wps-host': path.join(__dirname, 'harness', 'wpsHost.ts') },
    output: { path: out, filename: '[name].js' },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: { rules: [tsRule] },
  },
  {
    name: 'tools',
    mode: 'development',
    devtool: false,
    target: 'node',
    entry: { tools: path.join(__dirname, 'tools.ts') },
    output: { path: out, filename: '[name].cjs', library: { type: 'commonjs2' } },
    externals: { exceljs: 'commonjs exceljs', 'decimal.js': 'commonjs decimal.js' },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: { rules: [tsRule] },
  },
];

// Only for working on the pane before the project's webpack.config.js exists:
// PE_E2E_BUILD_PANE=1 also bundles src/taskpane/index.tsx into test-results/e2e-harness/pane/ (production mode).
if (process.env.PE_E2E_BUILD_PANE === '1') {
  module.exports.push({
    name: 'pane',
    mode: 'production',
    devtool: false,
    target: 'web',
    entry: { taskpane: path.join(root, 'src', 'taskpane', 'index.tsx') },
    output: { path: path.join(out, 'pane'), filename: '[name].js' },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: { rules: [tsRule] },
    performance: { hints: false },
  });
}
