// End to end: the sample exported as .docx through 导出 Word, checked by an OOXML validator
// (openxml-audit, installed by scripts/setup.sh --test), converted to PDF by LibreOffice and
// measured on the GB/T 9704 grid like the browser's print; its page count set against the
// preview's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openApp, useServerAndBrowser, importText } from './harness.mjs';
import { pdfWords, pdfLines, firstLines, assertGrid } from './pdf-measure.mjs';
import { assertSampleOutline, importDocx, outlineTexts } from './docx.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const SAMPLE = await readFile(join(ROOT, 'tests/fixtures/yueyang-keji-2023.txt'), 'utf8');
const OUT = join(ROOT, 'test-results/docx');
const AUDIT = join(ROOT, '.venv/bin/openxml-audit');
const env = useServerAndBrowser([OUT]);

/** Clicks 导出 Word and saves the download as `name` in the results folder. */
async function exportDocx(page, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-docx').click()]);
  const path = join(OUT, name);
  await copyFile(await file.path(), path);
  return { path, suggested: file.suggestedFilename() };
}

/** LibreOffice's PDF of a .docx, with a throw-away profile so that runs do not interfere. */
async function toPdf(docx) {
  const profile = await mkdtemp(join(tmpdir(), 'lo-profile-'));
  try {
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', OUT, docx],
      { stdio: 'pipe', timeout: 120_000 },
    );
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
  return docx.replace(/\.docx$/, '.pdf');
}

/** The line of the last page whose text (spaces removed) is `text`. */
function lastPageLine(pages, text) {
  const lines = pdfLines(pages.at(-1)).lines;
  const line = lines.find((l) => l.text.replace(/\s+/g, '') === text);
  assert.ok(line, `"${text}" on the last page: ${lines.map((l) => l.text).join(' | ')}`);
  return line;
}

test('the sample as .docx: a valid package, and LibreOffice prints it on the GB/T 9704 grid', { timeout: 240_000 }, () =>
  env.withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await importText(page, SAMPLE);
    // The sample text has no 成文日期; the fixture's date, as the native golden files use.
    await page.getByTestId('doc-date').fill('2024-01-15');
    await page.waitForTimeout(800);
    const preview = await page
      .locator('[data-testid=preview] [data-testid=preview-page]')
      .evaluateAll((ps) => ps.map((p) => (p.querySelector('.nb-l')?.textContent ?? '').replace(/\s+/g, '')));
    assert.equal(await page.getByTestId('preview-count').innerText(), `共${preview.length}页`);

    const { path, suggested } = await exportDocx(page, 'sample.docx');
    assert.equal(suggested, '岳阳县科技局2023年法治建设年度报告.docx');
    const bytes = await readFile(path);
    assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04');

    // The package against the ECMA-376 schemas and Office's semantic rules, as Word 2010
    // (the oldest Word the issue names) and as the current Office.
    for (const format of ['office2010', 'microsoft365']) {
      const audit = execFileSync(AUDIT, ['--format', format, '--output', 'json', path], { encoding: 'utf8' });
      const [report] = JSON.parse(audit);
      assert.equal(report.valid, true, audit);
      assert.equal(report.error_count + report.warning_count, 0, audit);
    }

    const pdf = await toPdf(path);
    const pages = pdfWords(pdf);
    for (const p of pages) {
      assert.ok(Math.abs(p.width - 210) < 0.5 && Math.abs(p.height - 297) < 0.5, `page ${p.width} x ${p.height} mm`);
    }
    const figures = { pages: pages.length, previewPages: preview.length, bytes: bytes.length };
    Object.assign(figures, assertGrid(pdf, pages, OUT));
    // LibreOffice breaks lines and pages itself; the preview is nianbao's own layout. The two
    // agree on the sample's pages; record where their first lines differ.
    figures.firstLinesDiffer = firstLines(pages)
      .map((l, i) => [i + 1, l, preview[i]])
      .filter(([, a, b]) => a !== b);
    assert.ok(Math.abs(pages.length - preview.length) <= 1, `LibreOffice ${pages.length} pages, preview ${preview.length}`);

    // 落款 without a seal: the name two characters (5.57 mm each) in from the right
    // edge of the type area, the date starting two characters right of the name's start.
    const cell = 156 / 28;
    const name = lastPageLine(pages, '岳阳县科学技术局');
    const date = lastPageLine(pages, '2024年1月15日');
    figures.signature = { name: [name.x0, name.x1], date: [date.x0, date.x1] };
    assert.ok(Math.abs(name.x1 - (184 - 2 * cell)) <= 1, `name ends at ${name.x1} mm`);
    assert.ok(Math.abs(date.x0 - (name.x0 + 2 * cell)) <= 1, `date starts at ${date.x0} mm`);

    execFileSync('pdftoppm', ['-png', '-r', '100', '-f', '1', '-l', '2', pdf, join(OUT, 'sample')]);

    // With a seal: the date four characters in from the right, the name centred above it, by
    // the print's arithmetic in half cells (name 16, date 13: three characters, seven digits).
    // LibreOffice ignores w:autoSpaceDN="0" and widens the date by the gaps it puts around
    // digits, so the date is placed by where it starts, as Word sets it without the gaps.
    await page.getByTestId('seal-toggle').check();
    await page.waitForTimeout(500);
    const sealed = await exportDocx(page, 'sample-seal.docx');
    const sealedPages = pdfWords(await toPdf(sealed.path));
    const sName = lastPageLine(sealedPages, '岳阳县科学技术局');
    const sDate = lastPageLine(sealedPages, '2024年1月15日');
    const half = cell / 2;
    const dateLead = 56 - 8 - 13;
    const nameLead = (2 * dateLead + 13 - 16) / 2;
    figures.signatureWithSeal = { name: [sName.x0, sName.x1], date: [sDate.x0, sDate.x1] };
    figures.dateWiderInLibreOffice = date.x1 - date.x0 - 13 * half;
    assert.ok(Math.abs(sDate.x0 - (28 + dateLead * half)) <= 1, `sealed date starts at ${sDate.x0} mm`);
    assert.ok(Math.abs(sName.x0 - (28 + Math.floor(nameLead) * half)) <= 1, `sealed name starts at ${sName.x0} mm`);
    assert.ok(sName.x0 < sDate.x0 && sName.x1 > sDate.x0 + 13 * half, 'the name spans the date as the print centres it');

    await writeFile(join(OUT, 'sample-figures.json'), JSON.stringify(figures, null, 2));
    console.log('LibreOffice PDF of the .docx', JSON.stringify(figures));
  }));

test('the validator refuses a package with run properties out of schema order', { timeout: 60_000 }, async () => {
  // The check above is only worth something if the validator sees what Word is strict about.
  const src = join(OUT, 'sample.docx');
  const bad = join(OUT, 'misordered.docx');
  execFileSync('python3', [
    '-c',
    `import zipfile, sys
z = zipfile.ZipFile(sys.argv[1]); out = zipfile.ZipFile(sys.argv[2], 'w')
for n in z.namelist():
    d = z.read(n)
    if n == 'word/styles.xml':
        s = d.decode()
        i = s.index('<w:rFonts'); j = s.index('/>', i) + 2; k = s.index('<w:sz ', j); l = s.index('/>', k) + 2
        d = (s[:i] + s[k:l] + s[i:j] + s[j:k] + s[l:]).encode()
    out.writestr(n, d)
out.close()`,
    src,
    bad,
  ]);
  let failed = false;
  try {
    execFileSync(AUDIT, ['--output', 'json', bad], { encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    failed = true;
    assert.match(String(e.stdout), /rFonts/);
  }
  assert.ok(failed, 'openxml-audit accepted rFonts after sz');
});

test('nianbao’s own .docx imports back through the dialog: the sample outline, the unit, the seal, the 落款 with or without a date', { timeout: 180_000 }, () =>
  env.withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await importText(page, SAMPLE);
    await page.getByTestId('unit-name').fill('岳阳县科学技术局');
    // With a 成文日期 and a seal; then without either: the 落款 style marks the 落款 in
    // nianbao's own file, so the lone name line does not come back as body text of the
    // last section (the outline's counts would show it).
    for (const { date, seal } of [{ date: '2024-01-15', seal: true }, { date: '', seal: false }]) {
      await page.getByTestId('doc-date').fill(date);
      await page.getByTestId('seal-toggle').setChecked(seal);
      await page.waitForTimeout(800);
      const before = await outlineTexts(page);
      const signerBefore = await page.getByTestId('signer').inputValue();
      const { path } = await exportDocx(page, `roundtrip-${date || 'nodate'}.docx`);
      await importDocx(page, path);
      const after = await outlineTexts(page);
      assertSampleOutline(assert, after);
      assert.deepEqual(after, before, `the same outline, with the same counts (date “${date}”)`);
      assert.equal(await page.getByTestId('unit-name').inputValue(), '岳阳县科学技术局');
      assert.equal(await page.getByTestId('seal-toggle').isChecked(), seal, 'the seal setting came back');
      assert.equal(await page.getByTestId('doc-date').inputValue(), date);
      // The 落款 as printed comes back; one equal to the unit is the unit's (an empty field).
      const unit = '岳阳县科学技术局';
      const signerAfter = await page.getByTestId('signer').inputValue();
      assert.equal(signerAfter || unit, signerBefore || unit, 'the same 落款');
    }
  }));
