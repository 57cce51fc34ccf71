// End to end: accessibility scans with axe-core on every screen, layout at 1280×720 and at
// 200% browser zoom, with screenshots kept in test-results/.
//
// axe is evaluated through the DevTools protocol (page.evaluate of its source): the app's
// Content-Security-Policy allows only its own hashed scripts, so a <script> tag added to the
// page would be refused, while protocol-level evaluation is not subject to the page's CSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { openApp, useServerAndBrowser, waitSaved } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const OUT = resolve(import.meta.dirname, '../../test-results');

const env = useServerAndBrowser([OUT]);
const withProfile = env.withProfile;

/** Violations of impact serious or critical on the page (or inside `include`), as text. */
async function scan(page, include) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const violations = await page.evaluate(async (include) => {
    const result = await window.axe.run(include ? { include: [include] } : document, {
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
    }));
  }, include ?? null);
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = violations.filter((v) => !bad.includes(v));
  if (minor.length) console.log(`axe (minor, not failing): ${minor.map((v) => `${v.id} [${v.impact}]`).join(', ')}`);
  return bad.map((v) => `${v.id} [${v.impact}] ${v.help}\n    ${v.nodes.slice(0, 5).join('\n    ')}`);
}

async function assertClean(page, screen, include) {
  const bad = await scan(page, include);
  assert.deepEqual(bad, [], `axe on ${screen}:\n  ${bad.join('\n  ')}`);
}

async function fillSome(page) {
  await page.getByTestId('unit-name').fill('岳阳县科学技术局');
  await page.getByTestId('outline-item').nth(1).click();
  await page.getByTestId('section-body').fill('2023年，县科技局大力加强依法行政。\n第二段：成效显著。');
  await page.getByTestId('add-section').click();
  await page.getByTestId('section-title').fill('强化组织领导，提升法治能力');
  await page.getByTestId('section-body').fill('成立以局党组书记为组长的领导小组。');
  await waitSaved(page);
}

test('axe finds no serious or critical violation on the editor, panels, help and preview', { timeout: 120_000 }, () =>
  withProfile(async (context) => {
    const page = await openApp(context, env.server);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    // Landmarks; a <header>/<footer> inside main or a side panel is not the page's, and the
    // report's own title in the preview is not the page's h1.
    const landmarks = await page.evaluate(() =>
      Object.fromEntries(
        Object.entries({
          banner: 'header:not(main *, aside *)',
          navigation: 'nav',
          main: 'main',
          complementary: 'aside',
          contentinfo: 'footer:not(main *, aside *)',
          h1: 'h1:not(.preview *)',
        }).map(([k, sel]) => [k, document.querySelectorAll(sel).length]),
      ),
    );
    assert.deepEqual(landmarks, { banner: 1, navigation: 1, main: 1, complementary: 2, contentinfo: 1, h1: 1 });
    await fillSome(page);
    // The scan can fail: an unnamed button is a critical violation.
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<button id="axe-probe"></button>'));
    assert.match((await scan(page)).join('\n'), /button-name \[critical\]/);
    await page.evaluate(() => document.getElementById('axe-probe').remove());
    await assertClean(page, 'the editor');

    await page.getByTestId('drafts-open').click();
    await page.getByTestId('draft-list').waitFor();
    await assertClean(page, 'the draft list');
    await page.keyboard.press('Escape');
    await page.getByTestId('draft-list').waitFor({ state: 'detached' });

    await page.getByTestId('import-open').click();
    await page.getByTestId('import-text').fill('岳阳县科学技术局2022年法治政府建设年度报告\n一、主要举措\n（一）加强领导\n正文。');
    await page.getByTestId('import-result').filter({ hasText: '识别结果' }).waitFor();
    await assertClean(page, 'the import dialog');
    await page.keyboard.press('Escape');
    await page.getByTestId('import-dialog').waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'import-open', 'focus back on the opener');

    await page.getByTestId('history-open').click();
    await page.getByTestId('history').waitFor();
    await assertClean(page, 'the history panel');
    await page.keyboard.press('Escape');

    await page.getByTestId('help-open').click();
    await page.getByTestId('help-panel').waitFor();
    await assertClean(page, 'the help panel');
    await page.screenshot({ path: `${OUT}/screen-help.png` });
    await page.keyboard.press('Escape');
    await page.getByTestId('help-panel').waitFor({ state: 'hidden' });

    await page.getByTestId('publish-open').click();
    await page.getByTestId('publish-panel').waitFor();
    await assertClean(page, 'the public-version step');

    await page.getByTestId('preview').filter({ hasText: '强化组织领导' }).waitFor();
    await assertClean(page, 'the print preview', '[data-testid="preview"]');

    await page.getByTestId('print').click();
    await page.getByTestId('print-check').waitFor();
    await assertClean(page, 'the print check');
    await page.getByTestId('print-cancel').click();
    await page.getByTestId('print-check').waitFor({ state: 'detached' });
  }));

test('at 1280×720 everything fits, the editor text is large and focus is visible', { timeout: 60_000 }, () =>
  withProfile(
    async (context) => {
      const page = await openApp(context, env.server);
      await fillSome(page);
      const layout = await page.evaluate(() => {
        const body = document.querySelector('[data-testid="section-body"]');
        const style = getComputedStyle(body);
        return {
          overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          fontSize: parseFloat(style.fontSize),
          lineHeight: parseFloat(style.lineHeight) / parseFloat(style.fontSize),
          positive: [...document.querySelectorAll('[tabindex]')].filter((e) => e.tabIndex > 0).length,
        };
      });
      assert.equal(layout.overflow, 0, 'no horizontal scrolling');
      assert.ok(layout.fontSize >= 16, `editor text ${layout.fontSize}px`);
      assert.ok(layout.lineHeight >= 1.5, `line height ${layout.lineHeight}`);
      assert.equal(layout.positive, 0, 'no positive tabindex');
      for (const id of ['section-body', 'save-status', 'outline', 'preview']) {
        assert.ok(await page.getByTestId(id).isVisible(), `${id} visible`);
      }
      // The focused control is outlined: keyboard users always see where they are.
      await page.getByTestId('undo').focus();
      await page.keyboard.press('Tab');
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      assert.notEqual(outline, 'none', 'focus ring on the focused control');
      await page.screenshot({ path: `${OUT}/screen-1280x720.png` });
    },
  ));

test('at 200% zoom (1280×720 screen) nothing scrolls sideways and the editor stays usable', { timeout: 60_000 }, async () => {
  // The shared profile helper opens 1280-wide pages; this one is 640×360 CSS pixels at scale 2.
  const context = await env.browser.newContext({ viewport: { width: 640, height: 360 }, deviceScaleFactor: 2, locale: 'zh-CN' });
  const errors = [];
  context.on('page', (p) => p.on('pageerror', (e) => errors.push(e.message)));
  try {
    const page = await openApp(context, env.server);
    await fillSome(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, 'no horizontal scrolling of the page at 200%');
    // While typing in the body, the body and the save status are both in the window.
    const body = page.getByTestId('section-body');
    await body.focus();
    await page.keyboard.type('再写一句。');
    const inWindow = (b) => b && b.x >= 0 && b.x + b.width <= 640 && b.y < 360 && b.y + b.height > 0;
    const status = await page.getByTestId('save-status').boundingBox();
    assert.ok(inWindow(status) && status.y >= 0 && status.y + status.height <= 360, `save status in the window: ${JSON.stringify(status)}`);
    const box = await body.boundingBox();
    assert.ok(inWindow(box) && box.width >= 400, `textarea fits: ${JSON.stringify(box)}`);
    await page.screenshot({ path: `${OUT}/screen-zoom200-typing.png` });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${OUT}/screen-zoom200.png` });
    await assertClean(page, 'the editor at 200%');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
