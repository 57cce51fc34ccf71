// Helpers for .docx import tests: pick or drop a file onto the import dialog, wait for the
// analysis, confirm, and read the new draft's outline. Importing nianbao's own export is
// then one line: `await importDocx(page, await download.path())`.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

/** Opens the import dialog (if closed) and picks `path` through `import-file`. */
export async function pickFile(page, path) {
  if (!(await page.getByTestId('import-dialog').isVisible())) await page.getByTestId('import-open').click();
  await page.getByTestId('import-file').setInputFiles(path);
}

/** Opens the import dialog and drops the file at `path` (or `{ name, buffer }`) onto it. */
export async function dropFile(page, file) {
  if (!(await page.getByTestId('import-dialog').isVisible())) await page.getByTestId('import-open').click();
  const { name, buffer } = typeof file === 'string' ? { name: basename(file), buffer: await readFile(file) } : file;
  await page.evaluate(
    ({ name, b64 }) => {
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name));
      const target = document.querySelector('[data-testid=import-dialog]');
      target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
      target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
    },
    { name, b64: Buffer.from(buffer).toString('base64') },
  );
}

/** Waits for the Word file's note and the analysis, then imports as a new draft. */
export async function confirmImport(page) {
  await page.getByTestId('import-docx-note').waitFor();
  await page.getByTestId('import-title').waitFor();
  await page.getByTestId('import-confirm').click();
  await page.getByTestId('notice').filter({ hasText: '已导入为新草稿' }).waitFor();
}

/** Picks a .docx and imports it: the one line a round-trip test needs. */
export async function importDocx(page, path) {
  await pickFile(page, path);
  await confirmImport(page);
}

/** The outline panel's entries of the open draft. */
export const outlineTexts = (page) => page.getByTestId('outline-item').allInnerTexts();

/** Checks that `texts` (outline entries) show the sample report's outline. */
export function assertSampleOutline(assert, texts) {
  const level1 = texts.filter((t) => /^[一二三四五六七八九十]+、/.test(t.trim()));
  assert.equal(level1.length, 4, texts.join('|'));
  assert.match(level1[0], /推进法治政府建设的主要举措和成效/);
  assert.match(level1[3], /2024\s*年推进法治建设主要安排/);
  for (const re of [/（一）\s*强化组织领导，提升法治能力/, /（三）\s*开展法治宣传/, /4\.\s*扎实学习宣传安全稳定相关法律法规/, /（四）\s*抓好干部职工普法/, /（三）\s*强化法治宣传/]) {
    assert.ok(texts.some((t) => re.test(t)), `${re} in ${texts.join('|')}`);
  }
}

// A minimal zip writer for generated test files (stored entries, or raw deflate given).
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();

export function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** `entries`: [{ name, data: Buffer, deflated?: Buffer }] → a zip Buffer. */
export function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const body = e.deflated ?? e.data;
    const method = e.deflated ? 8 : 0;
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
