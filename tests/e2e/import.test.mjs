// End to end: importing last year's text, the clean-ups shown first, and the checks panel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { openApp, waitSaved, useServerAndBrowser } from './harness.mjs';

const SAMPLE = await readFile(resolve(import.meta.dirname, '../fixtures/yueyang-keji-2023.txt'), 'utf8');
const ARTIFACTS = resolve(import.meta.dirname, '../../test-results');
const env = useServerAndBrowser([ARTIFACTS]);
const withProfile = env.withProfile;

/** Pastes text into the import dialog and waits for the analysis. */
async function paste(page, text) {
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-text').fill(text);
  await page.getByTestId('import-title').waitFor();
}

const outlineTexts = (page) => page.getByTestId('outline-item').allInnerTexts();

test('closing the dialog before the typing pause ends leaves no late analysis behind', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    // The analysis runs 300 ms after typing stops; a dialog closed sooner is gone by then,
    // and its timer must not touch its disposed signals (that panicked and stopped the app).
    const page = await openApp(context, env.server);
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-text').fill('刚粘贴的文字');
    await page.getByTestId('import-dialog').getByRole('button', { name: '取消' }).click();
    await page.waitForTimeout(800);
    await page.getByTestId('unit-name').fill('之后仍可编辑');
    await waitSaved(page);
  }));

test('pasting the sample shows what it found and imports four mapped parts', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await page.getByTestId('unit-name').fill('原有草稿');
    await waitSaved(page);
    await paste(page, SAMPLE);
    assert.equal(await page.getByTestId('import-title').innerText(), '岳阳县科技局2023年法治建设年度报告');
    assert.equal(await page.getByTestId('import-unit').innerText(), '岳阳县科学技术局');
    assert.equal(await page.getByTestId('import-year').innerText(), '2023');
    const parts = await page.getByTestId('import-part').allInnerTexts();
    assert.equal(parts.length, 4, parts.join('|'));
    assert.match(parts[2], /对应：2023年党政主要负责人履行推进法治建设第一责任人职责/);
    const kinds = await page.getByTestId('import-cleanup').evaluateAll((els) => els.map((e) => e.dataset.kind));
    for (const k of ['Letterhead', 'PageBreak', 'DigitSpacing']) assert.ok(kinds.includes(k), kinds.join(','));
    assert.match(await page.locator('[data-kind=PageBreak]').innerText(), /党组理/);
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('notice').filter({ hasText: '已导入为新草稿' }).waitFor();

    const texts = await outlineTexts(page);
    const level1 = texts.filter((t) => /^[一二三四五六七八九十]+、/.test(t.trim()));
    assert.equal(level1.length, 4, texts.join('|'));
    assert.match(level1[0], /推进法治政府建设的主要举措和成效/);
    assert.match(level1[3], /2024\s*年推进法治建设主要安排|2024年推进法治建设主要安排/);
    assert.ok(texts.some((t) => /（三）\s*开展法治宣传/.test(t)));
    assert.ok(texts.some((t) => /4\.\s*扎实学习宣传安全稳定相关法律法规/.test(t)));
    assert.equal(await page.getByTestId('unit-name').inputValue(), '岳阳县科学技术局');
    // The preview follows a moment after the draft changes.
    await page.getByTestId('preview').filter({ hasText: '岳阳县科技局2023年法治建设年度报告' }).waitFor();
    const preview = await page.getByTestId('preview').textContent();
    for (const joined of ['党组理论学习', '国家安全教育日', '由局主要领导担任组长', '新理论新要求']) {
      assert.ok(preview.includes(joined), joined);
    }
    await page.getByTestId('drafts-open').click();
    assert.equal(await page.getByTestId('draft-item').count(), 2, 'the earlier draft is kept');
  }));

test('a clean-up the user turns off keeps the original text', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await paste(page, SAMPLE);
    await page.locator('[data-kind=DigitSpacing]').getByTestId('import-cleanup-toggle').uncheck();
    await page.locator('[data-kind=DigitSpacing]').filter({ hasText: '保留原文' }).waitFor();
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('notice').filter({ hasText: '已导入为新草稿' }).waitFor();
    await page.getByTestId('preview').filter({ hasText: '岳阳县科技局 2023 年法治建设年度报告' }).waitFor();
    assert.ok((await page.getByTestId('preview').textContent()).includes('2023 年，县科技局'));
  }));

test('exported Markdown imports back to the same outline', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await paste(page, SAMPLE);
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('notice').filter({ hasText: '已导入为新草稿' }).waitFor();
    await waitSaved(page);
    const first = await outlineTexts(page);
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-markdown').click()]);
    const md = await readFile(await dl.path(), 'utf8');
    const path = join(ARTIFACTS, 'sample-export.md');
    await writeFile(path, md);
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-file').setInputFiles(path);
    await page.getByTestId('import-title').waitFor();
    await page.getByTestId('import-confirm').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=draft-item], [data-testid=outline-item]').length > 0);
    await page.getByTestId('notice').filter({ hasText: '已导入为新草稿' }).waitFor();
    assert.deepEqual(await outlineTexts(page), first);
    const [again] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-markdown').click()]);
    assert.equal(await readFile(await again.path(), 'utf8'), md);
  }));

test('the checks panel finds problems as one types and fixes them in one click', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await page.getByTestId('report-year').fill('2023');
    await page.getByTestId('outline-item').nth(1).click();
    await page.getByTestId('section-body').fill('全年组织学法12次,覆盖全体干部(含新入职人员)。成文于2024年01月05日，完成××项。');
    const checks = page.getByTestId('checks');
    const half = checks.locator('[data-testid=check-item][data-kind=HalfWidthPunct]');
    await half.first().waitFor();
    await checks.locator('[data-kind=Placeholder]').first().waitFor();
    await checks.locator('[data-kind=DateFormat]').first().waitFor();
    await half.first().getByTestId('check-fix').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=section-body]').value.includes('12次，覆盖全体干部（含新入职人员）'));
    await half.first().waitFor({ state: 'detached' });
    await checks.locator('[data-kind=DateFormat]').getByTestId('check-fix').first().click();
    await page.waitForFunction(() => document.querySelector('[data-testid=section-body]').value.includes('2024年1月5日'));
    // A heading with its number typed by hand.
    await page.getByTestId('add-section').click();
    await page.getByTestId('section-title').fill('（一）强化组织领导');
    const manual = checks.locator('[data-kind=ManualNumbering]');
    await manual.first().waitFor();
    await manual.first().getByTestId('check-fix').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=section-title]').value === '强化组织领导');
  }));

const OWN_PARTS = await readFile(resolve(import.meta.dirname, '../fixtures/import/own-parts.txt'), 'utf8');

/** Imports the own-parts fixture with part 2 counted toward `key` ('' for none). */
async function importMapped(page, key) {
  await paste(page, OWN_PARTS);
  const select = page.getByTestId('import-map-2');
  assert.equal(await select.inputValue(), 'leader', 'part 2 is the leaders’ duties by its words');
  assert.equal(await page.getByTestId('import-map-1').inputValue(), 'measures', 'part 1 by its place');
  assert.equal(await page.getByTestId('import-missing').count(), 0);
  await select.selectOption(key);
  if (key === '') {
    await page.getByTestId('import-missing').filter({ hasText: '第一责任人职责' }).waitFor();
  }
  assert.equal(await page.getByTestId('import-map-2').inputValue(), key);
  await page.getByTestId('import-confirm').click();
  await page.getByTestId('notice').filter({ hasText: '已导入为新草稿' }).waitFor();
}

test('the clerk changes what a part counts toward, and the checks and progress follow', { timeout: 90_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    const leaderRow = page.locator('[data-testid="progress-part"][data-part="leader"]');
    const missingPart = page.getByTestId('checks').locator('[data-testid=check-item][data-kind=MissingPart]');

    const noMissingPart = () =>
      page.waitForFunction(() => !document.querySelector('[data-testid=checks] [data-testid=check-item][data-kind=MissingPart]'));

    // Counted toward the leaders' part: present, with the own part's characters.
    await importMapped(page, 'leader');
    await leaderRow.filter({ hasText: /[1-9]\d* 字/ }).waitFor();
    await noMissingPart();
    assert.equal(await page.locator('[data-testid="progress-part"][data-part="leader"].missing').count(), 0);
    const text = await leaderRow.innerText();
    const chars = Number(/(\d+) 字/.exec(text)[1]);
    assert.ok(chars >= 30, `the own part's text counts toward 第一责任人: ${text}`);

    // Changed to count toward nothing: the leaders' part is missing in both.
    await importMapped(page, '');
    await missingPart.filter({ hasText: '第一责任人职责' }).waitFor();
    await page.locator('[data-testid="progress-part"][data-part="leader"].missing').waitFor();
    assert.equal(await missingPart.count(), 1, 'only the leaders’ part is missing');
  }));

test('a text with many level-1 parts lists every one, built in batches, each with its choice', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await page.getByTestId('import-open').click();
    // Ten copies of the sample: 40 level-1 parts, more than the first batch of rows (24).
    const text = Array(10).fill(SAMPLE.trim()).join('\n\n');
    await page.getByTestId('import-text').evaluate((el, t) => {
      el.value = t;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, text);
    await page.getByTestId('import-title').waitFor();
    await page.getByTestId('import-map-40').waitFor();
    assert.equal(await page.getByTestId('import-part').count(), 40);
    assert.equal(await page.getByTestId('import-map-41').count(), 0);
    // A row of a later batch maps like any other, and the choice survives the rebuilt summary.
    await page.getByTestId('import-map-30').selectOption('');
    await page.getByTestId('import-map-40').waitFor();
    assert.equal(await page.getByTestId('import-map-30').inputValue(), '');
    assert.equal(await page.getByTestId('import-part').count(), 40);
  }),
);
