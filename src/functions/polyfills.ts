// ES2015+ built-ins the engine uses, for the one webview that lacks them: Internet Explorer 11, which
// Office on Windows uses for an add-in with <Runtimes> when WebView2 is not installed
// (https://learn.microsoft.com/javascript/api/manifest/runtimes). Loaded before functions.ts in
// functions.js only; each module installs itself only when the built-in is missing, so modern
// webviews keep their own. Syntax is lowered by TypeScript (target ES5); these are the run-time half.
import 'core-js/es/symbol';
import 'core-js/es/array';
import 'core-js/es/string';
import 'core-js/es/object';
import 'core-js/es/number';
import 'core-js/es/math';
import 'core-js/es/map';
import 'core-js/es/set';
import 'core-js/es/weak-map';
import 'core-js/es/promise';
