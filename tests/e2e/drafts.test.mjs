// End to end: many drafts, and no word ever lost (abrupt close, two tabs, quota, backups).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { newContext, openApp, waitSaved, storedDraft, useServerAndBrowser, fillStorage, freeStorage } from './harness.mjs';

const ARTIFACTS = resolve(import.meta.dirname, '../../test-results');
const env = useServerAndBrowser([ARTIFACTS]);
const withProfile = env.withProfile;

const items = (page) => page.getByTestId('draft-item');

async function openList(page) {
  if (!(await page.getByTestId('draft-list').isVisible())) await page.getByTestId('drafts-open').click();
  await page.getByTestId('draft-list').waitFor();
}

async function newDraft(page, unit) {
  await openList(page);
  const before = await items(page).count();
  await page.getByTestId('draft-new').click();
  await assert.doesNotReject(() => page.waitForFunction((n) => document.querySelectorAll('[data-testid=draft-item]').length === n, before + 1));
  await page.getByTestId('unit-name').fill(unit);
  await waitSaved(page);
}

test('draft list: new, rename, duplicate, delete with an undo that survives a reload', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await page.getByTestId('unit-name').fill('甲局');
    await waitSaved(page);
    await newDraft(page, '乙局');
    assert.equal(await items(page).count(), 2);
    const texts = await items(page).allInnerTexts();
    assert.ok(texts.some((t) => t.includes('乙局') && t.includes('正在编辑')), texts.join('|'));
    assert.ok(texts.every((t) => /保存于 \d{4}-\d\d-\d\d \d\d:\d\d/.test(t) && /KB/.test(t)), texts.join('|'));

    const first = items(page).filter({ hasText: '甲局' });
    await first.getByTestId('draft-rename').click();
    await page.getByTestId('draft-rename-input').fill('去年的报告');
    await page.getByTestId('draft-rename-input').press('Enter');
    await items(page).filter({ hasText: '去年的报告' }).waitFor();

    await items(page).filter({ hasText: '去年的报告' }).getByTestId('draft-duplicate').click();
    await items(page).filter({ hasText: '去年的报告（副本）' }).waitFor();
    assert.equal(await items(page).count(), 3);
    assert.equal(await page.getByTestId('unit-name').inputValue(), '甲局', 'the copy is open');

    const victim = items(page).filter({ hasText: '乙局' });
    await victim.getByTestId('draft-delete').click();
    assert.equal(await items(page).count(), 3, 'first click only asks');
    await victim.getByTestId('draft-delete').click();
    assert.equal(await items(page).count(), 2);
    await page.reload();
    await openList(page);
    assert.equal(await page.getByTestId('trash-item').count(), 1);
    await page.getByTestId('trash-restore').click();
    await items(page).filter({ hasText: '乙局' }).waitFor();
    assert.equal(await items(page).count(), 3);
  }));

test("next year's report keeps the outline, empties bodies and lists last year's plans", { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await page.getByTestId('unit-name').fill('岳阳县科学技术局');
    await page.getByTestId('report-year').fill('2023');
    const outline = page.getByTestId('outline-item');
    await outline.nth(1).click();
    await page.getByTestId('add-section').click();
    await page.getByTestId('section-title').fill('强化组织领导');
    await page.getByTestId('section-body').fill('2023年的正文');
    await outline.filter({ hasText: '2024年推进法治政府建设的主要安排' }).click();
    await page.getByTestId('add-section').click();
    await page.getByTestId('section-title').fill('加强理论学习');
    await page.getByTestId('section-body').fill('全年组织学法不少于12次。');
    await waitSaved(page);
    await openList(page);
    await items(page).getByTestId('draft-next-year').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=report-year]').value === '2024');
    assert.equal(await page.getByTestId('unit-name').inputValue(), '岳阳县科学技术局');
    const texts = await outline.allInnerTexts();
    assert.match(texts[1], /2024年推进法治政府建设的主要举措和成效/);
    assert.match(texts[2], /（一）\s*强化组织领导\s*空/);
    assert.match(texts.join('|'), /2025年推进法治政府建设的主要安排/);
    await outline.nth(1).click();
    const carried = await page.getByTestId('carried-plans').innerText();
    assert.match(carried, /2023年报告中承诺的2024年安排/);
    assert.match(carried, /（一）加强理论学习/);
    assert.match(carried, /全年组织学法不少于12次。/);
    assert.equal(await items(page).count(), 2, 'last year stays');
  }));

// The tab is killed the hard way (its renderer crashes: no pagehide, no unload, no flush),
// so what survives is exactly what autosave had already written. The browser's storage lives
// on, as it does when a tab crashes or is killed from the task manager. Closing the whole
// context instead would either delete its storage (a fresh context) or, with a persistent
// profile, also measure Chromium's own deferred disk commit, which no page can influence.
test('killing the tab abruptly at 20 moments loses at most 1 s of typing', { timeout: 240_000 }, async () => {
  const text = '依法行政工作稳步推进各项制度不断完善干部法治素养持续提升'.repeat(4);
  const rows = [];
  const rec = await newContext(env.browser, env.server);
  try {
    for (let i = 0; i < 20; i++) {
      const page = await rec.context.newPage();
      await page.goto(env.server.url);
      // Each round starts a new draft, so rounds do not see each other's text.
      await page.getByTestId('drafts-open').click();
      await page.getByTestId('draft-new').click();
      const body = page.getByTestId('section-body');
      await body.click();
      const started = Date.now();
      const typing = body.pressSequentially(text, { delay: 25 }).catch(() => {});
      // Moments spread from 0.2 s to about 4 s into continuous typing.
      await page.waitForTimeout(200 + i * 197);
      const typed = await page.evaluate(() => document.querySelector('[data-testid=section-body]').value.length);
      const elapsed = Date.now() - started;
      // Page.crash never answers (its target dies), so only the crash event is awaited.
      const crashed = page.waitForEvent('crash');
      const cdp = await rec.context.newCDPSession(page);
      cdp.send('Page.crash').catch(() => {});
      await crashed;
      await typing;
      await page.close().catch(() => {});
      const again = await rec.context.newPage();
      await again.goto(env.server.url);
      const restored = (await again.getByTestId('section-body').inputValue()).length;
      await again.close();
      const perMs = typed / Math.max(elapsed, 1);
      const lost = Math.max(0, typed - restored);
      rows.push({ moment_ms: elapsed, typed, restored, lost_chars: lost, lost_ms: Math.round(lost / perMs) });
    }
  } finally {
    await rec.context.close();
  }
  console.log('abrupt close results');
  console.table(rows);
  const worst = Math.max(...rows.map((r) => r.lost_ms));
  console.log(`worst-case typing lost: ${worst} ms`);
  assert.deepEqual(rec.outside(), [], 'requests outside the local server');
  assert.ok(rows.every((r) => r.typed > 0));
  assert.ok(worst <= 1000, `lost ${worst} ms of typing`);
});

test('two tabs on one draft editing in turn lose no edit; simultaneous edits become a copy', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const a = await openApp(context, env.server);
    const b = await openApp(context, env.server);
    const append = async (page, s) => {
      const body = page.getByTestId('section-body');
      await body.press('End');
      await body.pressSequentially(s);
      await waitSaved(page);
    };
    let expected = '';
    for (const [page, s] of [[a, '甲一'], [b, '乙一'], [a, '甲二'], [b, '乙二'], [a, '甲三']]) {
      const other = page === a ? b : a;
      await append(page, s);
      expected += s;
      await other.waitForFunction((v) => document.querySelector('[data-testid=section-body]').value === v, expected);
    }
    const c = await openApp(context, env.server);
    assert.equal(await c.getByTestId('section-body').inputValue(), expected);
    await c.close();

    // Both type before either saves: one tab's edit must survive as a separate copy.
    await a.getByTestId('section-body').press('End');
    await b.getByTestId('section-body').press('End');
    await Promise.all([a.getByTestId('section-body').pressSequentially('A方'), b.getByTestId('section-body').pressSequentially('B方')]);
    await a.waitForTimeout(1500);
    const stored = await a.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith('nianbao.draft.'))
        .map((k) => JSON.parse(localStorage.getItem(k)).draft.parts[0].body),
    );
    assert.ok(stored.some((s) => s === expected + 'A方'), stored.join('|'));
    assert.ok(stored.some((s) => s === expected + 'B方'), stored.join('|'));
    const notices = (await a.getByTestId('notice').allInnerTexts()).concat(await b.getByTestId('notice').allInnerTexts());
    assert.ok(notices.some((n) => n.includes('另存为新草稿')), notices.join('|'));
  }));

test('a backup of 3 drafts restored into a profile with 2 others gives 5, nothing overwritten', { timeout: 60_000 }, async () => {
  let backupPath;
  await withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await page.getByTestId('unit-name').fill('备份一');
    await waitSaved(page);
    await newDraft(page, '备份二');
    await newDraft(page, '备份三');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-download').click()]);
    assert.match(dl.suggestedFilename(), /^年报草稿备份-\d{4}-\d\d-\d\d\.json$/);
    backupPath = join(ARTIFACTS, 'backup-3-drafts.json');
    await dl.saveAs(backupPath);
    assert.match(await page.getByTestId('last-backup').innerText(), /上次备份：\d{4}/);
  });
  const backup = JSON.parse(await readFile(backupPath, 'utf8'));
  assert.equal(backup.drafts.length, 3);

  await withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await page.getByTestId('unit-name').fill('本机一');
    await waitSaved(page);
    await newDraft(page, '本机二');
    await page.getByTestId('backup-restore').setInputFiles(backupPath);
    await page.getByTestId('notice').filter({ hasText: '已从备份中恢复 3 份草稿' }).waitFor();
    assert.equal(await items(page).count(), 5);
    const texts = (await items(page).allInnerTexts()).join('|');
    for (const unit of ['本机一', '本机二', '备份一', '备份二', '备份三']) assert.ok(texts.includes(unit), unit);
    // The same file again: every draft conflicts and comes in as a copy.
    await page.getByTestId('backup-restore').setInputFiles(backupPath);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=draft-item]').length === 8);
    assert.equal(await items(page).filter({ hasText: '（恢复的副本）' }).count(), 3);
    assert.equal(await page.getByTestId('unit-name').inputValue(), '本机二', 'open draft untouched');
    // A file that is not a backup is refused with a message and adds nothing.
    await page.getByTestId('backup-restore').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"a":1}') });
    await page.getByTestId('notice').filter({ hasText: '备份无法恢复' }).waitFor();
    assert.equal(await items(page).count(), 8);
  });
});

test('full quota: a Chinese banner with downloads, editing goes on, the banner clears itself', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await page.getByTestId('unit-name').fill('岳阳县科学技术局');
    await waitSaved(page);
    const before = await storedDraft(page);
    await fillStorage(page);
    await page.getByTestId('section-body').fill('存储已满时写下的内容'.repeat(30));
    const banner = page.getByTestId('quota-banner');
    await banner.waitFor({ timeout: 5000 });
    assert.match(await banner.innerText(), /存储空间已满/);
    await page.screenshot({ path: join(ARTIFACTS, 'quota-banner.png') });
    assert.equal(await storedDraft(page), before, 'what was stored is not damaged');
    await page.getByTestId('section-body').press('End');
    await page.getByTestId('section-body').pressSequentially('继续');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('quota-download-draft').click()]);
    const saved = JSON.parse(await readFile(await dl.path(), 'utf8'));
    assert.equal(saved.drafts[0].draft.parts[0].body, '存储已满时写下的内容'.repeat(30) + '继续');
    const [all] = await Promise.all([page.waitForEvent('download'), page.getByTestId('quota-download-backup').click()]);
    assert.ok(JSON.parse(await readFile(await all.path(), 'utf8')).drafts.length >= 1);
    await freeStorage(page);
    await banner.waitFor({ state: 'hidden', timeout: 8000 });
    assert.ok((await storedDraft(page)).includes('继续'));
  }));

test('damaged data is listed, downloadable byte for byte, and removed only on request', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    const raw = '{"app":"nianbao","schema":2,"id":"zzz","draft":手工改坏了';
    await page.evaluate((v) => localStorage.setItem('nianbao.draft.zzz', v), raw);
    await page.reload();
    await page.getByTestId('notice').filter({ hasText: '无法读取' }).waitFor();
    await openList(page);
    const damaged = page.getByTestId('damaged-item');
    assert.equal(await damaged.count(), 1);
    const [dl] = await Promise.all([page.waitForEvent('download'), damaged.getByTestId('damaged-download').click()]);
    assert.equal(await readFile(await dl.path(), 'utf8'), raw);
    await page.reload();
    await openList(page);
    assert.equal(await damaged.count(), 1, 'still kept after a reload');
    await damaged.getByTestId('damaged-delete').click();
    await damaged.getByTestId('damaged-delete').click();
    assert.equal(await damaged.count(), 0);
  }));

test('snapshots: earlier versions can be previewed and restored', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await page.getByTestId('section-body').fill('第一版内容');
    await waitSaved(page);
    await page.reload();
    await page.getByTestId('section-body').fill('第二版内容');
    await waitSaved(page);
    await page.getByTestId('history-open').click();
    const snaps = page.getByTestId('snapshot-item');
    assert.equal(await snaps.count(), 2);
    await snaps.nth(1).getByTestId('snapshot-preview').click();
    assert.match(await page.getByTestId('snapshot-view').innerText(), /第一版内容/);
    await snaps.nth(1).getByTestId('snapshot-restore').click();
    assert.equal(await page.getByTestId('section-body').inputValue(), '第一版内容');
    await waitSaved(page);
    // The version that was replaced is still in the history.
    await snaps.nth(0).getByTestId('snapshot-preview').click();
    assert.match(await page.getByTestId('snapshot-view').innerText(), /第二版内容/);
  }));

test('after 7 days of editing without a backup the app reminds, and a backup clears it', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    const days = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09', '2024-01-10'];
    await page.evaluate((d) => localStorage.setItem('nianbao.meta', JSON.stringify({ last_backup_at: null, edit_days: d.slice(0, 6) })), days);
    await page.reload();
    await page.getByTestId('unit-name').waitFor();
    assert.equal(await page.getByTestId('backup-reminder').count(), 0, 'six days are not yet seven');
    await page.evaluate((d) => localStorage.setItem('nianbao.meta', JSON.stringify({ last_backup_at: null, edit_days: d })), days);
    await page.reload();
    const reminder = page.getByTestId('backup-reminder');
    await reminder.waitFor();
    assert.match(await reminder.innerText(), /7 天/);
    await Promise.all([page.waitForEvent('download'), reminder.getByRole('button').click()]);
    await reminder.waitFor({ state: 'hidden' });
    await openList(page);
    assert.match(await page.getByTestId('last-backup').innerText(), /上次备份：\d{4}-\d\d-\d\d/);
  }));
