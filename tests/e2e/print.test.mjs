// End to end: the printed report measured in a real PDF (Chromium's page.pdf, poppler's
// pdftotext -bbox), compared with the paged preview, for the sample and a 30-page report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { openApp, useServerAndBrowser, countPrints } from './harness.mjs';

const SAMPLE = await readFile(resolve(import.meta.dirname, '../fixtures/yueyang-keji-2023.txt'), 'utf8');
const OUT = resolve(import.meta.dirname, '../../test-results/print');
const MM = 25.4 / 72; // one PDF point in millimetres
const PITCH = 225 / 22; // grid line pitch in mm
const env = useServerAndBrowser([OUT]);
const withProfile = env.withProfile;

/** Imports `text` through the import dialog as a new draft and waits for its preview. */
async function importText(page, text) {
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-text').fill(text);
  await page.getByTestId('import-title').waitFor({ timeout: 30_000 });
  await page.getByTestId('import-confirm').click();
  await page.getByTestId('notice').filter({ hasText: '已导入为新草稿' }).waitFor({ timeout: 30_000 });
  // The preview is laid out again once typing (here: the import) pauses.
  await page.waitForTimeout(800);
}

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

/** Words of every page of a PDF, from `pdftotext -bbox` (XHTML), in millimetres. */
function pdfWords(pdf) {
  const xhtml = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const pages = [];
  for (const m of xhtml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const words = [...m[3].matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
      (w) => ({ x0: +w[1] * MM, y0: +w[2] * MM, x1: +w[3] * MM, y1: +w[4] * MM, text: w[5] }),
    );
    pages.push({ width: +m[1] * MM, height: +m[2] * MM, words });
  }
  return pages;
}

/** Words grouped into text lines, top to bottom; page numbers apart. */
function pdfLines(page) {
  const isNumber = (w) => w.y0 > 262 && /^(—|\d+)$/.test(w.text);
  const cjk = (w) => /[^\x00-\x7f]/.test(w.text);
  const centre = (w) => (w.y0 + w.y1) / 2;
  // Font boxes of CJK faces are taller than a grid line, so lines are told apart by the
  // centres of their words; Latin words (another face) sit within 2 mm of their line's centre.
  const rows = [];
  const words = page.words.filter((w) => !isNumber(w));
  for (const w of [...words.filter(cjk), ...words.filter((w) => !cjk(w))]) {
    const row = rows.find((r) => Math.abs(r.c - centre(w)) < 3);
    if (row) row.words.push(w);
    else rows.push({ c: centre(w), words: [w] });
  }
  for (const r of rows) r.words.sort((a, b) => a.x0 - b.x0);
  rows.sort((a, b) => a.c - b.c);
  return {
    lines: rows.map((r) => {
      const box = r.words.filter(cjk).length ? r.words.filter(cjk) : r.words;
      return {
        text: r.words.map((w) => w.text).join(''),
        x0: Math.min(...r.words.map((w) => w.x0)),
        x1: Math.max(...r.words.map((w) => w.x1)),
        // The CJK words fix the line's font box, hence its position.
        y0: Math.min(...box.map((w) => w.y0)),
        h: Math.max(...box.map((w) => w.y1 - w.y0)),
      };
    }),
    number: page.words.filter(isNumber),
  };
}

/** The topmost and leftmost ink of a page, in mm, from a 300 dpi greyscale rendering. */
function ink(pdf, n) {
  const base = join(OUT, `ink-${n}`);
  execFileSync('pdftoppm', ['-r', '300', '-gray', '-f', String(n), '-l', String(n), '-singlefile', pdf, base]);
  const buf = execFileSync('cat', [`${base}.pgm`], { maxBuffer: 64 << 20 });
  let pos = 0;
  const token = () => {
    while (/\s/.test(String.fromCharCode(buf[pos]))) pos++;
    let s = '';
    while (!/\s/.test(String.fromCharCode(buf[pos]))) s += String.fromCharCode(buf[pos++]);
    return s;
  };
  token();
  const w = +token();
  const h = +token();
  token();
  pos++;
  const dark = (x, y) => buf[pos + y * w + x] < 128;
  const limit = Math.floor(h * (262 / 297)); // above the page number
  let top = -1;
  let left = w;
  for (let y = 0; y < limit; y++) {
    for (let x = 0; x < left; x++) {
      if (dark(x, y)) {
        if (top < 0) top = y;
        left = x;
        break;
      }
    }
  }
  const mm = (px) => (px / 300) * 25.4;
  return { top: mm(top), left: mm(left) };
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

const firstLines = (pages) => pages.map((p) => pdfLines(p).lines[0]?.text.replace(/\s+/g, '') ?? '');

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

    // Margins: left edge of the body at 28 mm; the first line's characters start at 37 mm.
    const p2 = pdfLines(pages[1]);
    const left = Math.min(...p2.lines.map((l) => l.x0));
    figures.leftMm = left;
    assert.ok(Math.abs(left - 28) <= 1, `left edge ${left} mm`);
    const ink1 = ink(pdf, 1);
    const ink2 = ink(pdf, 2);
    figures.inkTopMm = [ink1.top, ink2.top];
    figures.inkLeftMm = ink2.left;
    for (const t of [ink1.top, ink2.top]) assert.ok(Math.abs(t - 37) <= 1, `top of the first line ${t} mm`);
    assert.ok(Math.abs(ink2.left - 28) <= 1, `ink left edge ${ink2.left} mm`);

    // Line pitch 225/22 mm between lines of the same face and size, and no more than 22 lines.
    const pitches = [];
    let most = 0;
    for (const p of pages) {
      const { lines } = pdfLines(p);
      most = Math.max(most, lines.length);
      assert.ok(lines.length <= 22, `${lines.length} lines on a page`);
      for (let i = 1; i < lines.length; i++) {
        const [a, b] = [lines[i - 1], lines[i]];
        if (Math.abs(a.h - b.h) > 0.05) continue;
        const steps = Math.round((b.y0 - a.y0) / PITCH);
        if (steps >= 1) pitches.push((b.y0 - a.y0) / steps);
      }
    }
    assert.ok(pitches.length > 40, `${pitches.length} line pitches measured`);
    const mean = pitches.reduce((s, x) => s + x, 0) / pitches.length;
    const worst = Math.max(...pitches.map((x) => Math.abs(x - PITCH)));
    figures.pitchMm = { mean, worstDeviation: worst, expected: PITCH };
    figures.mostLinesOnAPage = most;
    assert.ok(Math.abs(mean - PITCH) <= 0.05, `mean pitch ${mean} mm`);
    assert.ok(worst <= 0.2, `worst pitch deviation ${worst} mm`);

    // 28 characters fill a full line of 156 mm; no line is wider.
    const all = pages.flatMap((p) => pdfLines(p).lines);
    const cjkOnly = all.filter((l) => !/[\x00-\x7f]/.test(l.text));
    const longest = Math.max(...cjkOnly.map((l) => [...l.text].length));
    const full = cjkOnly.filter((l) => [...l.text].length === 28);
    figures.charsPerFullLine = longest;
    figures.fullLines = full.length;
    assert.equal(longest, 28, 'characters on a full line');
    assert.ok(full.length >= 20, `${full.length} full lines of 28 characters`);
    for (const l of full) {
      assert.ok(Math.abs(l.x0 - 28) <= 0.5 && Math.abs(l.x1 - 184) <= 0.5, `full line ${l.x0}–${l.x1} mm: ${l.text}`);
    }
    figures.rightEdgeMm = Math.max(...all.map((l) => l.x1));
    assert.ok(figures.rightEdgeMm <= 184.5, `nothing past the right margin: ${figures.rightEdgeMm} mm`);

    // Page numbers "— N —": page 1 on the right, page 2 on the left, below the type area.
    const number = (n) => {
      const ws = pdfLines(pages[n - 1]).number;
      return { text: ws.map((w) => w.text).join(' '), x0: Math.min(...ws.map((w) => w.x0)), x1: Math.max(...ws.map((w) => w.x1)), y0: Math.min(...ws.map((w) => w.y0)) };
    };
    const n1 = number(1);
    const n2 = number(2);
    figures.pageNumbers = { 1: n1, 2: n2 };
    assert.equal(n1.text, '— 1 —');
    assert.equal(n2.text, '— 2 —');
    // One 14 pt character (4.9 mm) in from the type area's right (184 mm) or left (28 mm) edge.
    assert.ok(Math.abs(n1.x1 - (184 - 4.94)) <= 1, `page 1 number ends at ${n1.x1} mm`);
    assert.ok(Math.abs(n2.x0 - (28 + 4.94)) <= 1, `page 2 number starts at ${n2.x0} mm`);
    assert.ok(n1.y0 > 262 && n2.y0 > 262, 'numbers below the type area');

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
