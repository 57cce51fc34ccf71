// Start-up check of nianbao, inlined by scripts/postbuild.mjs as a classic script before the
// module that loads the WebAssembly (and hashed into the Content-Security-Policy with it).
// It is written in ES5 on purpose: it must run, and explain, in browsers far too old for the
// app. It checks that this engine can compile a module that uses the same WebAssembly
// features as the release build (tests/e2e/floor.test.mjs keeps the two in step), exposes
// `window.nianbaoStartup` to the loader, and shows a message in Chinese instead of a blank page
// when the check fails or loading fails for any reason.
(function () {
  'use strict';
  var script = document.currentScript;
  // `data-needs="gzip"`: the single file carries its wasm gzip-compressed.
  var needs = (script && script.getAttribute('data-needs')) || '';

  // The browser floor, stated in README.md ("Browsers").
  var FLOOR = {
    chrome: 97,
    firefox: 98,
    firefoxSingle: 113,
  };

  // A 118-byte module with a function of type (externref) -> (i32, i32) (multi-value) that
  // uses table.set on an externref table (reference types), memory.fill, memory.copy,
  // memory.init and data.drop (bulk memory), i32.extend8_s (sign extension) and
  // i32.trunc_sat_f32_s (non-trapping float-to-int), and exports a mutable global: a superset
  // of what `wasm-opt` finds the release module needs. Source (binaryen's wasm-as):
  //   (module (type $t (func (param externref) (result i32 i32))) (memory 1)
  //     (table $r 1 externref) (data $d "") (global $g (export "g") (mut i32) (i32.const 0))
  //     (func $f (export "f") (type $t)
  //       (table.set $r (i32.const 0) (local.get 0))
  //       (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))
  //       (memory.copy (i32.const 0) (i32.const 0) (i32.const 0))
  //       (memory.init $d (i32.const 0) (i32.const 0) (i32.const 0)) (data.drop $d)
  //       (i32.extend8_s (i32.const 0)) (i32.trunc_sat_f32_s (f32.const 0))))
  var PROBE = [
    0, 97, 115, 109, 1, 0, 0, 0, 1, 12, 2, 96, 1, 111, 2, 127, 127, 96, 0, 2, 127, 127, 3, 2, 1, 0, 4, 4, 1, 111,
    0, 1, 5, 3, 1, 0, 1, 6, 6, 1, 127, 1, 65, 0, 11, 7, 9, 2, 1, 103, 3, 0, 1, 102, 0, 0, 12, 1, 1, 10,
    52, 1, 50, 0, 65, 0, 32, 0, 38, 0, 65, 0, 65, 0, 65, 0, 252, 11, 0, 65, 0, 65, 0, 65, 0, 252, 10, 0, 0, 65,
    0, 65, 0, 65, 0, 252, 8, 0, 0, 252, 9, 0, 65, 0, 192, 67, 0, 0, 0, 0, 252, 0, 11, 11, 3, 1, 1, 0,
  ];

  var REASONS = {
    'no-wasm': '此浏览器不支持 WebAssembly（或已将其禁用），本程序无法启动。',
    'old-engine': '此浏览器的内核版本过旧，不支持本程序所需的 WebAssembly 功能（引用类型、多返回值、批量内存操作等）。',
    'no-gzip': '此浏览器不支持单文件版启动时所需的解压功能（DecompressionStream），无法打开 nianbao.html。',
    load: '程序加载失败。',
  };

  var state = { ok: false, started: false, shown: false, fail: fail };
  window.nianbaoStartup = state;

  function check() {
    if (typeof WebAssembly !== 'object' || !WebAssembly || typeof WebAssembly.validate !== 'function') return 'no-wasm';
    try {
      if (typeof Uint8Array !== 'function' || !WebAssembly.validate(new Uint8Array(PROBE))) return 'old-engine';
    } catch (e) {
      return 'old-engine';
    }
    if (needs.indexOf('gzip') >= 0 && typeof DecompressionStream !== 'function') return 'no-gzip';
    return '';
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text) e.appendChild(document.createTextNode(text));
    return e;
  }

  function detail(err) {
    if (!err) return '';
    var s = err && err.message ? (err.name ? err.name + ': ' : '') + err.message : String(err);
    return s.length > 300 ? s.slice(0, 300) + '…' : s;
  }

  function render(kind, err) {
    if (state.shown) return;
    state.shown = true;
    var box = el('div', 'nb-startup-error');
    box.setAttribute('role', 'alert');
    box.setAttribute('data-testid', 'startup-error');
    box.setAttribute('data-reason', kind);
    box.appendChild(el('h1', '', '年报无法在此浏览器中运行'));
    box.appendChild(el('p', '', REASONS[kind] || REASONS.load));
    var d = detail(err);
    if (d) box.appendChild(el('p', 'nb-startup-detail', '错误信息：' + d));
    box.appendChild(el('p', '', '可以使用以下浏览器（或更新的版本）：'));
    var list = el('ul');
    list.appendChild(el('li', '', 'Chrome 或 Edge ' + FLOOR.chrome + ' 及以上'));
    list.appendChild(el('li', '', '360 安全浏览器、QQ 浏览器等：请切换到“极速模式”，且内核（Chromium）版本 ' + FLOOR.chrome + ' 及以上'));
    list.appendChild(el('li', '', 'Firefox ' + FLOOR.firefox + ' 及以上（单文件版 nianbao.html 需要 Firefox ' + FLOOR.firefoxSingle + ' 及以上）'));
    box.appendChild(list);
    box.appendChild(el('p', '', '已保存的草稿没有丢失：草稿保存在本机的这个浏览器中，本页没有读取或改动它们。' +
      '升级此浏览器（或切换到极速模式）后重新打开本页，即可继续编辑。草稿不会自动出现在另一个浏览器中。'));
    var body = document.body || document.documentElement;
    body.insertBefore(box, body.firstChild);
  }

  /** Shows the message for `kind` (once the document has a body), with the error if any. */
  function fail(kind, err) {
    state.ok = false;
    if (document.body) render(kind, err);
    else document.addEventListener('DOMContentLoaded', function () { render(kind, err); });
  }

  // Until the app has started, an error thrown by its scripts (a syntax this engine does not
  // know, a failed import) means nothing else will be drawn: say so instead of a blank page.
  window.addEventListener('error', function (e) {
    if (!state.started && !state.shown) fail('load', e.error || e.message);
  });
  window.addEventListener('TrunkApplicationStarted', function () {
    state.started = true;
  });

  var problem = check();
  if (problem) fail(problem);
  else state.ok = true;
})();
