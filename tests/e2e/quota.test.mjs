// End to end: no word lost when storage is full. Every action that would replace the open
// draft while its edits are unstored keeps them; nianbao's own old snapshots and trash give
// way to the live text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { openApp, waitSaved, useServerAndBrowser, fillStorage, freeStorage } from './harness.mjs';

const ARTIFACTS = resolve(import.meta.dirname, '../../test-results');
const env = useServerAndBrowser([ARTIFACTS]);
const withProfile = env.withProfile;

// Larger than the room left below, so it cannot be stored; a new small draft still fits.
const PARAGRAPH = '甲局在存储已满时写下的段落，一个字也不能丢。'.repeat(3000);
const ROOM = 40_000;

const items = (page) => page.getByTestId('draft-item');

async function openList(page) {
  if (!(await page.getByTestId('draft-list').isVisible())) await page.getByTestId('drafts-open').click();
  await page.getByTestId('draft-list').waitFor();
}

/** Sets the open section's body as a paste would, without the slow per-character path. */
function setBody(page, text) {
  return page.evaluate((t) => {
    const el = document.querySelector('[data-testid=section-body]');
    el.value = t;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

/** Fills storage with another key until it refuses, then frees about `room` UTF-16 units. */
async function fillLeaving(page, room) {
  await fillStorage(page);
  await page.evaluate((room) => {
    const big = localStorage.getItem('filler.0');
    localStorage.removeItem('filler.0');
    localStorage.setItem('filler.0', big.slice(0, big.length - room));
  }, room);
}

/** Every stored draft body of the draft with this unit, across copies. */
function storedBodies(page, unit) {
  return page.evaluate((unit) =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('nianbao.draft.'))
      .map((k) => JSON.parse(localStorage.getItem(k)).draft)
      .filter((d) => d.unit === unit)
      .map((d) => d.parts[0].body),
  unit);
}

/** Drafts 甲局 and 乙局, with 甲局 open and its first part selected. */
async function twoDrafts(page) {
  await page.getByTestId('unit-name').fill('甲局');
  await waitSaved(page);
  await openList(page);
  await page.getByTestId('draft-new').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=draft-item]').length === 2);
  await page.getByTestId('unit-name').fill('乙局');
  await waitSaved(page);
  await items(page).filter({ hasText: '甲局' }).getByTestId('draft-open').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=unit-name]').value === '甲局');
}

/** Types the paragraph into 甲局 with too little room, and waits for the red banner. */
async function unsavedParagraph(page) {
  await fillLeaving(page, ROOM);
  await setBody(page, PARAGRAPH);
  await page.getByTestId('quota-banner').waitFor({ timeout: 5000 });
  assert.match(await page.getByTestId('quota-banner').innerText(), /“甲局2\d{3}年法治政府建设年度报告”没有保存/);
}

/** 甲局's paragraph is on screen, and stored once there is room again. */
async function paragraphSurvives(page, action) {
  const notice = page.getByTestId('notice').filter({ hasText: `暂不${action}` });
  await notice.waitFor({ timeout: 5000 });
  assert.match(await notice.innerText(), /“甲局.*”的最新修改还没能保存/);
  assert.equal(await page.getByTestId('unit-name').inputValue(), '甲局', 'still on 甲局');
  assert.equal(await page.getByTestId('section-body').inputValue(), PARAGRAPH, 'the paragraph is on screen');
  await freeStorage(page);
  await page.getByTestId('quota-banner').waitFor({ state: 'hidden', timeout: 8000 });
  assert.ok((await storedBodies(page, '甲局')).includes(PARAGRAPH), 'the paragraph is stored');
}

test('full quota: opening 乙 keeps 甲’s unsaved paragraph, and opens once it is stored', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await twoDrafts(page);
    await unsavedParagraph(page);
    await items(page).filter({ hasText: '乙局' }).getByTestId('draft-open').click();
    await paragraphSurvives(page, '打开其他草稿');
    await items(page).filter({ hasText: '乙局' }).getByTestId('draft-open').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=unit-name]').value === '乙局');
  }));

test('full quota: 新建草稿 keeps 甲’s unsaved paragraph', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await twoDrafts(page);
    await unsavedParagraph(page);
    await page.getByTestId('draft-new').click();
    await paragraphSurvives(page, '新建草稿');
    assert.equal(await items(page).count(), 2, 'no draft was added');
  }));

test('full quota: 导入 keeps 甲’s unsaved paragraph', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await twoDrafts(page);
    await unsavedParagraph(page);
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-text').fill('丙局2023年法治政府建设年度报告\n一、主要举措\n正文。');
    await page.getByTestId('import-title').waitFor();
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('notice').filter({ hasText: '暂不' }).waitFor();
    await page.getByTestId('import-dialog').waitFor({ state: 'visible' });
    await paragraphSurvives(page, '导入为新草稿');
  }));

test("full quota: next year's report and a copy of 乙 keep 甲’s unsaved paragraph", { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await twoDrafts(page);
    await unsavedParagraph(page);
    await items(page).filter({ hasText: '乙局' }).getByTestId('draft-next-year').click();
    await page.getByTestId('notice').filter({ hasText: '暂不开始下一年度报告' }).waitFor({ timeout: 5000 });
    await items(page).filter({ hasText: '乙局' }).getByTestId('draft-duplicate').click();
    await paragraphSurvives(page, '复制草稿');
    assert.equal(await items(page).count(), 2, 'no draft was added');
  }));

test('full quota: deleting the open draft keeps its unsaved paragraph', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await twoDrafts(page);
    await unsavedParagraph(page);
    const own = items(page).filter({ hasText: '正在编辑' });
    await own.getByTestId('draft-delete').click();
    await own.getByTestId('draft-delete').click();
    await paragraphSurvives(page, '删除这份草稿');
    assert.equal(await items(page).count(), 2);
  }));

test('full quota: restoring a version keeps the unsaved paragraph; a failed snapshot is reported', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await twoDrafts(page);
    await page.getByTestId('drafts-open').click();
    await unsavedParagraph(page);
    await page.getByTestId('history-open').click();
    await page.getByTestId('snapshot-restore').first().click();
    await paragraphSurvives(page, '恢复历史版本');
    // With room for the text but none for one more snapshot, the restore says so.
    await setBody(page, PARAGRAPH + '。');
    await page.waitForFunction((t) => Object.keys(localStorage).some((k) => k.startsWith('nianbao.draft.') && localStorage.getItem(k).includes(t)), PARAGRAPH + '。');
    // Its stored history is gone (as after making room), so the one new snapshot has to fit.
    await page.evaluate(() => localStorage.removeItem('nianbao.snap.' + localStorage.getItem('nianbao.current')));
    await fillStorage(page);
    await page.getByTestId('snapshot-restore').last().click();
    await page.getByTestId('notice').filter({ hasText: '已恢复到' }).waitFor({ timeout: 5000 });
    const notice = await page.getByTestId('notice').innerText();
    assert.match(notice, /恢复前的内容没能存为历史版本/, notice);
    assert.doesNotMatch(notice, /也已存为历史版本/);
  }));

test('full quota: restoring a backup is refused while the open draft is unsaved', { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await twoDrafts(page);
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-download').click()]);
    const path = join(ARTIFACTS, 'quota-backup.json');
    await dl.saveAs(path);
    await unsavedParagraph(page);
    await page.getByTestId('backup-restore').setInputFiles(path);
    await page.getByTestId('notice').filter({ hasText: '备份无法恢复' }).waitFor();
    await paragraphSurvives(page, '从备份恢复');
    assert.equal(await items(page).count(), 2, 'nothing was restored into the room the text needed');
  }));

test("full quota: another tab's save keeps this tab's unsaved paragraph and stores it as a copy once there is room", { timeout: 60_000 }, () =>
  withProfile(async (context) => {
    const a = await openApp(context, env.server);
    await a.getByTestId('unit-name').fill('甲局');
    await waitSaved(a);
    const b = await openApp(context, env.server);
    assert.equal(await b.getByTestId('unit-name').inputValue(), '甲局');
    await fillLeaving(a, 8_000);
    await setBody(a, PARAGRAPH);
    await a.getByTestId('quota-banner').waitFor({ timeout: 5000 });
    // The other tab saves a small change to the same draft: this tab's edits now conflict.
    await b.getByTestId('section-body').pressSequentially('乙方');
    await waitSaved(b);
    await a.waitForTimeout(500);
    assert.equal(await a.getByTestId('section-body').inputValue(), PARAGRAPH, 'still on screen');
    await freeStorage(a);
    await a.getByTestId('notice').filter({ hasText: '另存为新草稿' }).waitFor({ timeout: 8000 });
    const bodies = await storedBodies(a, '甲局');
    assert.ok(bodies.includes(PARAGRAPH), 'the paragraph is stored as a copy');
    assert.ok(bodies.includes('乙方'), 'the other tab keeps its version');
  }));

test("storage almost full of nianbao's own snapshots: typing still saves, the notice says what went, each draft keeps its newest", { timeout: 90_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await page.getByTestId('unit-name').fill('甲局');
    await waitSaved(page);
    // Other drafts with long histories, until the browser refuses more.
    const made = await page.evaluate(() => {
      const open = JSON.parse(localStorage.getItem('nianbao.draft.' + localStorage.getItem('nianbao.current')));
      const history = (id, n, size) =>
        JSON.stringify(Array.from({ length: n }, (_, i) => {
          const draft = structuredClone(open.draft);
          draft.parts[0].body = `${id} 第${i}版 ` + '旧'.repeat(size);
          return { saved_at: 1000 + i, revision: i + 1, draft };
        }));
      let k = 0;
      for (let size = 40_000; size >= 50; size = Math.floor(size / 2)) {
        for (;;) {
          const id = `old${k}`;
          try {
            localStorage.setItem('nianbao.draft.' + id, JSON.stringify({ ...open, id }));
            localStorage.setItem('nianbao.snap.' + id, history(id, 5, size));
            k += 1;
          } catch {
            localStorage.removeItem('nianbao.draft.' + id);
            break;
          }
        }
      }
      return k;
    });
    assert.ok(made > 10, `only ${made} histories fit`);
    await setBody(page, '存储快满时写下的正文。'.repeat(4000));
    await waitSaved(page);
    const notice = await page.getByTestId('notice').innerText();
    assert.match(notice, /为保存正文，已删除 \d+ 个较早的历史版本/, notice);
    assert.equal(await page.getByTestId('quota-banner').count(), 0, 'no red banner');
    const newest = await page.evaluate((n) => {
      const out = [];
      for (let k = 0; k < n; k++) {
        const list = JSON.parse(localStorage.getItem(`nianbao.snap.old${k}`) ?? '[]');
        out.push(list.length ? Math.max(...list.map((s) => s.saved_at)) : null);
      }
      return out;
    }, made);
    assert.ok(newest.every((t) => t === 1004), `newest snapshot of each draft: ${newest.join(',')}`);
    await openList(page);
    const usage = await page.getByTestId('storage-usage').innerText();
    assert.match(usage, /本程序占用浏览器存储 \d+ KB/, usage);
    await page.getByTestId('storage-warning').waitFor();
    assert.match(await page.getByTestId('storage-warning').innerText(), /下载全部草稿备份.*删除不再需要的旧草稿/);
    await page.screenshot({ path: join(ARTIFACTS, 'quota-eviction.png') });
    await writeFile(join(ARTIFACTS, 'quota-eviction-notice.txt'), notice);
  }));
