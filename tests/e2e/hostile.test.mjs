// End to end: hostile text in every field, in the preview, in both exports and through import.
// Nothing may execute (the harness fails a test on any dialog, page error, console error or
// CSP violation), the Markdown export must render it as text, and the draft keeps it exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import MarkdownIt from 'markdown-it';
import { openApp, waitSaved, storedDraft, useServerAndBrowser } from './harness.mjs';
import { hostileInputs, LONE_SURROGATES } from './hostile.mjs';

const INPUTS = hostileInputs();
const DANGEROUS = 'script, img, iframe, svg, math, a, object, embed, form, meta, base, link, style, input, details, body, noscript';
const env = useServerAndBrowser();
const withProfile = env.withProfile;

/** What a paragraph of `s` reads as once rendered: CommonMark turns NUL into U+FFFD and
 *  browsers collapse white space. */
/** Puts `text` into a field as a paste does: one input event. (Playwright's `fill` types a
 *  megabyte through the debugging protocol far slower than any paste.) */
const paste = (page, testid, text) =>
  page.evaluate(
    ([id, v]) => {
      const el = document.querySelector(`[data-testid=${id}]`);
      el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    [testid, text],
  );

const asRendered = (s) => s.replace(/\u0000/g, '\ufffd').replace(/[ \t\n\r]+/g, ' ').trim();

test(`${INPUTS.length} hostile inputs in every field stay text everywhere and are kept exactly`, { timeout: 120_000 }, () =>
  withProfile(async (context) => {
    assert.ok(INPUTS.length >= 200);
    const page = await openApp(context, env.server);
    const line = INPUTS.join(' ');
    const body = INPUTS.join('\n');
    await page.getByTestId('unit-name').fill(line);
    await page.getByTestId('report-title').fill(line);
    await page.getByTestId('signer').fill(line);
    await page.getByTestId('section-title').fill(line);
    await page.getByTestId('section-body').fill(body);
    await page.getByTestId('add-section').click();
    await page.getByTestId('section-title').fill(INPUTS[0]);
    await page.getByTestId('add-point').click();
    await page.getByTestId('section-title').fill(INPUTS[1]);
    await page.getByTestId('section-body').fill(body);
    await waitSaved(page);
    await page.waitForTimeout(500);

    const stored = JSON.parse(await storedDraft(page)).draft;
    // <input> fields drop line breaks by definition; everything else is kept to the byte.
    const oneLine = line.replace(/[\r\n]/g, '');
    assert.equal(stored.unit, oneLine);
    assert.equal(stored.title, oneLine);
    assert.equal(stored.signer, oneLine);
    assert.equal(stored.parts[0].heading, oneLine);
    assert.equal(stored.parts[0].body, body);
    assert.equal(stored.parts[0].children[0].children[0].body, body);

    const preview = page.getByTestId('preview');
    assert.equal(await preview.locator(DANGEROUS).count(), 0, 'no element made from user text in the preview');
    assert.ok((await preview.textContent()).includes('<script>alert(1)</script>'));

    const [mdFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-markdown').click()]);
    const md = await readFile(await mdFile.path(), 'utf8');
    // The most permissive common renderer: raw HTML allowed, as many Markdown viewers do.
    const rendered = new MarkdownIt({ html: true }).render(md);
    const view = await context.newPage();
    assert.ok(!/<[a-z][^>]*\s(style|on\w+|href|src)=/i.test(rendered), 'no attribute made from user text');
    // Inline styles are allowed as in nianbao's own export (driving the page applies some);
    // the check above already proves that none comes from the user's text.
    await view.setContent(
      `<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><main>${rendered}</main>`,
    );
    assert.equal(await view.locator('main').locator(DANGEROUS).count(), 0, 'rendered Markdown made no element from user text');
    const paragraphs = await view.locator('main p').allInnerTexts();
    for (const input of INPUTS) {
      assert.ok(paragraphs.includes(asRendered(input)), `Markdown renders as typed: ${JSON.stringify(input)}`);
    }
    const headings = await view.locator('main h1, main h2').allInnerTexts();
    assert.equal(headings[0], asRendered(oneLine), 'title renders as typed');

    const [htmlFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-html').click()]);
    const html = await readFile(await htmlFile.path(), 'utf8');
    assert.ok(!/<(script|iframe|img|svg|object|embed|form|link|base|math)\b/i.test(html), 'no live markup in the HTML export');
    await view.setContent(html);
    assert.equal(await view.locator('article.nb-doc').count(), 1);
    assert.equal(await view.locator('article.nb-doc').locator(DANGEROUS).count(), 0, 'exported HTML made no element from user text');
    await view.close();
  }));

test('hostile text pasted into the import dialog imports as text', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-text').fill(`一、${INPUTS[0]}\n${INPUTS.join('\n')}\n二、${INPUTS[5]}`);
    await page.getByTestId('import-title').waitFor();
    assert.equal(await page.getByTestId('import-dialog').locator(DANGEROUS.replace(', input', '')).count(), 0);
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('notice').filter({ hasText: '已导入为新草稿' }).waitFor();
    await page.waitForTimeout(500);
    assert.equal(await page.getByTestId('preview').locator(DANGEROUS).count(), 0);
    assert.ok((await page.getByTestId('preview').textContent()).includes('<svg><script>alert('));
  }));

test('a 1 MB paste is kept whole through save and reload, and imports', { timeout: 120_000 }, () =>
  withProfile(async (context) => {
    const big = ('依法行政<b>粗</b>&amp;' + 'x'.repeat(40) + '\n').repeat(17_000).slice(0, 1_000_000);
    const page = await openApp(context, env.server);
    await paste(page, 'section-body', big);
    await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor({ timeout: 30_000 });
    await page.reload();
    await page.getByTestId('unit-name').waitFor();
    assert.equal((await page.getByTestId('section-body').inputValue()).length, big.length);
    assert.equal(JSON.parse(await storedDraft(page)).draft.parts[0].body, big);
    // Importing the same text next to it still fits in the browser's storage.
    await page.getByTestId('import-open').click();
    await paste(page, 'import-text', big.slice(0, 300_000));
    await page.getByTestId('import-title').waitFor({ timeout: 30_000 });
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('notice').filter({ hasText: '已导入为新草稿' }).waitFor({ timeout: 30_000 });
  }));

test('lone surrogates from a clipboard are stored as U+FFFD, and nothing else changes', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await page.getByTestId('section-body').fill(LONE_SURROGATES);
    await waitSaved(page);
    // Rust strings are Unicode: a lone surrogate has no meaning there and becomes U+FFFD.
    assert.equal(JSON.parse(await storedDraft(page)).draft.parts[0].body, '前\ufffd中\ufffd后');
  }));
