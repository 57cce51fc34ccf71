// End to end: the guidance checklist, dismissible hints, the progress view, the deadlines and
// the 保密审查 step, all saved with the draft and back after a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, waitSaved, storedDraft, useServerAndBrowser } from './harness.mjs';

const env = useServerAndBrowser();
const withProfile = env.withProfile;

const prompt = (page, id) => page.locator(`[data-testid="prompt-check"][data-prompt="${id}"]`);
const secrecy = (page) => page.getByTestId('secrecy-check');
const state = (page) => page.getByTestId('progress-state');

async function openPublish(page) {
  if (!(await page.getByTestId('publish-panel').isVisible())) await page.getByTestId('publish-open').click();
  await page.getByTestId('publish-panel').waitFor();
}

test('ticked prompts, dismissed hints and secrecy items are saved with the draft', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await page.getByTestId('outline-item').nth(1).click();
    await state(page).filter({ hasText: '未开始' }).waitFor();

    // A real label names the checkbox, so the prompt can be found by its words.
    const rules = page.getByRole('checkbox', { name: /依法行政制度体系/ });
    assert.equal(await rules.getAttribute('data-prompt'), 'm-rules');
    const total = await page.getByTestId('prompt-check').count();
    assert.ok(total >= 10, `part 1 lists the nine task areas and own duties, got ${total}`);
    await rules.check();
    await page.getByTestId('prompt-count').filter({ hasText: `已勾选 1 / ${total}` }).waitFor();
    const measuresRow = page.locator('[data-testid="progress-part"][data-part="measures"]');
    await measuresRow.filter({ hasText: `要点 1/${total}` }).waitFor();

    // Dismissed hints stay in the page, hidden.
    const hints = page.locator('[data-testid="hint"]:visible');
    const hintsBefore = await hints.count();
    assert.ok(hintsBefore > 0, 'part 1 shows common mistakes');
    const dismissedId = await hints.first().getAttribute('data-hint');
    await page.getByTestId('hint-dismiss').first().click();
    assert.equal(await hints.count(), hintsBefore - 1);
    assert.equal(await page.locator(`[data-hint="${dismissedId}"]`).isVisible(), false);

    await openPublish(page);
    const items = await secrecy(page).count();
    assert.ok(items >= 4, `secrecy checklist has items, got ${items}`);
    await page.getByTestId('publish-status').filter({ hasText: `还有 ${items} 项未确认` }).waitFor();
    await secrecy(page).nth(0).check();
    await secrecy(page).nth(2).check();
    await page.getByTestId('publish-status').filter({ hasText: `还有 ${items - 2} 项未确认` }).waitFor();
    // The status names exactly the items still unconfirmed.
    const named = await page.getByTestId('publish-status').locator('li:visible').allInnerTexts();
    assert.equal(named.length, items - 2);
    assert.ok(!named.includes(await secrecy(page).nth(0).locator('xpath=..').innerText()), 'a confirmed item is not named');
    const checkedIds = [await secrecy(page).nth(0).getAttribute('data-secrecy'), await secrecy(page).nth(2).getAttribute('data-secrecy')];

    // Still nothing written: ticks alone do not start the report.
    assert.equal((await state(page).innerText()).trim(), '未开始');
    await page.getByTestId('section-body').fill('全年审核规范性文件3件。');
    await state(page).filter({ hasText: '撰写中' }).waitFor();
    await measuresRow.filter({ hasText: `${'全年审核规范性文件3件。'.length} 字` }).waitFor();

    await waitSaved(page);
    const stored = JSON.parse(await storedDraft(page));
    assert.deepEqual(stored.draft.guide.ticked, ['m-rules']);
    assert.deepEqual(stored.draft.guide.dismissed, [dismissedId]);
    assert.deepEqual([...stored.draft.guide.secrecy].sort(), [...checkedIds].sort());

    await page.reload();
    await page.getByTestId('unit-name').waitFor();
    await state(page).filter({ hasText: '撰写中' }).waitFor();
    assert.equal(await prompt(page, 'm-rules').isChecked(), true, 'prompt still ticked');
    assert.equal(await prompt(page, 'm-functions').isChecked(), false, 'other prompts not ticked');
    assert.equal(await page.locator(`[data-hint="${dismissedId}"]`).isVisible(), false, 'hint still dismissed');
    assert.equal(await hints.count(), hintsBefore - 1);
    await openPublish(page);
    for (let i = 0; i < items; i++) {
      const id = await secrecy(page).nth(i).getAttribute('data-secrecy');
      assert.equal(await secrecy(page).nth(i).isChecked(), checkedIds.includes(id), `secrecy item ${id}`);
    }

    // Dismissed hints can be shown again, and untick works.
    await page.getByTestId('hints-restore').click();
    assert.equal(await hints.count(), hintsBefore);
    assert.equal(await page.getByTestId('hints-restore').isVisible(), false, 'nothing left to restore');
    await prompt(page, 'm-rules').uncheck();
    await measuresRow.filter({ hasText: `要点 0/${total}` }).waitFor();
  }));

/** Whole days from the machine's local today to y-m-d, the way the core counts them. */
function daysUntil(y, m, d) {
  const now = new Date();
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())) / 86_400_000);
}

function wording(label, y, m, d) {
  const n = daysUntil(y, m, d);
  const date = `${y}年${m}月${d}日`;
  if (n > 0) return `距${label}截止（${date}）还有 ${n} 天`;
  if (n === 0) return `今天（${date}）是${label}截止日`;
  return `已过${label}期限（${date}）`;
}

test('deadlines count to 1 March and 1 April of the year after the report year', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    const thisYear = new Date().getFullYear();
    for (const year of [thisYear, 2023]) {
      await page.getByTestId('report-year').fill(String(year));
      const submit = page.locator('[data-testid="deadline"][data-deadline="submit"]');
      const publish = page.locator('[data-testid="deadline"][data-deadline="publish"]');
      await submit.filter({ hasText: wording('报送', year + 1, 3, 1) }).waitFor();
      await publish.filter({ hasText: wording('公开', year + 1, 4, 1) }).waitFor();
    }
    // A report on a year long past is plainly late.
    assert.match(await page.getByTestId('deadlines').innerText(), /已过报送期限（2024年3月1日）/);
  }));
