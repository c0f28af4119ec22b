/* Start-page check for webviews the pane cannot run in. Hand-written ES5 (parsed as ES5 by
 * test/manifest/build.test.ts), loaded before every other script of taskpane.html.
 *
 * Office on Windows shows an add-in whose manifest has <Runtimes> in Internet Explorer 11 whenever
 * Microsoft Edge WebView2 is not installed ("an add-in with a <Runtimes> element always uses
 * Internet Explorer 11": https://learn.microsoft.com/javascript/api/manifest/runtimes). The pane
 * (React 19, ES2017) cannot start there; this page says, in Chinese, what to install instead of
 * leaving the pane blank. The PE.* functions (functions.js, ES5) still work there. */
(function () {
  'use strict';
  var ua = (window.navigator && window.navigator.userAgent) || '';
  var trident = /Trident\/|MSIE /.test(ua) || !!document.documentMode;
  window.__PE_LEGACY_WEBVIEW__ = trident;
  if (!trident) return;

  var ZH_TITLE = '此 Office 使用的浏览器组件过旧，校验窗格无法显示';
  var ZH_BODY = [
    'Office 正在用 Internet Explorer 11 显示加载项，绩效自评助手的校验窗格需要较新的浏览器组件。',
    '请任选一种方式：',
    '1. 安装 Microsoft Edge WebView2 运行时（请单位 IT 管理员从 https://go.microsoft.com/fwlink/p/?LinkId=2124703 下载“常青版”安装），然后重新启动 Excel；',
    '2. 改用网页版 Excel（Microsoft 365 网页版）打开此工作簿。',
    '单元格中的 PE.* 函数（如 =PE.SCORE(...)）在此版本中仍可使用。'
  ];
  var EN = 'This Office shows add-ins with Internet Explorer 11. Install the Microsoft Edge WebView2 Runtime, or use Excel on the web.';

  function show() {
    var container = document.getElementById('container');
    if (container) container.style.display = 'none';
    var box = document.getElementById('pe-legacy');
    if (!box) {
      box = document.createElement('div');
      box.id = 'pe-legacy';
      document.body.appendChild(box);
    }
    box.setAttribute('role', 'alert');
    box.style.fontFamily = '"Microsoft YaHei", "Segoe UI", sans-serif';
    box.style.padding = '12px';
    box.style.lineHeight = '1.6';
    var h = document.createElement('h1');
    h.style.fontSize = '16px';
    h.appendChild(document.createTextNode(ZH_TITLE));
    box.appendChild(h);
    for (var i = 0; i < ZH_BODY.length; i++) {
      var p = document.createElement('p');
      p.style.margin = '6px 0';
      p.appendChild(document.createTextNode(ZH_BODY[i]));
      box.appendChild(p);
    }
    var en = document.createElement('p');
    en.style.color = '#555';
    en.style.fontSize = '12px';
    en.appendChild(document.createTextNode(EN));
    box.appendChild(en);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', show, false);
  } else {
    show();
  }
})();
