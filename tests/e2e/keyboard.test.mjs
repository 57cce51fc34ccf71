// End to end: a first-time user, keyboard only (no clicks), from an empty profile to a
// printed report: fill the unit, move between sections with shortcuts, write, add a section,
// undo and redo across sections, the help panel, a backup, and printing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, storedDraft, useServerAndBrowser, countPrints } from './harness.mjs';

const env = useServerAndBrowser();
const withProfile = env.withProfile;

const focused = (page) => page.evaluate(() => document.activeElement?.dataset?.testid ?? document.activeElement?.tagName);

/** Presses Tab (or Shift+Tab) until the control `id` has focus; fails if it is never reached. */
async function tabTo(page, id, { back = false, max = 80 } = {}) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    const now = await focused(page);
    if (now === id) return;
    seen.push(now);
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${id} not reached by ${back ? 'Shift+Tab' : 'Tab'}; focus went ${seen.join(' → ')}`);
}

/** Waits (up to 5 s) until the stored open draft satisfies `ok`: autosave has caught up. */
async function storedUntil(page, ok) {
  for (let i = 0; i < 50 && !ok(await storedDraft(page)); i++) await page.waitForTimeout(100);
}

const bodyText = (page) => page.getByTestId('section-body').inputValue();
const number = (page) => page.getByTestId('section-number').innerText();

test('from an empty profile to a printed report without a mouse', { timeout: 120_000 }, () =>
  withProfile(async (context) => {
    await countPrints(context);
    const page = await openApp(context, env.server);
    assert.equal(await page.getByTestId('undo').isDisabled(), true, 'nothing to undo yet');

    // The skip link comes first in the tab order and lands in the body textarea.
    await page.keyboard.press('Tab');
    assert.equal(await focused(page), 'skip-link');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'section-body');

    // The unit is near the top: reached with Shift+Tab.
    await tabTo(page, 'unit-name', { back: true });
    await page.keyboard.type('岳阳县科学技术局');

    // A new draft opens at part 一; Alt+↑ goes to the opening words, Alt+↓ back, without
    // leaving the keyboard's place.
    assert.equal(await number(page), '一、');
    await page.keyboard.press('Alt+ArrowUp');
    assert.equal(await page.getByTestId('section-title').count(), 0, 'the intro has no title');
    await page.keyboard.press('Alt+ArrowDown');
    assert.equal(await number(page), '一、');
    assert.equal(await focused(page), 'unit-name');
    await tabTo(page, 'section-body');
    await page.keyboard.type('县科技局大力加强依法行政。');
    await page.keyboard.press('Alt+ArrowDown');
    assert.equal(await number(page), '二、');
    assert.equal(await bodyText(page), '', 'part 二 is empty');
    assert.equal(await focused(page), 'section-body', 'focus stays in the body');
    await page.keyboard.type('存在的不足：培训不够。');
    await page.keyboard.press('Alt+ArrowUp');
    assert.equal(await number(page), '一、');
    assert.equal(await bodyText(page), '县科技局大力加强依法行政。');

    // Alt+N: a new section after the current one; the cursor goes to its title.
    await page.keyboard.press('Alt+N');
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'section-title');
    assert.equal(await number(page), '（一）');
    await page.keyboard.type('强化组织领导');
    await page.keyboard.press('Tab');
    assert.equal(await focused(page), 'section-body');
    await page.keyboard.type('成立领导小组。');
    const sections = await page.getByTestId('outline-item').count();

    // Undo, inside the textarea, is the app's: body, title, then the added section.
    await page.keyboard.press('Control+z');
    assert.equal(await bodyText(page), '');
    await page.keyboard.press('Control+z');
    assert.equal(await page.getByTestId('section-title').inputValue(), '');
    await page.keyboard.press('Control+z');
    assert.equal(await page.getByTestId('outline-item').count(), sections - 1, 'added section undone');
    assert.equal(await number(page), '一、', 'undo shows where the change was');
    assert.equal(await bodyText(page), '县科技局大力加强依法行政。');
    // Across a change of section: the typing in part 二 is undone and part 二 is shown.
    await page.keyboard.press('Control+z');
    assert.equal(await number(page), '二、');
    assert.equal(await bodyText(page), '');
    assert.match(await page.getByTestId('announce').innerText(), /已撤销，当前在：二、/, 'screen readers hear it');
    await storedUntil(page, (t) => !t.includes('培训不够'));
    assert.doesNotMatch(await storedDraft(page), /培训不够/, 'autosave saw the undo');

    // Redo with both keys.
    await page.keyboard.press('Control+y');
    assert.equal(await bodyText(page), '存在的不足：培训不够。');
    await page.keyboard.press('Control+y');
    assert.equal(await page.getByTestId('outline-item').count(), sections, 'section back');
    assert.equal(await number(page), '（一）');
    await page.keyboard.press('Control+Shift+Z');
    assert.equal(await page.getByTestId('section-title').inputValue(), '强化组织领导');
    assert.equal(await page.getByTestId('redo').isDisabled(), false, 'one more step to redo');
    await page.keyboard.press('Control+y');
    assert.equal(await bodyText(page), '成立领导小组。');
    assert.equal(await page.getByTestId('redo').isDisabled(), true);
    await storedUntil(page, (t) => t.includes('成立领导小组'));
    assert.match(await storedDraft(page), /成立领导小组/);

    // The help panel lists the shortcuts; Escape closes it and focus comes back.
    await page.keyboard.press('F1');
    const help = page.getByTestId('help-panel');
    await help.waitFor();
    assert.match(await help.innerText(), /Alt \+ ↓[\s\S]*Ctrl \+ Z[\s\S]*Ctrl \+ P/);
    assert.equal(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="help-panel"]')), true, 'focus inside help');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
    assert.equal(await focused(page), 'section-body', 'focus returned');

    // Ctrl+S downloads a backup instead of saving the page.
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+s')]);
    assert.match(download.suggestedFilename(), /^年报草稿备份-.*\.json$/);

    // Ctrl+P goes to the preview; pressed there, it prints (through the print button's path).
    await page.keyboard.press('Control+p');
    assert.equal(await focused(page), 'preview');
    await page.getByTestId('preview').filter({ hasText: '成立领导小组' }).waitFor();
    await page.keyboard.press('Control+p');
    // The print flow may ask for a confirmation first; answer it with the keyboard.
    const confirm = page.getByTestId('print-confirm');
    await page.waitForTimeout(200);
    if (await confirm.count()) {
      await tabTo(page, 'print-confirm');
      await page.keyboard.press('Enter');
    }
    await page.waitForFunction(() => window.__prints > 0, null, { timeout: 5000 });
    assert.equal(await page.evaluate(() => window.__prints), 1);
  }));

test('panels open and close by keyboard and give focus back', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    for (const [opener, panel] of [
      ['drafts-open', 'draft-list'],
      ['import-open', 'import-dialog'],
      ['history-open', 'history'],
    ]) {
      await tabTo(page, opener);
      await page.keyboard.press('Enter');
      await page.getByTestId(panel).waitFor();
      assert.equal(await focused(page), panel, `focus moves into ${panel}`);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Escape');
      await page.getByTestId(panel).waitFor({ state: 'detached' });
      assert.equal(await focused(page), opener, `focus back on ${opener}`);
    }
  }));
