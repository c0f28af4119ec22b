// Builds the Excel add-in into dist/ as two compilations: the custom functions (functions.js, ES5)
// and the task pane + ribbon commands (ES2017), loaded by one shared-runtime page (taskpane.html).
// The functions bundle must stay free of React/Fluent so that workbooks with PE.* formulas open fast.
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const crypto = require('crypto');
const fs = require('fs');
const webpack = require('webpack');

const devUrl = 'https://localhost:3000/';

/** ADDIN_URL (e.g. https://addins.example.gov.cn/pe/) with a trailing slash; the dev URL when unset. */
function productionUrl() {
  const raw = (process.env.ADDIN_URL || '').trim();
  if (!raw) return devUrl;
  const url = new URL(raw.endsWith('/') ? raw : `${raw}/`);
  if (url.protocol !== 'https:') throw new Error(`ADDIN_URL must be https (Office requires it): ${raw}`);
  return url.href;
}

/** The manifest for `url`: every https://localhost:3000/… URL, and the AppDomain (an origin). */
function manifestFor(content, url) {
  const text = content.toString();
  if (url === devUrl) return text;
  const devOrigin = new URL(devUrl).origin;
  return text
    .split(devUrl)
    .join(url)
    .split(`<AppDomain>${devOrigin}</AppDomain>`)
    .join(`<AppDomain>${new URL(url).origin}</AppDomain>`);
}

/**
 * The generated metadata always says allowCustomDataForDataTypeAny: true (custom-functions-metadata
 * hard-codes it), which makes Excel pass data types (entities, linked types) to our `any`
 * parameters as objects. The engine reads numbers and text only, so it is turned off: Excel then
 * passes a data type's basic value (CustomFunctionsRuntime 1.4 notes:
 * https://learn.microsoft.com/javascript/api/requirement-sets/excel/custom-functions-requirement-sets).
 */
function metadataFor(json) {
  const doc = JSON.parse(json.toString());
  doc.allowCustomDataForDataTypeAny = false;
  return JSON.stringify(doc, null, 4);
}

/** Applies metadataFor to the functions.json asset the metadata plugin emits. */
class MetadataSettingsPlugin {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('MetadataSettingsPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'MetadataSettingsPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS }, () => {
        const asset = compilation.getAsset('functions.json');
        if (asset) compilation.updateAsset('functions.json', new sources.RawSource(metadataFor(asset.source.source())));
      });
    });
  }
}

async function httpsOptions() {
  // Dev certificates are for users running `npm start` on Windows/Mac; CI never serves https.
  try {
    return await require('office-addin-dev-certs').getHttpsServerOptions();
  } catch {
    return undefined;
  }
}

/**
 * The TypeScript rule for one bundle. `target` is the language level the bundle must parse at:
 * functions.js runs in whatever webview Office gives the shared runtime — Internet Explorer 11 on
 * Windows without WebView2 when the manifest has <Runtimes> ("an add-in with a <Runtimes> element
 * always uses Internet Explorer 11" when the WebView2 conditions are not met:
 * https://learn.microsoft.com/javascript/api/manifest/runtimes) — so it is ES5; the pane needs a
 * modern webview anyway (React 19, Fluent UI v9) and is ES2017 (Safari 11+/Chromium WebView2).
 */
function tsRule(target, dev, extra = {}) {
  return {
    test: /\.tsx?$/,
    exclude: /node_modules/,
    // ES modules so webpack can tree-shake Fluent UI (tsconfig's commonjs is for Node and Jest).
    use: {
      loader: 'ts-loader',
      options: {
        transpileOnly: true,
        compilerOptions: { module: 'esnext', target, sourceMap: dev, ...extra },
      },
    },
  };
}

/**
 * Dependencies are published at their own language level (Fluent UI and friends use ES2018+
 * syntax such as object spread and optional catch bindings): lower them to the bundle's target with
 * the TypeScript compiler we already have (no Babel), JS in, JS out.
 */
function depsRule(target) {
  return {
    test: /\.m?js$/,
    include: /node_modules/,
    // core-js and decimal.js are ES3/ES5 already; re-emitting them only costs time.
    exclude: /node_modules[\\/](core-js|decimal\.js)[\\/]/,
    use: { loader: path.resolve(__dirname, 'tools/ts-downlevel-loader.cjs'), options: { target } },
  };
}

module.exports = async (env, options) => {
  const dev = options.mode === 'development';
  const https = options.$0 === 'serve' || process.argv.includes('serve') ? await httpsOptions() : undefined;
  const common = {
    devtool: dev ? 'source-map' : false,
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    performance: { hints: false },
  };
  // dist/node is the Node API/CLI build (tsc): keep it. Only the first compilation cleans.
  const output = (clean) => ({
    path: path.resolve(__dirname, 'dist'),
    filename: '[name].js',
    clean: clean ? { keep: /^node[\\/]|^functions\.|^web[\\/]|^wps[\\/]/ } : false,
  });

  // The custom functions: ES5 syntax and an ES5 webpack runtime, plus the few ES2015+ built-ins the
  // engine calls (core-js, only what is needed), so PE.* works in Internet Explorer 11 too.
  const functions = {
    ...common,
    name: 'functions',
    target: ['web', 'es5'],
    entry: { functions: ['./src/functions/polyfills.ts', './src/functions/functions.ts'] },
    output: { ...output(false), environment: { arrowFunction: false, const: false, destructuring: false, forOf: false, module: false } },
    module: { rules: [tsRule('es5', dev, { downlevelIteration: true }), depsRule('es5')] },
    plugins: [new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: './src/functions/functions.ts' }), new MetadataSettingsPlugin()],
    // webpack-dev-server takes the first compilation's devServer (it serves all of dist/).
    devServer: {
      port: 3000,
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: https ? { type: 'https', options: https } : 'http',
      static: { directory: path.resolve(__dirname, 'dist') },
    },
  };

  // The pane, the ribbon commands, the start page for old webviews and the help page.
  const pane = {
    ...common,
    name: 'pane',
    target: ['web', 'es2017'],
    dependencies: ['functions'],
    entry: {
      commands: './src/commands/commands.ts',
      taskpane: './src/taskpane/index.tsx',
    },
    output: output(true),
    module: { rules: [tsRule('es2017', dev), depsRule('es2017')] },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        // functions.js (another compilation) and start.js are written into the template itself, before these.
        chunks: ['commands', 'taskpane'],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/icon-*.png', to: 'assets/[name][ext]' },
          { from: 'src/functions/functions.zh-cn.json', to: 'functions.zh-cn.json' },
          // Hand-written ES5 (no build step can break it): the Internet Explorer 11 / Trident notice.
          { from: 'src/start/start.js', to: 'start.js' },
          { from: 'src/help/help.html', to: 'help.html' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => (dev ? content : manifestFor(content, productionUrl())),
          },
        ],
      }),
    ],
  };
  // The browser page (issue 16): one self-contained HTML file, dist/web/绩效自评助手.html (and the same
  // as index.html for an intranet server). One script, inline; it is also the worker's script.
  const web = {
    ...common,
    name: 'web',
    target: ['web', 'es2018'],
    dependencies: ['pane'],
    entry: { page: './src/web/index.tsx' },
    output: { path: path.resolve(__dirname, 'dist/web'), filename: '[name].js', publicPath: '', clean: true },
    resolve: {
      ...common.resolve,
      // The shared readers use Buffer (node:buffer's API): the buffer package gives it in the browser.
      fallback: { buffer: require.resolve('buffer/'), stream: false, fs: false, path: false, crypto: false },
    },
    module: {
      rules: [
        tsRule('es2018', dev),
        {
          ...depsRule('es2018'),
          // exceljs's and SheetJS's browser builds are ES5 already: nothing to lower, much to parse.
          exclude: /node_modules[\\/](core-js|decimal\.js|exceljs|@e965|jszip|fflate|buffer)[\\/]/,
        },
      ],
    },
    optimization: {
      splitChunks: false,
      runtimeChunk: false,
      // ASCII only: the script's hash (CSP) is over exactly the bytes the browser reads, whatever the
      // file's encoding is taken for, and no lone surrogate is turned into U+FFFD on the way.
      // The page's HTML is written as it is: minifying it would rewrite the inline script after its hash.
      minimizeOptions: { javascript: { compress: { passes: 2 }, format: { ascii_only: true, comments: false } }, html: false },
    },
    plugins: [
      new webpack.ProvidePlugin({ Buffer: ['buffer', 'Buffer'] }),
      // The zip reader's inflate: node:zlib in the CLI, fflate here (same answers, same limits).
      new webpack.NormalModuleReplacementPlugin(/^\.\/inflate$/, './inflate.browser'),
      // The copy writer's deflate and CRC: node:zlib in the CLI, fflate and a table here.
      new webpack.NormalModuleReplacementPlugin(/^\.\/deflate$/, './deflate.browser'),
      // Dynamic imports stay lazy (the worker never runs React) but live in the one script.
      new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
      new SingleFilePagePlugin({ template: path.resolve(__dirname, 'src/web/page.html'), names: ['绩效自评助手.html', 'index.html'] }),
    ],
  };
  // The WPS 加载项 (issue 17): the add-in's folder, dist/wps/pe-self-check/ (index.html with the ribbon
  // callbacks, ribbon.xml, the pane, icons); scripts/build-wps.mjs makes the deployment files from it.
  // ES2018: WPS's embedded Chromium can be old.
  const wps = {
    ...common,
    name: 'wps',
    target: ['web', 'es2018'],
    dependencies: ['web'],
    // main.js: WPS opens the add-in's index.html, which loads main.js from the same folder, and calls the
    // ribbon callbacks there (open.wps.cn, WPS 加载项开发说明: 启动流程). Our index.html is that page.
    entry: { main: './src/wps/ribbon.ts', taskpane: './src/wps/index.tsx' },
    output: { path: path.resolve(__dirname, 'dist/wps/pe-self-check'), filename: '[name].js', publicPath: '', clean: true },
    module: { rules: [tsRule('es2018', dev), depsRule('es2018')] },
    optimization: { splitChunks: false, runtimeChunk: false },
    plugins: [
      new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
      new HtmlWebpackPlugin({ filename: 'index.html', template: './src/wps/addin/index.html', chunks: ['main'], minify: false, scriptLoading: 'blocking' }),
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/wps/addin/taskpane.html', chunks: ['taskpane'], minify: false }),
      new CopyWebpackPlugin({ patterns: [{ from: 'src/wps/addin/ribbon.xml', to: 'ribbon.xml' }, { from: 'src/wps/addin/images', to: 'images' }] }),
    ],
  };
  const all = [functions, pane, web, wps];
  // `webpack --env only=wps` builds one compilation (npm run build:wps), without its dependencies.
  const only = env && env.only;
  return only ? all.filter((c) => c.name === only).map((c) => ({ ...c, dependencies: undefined })) : all;
};

/**
 * The page's CSP: no connection of any kind (connect-src 'none'), no form, no frame, nothing from
 * outside; the one inline script by its hash, workers from blob: (the page makes its worker from its
 * own script's text); styles inline (Fluent UI inserts its rules at run time); images as data:.
 */
function pageCsp(scriptHash) {
  return [
    "default-src 'none'",
    `script-src 'sha256-${scriptHash}'`,
    'worker-src blob:',
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    'font-src data:',
    "connect-src 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** In the HTML, a script's text must not hold "</script" or "<!--": written so that JS reads the same. */
function inlineScriptText(js) {
  if (/<!--/.test(js)) throw new Error('page.js contains "<!--": cannot be inlined safely');
  return js.replace(/<\/script/gi, '<\\/script');
}

/** Puts the page's one script into the template and emits the HTML file(s); the script itself is not emitted. */
class SingleFilePagePlugin {
  constructor(options) {
    this.options = options;
  }
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('SingleFilePagePlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'SingleFilePagePlugin', stage: Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE }, () => {
        const asset = compilation.getAsset('page.js');
        if (!asset) return;
        const script = inlineScriptText(asset.source.source().toString());
        // eslint-disable-next-line no-control-regex
        if (/[^\x00-\x7f]/.test(script)) throw new Error('page.js is not ASCII: its CSP hash would depend on the encoding');
        const hash = crypto.createHash('sha256').update(script, 'utf8').digest('base64');
        const template = fs.readFileSync(this.options.template, 'utf8');
        const out = template.replace('__CSP__', pageCsp(hash)).replace('__BUNDLE__', () => script);
        for (const name of this.options.names) compilation.emitAsset(name, new sources.RawSource(out));
        compilation.deleteAsset('page.js');
      });
    });
  }
}

// For test/manifest/manifest.test.ts.
module.exports.manifestFor = manifestFor;
module.exports.productionUrl = productionUrl;
module.exports.metadataFor = metadataFor;
module.exports.pageCsp = pageCsp;
