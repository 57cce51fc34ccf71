// PDF measurement shared by every print test (the browsers' PDFs of the exported HTML, and
// LibreOffice's PDF of the .docx): words and lines from poppler's `pdftotext -bbox`, ink edges
// from `pdftoppm`, and the GB/T 9704 grid asserted on them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const MM = 25.4 / 72; // one PDF point in millimetres
/** Grid line pitch in mm: 225 mm of type area over 22 lines. */
export const PITCH = 225 / 22;

/** The text of the first line of each page, white space removed. */
export const firstLines = (pages) => pages.map((p) => pdfLines(p).lines[0]?.text.replace(/\s+/g, '') ?? '');

/**
 * The character a reader sees. Firefox's PDFs map some glyphs of Noto CJK back to their Kangxi
 * radical or CJK radical code points (⼯ U+2F2F for 工), which look the same; NFKC turns those
 * two blocks, and only those, into the unified ideographs that Chromium's PDFs carry.
 */
export const readable = (text) => text.replace(/[\u2e80-\u2fdf]/g, (c) => c.normalize('NFKC'));

/** Words of every page of a PDF, from `pdftotext -bbox` (XHTML), in millimetres. */
export function pdfWords(pdf) {
  const xhtml = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const pages = [];
  for (const m of xhtml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const words = [...m[3].matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
      (w) => ({ x0: +w[1] * MM, y0: +w[2] * MM, x1: +w[3] * MM, y1: +w[4] * MM, text: readable(w[5]) }),
    );
    pages.push({ width: +m[1] * MM, height: +m[2] * MM, words });
  }
  return pages;
}

/** Words grouped into text lines, top to bottom; page numbers apart. */
export function pdfLines(page) {
  // Below the type area (262 mm) by the centre of its box: Chromium's font boxes are so tall
  // that the box of a number set 7 mm under the type area starts above 262 mm.
  const isNumber = (w) => (w.y0 + w.y1) / 2 > 262 && /^(—|\d+)$/.test(w.text);
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

/** Page `n` of a PDF at 300 dpi in grey, read from poppler's PGM: `dark(x, y)` in pixels. */
function render(pdf, n, out) {
  const base = join(out, `ink-${n}`);
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
  const start = pos;
  return { w, h, dark: (x, y) => buf[start + y * w + x] < 128 };
}

const px2mm = (px) => (px / 300) * 25.4;
const mm2px = (mm) => Math.round((mm / 25.4) * 300);

/** The topmost and leftmost ink of a page, in mm, from a 300 dpi greyscale rendering. */
export function ink(pdf, n, out) {
  const { w, h, dark } = render(pdf, n, out);
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
  return { top: px2mm(top), left: px2mm(left) };
}

/**
 * The ink of the one-em dash that opens the page number (its words from `pdfLines(...).number`):
 * top and bottom edge in mm. GB/T 9704 puts the top of that dash 7 mm below the type area.
 */
export function dashInk(pdf, n, out, dash) {
  const { h, dark } = render(pdf, n, out);
  const rows = [];
  for (let y = mm2px(262); y < h; y++) {
    for (let x = mm2px(dash.x0); x <= mm2px(dash.x1); x++) {
      if (dark(x, y)) {
        rows.push(y);
        break;
      }
    }
  }
  return rows.length ? { top: px2mm(rows[0]), bottom: px2mm(rows.at(-1) + 1) } : null;
}

/**
 * Asserts the GB/T 9704 grid on a PDF already read with `pdfWords`: margins, line pitch, at
 * most 22 lines a page, 28 characters on a full line, "— N —" right on page 1 and left on
 * page 2. Returns the figures measured. `out` is a folder for the ink renderings.
 * Options (all off by default, so earlier callers measure what they did):
 * - `everyNumber`: "— N —" on every page, right on odd and left on even pages, one character
 *   in from the type area;
 * - `dashLine`: the top of each page number's first dash 7 ± 1 mm below the type area (262 mm).
 */
export function assertGrid(pdf, pages, out, options = {}) {
  const figures = {};
    // Margins: left edge of the body at 28 mm; the first line's characters start at 37 mm.
    const p2 = pdfLines(pages[1]);
    const left = Math.min(...p2.lines.map((l) => l.x0));
    figures.leftMm = left;
    assert.ok(Math.abs(left - 28) <= 1, `left edge ${left} mm`);
    const ink1 = ink(pdf, 1, out);
    const ink2 = ink(pdf, 2, out);
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
      return {
        text: ws.map((w) => w.text).join(' '),
        x0: Math.min(...ws.map((w) => w.x0)),
        x1: Math.max(...ws.map((w) => w.x1)),
        y0: Math.min(...ws.map((w) => w.y0)),
        yc: Math.min(...ws.map((w) => (w.y0 + w.y1) / 2)),
      };
    };
    const n1 = number(1);
    const n2 = number(2);
    figures.pageNumbers = { 1: n1, 2: n2 };
    assert.equal(n1.text, '— 1 —');
    assert.equal(n2.text, '— 2 —');
    // One 14 pt character (4.9 mm) in from the type area's right (184 mm) or left (28 mm) edge.
    assert.ok(Math.abs(n1.x1 - (184 - 4.94)) <= 1, `page 1 number ends at ${n1.x1} mm`);
    assert.ok(Math.abs(n2.x0 - (28 + 4.94)) <= 1, `page 2 number starts at ${n2.x0} mm`);
    assert.ok(n1.yc > 262 && n2.yc > 262, 'numbers below the type area');

    if (options.everyNumber) {
      const xs = [];
      for (let n = 1; n <= pages.length; n++) {
        const num = number(n);
        assert.equal(num.text, `— ${n} —`, `page number of page ${n}`);
        if (n % 2) assert.ok(Math.abs(num.x1 - (184 - 4.94)) <= 1, `odd page ${n}: number ends at ${num.x1} mm`);
        else assert.ok(Math.abs(num.x0 - (28 + 4.94)) <= 1, `even page ${n}: number starts at ${num.x0} mm`);
        xs.push(n % 2 ? num.x1 : num.x0);
      }
      figures.numberEdgesMm = xs;
    }
    if (options.dashLine) {
      const tops = [];
      for (let n = 1; n <= pages.length; n++) {
        const ws = pdfLines(pages[n - 1]).number;
        const dash = dashInk(pdf, n, out, ws[0]);
        assert.ok(dash, `no ink under the first dash of page ${n}`);
        assert.ok(Math.abs(dash.top - 269) <= 1, `page ${n}: the dash's top is ${dash.top - 262} mm below the type area`);
        tops.push(dash.top);
      }
      figures.dashTopMm = tops;
    }

  return figures;
}
