#!/usr/bin/env node
// Runs after `trunk build --release` on a site folder (default `dist`):
//   0. minifies the stylesheets and recomputes their integrity hashes;
//   1. replaces Trunk's inline start-up script by nianbao's: the start-up check
//      (scripts/startup-check.js, a classic script that shows a message in Chinese when the
//      browser is too old or loading fails) and a loader module that starts the wasm only
//      after the check passed and reports any failure to it; no blank page in any case;
//      1b. minifies the wasm-bindgen JS glue (the check too, as ES5) with terser and
//      recomputes its integrity hash;
//   2. adds a Content-Security-Policy <meta> as the first element of <head> in index.html,
//      allowing those inline scripts by hash and nothing the app does not need;
//   3. writes nianbao.html, one self-contained file (CSS, JS glue and the wasm, gzip-compressed
//      and base64-encoded, inflated at start with DecompressionStream) that runs straight from
//      disk (file://), with its own hash-based policy;
//   4. prints the size of nianbao.html, raw and gzip.
// Node's standard library, and terser (package.json) for the glue. Running it twice gives the
// same result.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve, basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { minify as minifyJs } from 'terser';

const dir = resolve(process.argv[2] ?? 'dist');
const SINGLE = 'nianbao.html';

function fail(msg) {
  console.error(`postbuild: ${msg}`);
  process.exit(1);
}

/** The CSP source expression of an inline script or style, hashed as the browser does. */
function hashSource(text) {
  // The HTML parser turns CRLF and CR into LF before the element's text is hashed.
  const normalized = text.replace(/\r\n?/g, '\n');
  return `'sha256-${createHash('sha256').update(normalized, 'utf8').digest('base64')}'`;
}

const CSP_META = /[ \t]*<meta http-equiv="Content-Security-Policy"[^>]*>\n?/gi;
/** Inline scripts: a <script> without src, and its exact text. */
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script\s*>/gi;

function cspMeta(policy) {
  return `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
}

/** Puts `meta` right after <head ...>, so that the policy covers everything that follows. */
function insertFirstInHead(html, meta) {
  const head = /<head\b[^>]*>/i.exec(html);
  if (!head) fail('no <head> in index.html');
  const at = head.index + head[0].length;
  const out = `${html.slice(0, at)}\n    ${meta}${html.slice(at)}`;
  // The encoding declaration must still end within the first 1024 bytes.
  const charset = /<meta charset=[^>]*>/i.exec(out);
  if (charset && Buffer.byteLength(out.slice(0, charset.index + charset[0].length)) > 1024) {
    fail('the policy pushes <meta charset> past the first 1024 bytes');
  }
  return out;
}

function attr(tag, name) {
  const m = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? (m[2] ?? m[3] ?? m[4]) : undefined;
}

/** Resolves a relative URL from index.html to a file in the folder (query and hash dropped). */
function localFile(href) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('/')) fail(`unexpected non-relative URL ${href}`);
  const path = decodeURIComponent(href.replace(/[?#].*$/, '')).replace(/^\.\//, '');
  if (path.includes('..')) fail(`URL leaves the folder: ${href}`);
  return join(dir, path);
}

/** `tag` with its integrity hash (if it has one) recomputed for the file's new `content`. */
function withIntegrity(tag, content) {
  const integrity = attr(tag, 'integrity');
  if (!integrity) return tag;
  const alg = /^(sha256|sha384|sha512)-/.exec(integrity)?.[1];
  if (!alg) fail(`unknown integrity hash in ${tag}`);
  return tag.replace(integrity, `${alg}-${createHash(alg).update(content, 'utf8').digest('base64')}`);
}

/** `source` minified by terser (comments out, locals renamed, two compress passes). */
async function minifiedJs(source, what, options) {
  const min = await minifyJs(source, { compress: { passes: 2 }, mangle: true, format: { comments: false }, ...options });
  if (!min.code) fail(`terser gave no output for ${what}`);
  return min.code;
}

/**
 * The file gzip-compressed as tightly as we can: zopfli (Debian's `zopfli`, installed by
 * scripts/setup.sh) writes a standard gzip member about 4.5% smaller than gzip -9, which is
 * what keeps the single file under 600 KB; without it, node's gzip -9 with a warning.
 */
function packGzip(path) {
  const z = spawnSync('zopfli', ['--gzip', '-c', path], { maxBuffer: 64 << 20 });
  if (z.status === 0 && z.stdout.length > 0) return z.stdout;
  console.warn('postbuild: zopfli not found, the single file falls back to gzip -9 (larger)');
  return gzipSync(readFileSync(path), { level: 9 });
}

let indexHtml;
try {
  indexHtml = readFileSync(join(dir, 'index.html'), 'utf8');
} catch {
  fail(`${join(dir, 'index.html')} is missing: run \`trunk build --release\` first`);
}
indexHtml = indexHtml.replace(CSP_META, '');

// ---------------------------------------------------------------------------------------
// 0. Stylesheets minified (comments and layout whitespace out; issue 14's size budget),
//    their subresource-integrity hashes recomputed. The CSS embedded in the wasm for the
//    HTML export is not touched: the exports keep their golden files.
// ---------------------------------------------------------------------------------------
/** Strings and comments, matched in one pass so that quotes in comments and a comment
 * opener in a string are each read as what they are. */
const CSS_STRING_OR_COMMENT = /("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|\/\*[\s\S]*?\*\//g;
const CSS_STRING = /("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/;
/**
 * CSS without comments and without whitespace where no token needs it: runs of whitespace
 * become one space, which goes entirely around `{ } ; ,` and after `:` (never before it:
 * `a :hover` is a different selector), and a `;` before `}` goes. Strings are kept as they
 * are; `+`/`-` in calc() and `>` keep their spaces. Running it twice gives the same text.
 */
function minifyCss(css) {
  const bare = css.replace(CSS_STRING_OR_COMMENT, (m, str) => str ?? ' ');
  return bare
    .split(CSS_STRING)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};,]) ?/g, '$1')
            .replace(/: /g, ':')
            .replace(/;}/g, '}'),
    )
    .join('')
    .trim();
}
indexHtml = indexHtml.replace(/<link\b[^>]*>/gi, (tag) => {
  if ((attr(tag, 'rel') ?? '').toLowerCase() !== 'stylesheet') return tag;
  const path = localFile(attr(tag, 'href') ?? '');
  const css = minifyCss(readFileSync(path, 'utf8'));
  writeFileSync(path, css);
  return withIntegrity(tag, css);
});

// ---------------------------------------------------------------------------------------
// 1. The start-up scripts: the check, then the loader.
// ---------------------------------------------------------------------------------------
/**
 * The check, minified as ES5 (its comments were most of its bytes, in every page load). ES5
 * in, ES5 out: it must still run, and explain, in browsers far too old for the app.
 */
const CHECK = await minifiedJs(readFileSync(new URL('./startup-check.js', import.meta.url), 'utf8'), 'startup-check.js', {
  ecma: 5,
});
/** The glue and wasm paths of Trunk's start-up script, or of the loader of an earlier run. */
const TRUNK_GLUE = /import\s+init\s*,\s*\*\s*as\s+bindings\s+from\s+['"]([^'"]+\.js)['"];?/;
const LOADER_GLUE = /import\((['"][^'"]+\.js['"])\)/;
const TRUNK_WASM = /module_or_path:\s*(['"][^'"]+\.wasm['"])/;
const LOADER_WASM = /Promise\.resolve\((['"][^'"]+\.wasm['"])\)/;

/**
 * The loader module: starts the app only when the check passed, and hands any failure
 * (a missing file, a compile error, a panic at start) to the check's message. `glue` and
 * `wasm` are JS expressions: a dynamic import and a URL, or the inlined glue and the bytes.
 */
function loader(glue, wasm) {
  return `
const startup = window.nianbaoStartup;
if (startup && startup.ok) {
  Promise.resolve()
    .then(() => ${glue})
    .then((bindings) =>
      Promise.resolve(${wasm})
        .then((module_or_path) => bindings.default({ module_or_path }))
        .then((wasm) => {
          window.wasmBindings = bindings;
          dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
        }),
    )
    .catch((e) => startup.fail("load", e));
}
`;
}

let site = { js: null, wasm: null };
// A second run finds its own scripts: the check goes (it is put back below), the loader is read.
indexHtml = indexHtml.split(`<script>${CHECK}</script>\n`).join('');
indexHtml = indexHtml.replace(INLINE_SCRIPT, (whole, attrs, text) => {
  if (/window\.nianbaoStartup\s*=/.test(text)) return ''; // the check of an earlier run
  const js = TRUNK_GLUE.exec(text)?.[1] ?? LOADER_GLUE.exec(text)?.[1]?.slice(1, -1);
  const wasm = (TRUNK_WASM.exec(text) ?? LOADER_WASM.exec(text))?.[1]?.slice(1, -1);
  if (!js) return whole; // another inline script: kept as it is, and hashed below
  if (!wasm) fail('the start-up script does not pass module_or_path to init');
  if (site.js) fail('more than one start-up script in index.html');
  site = { js, wasm };
  return (
    `<script>${CHECK}</script>\n` +
    `<script type="module">${loader(`import(${JSON.stringify(js)})`, JSON.stringify(wasm))}</script>`
  );
});
if (!site.js) fail('no start-up script found in index.html');

// ---------------------------------------------------------------------------------------
// 1b. The JS glue minified (55 KB of readable wasm-bindgen output; 2.2 KB less gzip, which
//     keeps the hosted site inside issue 14's budget), its modulepreload hash recomputed.
//     The names the wasm imports and exports go by stay as they are: terser renames locals
//     only.
// ---------------------------------------------------------------------------------------
{
  const path = localFile(site.js);
  // ES2020 at most (`?.`, `??`): the browser floor (Chrome 97, Firefox 98) has it all.
  const glue = await minifiedJs(readFileSync(path, 'utf8'), site.js, { module: true, ecma: 2020 });
  writeFileSync(path, glue);
  indexHtml = indexHtml.replace(/<link\b[^>]*>/gi, (tag) => {
    if ((attr(tag, 'rel') ?? '').toLowerCase() !== 'modulepreload') return tag;
    if (localFile(attr(tag, 'href') ?? '') !== path) return tag;
    return withIntegrity(tag, glue);
  });
}

// ---------------------------------------------------------------------------------------
// 2. index.html: policy for the hosted site.
// ---------------------------------------------------------------------------------------
const inlineScripts = [...indexHtml.matchAll(INLINE_SCRIPT)];
if (inlineScripts.length === 0) fail('no inline start-up script found in index.html');
if (/\son[a-z]+\s*=/i.test(indexHtml.replace(INLINE_SCRIPT, ''))) fail('inline event handler found in index.html');
if (/<style\b|\sstyle\s*=/i.test(indexHtml)) fail('inline style found in index.html: style-src would block it');
const siteScriptHashes = inlineScripts.map((m) => hashSource(m[2]));
const sitePolicy = [
  "default-src 'none'",
  `script-src 'self' ${siteScriptHashes.join(' ')} 'wasm-unsafe-eval'`,
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
writeFileSync(join(dir, 'index.html'), insertFirstInHead(indexHtml, cspMeta(sitePolicy)));

// ---------------------------------------------------------------------------------------
// 3. nianbao.html: everything in one file.
// ---------------------------------------------------------------------------------------
/** Text that would end or confuse the raw-text element it is inlined into. */
function checkRawText(text, element, what) {
  if (new RegExp(`</${element}`, 'i').test(text) || (element === 'script' && /<!--/.test(text))) {
    fail(`${what} contains "</${element}" or "<!--" and cannot be inlined as it is`);
  }
}

/**
 * The wasm-bindgen glue as an expression evaluating to its module namespace: the module's
 * body wrapped in a function so that its top-level names (`wasm`, ...) stay private, with
 * its `export` syntax turned into the returned object. Anything unexpected fails the build.
 */
function glueAsExpression(js) {
  const exported = [];
  // Not only at line starts: the glue is minified (step 1b), so `export class` and the
  // export list stand mid-line. Never part of a longer name or a property (`x.export`).
  let body = js.replace(/(?<![\w$.])export\s+(async\s+function\*?|function\*?|class|const|let|var)\s+([A-Za-z_$][\w$]*)/g, (_, kind, name) => {
    exported.push([name, name]);
    return `${kind} ${name}`;
  });
  body = body.replace(/(?<![\w$.])export\s*\{([^}]*)\};?/g, (_, list) => {
    for (const item of list.split(',').map((s) => s.trim()).filter(Boolean)) {
      const m = /^([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?$/.exec(item);
      if (!m) fail(`cannot read export list item "${item}" in the JS glue`);
      exported.push([m[2] ?? m[1], m[1]]);
    }
    return '';
  });
  if (/(?<![\w$.])(export\s*[{*]|export\s+[\w$]|import\s*[{*'"]|import\s+[\w$]+\s+from\b)/.test(body)) {
    fail('the JS glue has import/export syntax this script does not know');
  }
  if (!exported.some(([name]) => name === 'default')) fail('the JS glue has no default export (its init function)');
  const namespace = exported.map(([name, local]) => `${JSON.stringify(name)}: ${local}`).join(', ');
  return `(() => {\n${body}\nreturn Object.freeze({ __proto__: null, ${namespace} });\n})()`;
}

const styles = [];
let single = indexHtml.replace(/<link\b[^>]*>/gi, (tag) => {
  const rel = (attr(tag, 'rel') ?? '').toLowerCase();
  const href = attr(tag, 'href') ?? '';
  if (rel === 'stylesheet') {
    const css = readFileSync(localFile(href), 'utf8');
    checkRawText(css, 'style', href);
    styles.push(css);
    return `<style>${css}</style>`;
  }
  if (rel === 'modulepreload' || rel === 'preload') return '';
  if (href.startsWith('data:')) return tag;
  fail(`unexpected <link> in index.html: ${tag}`);
});

let startups = 0;
single = single.replace(INLINE_SCRIPT, (whole, attrs, text) => {
  if (text === CHECK) return `<script data-needs="gzip">${CHECK}</script>`;
  if (!LOADER_GLUE.test(text)) return whole; // another inline script: kept as it is, and hashed below
  startups += 1;
  const glue = readFileSync(localFile(site.js), 'utf8');
  // The wasm travels gzip-compressed (about a third of its size) and base64-encoded; the
  // start-up check has made sure that DecompressionStream exists before this runs.
  const packed = packGzip(localFile(site.wasm)).toString('base64');
  const inflate =
    `(() => { const s = atob(${JSON.stringify(packed)}); ` +
    'const b = new Uint8Array(s.length); for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i); ' +
    "return new Response(new Response(b).body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer(); })()";
  const startup = loader(glueAsExpression(glue), inflate);
  checkRawText(startup, 'script', site.js);
  return `<script${attrs}>${startup}</script>`;
});
if (startups !== 1) fail(`expected one start-up loader, found ${startups}`);

const singleScripts = [...single.matchAll(INLINE_SCRIPT)].map((m) => m[2]);
const singlePolicy = [
  "default-src 'none'",
  `script-src ${singleScripts.map(hashSource).join(' ')} 'wasm-unsafe-eval'`,
  `style-src ${styles.map(hashSource).join(' ')}`,
  'img-src data:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
single = insertFirstInHead(single, cspMeta(singlePolicy));

// Nothing may point at another file: every src/href left must be a data: URL.
const markup = single.replace(INLINE_SCRIPT, '<script></script>').replace(/<style>[\s\S]*?<\/style>/gi, '<style></style>');
for (const m of markup.matchAll(/\b(?:src|href)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
  const url = m[2] ?? m[3] ?? m[4];
  if (!url.startsWith('data:')) fail(`${SINGLE} would still reference ${url}`);
}
writeFileSync(join(dir, SINGLE), single);

// ---------------------------------------------------------------------------------------
// 4. Sizes.
// ---------------------------------------------------------------------------------------
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const raw = Buffer.byteLength(single);
const gz = gzipSync(single, { level: 9 }).length;
console.log(`postbuild: CSP added to ${basename(dir)}/index.html (${siteScriptHashes.length} inline script hash)`);
console.log(`postbuild: ${basename(dir)}/${SINGLE}: ${raw} bytes raw (${kb(raw)}), ${gz} bytes by node zlib -9 (${kb(gz)})`);
const others = readdirSync(dir, { recursive: true })
  .filter((f) => f !== SINGLE && statSync(join(dir, f)).isFile());
const total = others.reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0);
// node's zlib; GNU gzip -9 (scripts/size-report.sh, printed next by `make dist`, the budget's
// figure) packs our wasm about 0.7% tighter.
console.log(`postbuild: the hosted site (${others.length} files, without ${SINGLE}): ${total} bytes by node zlib -9 (${kb(total)})`);
