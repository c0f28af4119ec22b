// Builds the Excel add-in into dist/: the task pane (React + Fluent UI), the custom functions and
// the ribbon commands as separate chunks in one shared-runtime page. The functions chunk must stay
// free of React/Fluent so that workbooks with PE.* formulas open fast.
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');

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

async function httpsOptions() {
  // Dev certificates are for users running `npm start` on Windows/Mac; CI never serves https.
  try {
    return await require('office-addin-dev-certs').getHttpsServerOptions();
  } catch {
    return undefined;
  }
}

module.exports = async (env, options) => {
  const dev = options.mode === 'development';
  const https = options.$0 === 'serve' || process.argv.includes('serve') ? await httpsOptions() : undefined;
  return {
    devtool: dev ? 'source-map' : false,
    entry: {
      functions: './src/functions/functions.ts',
      commands: './src/commands/commands.ts',
      taskpane: './src/taskpane/index.tsx',
    },
    // dist/node is the Node API/CLI build (tsc): keep it.
    output: { path: path.resolve(__dirname, 'dist'), filename: '[name].js', clean: { keep: /^node[\\/]/ } },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // ES modules so webpack can tree-shake Fluent UI (tsconfig's commonjs is for Node and Jest).
          use: { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { module: 'esnext', sourceMap: dev } } },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: './src/functions/functions.ts' }),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['functions', 'commands', 'taskpane'],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/icon-*.png', to: 'assets/[name][ext]' },
          { from: 'src/functions/functions.zh-cn.json', to: 'functions.zh-cn.json' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => (dev ? content : manifestFor(content, productionUrl())),
          },
        ],
      }),
    ],
    devServer: {
      port: 3000,
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: https ? { type: 'https', options: https } : 'http',
      static: { directory: path.resolve(__dirname, 'dist') },
    },
  };
};

// For test/manifest/manifest.test.ts.
module.exports.manifestFor = manifestFor;
module.exports.productionUrl = productionUrl;
