// End to end: the one-file build (dist/nianbao.html) opened straight from disk, and the
// Content-Security-Policy of the hosted dist/index.html. Both written by scripts/postbuild.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { startServer, launch, newContext, openApp, waitSaved, recordErrors, countPrints } from './harness.mjs';

const SINGLE_PATH = resolve(import.meta.dirname, '../../dist/nianbao.html');
const SINGLE_URL = pathToFileURL(SINGLE_PATH).href;

const UNIT = '岳阳县科学技术局';
const BODY = '2023年，县科技局大力加强依法行政。\n第二段：成效显著。';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/**
 * Reports every `securitypolicyviolation` of every page of the context into `list`. The
 * listener is installed before any script of the page runs and does not depend on the page's
 * own policy (Playwright injects it outside the page).
 */
async function recordCspViolations(context, list) {
  await context.exposeFunction('__nbCspViolation', (v) => list.push(v));
  await context.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) => window.__nbCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`),
      true,
    );
  });
}

async function typeReport(page) {
  await page.getByTestId('unit-name').fill(UNIT);
  await page.getByTestId('section-body').fill(BODY);
}

async function download(page, testId) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return readFile(await file.path(), 'utf8');
}

test('nianbao.html is one file with its own policy and no reference to any other file', async () => {
  const html = await readFile(SINGLE_PATH, 'utf8').catch(() => {
    throw new Error('dist/nianbao.html is missing: run `make dist` first');
  });
  const head = /<head>\s*(<[^>]*>)/.exec(html)?.[1] ?? '';
  assert.match(head, /^<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-/);
  assert.match(head, /'wasm-unsafe-eval'/);
  assert.doesNotMatch(head, /'unsafe-inline'|'unsafe-eval'|blob:|\*/);
  const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '').replace(/<style>[\s\S]*?<\/style>/gi, '');
  assert.doesNotMatch(markup, /integrity=|modulepreload|rel="preload"|rel="stylesheet"/);
  const urls = [...markup.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(urls.filter((u) => !u.startsWith('data:')), [], 'references to other files');
});

test('nianbao.html is at most 600 KB: the wasm travels gzip-compressed and is inflated at start', async () => {
  const html = await readFile(SINGLE_PATH);
  assert.ok(html.length <= 600 * 1024, `nianbao.html is ${html.length} bytes raw`);
  const text = html.toString('utf8');
  // base64 of the gzip magic (1f 8b 08) opens the packed module; no plain module (\0asm) is left.
  assert.match(text, /atob\("H4sI[A-Za-z0-9+/]{1000,}={0,2}"\)/);
  assert.doesNotMatch(text, /"AGFzbQ/);
  assert.match(text, /new DecompressionStream\('gzip'\)/);
  // The start-up check knows that this file needs DecompressionStream.
  assert.match(text, /<script data-needs="gzip">/);
  console.log(`nianbao.html: ${html.length} bytes raw, ${gzipSync(html, { level: 9 }).length} bytes gzip -9`);
});

test('nianbao.html opened from disk starts, saves, restores after reload and exports', { timeout: 60_000 }, async () => {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'zh-CN' });
  const requests = [];
  const errors = [];
  const violations = [];
  try {
    await context.route('**/*', (route) => {
      const u = route.request().url();
      requests.push(u);
      return u === SINGLE_URL || u.startsWith('data:') || u.startsWith('blob:')
        ? route.continue()
        : route.abort('blockedbyclient');
    });
    context.on('request', (r) => requests.push(r.url()));
    recordErrors(context, errors);
    await recordCspViolations(context, violations);

    const page = await context.newPage();
    await page.goto(SINGLE_URL);
    await page.getByTestId('unit-name').waitFor();
    await typeReport(page);
    await waitSaved(page);

    await page.reload();
    await page.getByTestId('unit-name').waitFor();
    assert.equal(await page.getByTestId('unit-name').inputValue(), UNIT);
    assert.equal(await page.getByTestId('section-body').inputValue(), BODY);

    const md = await download(page, 'export-markdown');
    assert.ok(md.includes(UNIT) && md.includes('第二段：成效显著。'), md);
    const html = await download(page, 'export-html');
    assert.ok(html.includes(UNIT) && html.includes('第二段：成效显著。'), html);
  } finally {
    await context.close();
  }
  assert.ok(requests.includes(SINGLE_URL), `the file itself was recorded: ${requests}`);
  const other = requests.filter((u) => !(u === SINGLE_URL || u.startsWith('data:') || u.startsWith('blob:')));
  assert.deepEqual(violations, [], 'CSP violations');
  assert.deepEqual(other, [], 'requests other than the file itself');
  assert.deepEqual(errors, [], 'console errors, page errors or dialogs');
});

test('the hosted index.html carries its CSP and nothing violates it while typing, exporting and printing', { timeout: 60_000 }, async () => {
  const server = await startServer();
  const rec = await newContext(browser, server);
  const violations = [];
  try {
    await recordCspViolations(rec.context, violations);
    await countPrints(rec.context);
    const page = await openApp(rec.context, server);

    const meta = await page.evaluate(() => {
      const first = document.head.firstElementChild;
      return first?.getAttribute('http-equiv') === 'Content-Security-Policy' ? first.getAttribute('content') : null;
    });
    assert.ok(meta, 'the CSP <meta> is the first element of <head>');
    for (const directive of [
      "default-src 'none'",
      "style-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
    ]) {
      assert.ok(meta.includes(directive), `${directive} in ${meta}`);
    }
    assert.match(meta, /script-src 'self' ('sha256-[A-Za-z0-9+/=]+' )+'wasm-unsafe-eval'/);
    assert.doesNotMatch(meta, /'unsafe-inline'|'unsafe-eval'|blob:|\*/);

    await typeReport(page);
    await waitSaved(page);
    const md = await download(page, 'export-markdown');
    assert.ok(md.includes(UNIT), md);
    const html = await download(page, 'export-html');
    assert.ok(html.includes(UNIT), html);
    await page.getByTestId('print').click();
    await page.getByTestId('print-confirm').click();
    assert.equal(await page.evaluate(() => window.__prints), 1);
    await page.emulateMedia({ media: 'print' });
    await page.getByTestId('preview').locator('.nb-title').first().waitFor();
    await page.emulateMedia({ media: 'screen' });
    await page.reload();
    await page.getByTestId('unit-name').waitFor();
    assert.equal(await page.getByTestId('unit-name').inputValue(), UNIT);
  } finally {
    await rec.context.close();
    await server.close();
  }
  assert.deepEqual(violations, [], 'CSP violations');
  assert.deepEqual(rec.outside(), [], 'requests outside the local server');
  assert.deepEqual(rec.errors, [], 'page errors, console errors or dialogs');
});
