// End to end: .docx import through the file picker and by drag-and-drop (LibreOffice's
// conversion of the sample, Word's automatic numbering), bad files refused in Chinese with
// nothing changed, and a 20 MB file full of pictures read within 2 s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { deflateRawSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { openApp, waitSaved, useServerAndBrowser } from './harness.mjs';
import { assertSampleOutline, confirmImport, dropFile, importDocx, outlineTexts, pickFile, zip } from './docx.mjs';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/docx');
const SAMPLE = await readFile(resolve(import.meta.dirname, '../fixtures/yueyang-keji-2023.txt'), 'utf8');
const ARTIFACTS = resolve(import.meta.dirname, '../../test-results');
const env = useServerAndBrowser([ARTIFACTS]);

test('LibreOffice’s .docx of the sample, picked with import-file, gives the sample outline', { timeout: 60_000 }, () =>
  env.withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await importDocx(page, join(FIXTURES, 'libreoffice-sample.docx'));
    assertSampleOutline(assert, await outlineTexts(page));
    assert.equal(await page.getByTestId('unit-name').inputValue(), '岳阳县科学技术局');
    await page.getByTestId('drafts-open').click();
    assert.equal(await page.getByTestId('draft-item').count(), 2, 'a new draft beside the first');
  }));

test('Word automatic numbering, picked and dropped, gives the sample outline and says what it left out', { timeout: 60_000 }, () =>
  env.withProfile(async (context) => {
    const page = await openApp(context, env.server);
    const path = join(FIXTURES, 'numbered-headings.docx');
    await pickFile(page, path);
    await page.getByTestId('import-docx-note').waitFor();
    assert.match(await page.getByTestId('import-docx-ignored').innerText(), /图片 1 张、批注 1 条、修订删除 1 处/);
    // The numbers Word generates are written into the text, so the preview sees four parts.
    assert.match(await page.getByTestId('import-text').inputValue(), /^一、推进法治政府建设的主要举措和成效$/m);
    assert.equal(await page.getByTestId('import-part').count(), 4);
    await confirmImport(page);
    const picked = await outlineTexts(page);
    assertSampleOutline(assert, picked);

    // The same file by drag-and-drop onto the dialog.
    await dropFile(page, path);
    await confirmImport(page);
    assert.deepEqual(await outlineTexts(page), picked);
    const stored = await page.evaluate(() => localStorage.getItem('nianbao.draft.' + localStorage.getItem('nianbao.current')));
    assert.ok(!stored.includes('删去的旧文字') && !stored.includes('批注内容不导入'), 'deleted text and comments stay out');
  }));

test('a dropped .txt goes through the same import as before', { timeout: 60_000 }, () =>
  env.withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await dropFile(page, { name: '去年.txt', buffer: Buffer.from(SAMPLE, 'utf8') });
    await page.getByTestId('import-title').filter({ hasText: '岳阳县科技局2023年法治建设年度报告' }).waitFor();
    assert.equal(await page.getByTestId('import-docx-note').count(), 0);
    assert.equal(await page.getByTestId('import-text').inputValue(), SAMPLE);
  }));

test('bad files: a .doc and random bytes renamed .docx get a Chinese message and change nothing', { timeout: 60_000 }, () =>
  env.withProfile(async (context) => {
    const page = await openApp(context, env.server);
    await page.getByTestId('unit-name').fill('原有草稿');
    await waitSaved(page);
    const before = await page.evaluate(() => JSON.stringify(localStorage));
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-text').fill('已经粘贴的文字');
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(4096)]);
    const cases = [
      [{ name: '去年的报告.doc', mimeType: 'application/msword', buffer: ole }, /旧版 Word 文档（\.doc）.*请在 Word 或 WPS 中另存为 \.docx 后再导入/],
      [{ name: '改了名.docx', mimeType: 'application/octet-stream', buffer: randomBytes(20_000) }, /不是 Word 文档（\.docx）.*另存为 \.docx/],
      [{ name: '文档.wps', mimeType: 'application/octet-stream', buffer: ole }, /WPS 文字文档（\.wps）/],
    ];
    for (const [file, message] of cases) {
      await page.getByTestId('import-file').setInputFiles(file);
      await page.getByTestId('import-file-error').filter({ hasText: file.name }).waitFor();
      assert.match(await page.getByTestId('import-file-error').innerText(), message);
      assert.equal(await page.getByTestId('import-text').inputValue(), '已经粘贴的文字');
    }
    // By drop as well.
    await dropFile(page, { name: '拖入的.docx', buffer: Buffer.from('PK\u0003\u0004 damaged') });
    await page.getByTestId('import-file-error').filter({ hasText: '拖入的.docx' }).waitFor();
    assert.match(await page.getByTestId('import-file-error').innerText(), /损坏|不是 Word 文档/);
    assert.equal(await page.getByTestId('import-text').inputValue(), '已经粘贴的文字');
    assert.equal(await page.getByTestId('import-docx-note').count(), 0);
    await page.getByTestId('import-dialog').getByRole('button', { name: '取消' }).click();
    assert.equal(await page.evaluate(() => JSON.stringify(localStorage)), before, 'storage unchanged');
    assert.equal(await page.getByTestId('unit-name').inputValue(), '原有草稿');
  }));

/** A .docx of the sample text with `images` incompressible pictures of 1 MB each. */
function imageDocx(images) {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const pic = (i) =>
    `<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="9525" cy="9525"/><wp:docPr id="${i + 1}" name="图片 ${i + 1}"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip r:embed="rIdImg${i}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`;
  const lines = SAMPLE.split('\n').filter((l) => l.trim());
  const body = lines
    .map((l, i) => `<w:p><w:r><w:t xml:space="preserve">${esc(l)}</w:t></w:r>${i < images ? pic(i) : ''}</w:p>`)
    .join('');
  const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>${body}</w:body></w:document>`;
  const rels = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${Array.from({ length: images }, (_, i) => `<Relationship Id="rIdImg${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image${i}.png"/>`).join('')}</Relationships>`;
  const root = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
  const xml = (name, text) => {
    const data = Buffer.from(text, 'utf8');
    return { name, data, deflated: deflateRawSync(data) };
  };
  const entries = [xml('_rels/.rels', root), xml('word/document.xml', doc), xml('word/_rels/document.xml.rels', rels)];
  for (let i = 0; i < images; i++) entries.push({ name: `word/media/image${i}.png`, data: randomBytes(1 << 20) });
  return zip(entries);
}

test('a 20 MB .docx full of pictures imports its text within 2 s', { timeout: 90_000 }, () =>
  env.withProfile(async (context) => {
    const page = await openApp(context, env.server);
    const path = join(ARTIFACTS, 'images-20mb.docx');
    const bytes = imageDocx(20);
    assert.ok(bytes.length > 20_000_000, `${bytes.length} bytes`);
    await writeFile(path, bytes);
    await page.getByTestId('import-open').click();
    // Timed in the page: from the picker's change event to the note of the file read.
    await page.evaluate(() => {
      document.querySelector('[data-testid=import-file]').addEventListener('change', () => (window.__t0 = performance.now()), { capture: true });
      new MutationObserver((_, obs) => {
        if (document.querySelector('[data-testid=import-docx-note]') && document.querySelector('[data-testid=import-title]')) {
          window.__t1 = performance.now();
          obs.disconnect();
        }
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.getByTestId('import-file').setInputFiles(path);
    await page.waitForFunction(() => window.__t1 !== undefined, null, { timeout: 30_000 });
    const ms = await page.evaluate(() => window.__t1 - window.__t0);
    console.log(`20 MB .docx with 20 pictures: text read and analysed in ${ms.toFixed(0)} ms`);
    assert.ok(ms < 2000, `${ms} ms`);
    assert.match(await page.getByTestId('import-docx-ignored').innerText(), /图片 20 张/);
    assert.equal(await page.getByTestId('import-title').innerText(), '岳阳县科技局2023年法治建设年度报告');
    assert.equal(await page.getByTestId('import-part').count(), 4);
  }));
