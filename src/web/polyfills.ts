// Built-ins newer than the page's language level (ES2018, Chromium 64+) that the page or its
// libraries call: each core-js module installs itself only where the browser lacks it. Older
// Chromium builds are still common on 信创 desks (browsers that lag Chrome by years).
import 'core-js/actual/array/flat';
import 'core-js/actual/array/flat-map';
import 'core-js/actual/array/at';
import 'core-js/actual/array/find-last';
import 'core-js/actual/array/find-last-index';
import 'core-js/actual/object/from-entries';
import 'core-js/actual/object/has-own';
import 'core-js/actual/string/match-all';
import 'core-js/actual/string/replace-all';
import 'core-js/actual/string/at';
import 'core-js/actual/string/trim-start';
import 'core-js/actual/string/trim-end';
import 'core-js/actual/promise/all-settled';
import 'core-js/actual/promise/any';
import 'core-js/actual/global-this';
import 'core-js/actual/queue-microtask';
