// End to end: the printed report measured in a real PDF (Chromium's page.pdf, poppler's
// pdftotext -bbox), compared with the paged preview, for the sample and a 30-page report. Each
// page is a whole A4 box with its margins and its "— N —" inside (no @page margin boxes), so
// the page numbers are measured on every page, by parity, and 7 mm under the type area.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { openApp, useServerAndBrowser, countPrints, importText } from './harness.mjs';
import { pdfWords, pdfLines, firstLines, assertGrid } from './pdf-measure.mjs';

const SAMPLE = await readFile(resolve(import.meta.dirname, '../fixtures/yueyang-keji-2023.txt'), 'utf8');
const OUT = resolve(import.meta.dirname, '../../test-results/print');
const env = useServerAndBrowser([OUT]);
const withProfile = env.withProfile;

/** The sample with every body paragraph written `times` over: a report of about 30 pages. */
function longText(times) {
  const heading = /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)/;
  const lines = SAMPLE.split('\n');
  // The letterhead, the title and the closing lines stay as they are.
  return lines
    .map((l, i) => {
      const t = l.trim();
      if (i < 6 || !t || heading.test(t) || t.length < 40) return l;
      return Array(times).fill(t).join('\n\n');
    })
    .join('\n');
}

/** Page count and the first line of each page, as the preview shows them. */
async function previewPages(page) {
  return page.locator('[data-testid=preview] [data-testid=preview-page]').evaluateAll((pages) =>
    pages.map((p) => (p.querySelector('.nb-l')?.textContent ?? '').replace(/\s+/g, '')),
  );
}

/** Prints HTML to PDF in Chromium at the CSS page size. */
async function toPdf(context, html, name) {
  const view = await context.newPage();
  await view.setContent(html);
  const path = join(OUT, `${name}.pdf`);
  await view.pdf({ path, preferCSSPageSize: true });
  await view.close();
  return path;
}

async function exportHtml(page) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-html').click()]);
  return readFile(await file.path(), 'utf8');
}


test('the sample prints on the GB/T 9704 grid, measured in the PDF, as the preview shows it', { timeout: 120_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await importText(page, SAMPLE);
    const preview = await previewPages(page);
    assert.ok(preview.length >= 2, `preview pages: ${preview.length}`);
    assert.equal(await page.getByTestId('preview-count').innerText(), `共${preview.length}页`);

    const pdf = await toPdf(context, await exportHtml(page), 'sample');
    const pages = pdfWords(pdf);
    const figures = { pages: pages.length };

    // Paper: A4.
    for (const p of pages) {
      assert.ok(Math.abs(p.width - 210) < 0.5 && Math.abs(p.height - 297) < 0.5, `page ${p.width} x ${p.height} mm`);
    }
    // The same pages as the preview: count and first line of each.
    assert.equal(pages.length, preview.length, 'PDF and preview page counts');
    assert.deepEqual(firstLines(pages), preview, 'first line of every page');

    Object.assign(figures, assertGrid(pdf, pages, OUT, { everyNumber: true, dashLine: true }));

    // Images of pages 1 and 2 for a person to look at.
    execFileSync('pdftoppm', ['-png', '-r', '100', '-f', '1', '-l', '2', pdf, join(OUT, 'sample')]);
    await writeFile(join(OUT, 'sample-figures.json'), JSON.stringify(figures, null, 2));
    console.log('sample PDF figures', JSON.stringify(figures));
  }));

test('a 30-page report: preview, exported HTML and in-app print give the same pages', { timeout: 240_000 }, () =>
  withProfile(async (context) => {
    await countPrints(context);
    const page = await openApp(context, env.server);
    // A character outside GB2312 in part 二, to be listed before printing.
    await importText(page, longText(16).replace('一是法治素养水平有待提升。', '一是法治素养水平有待提升，王镕同志牵头。'));
    const preview = await previewPages(page);
    assert.ok(preview.length >= 30, `preview pages: ${preview.length}`);

    const pdf = await toPdf(context, await exportHtml(page), 'long');
    const pages = pdfWords(pdf);
    assert.equal(pages.length, preview.length, 'exported PDF and preview page counts');
    assert.deepEqual(firstLines(pages), preview, 'first line of every page, export');
    for (const p of pages) assert.ok(pdfLines(p).lines.length <= 22);
    // Thirty pages of numbers, each on its side, from the page boxes alone.
    for (const [i, p] of pages.entries()) {
      const ws = pdfLines(p).number;
      assert.equal(ws.map((w) => w.text).join(' '), `— ${i + 1} —`, `number of page ${i + 1}`);
      const edge = i % 2 === 0 ? Math.max(...ws.map((w) => w.x1)) : Math.min(...ws.map((w) => w.x0));
      assert.ok(Math.abs(edge - (i % 2 === 0 ? 184 - 4.94 : 28 + 4.94)) <= 1, `page ${i + 1} number edge ${edge} mm`);
    }

    // The in-app print: the check lists the rare character and the fonts, then prints.
    await page.getByTestId('print').click();
    const check = page.getByTestId('print-check');
    await check.waitFor();
    const rare = await check.getByTestId('print-rare').allInnerTexts();
    assert.equal(rare.length, 1, rare.join(' | '));
    assert.match(rare[0], /“镕”（U\+9555）共\d+处：二、推进法治建设存在的不足和原因/);
    const fonts = await check.getByTestId('print-font').allInnerTexts();
    assert.equal(fonts.length, 4, fonts.join(' | '));
    // This test machine has none of the official faces (only Noto CJK and Liberation).
    assert.match(fonts[0], /正文（仿宋）：未安装“仿宋_GB2312”，将使用/);
    assert.equal(await page.evaluate(() => window.__prints), 0, 'nothing printed before confirming');
    await page.getByTestId('print-confirm').click();
    assert.equal(await page.evaluate(() => window.__prints), 1);
    assert.equal(await check.count(), 0, 'the check closes');
    await page.emulateMedia({ media: 'print' });
    const appPdf = join(OUT, 'long-in-app.pdf');
    await page.pdf({ path: appPdf, preferCSSPageSize: true });
    const printed = pdfWords(appPdf);
    assert.equal(printed.length, preview.length, 'in-app print and preview page counts');
    assert.deepEqual(firstLines(printed), preview, 'first line of every page, in-app print');
    // The in-app print is the same boxes: numbers on their sides, margins inside the pages.
    const appFigures = assertGrid(appPdf, printed, OUT, { everyNumber: true });
    console.log('in-app print figures', JSON.stringify({ leftMm: appFigures.leftMm, inkTopMm: appFigures.inkTopMm, pitchMm: appFigures.pitchMm }));
    const layoutMs = await page.evaluate(() => performance.getEntriesByName('nianbao:layout').at(-1)?.duration);
    const chars = await page.locator('[data-testid=preview]').evaluate((e) => e.textContent.length);
    console.log(`30-page report (${chars} characters): preview ${preview.length} pages, export PDF ${pages.length}, in-app PDF ${printed.length}; layout in wasm ${layoutMs} ms`);
  }));

test('the font check finds a face that is there', { timeout: 60_000 }, async () => {
  // A local face registered under the official name must be reported as installed.
  const context = await env.browser.newContext({ bypassCSP: true });
  try {
    const page = await context.newPage();
    await page.goto(env.server.url);
    await page.getByTestId('unit-name').waitFor();
    await page.evaluate(async () => {
      const face = new FontFace('仿宋_GB2312', 'local("Liberation Mono")');
      document.fonts.add(await face.load());
    });
    await page.getByTestId('print').click();
    const fonts = await page.getByTestId('print-font').allInnerTexts();
    assert.match(fonts[0], /正文（仿宋）：已安装“仿宋_GB2312”/, fonts.join(' | '));
    assert.match(fonts[2], /一级标题（黑体）：未安装/);
  } finally {
    await context.close();
  }
});

test('the seal setting moves 落款 and 成文日期, is saved with the draft, and shows in the preview', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await importText(page, SAMPLE);
    await page.getByTestId('doc-date').fill('2024-01-15');
    await page.waitForTimeout(600);
    // The signature's place is written as full-width spaces, one per grid cell.
    const places = () =>
      page.locator('[data-testid=preview] [data-testid=preview-page]').last().evaluate((p) =>
        [...p.querySelectorAll('.nb-l')].slice(-2).map((l) => {
          const t = l.textContent;
          return { text: t.trim(), cells: t.length - t.trimStart().length };
        }),
      );
    const plain = await places();
    assert.equal(plain[0].text, '岳阳县科学技术局');
    assert.equal(plain[1].text, '2024年1月15日');
    // Without a seal the name ends two characters in (28 - 2 - 8 = 18 cells before it).
    assert.equal(plain[0].cells, 18);
    assert.equal(plain[1].cells, 20, 'the date starts two characters right of the name');
    await page.getByTestId('seal-toggle').check();
    await page.waitForTimeout(600);
    const sealed = await places();
    assert.ok(sealed[1].cells < plain[1].cells, `date moves left for the seal: ${JSON.stringify(sealed)}`);
    assert.ok(sealed[0].cells < sealed[1].cells + 2, 'the name is centred over the date');
    await page.reload();
    await page.getByTestId('unit-name').waitFor();
    assert.equal(await page.getByTestId('seal-toggle').isChecked(), true, 'the setting is saved with the draft');
  }));
