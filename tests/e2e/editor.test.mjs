// End to end: the guided editor against the release dist/, in Debian's Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openApp, waitSaved, storedDraft, LEGACY_KEY, useServerAndBrowser, fillStorage, freeStorage, countPrints } from './harness.mjs';

const env = useServerAndBrowser();
const withProfile = env.withProfile;

const outlineItems = (page) => page.getByTestId('outline-item');

async function writeTwoSections(page) {
  await page.getByTestId('unit-name').fill('岳阳县科学技术局');
  await page.getByTestId('report-year').fill('2023');
  // Part 一 is open on a new draft: type its body, then add section （一） under it.
  await outlineItems(page).nth(1).click();
  await page.getByTestId('section-body').fill('2023年，县科技局大力加强依法行政。\n第二段：成效显著。');
  await page.getByTestId('add-section').click();
  await page.getByTestId('section-title').fill('强化组织领导，提升法治能力');
  await page.getByTestId('section-body').fill('成立以局党组书记为组长的领导小组。');
}

test('a new draft follows the template: five parts with year headings and guidance', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await page.getByTestId('report-year').fill('2023');
    const texts = await outlineItems(page).allInnerTexts();
    assert.equal(texts.length, 6, 'intro and five parts');
    assert.match(texts[1], /一、\s*2023年推进法治政府建设的主要举措和成效/);
    assert.match(texts[4], /四、\s*2024年推进法治政府建设的主要安排/);
    assert.match(texts[5], /五、\s*其他需要报告的情况/);
    await outlineItems(page).nth(1).click();
    await assert.doesNotReject(page.getByTestId('guidance').filter({ hasText: '举措' }).waitFor());
    assert.equal(await page.getByTestId('remove-section').isDisabled(), true, 'required part cannot be removed');
    await outlineItems(page).nth(5).click();
    await page.getByTestId('remove-section').click();
    await page.getByTestId('remove-section').click();
    assert.equal(await outlineItems(page).count(), 5, 'part 5 removed after confirmation');
    await page.getByTestId('restore-part').click();
    assert.equal(await outlineItems(page).count(), 6, 'part 5 restored');
  }));

test('typing is saved and a reload restores everything, including the open section', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await writeTwoSections(page);
    await waitSaved(page);
    await page.reload();
    await page.getByTestId('unit-name').waitFor();
    assert.equal(await page.getByTestId('unit-name').inputValue(), '岳阳县科学技术局');
    assert.equal(await page.getByTestId('report-year').inputValue(), '2023');
    assert.equal(await page.getByTestId('report-title').inputValue(), '岳阳县科学技术局2023年法治政府建设年度报告');
    assert.equal(await page.getByTestId('section-title').inputValue(), '强化组织领导，提升法治能力');
    assert.equal(await page.getByTestId('section-body').inputValue(), '成立以局党组书记为组长的领导小组。');
    const items = await outlineItems(page).allInnerTexts();
    assert.match(items[2], /（一）\s*强化组织领导/);
    await outlineItems(page).nth(1).click();
    assert.equal(await page.getByTestId('section-body').inputValue(), '2023年，县科技局大力加强依法行政。\n第二段：成效显著。');
    await outlineItems(page).nth(2).click();
    assert.equal(await page.getByTestId('section-body').inputValue(), '成立以局党组书记为组长的领导小组。', 'back to （一）');
    await outlineItems(page).nth(3).click();
    assert.equal(await page.getByTestId('section-body').inputValue(), '', 'an empty part shows an empty body');
    const preview = await page.getByTestId('preview').textContent();
    assert.ok(preview.includes('成立以局党组书记为组长的领导小组。'), preview);
  }));

test('closing the tab right after typing loses nothing (flush on pagehide)', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    let page = await openApp(context, env.server);
    await page.getByTestId('section-body').fill('');
    await page.getByTestId('section-body').pressSequentially('最后一句也要保存', { delay: 10 });
    await page.close({ runBeforeUnload: true });
    page = await openApp(context, env.server);
    assert.equal(await page.getByTestId('section-body').inputValue(), '最后一句也要保存');
  }));

test('continuous typing is saved while it goes on, not only when it stops', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    const body = page.getByTestId('section-body');
    await body.click();
    const typing = body.pressSequentially('持续输入'.repeat(12), { delay: 50 });
    const seen = new Set();
    for (let i = 0; i < 20; i++) {
      await page.waitForTimeout(100);
      seen.add(await storedDraft(page));
    }
    await typing;
    // Two seconds of typing with no pause: a debounce alone would not have saved at all.
    assert.ok(seen.size >= 2, `expected saves during typing, saw ${seen.size} distinct stored values`);
  }));

test('both exports download files with the typed text', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await writeTwoSections(page);
    await page.getByTestId('doc-date').fill('2024-01-15');

    const [md] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-markdown').click()]);
    assert.equal(md.suggestedFilename(), '岳阳县科学技术局2023年法治政府建设年度报告.md');
    const mdText = await readFile(await md.path(), 'utf8');
    assert.ok(mdText.startsWith('# 岳阳县科学技术局2023年法治政府建设年度报告\n'), mdText);
    assert.ok(mdText.includes('\n## 一、2023年推进法治政府建设的主要举措和成效\n'), mdText);
    assert.ok(mdText.includes('\n### （一）强化组织领导，提升法治能力\n\n成立以局党组书记为组长的领导小组。\n'), mdText);
    assert.ok(mdText.endsWith('岳阳县科学技术局\n\n2024年1月15日\n'), mdText);

    const [html] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-html').click()]);
    assert.equal(html.suggestedFilename(), '岳阳县科学技术局2023年法治政府建设年度报告.html');
    const htmlText = await readFile(await html.path(), 'utf8');
    assert.ok(htmlText.startsWith('<!DOCTYPE html>'));
    assert.ok(htmlText.includes("default-src 'none'; style-src 'unsafe-inline'"));
    assert.ok(htmlText.includes('@page'));
    assert.ok(htmlText.includes('成立以局党组书记为组长的领导小组。'));
    // Latin runs are wrapped in spans of their own face: compare the text without tags.
    assert.ok(htmlText.replace(/<[^>]+>/g, '').includes('2024年1月15日'));
    assert.ok(!/<script|<link|https?:/i.test(htmlText), 'export is self-contained and scriptless');

    // The exported file opens on its own and shows the report.
    const view = await context.newPage();
    await view.setContent(htmlText);
    // A title longer than 20 characters at 22 pt wraps into balanced lines.
    assert.equal((await view.locator('.nb-title').allTextContents()).join(''), '岳阳县科学技术局2023年法治政府建设年度报告');
  }));

test('print opens the print dialog and prints the report alone', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    await countPrints(context);
    const page = await openApp(context, env.server);
    await writeTwoSections(page);
    // The preview is redrawn 200 ms after the last key; measured before, its first sheet
    // could be replaced between being found and being measured (seen on a loaded machine).
    await page.waitForFunction(() => document.querySelector('[data-testid=preview]')?.textContent.includes('成立以局党组书记为组长的领导小组'));
    await page.getByTestId('print').click();
    await page.getByTestId('print-confirm').click();
    assert.equal(await page.evaluate(() => window.__prints), 1);
    await page.emulateMedia({ media: 'print' });
    for (const id of ['unit-name', 'outline', 'section-body', 'print']) {
      assert.equal(await page.getByTestId(id).isVisible(), false, `${id} hidden in print`);
    }
    assert.equal(await page.locator('[data-testid=preview] .nb-title').first().isVisible(), true);
    // The page box is the whole A4 sheet (210 mm) with the 156 mm type area inside it, at
    // 96 px per inch, unscaled in print.
    const sheet = await page.locator('[data-testid=preview] .nb-page').first().boundingBox();
    assert.ok(Math.abs(sheet.width - (210 / 25.4) * 96) < 2, `sheet width ${sheet.width}px`);
    const line = await page.locator('[data-testid=preview] .nb-page .nb-l').first().boundingBox();
    assert.ok(Math.abs(line.width - (156 / 25.4) * 96) < 2, `type area width ${line.width}px`);
    assert.ok(Math.abs(line.x - sheet.x - (28 / 25.4) * 96) < 2, `left margin ${line.x - sheet.x}px`);
  }));

test('printing within the pause after a key prints that key: the preview is redrawn before print', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await writeTwoSections(page);
    await page.waitForFunction(() => document.querySelector('[data-testid=preview]')?.textContent.includes('成立以局党组书记为组长的领导小组'));
    // One task: the key lands, and print starts before the 200 ms pause is over.
    const printed = await page.evaluate(() => {
      const body = document.querySelector('[data-testid=section-body]');
      body.value += '最后一句。';
      body.dispatchEvent(new Event('input', { bubbles: true }));
      const before = document.querySelector('[data-testid=preview]').textContent.includes('最后一句。');
      window.dispatchEvent(new Event('beforeprint'));
      return { before, after: document.querySelector('[data-testid=preview]').textContent.includes('最后一句。') };
    });
    assert.equal(printed.before, false, 'the preview waits for a pause in typing');
    assert.equal(printed.after, true, 'what prints has the last key');
  }));

test('a corrupt stored draft is kept aside, reported in Chinese, and the app still starts', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    let page = await openApp(context, env.server);
    await page.evaluate((k) => localStorage.setItem(k, '{"app":"nianbao","schema":1,"draft":'), LEGACY_KEY);
    await page.reload();
    await page.getByTestId('notice').waitFor();
    assert.match(await page.getByTestId('notice').innerText(), /无法读取.*没有被覆盖/);
    await page.getByTestId('unit-name').fill('新单位');
    await waitSaved(page);
    const kept = await page.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith('nianbao.quarantine.'))
        .map((k) => localStorage.getItem(k)),
    );
    assert.deepEqual(kept, ['{"app":"nianbao","schema":1,"draft":']);
  }));

test('a full storage quota is shown in Chinese and saving resumes once there is room', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await fillStorage(page);
    await page.getByTestId('section-body').fill('存储已满时输入的内容'.repeat(50));
    const status = page.getByTestId('save-status');
    await status.filter({ hasText: '保存失败' }).waitFor({ timeout: 5000 });
    assert.match(await status.innerText(), /存储空间已满/);
    assert.equal(await page.getByTestId('section-body').inputValue(), '存储已满时输入的内容'.repeat(50), 'text kept in the editor');
    await freeStorage(page);
    await page.getByTestId('section-body').press('End');
    await page.getByTestId('section-body').pressSequentially('。');
    await waitSaved(page);
  }));

test('hostile text is shown as text in the editor and preview, and kept byte for byte', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>[x](javascript:alert(3)) &amp; \u202e';
    const page = await openApp(context, env.server);
    await page.getByTestId('unit-name').fill(evil);
    await page.getByTestId('section-title').fill(evil);
    await page.getByTestId('section-body').fill(evil);
    await waitSaved(page);
    await page.waitForTimeout(400);
    const preview = page.getByTestId('preview');
    assert.ok((await preview.textContent()).includes('<img src=x onerror="alert(1)"><script>alert(2)</script>'));
    assert.equal(await preview.locator('img, script, a').count(), 0);
    await page.reload();
    await page.getByTestId('unit-name').waitFor();
    assert.equal(await page.getByTestId('unit-name').inputValue(), evil);
    assert.equal(await page.getByTestId('section-body').inputValue(), evil);
  }));

test('the preview rewrites only the sheets whose page changed, and shows the pages the export has', { timeout: 90_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    const sample = (await readFile(new URL('../fixtures/yueyang-keji-2023.txt', import.meta.url), 'utf8')).replace(/\r\n?/g, '\n').trim();
    const body = page.getByTestId('section-body');
    const setBody = (text) =>
      body.evaluate((el, t) => {
        el.value = t;
        el.dispatchEvent(new Event('input', { bubbles: true }));
      }, text);
    const sheets = page.locator('[data-testid=preview] [data-testid=preview-page]');
    // The preview's sheets, serialised by the browser, against the exported file's parsed alike.
    const sameAsExport = async () => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-html').click()]);
      const html = await readFile(await file.path(), 'utf8');
      const article = html.slice(html.indexOf('<article'), html.indexOf('</article>'));
      assert.ok(article.length > 1000, 'the export has its article');
      return page.evaluate((article) => {
        const pages = (root) => [...root.querySelectorAll('section.nb-page')].map((s) => `${s.dataset.n}|${s.innerHTML}`);
        // Parsed inert, as the export's own markup: no style of it applies to this page.
        const parsed = document.createElement('template');
        parsed.innerHTML = article;
        const exported = pages(parsed.content);
        const shown = pages(document.querySelector('[data-testid=preview]'));
        return { exported: exported.length, shown: shown.length, same: exported.join('\n') === shown.join('\n') };
      }, article);
    };
    await outlineItems(page).nth(1).click();
    await setBody(Array(4).fill(sample).join('\n'));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=preview-page]').length > 12, null, { timeout: 10_000 });
    const before = await sheets.count();
    await sheets.evaluateAll((ss) => ss.forEach((s, i) => (s.__nbSheet = i)));
    // Typing at the end of the part changes its last page and what follows, nothing before.
    await body.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('qzq');
    await page.getByTestId('preview').filter({ hasText: '。qzq' }).waitFor({ timeout: 5000 });
    const kept = await sheets.evaluateAll((ss) => ss.filter((s, i) => s.__nbSheet === i).length);
    assert.ok(kept >= before - 5 && kept < before, `${kept} of ${before} sheets kept after typing at the end of the part`);
    assert.deepEqual(await sameAsExport(), { exported: before, shown: before, same: true });
    // A shorter text: the sheets after the part's end are rewritten and the surplus ones go.
    await setBody(sample.slice(0, 3000));
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=preview-page]').length < n, before, { timeout: 10_000 });
    const now = await sheets.count();
    assert.ok(now >= 3, `${now} sheets`);
    assert.deepEqual(await sameAsExport(), { exported: now, shown: now, same: true });
    assert.equal(await page.getByTestId('preview-count').textContent(), `共${now}页`);
  }));

test('on screen only the preview sheets near its visible part show their lines; print shows every sheet', { timeout: 90_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    const sample = (await readFile(new URL('../fixtures/yueyang-keji-2023.txt', import.meta.url), 'utf8')).replace(/\r\n?/g, '\n').trim();
    await outlineItems(page).nth(1).click();
    await page.getByTestId('section-body').evaluate((el, t) => {
      el.value = t;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, Array(4).fill(sample).join('\n'));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=preview-page]').length > 12, null, { timeout: 10_000 });
    // Which sheets lay out their lines on screen, by index.
    const drawn = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('[data-testid=preview] [data-testid=preview-page]')].flatMap((s, i) =>
          s.querySelector('.nb-l')?.getClientRects().length ? [i] : [],
        ),
      );
    const count = await page.locator('[data-testid=preview-page]').count();
    const top = await drawn();
    assert.ok(top.includes(0) && !top.includes(count - 1) && top.length < count / 2, `drawn at the top: ${top} of ${count}`);
    // Scrolled to the end, the last sheets are drawn and the first are not.
    await page.getByTestId('preview').evaluate((p) => p.scrollTo(0, p.scrollHeight));
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=preview-page]')[n - 1].querySelector('.nb-l')?.getClientRects().length > 0, count, { timeout: 5000 });
    const end = await drawn();
    assert.ok(!end.includes(0) && end.includes(count - 1), `drawn at the end: ${end} of ${count}`);
    // Every sheet is whole in print.
    await page.emulateMedia({ media: 'print' });
    assert.equal((await drawn()).length, count, 'every sheet laid out in print');
  }));
