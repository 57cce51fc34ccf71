// End to end in the second engine: Debian's Firefox ESR, driven by puppeteer-core over WebDriver
// BiDi (Playwright cannot drive a stock Firefox). The app starts, edits, autosaves, restores
// after a reload, imports and exports there; the sample exported as HTML prints in Firefox to
// the same pages as in Chromium (page count, first line of every page) and both PDFs pass the
// same GB/T 9704 measurements (tests/e2e/pdf-measure.mjs). Page images of both engines are
// written side by side to test-results/print/ (sample-chromium-N.png, sample-firefox-N.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { startServer, launch, recordPageErrors } from './harness.mjs';
import { pdfWords, pdfLines, firstLines, assertGrid } from './pdf-measure.mjs';

const SAMPLE = await readFile(resolve(import.meta.dirname, '../fixtures/yueyang-keji-2023.txt'), 'utf8');
const OUT = resolve(import.meta.dirname, '../../test-results/print');
const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const UNIT = '岳阳县科学技术局';
const BODY = '2023年，县科技局大力加强依法行政。\n第二段：成效显著。';

let server;
let firefox;
let chromium;
before(async () => {
  await mkdir(OUT, { recursive: true });
  server = await startServer();
  firefox = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocol: 'webDriverBiDi',
    extraPrefsFirefox: { 'intl.accept_languages': 'zh-CN' },
  });
  chromium = await launch();
});
after(async () => {
  await firefox?.close();
  await chromium?.close();
  await server?.close();
});

/**
 * A page in a fresh Firefox profile (a BiDi user context) whose downloads are recorded into
 * `window.__downloads` instead of written to disk, and whose script errors land in `errors`.
 */
async function firefoxPage(errors) {
  const context = await firefox.createBrowserContext();
  const page = await context.newPage();
  recordPageErrors(page, errors);
  await page.evaluateOnNewDocument(() => {
    window.__downloads = [];
    const blobs = new Map();
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob) => {
      const url = create(blob);
      blobs.set(url, blob);
      return url;
    };
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function () {
      const blob = blobs.get(this.href);
      if (!this.download || !blob) return click.call(this);
      const name = this.download;
      blob.text().then((text) => window.__downloads.push({ name, text }));
    };
  });
  return { context, page };
}

/**
 * Firefox's printed lines against the expected ones, glyph by glyph. Firefox ESR 153 writes the
 * Noto CJK faces (one .ttc collection) as CFF subsets whose ToUnicode map lacks about a third of
 * the CJK glyphs, so pdftotext reads those as U+FFFD although the page shows the right glyphs
 * (the page images in test-results/print/ show them; ESR 140 mapped them all). An unreadable
 * glyph still holds its place, so each line must have the same length, every readable character
 * must be the expected one at its position, and at least half of all characters must be readable:
 * a line that breaks elsewhere moves every later character and fails.
 */
function assertSameLines(actual, expected, what) {
  assert.equal(actual.length, expected.length, `${what}: number of lines`);
  let readable = 0;
  let total = 0;
  actual.forEach((line, i) => {
    const got = [...line];
    const want = [...expected[i]];
    assert.equal(got.length, want.length, `${what}: length of line ${i + 1} (${line} against ${expected[i]})`);
    got.forEach((c, j) => {
      total += 1;
      if (c === '\uFFFD') return;
      readable += 1;
      assert.equal(c, want[j], `${what}: line ${i + 1}, character ${j + 1} (${line} against ${expected[i]})`);
    });
  });
  assert.ok(readable * 2 >= total, `${what}: only ${readable} of ${total} characters readable in the PDF`);
}

const byId = (id) => `[data-testid="${id}"]`;

/** Sets a field's value and sends the `input` event the app listens to (the paste path is not under test). */
function setValue(page, id, text) {
  return page.$eval(
    byId(id),
    (el, t) => {
      el.value = t;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    text,
  );
}

/**
 * Polls `fn(...args)` in the page until it is truthy. Puppeteer's own waitForFunction builds
 * its poller with `new Function` inside the page, which the app's CSP (rightly) refuses.
 */
async function until(page, what, timeout, fn, ...args) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await page.evaluate(fn, ...args);
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

function waitText(page, id, text, timeout = 30_000) {
  return until(page, `“${text}” in ${id}`, timeout, (sel, t) => document.querySelector(sel)?.textContent.includes(t), byId(id), text);
}

/** Clicks an export button and returns the file it would have downloaded. */
async function download(page, id) {
  const before = await page.evaluate(() => window.__downloads.length);
  await page.click(byId(id));
  await until(page, `a download from ${id}`, 10_000, (n) => window.__downloads.length > n, before);
  return page.evaluate(() => window.__downloads.at(-1));
}

async function openApp(page) {
  await page.goto(server.url);
  await page.waitForSelector(byId('unit-name'), { timeout: 60_000 });
}

test('the app in Firefox ESR: starts, edits, autosaves, restores after reload, imports and exports', { timeout: 180_000 }, async () => {
  const errors = [];
  const { context, page } = await firefoxPage(errors);
  try {
    await openApp(page);
    // Edits: real keystrokes into the unit field, the body through its input event.
    await page.type(byId('unit-name'), UNIT);
    await setValue(page, 'section-body', BODY);
    await waitText(page, 'save-status', '已保存', 5_000);
    await page.reload();
    await page.waitForSelector(byId('unit-name'), { timeout: 60_000 });
    assert.equal(await page.$eval(byId('unit-name'), (e) => e.value), UNIT, 'unit restored after reload');
    assert.equal(await page.$eval(byId('section-body'), (e) => e.value), BODY, 'body restored after reload');

    const md = await download(page, 'export-markdown');
    assert.match(md.name, /\.md$/);
    assert.ok(md.text.includes(UNIT) && md.text.includes('第二段：成效显著。'), md.text);

    // Import the sample as a new draft, then export it as HTML.
    await page.click(byId('import-open'));
    await page.waitForSelector(byId('import-text'));
    await setValue(page, 'import-text', SAMPLE);
    await page.waitForSelector(byId('import-title'), { timeout: 30_000 });
    await page.click(byId('import-confirm'));
    await waitText(page, 'notice', '已导入为新草稿');
    assert.equal(await page.$eval(byId('unit-name'), (e) => e.value), UNIT);
    await waitText(page, 'save-status', '已保存', 5_000);
    const html = await download(page, 'export-html');
    assert.match(html.name, /\.html$/);
    assert.ok(html.text.includes('<section class="nb-page"'), 'the export has pages');
    await writeFile(join(OUT, 'sample-firefox-export.html'), html.text);

    // The preview in Firefox, after the redraw delay: its pages are the exported pages.
    await until(
      page,
      'the preview of the imported sample',
      10_000,
      (n) => document.querySelectorAll('[data-testid=preview] [data-testid=preview-page]').length === n,
      (html.text.match(/<section class="nb-page"/g) ?? []).length,
    );
    const preview = await page.$$eval('[data-testid=preview] [data-testid=preview-page]', (ps) =>
      ps.map((p) => (p.querySelector('.nb-l')?.textContent ?? '').replace(/\s+/g, '')),
    );
    await writeFile(join(OUT, 'sample-firefox-preview.json'), JSON.stringify(preview));

    // Restores the imported draft too.
    await page.reload();
    await page.waitForSelector(byId('unit-name'), { timeout: 60_000 });
    assert.equal(await page.$eval(byId('unit-name'), (e) => e.value), UNIT);
  } finally {
    await context.close();
  }
  assert.deepEqual(errors, [], 'page errors, console errors or dialogs in Firefox');
});

test('the sample exported as HTML prints to the same pages in Firefox and Chromium, both on the GB/T 9704 grid', { timeout: 180_000 }, async () => {
  // The export as the app writes it (the smoke test above saved Firefox's; both engines'
  // exports are the same bytes, the core writes them).
  const html = await readFile(join(OUT, 'sample-firefox-export.html'), 'utf8').catch(() => {
    throw new Error('run the Firefox smoke test first (same file)');
  });
  const preview = JSON.parse(await readFile(join(OUT, 'sample-firefox-preview.json'), 'utf8'));

  const errors = [];
  const { context, page } = await firefoxPage(errors);
  const ffPdf = join(OUT, 'sample-firefox.pdf');
  try {
    await page.setContent(html);
    await page.pdf({ path: ffPdf, preferCSSPageSize: true });
  } finally {
    await context.close();
  }
  const crContext = await chromium.newContext();
  const crPdf = join(OUT, 'sample-chromium.pdf');
  try {
    const view = await crContext.newPage();
    await view.setContent(html);
    await view.pdf({ path: crPdf, preferCSSPageSize: true });
  } finally {
    await crContext.close();
  }

  const ff = pdfWords(ffPdf);
  const cr = pdfWords(crPdf);
  for (const [name, pages] of [
    ['Firefox', ff],
    ['Chromium', cr],
  ]) {
    for (const p of pages) {
      assert.ok(Math.abs(p.width - 210) < 0.5 && Math.abs(p.height - 297) < 0.5, `${name}: page ${p.width} x ${p.height} mm`);
    }
  }
  // Page by page: the same count and the same first line, and the preview's.
  assert.equal(ff.length, cr.length, 'Firefox and Chromium page counts');
  assertSameLines(firstLines(ff), firstLines(cr), 'first line of every page, Firefox against Chromium');
  assertSameLines(firstLines(ff), preview, 'first line of every page, Firefox PDF against its preview');
  for (let i = 0; i < ff.length; i++) {
    assert.equal(pdfLines(ff[i]).lines.length, pdfLines(cr[i]).lines.length, `lines on page ${i + 1}`);
  }

  const options = { everyNumber: true, dashLine: true };
  const figures = {
    pages: ff.length,
    firefox: assertGrid(ffPdf, ff, OUT, options),
    chromium: assertGrid(crPdf, cr, OUT, options),
  };
  await writeFile(join(OUT, 'sample-engines-figures.json'), JSON.stringify(figures, null, 2));
  console.log('Firefox and Chromium PDF figures', JSON.stringify(figures));

  // The page images side by side, for a person to look at.
  execFileSync('pdftoppm', ['-png', '-r', '100', ffPdf, join(OUT, 'sample-firefox')]);
  execFileSync('pdftoppm', ['-png', '-r', '100', crPdf, join(OUT, 'sample-chromium')]);
  assert.deepEqual(errors, [], 'page errors in Firefox');
});
