#!/usr/bin/env node
// Runs after `trunk build --release` on a site folder (default `dist`):
//   1. adds a Content-Security-Policy <meta> as the first element of <head> in index.html,
//      allowing Trunk's inline start-up script(s) by hash and nothing the app does not need;
//   2. writes nianbao.html, one self-contained file (CSS, JS glue and wasm inlined) that runs
//      straight from disk (file://), with its own hash-based policy;
//   3. prints the size of nianbao.html, raw and gzip.
// No dependencies: node's standard library only. Running it twice gives the same result.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve, basename } from 'node:path';
import { gzipSync } from 'node:zlib';

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

let indexHtml;
try {
  indexHtml = readFileSync(join(dir, 'index.html'), 'utf8');
} catch {
  fail(`${join(dir, 'index.html')} is missing: run \`trunk build --release\` first`);
}
indexHtml = indexHtml.replace(CSP_META, '');

// ---------------------------------------------------------------------------------------
// 1. index.html: policy for the hosted site.
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
// 2. nianbao.html: everything in one file.
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
  let body = js.replace(/^export\s+(async\s+function\*?|function\*?|class|const|let|var)\s+([A-Za-z_$][\w$]*)/gm, (_, kind, name) => {
    exported.push([name, name]);
    return `${kind} ${name}`;
  });
  body = body.replace(/^export\s*\{([^}]*)\};?[ \t]*$/gm, (_, list) => {
    for (const item of list.split(',').map((s) => s.trim()).filter(Boolean)) {
      const m = /^([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?$/.exec(item);
      if (!m) fail(`cannot read export list item "${item}" in the JS glue`);
      exported.push([m[2] ?? m[1], m[1]]);
    }
    return '';
  });
  if (/^\s*(export|import)\b/m.test(body)) fail('the JS glue has import/export syntax this script does not know');
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

const glueImport = /import\s+init\s*,\s*\*\s*as\s+bindings\s+from\s+['"]([^'"]+\.js)['"];?/;
const wasmPath = /module_or_path:\s*['"]([^'"]+\.wasm)['"]/;
let startups = 0;
single = single.replace(INLINE_SCRIPT, (whole, attrs, text) => {
  const imp = glueImport.exec(text);
  if (!imp) return whole; // another inline script: kept as it is, and hashed below
  const wasm = wasmPath.exec(text);
  if (!wasm) fail('the start-up script does not pass module_or_path to init');
  startups += 1;
  const glue = readFileSync(localFile(imp[1]), 'utf8');
  const bytes = readFileSync(localFile(wasm[1]));
  const decode =
    `(() => { const s = atob(${JSON.stringify(bytes.toString('base64'))}); ` +
    'const b = new Uint8Array(s.length); for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i); return b; })()';
  const startup = text
    // Replacement functions, not strings: the glue may contain `$&` and the like.
    .replace(glueImport, () => `const bindings = ${glueAsExpression(glue)};\nconst init = bindings.default;`)
    .replace(wasmPath, () => `module_or_path: ${decode}`);
  checkRawText(startup, 'script', imp[1]);
  return `<script${attrs}>${startup}</script>`;
});
if (startups !== 1) fail(`expected one Trunk start-up script, found ${startups}`);

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
// 3. Sizes.
// ---------------------------------------------------------------------------------------
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const raw = Buffer.byteLength(single);
const gz = gzipSync(single, { level: 9 }).length;
console.log(`postbuild: CSP added to ${basename(dir)}/index.html (${siteScriptHashes.length} inline script hash)`);
console.log(`postbuild: ${basename(dir)}/${SINGLE}: ${raw} bytes raw (${kb(raw)}), ${gz} bytes gzip -9 (${kb(gz)})`);
const others = readdirSync(dir, { recursive: true })
  .filter((f) => f !== SINGLE && statSync(join(dir, f)).isFile());
const total = others.reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0);
console.log(`postbuild: the hosted site (${others.length} files, without ${SINGLE}): ${total} bytes gzip -9 (${kb(total)})`);
