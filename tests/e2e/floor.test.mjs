// End to end: the browser floor. The start-up check's probe module needs every WebAssembly
// feature the release module needs (read from the built wasm with binaryen's wasm-opt), the
// README states the versions the check names, and a browser that cannot run the app gets the
// message in Chinese with those versions, not a blank page: simulated by init scripts that
// remove WebAssembly, make compiling fail, or remove DecompressionStream (the single file).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, launch, newContext, openApp, waitSaved, storedDraft, recordErrors } from './harness.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = join(ROOT, 'dist');
const WASM_OPT = join(ROOT, 'node_modules/.bin/wasm-opt');
const CHECK = readFileSync(join(ROOT, 'scripts/startup-check.js'), 'utf8');
const SINGLE_URL = pathToFileURL(join(DIST, 'nianbao.html')).href;

/**
 * Post-MVP features, by binaryen's flag names: those shipped from 2019 on, which an office
 * browser of the last years may lack. (Each costs one read of the module by wasm-opt.)
 */
const FEATURES = [
  'sign-ext',
  'mutable-globals',
  'nontrapping-float-to-int',
  'bulk-memory',
  'bulk-memory-opt',
  'reference-types',
  'multivalue',
  'simd',
  'tail-call',
  'exception-handling',
  'gc',
];

/**
 * The module without its `target_features` custom section: wasm-opt enables whatever that
 * section lists on top of its flags, so with it every module would seem to need nothing.
 */
function withoutTargetFeatures(buf) {
  const leb = (at) => {
    let v = 0;
    let shift = 0;
    let b;
    do {
      b = buf[at++];
      v |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    return [v >>> 0, at];
  };
  const kept = [buf.subarray(0, 8)];
  let pos = 8;
  while (pos < buf.length) {
    const id = buf[pos];
    const [size, body] = leb(pos + 1);
    let keep = true;
    if (id === 0) {
      const [n, at] = leb(body);
      keep = buf.subarray(at, at + n).toString() !== 'target_features';
    }
    if (keep) kept.push(buf.subarray(pos, body + size));
    pos = body + size;
  }
  return Buffer.concat(kept);
}

/** The features a module cannot do without: those whose absence makes wasm-opt reject it. */
function neededFeatures(file) {
  const wasm = `${file}.bare.wasm`;
  writeFileSync(wasm, withoutTargetFeatures(readFileSync(file)));
  return FEATURES.filter((f) => {
    try {
      execFileSync(WASM_OPT, ['--all-features', `--disable-${f}`, wasm, '-o', '/dev/null'], { stdio: 'pipe' });
      return false;
    } catch {
      return true;
    }
  });
}

/** The probe module's bytes, as written in scripts/startup-check.js. */
function probeBytes() {
  const list = /var PROBE = \[([\d,\s]+)\]/.exec(CHECK)?.[1];
  assert.ok(list, 'PROBE array in startup-check.js');
  return Uint8Array.from(
    list
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(Number),
  );
}

/** The versions the check names (FLOOR in startup-check.js). */
function floor() {
  const grab = (key) => Number(new RegExp(`${key}: (\\d+)`).exec(CHECK)?.[1]);
  return { chrome: grab('chrome'), firefox: grab('firefox'), firefoxSingle: grab('firefoxSingle') };
}

test('the probe of the start-up check needs every wasm feature the release build needs', { timeout: 600_000 }, () => {
  const wasm = readdirSync(DIST).find((f) => f.endsWith('.wasm'));
  assert.ok(wasm, 'a .wasm in dist/: run `make dist` first');
  const dir = mkdtempSync(join(tmpdir(), 'nb-probe-'));
  writeFileSync(join(dir, 'release.wasm'), readFileSync(join(DIST, wasm)));
  const release = neededFeatures(join(dir, 'release.wasm'));
  writeFileSync(join(dir, 'probe.wasm'), probeBytes());
  const probe = neededFeatures(join(dir, 'probe.wasm'));
  console.log(`release wasm needs: ${release.join(', ')}; probe needs: ${probe.join(', ')}`);
  // A release build that needs nothing past the MVP would mean this test reads nothing.
  assert.ok(release.includes('reference-types'), `release features: ${release}`);
  assert.deepEqual(
    release.filter((f) => !probe.includes(f)),
    [],
    'features of the release build the probe does not test',
  );
  assert.ok(WebAssembly.validate(probeBytes()), 'the probe is a valid module');
});

test('the README states the floor the start-up check names', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const f = floor();
  assert.ok(f.chrome && f.firefox && f.firefoxSingle, JSON.stringify(f));
  assert.match(readme, new RegExp(`Chrome / Edge[^\\n]*≥ ${f.chrome}\\b`));
  assert.match(readme, new RegExp(`360[^\\n]*≥ ${f.chrome}\\b`));
  assert.match(readme, new RegExp(`Firefox[^\\n]*≥ ${f.firefox}\\b`));
  assert.match(readme, new RegExp(`Firefox[^\\n]*≥ ${f.firefoxSingle}\\b`));
});

let browser;
let server;
before(async () => {
  browser = await launch();
  server = await startServer();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Waits for the start-up message and returns its reason and text; the app must not be there. */
async function startupMessage(page) {
  const box = page.getByTestId('startup-error');
  await box.waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId('unit-name').count(), 0, 'the app did not mount');
  return { reason: await box.getAttribute('data-reason'), text: await box.innerText() };
}

/** The parts every message has: what works, by name and version, and that drafts are safe. */
function assertFloorText(text) {
  const f = floor();
  assert.match(text, /年报无法在此浏览器中运行/);
  assert.ok(text.includes(`Chrome 或 Edge ${f.chrome} 及以上`), text);
  assert.ok(text.includes(`“极速模式”，且内核（Chromium）版本 ${f.chrome} 及以上`), text);
  assert.ok(text.includes(`Firefox ${f.firefox} 及以上`), text);
  assert.ok(text.includes(`Firefox ${f.firefoxSingle} 及以上`), text);
  assert.match(text, /已保存的草稿没有丢失/);
}

const SIMULATIONS = {
  'WebAssembly removed': {
    script: () => {
      delete window.WebAssembly;
    },
    reason: 'no-wasm',
    says: /不支持 WebAssembly/,
  },
  'an engine too old for the features': {
    script: () => {
      WebAssembly.validate = () => false;
    },
    reason: 'old-engine',
    says: /内核版本过旧/,
  },
  'compilation failing': {
    script: () => {
      const no = () => Promise.reject(new WebAssembly.CompileError('simulated: this engine cannot compile the module'));
      WebAssembly.instantiate = no;
      WebAssembly.instantiateStreaming = no;
      WebAssembly.compile = no;
      WebAssembly.compileStreaming = no;
    },
    reason: 'load',
    says: /程序加载失败[\s\S]*CompileError: simulated: this engine cannot compile the module/,
  },
};

for (const [name, sim] of Object.entries(SIMULATIONS)) {
  test(`hosted site, ${name}: the message with the versions, no script error, the stored draft kept`, { timeout: 90_000 }, async () => {
    const rec = await newContext(browser, server);
    try {
      // A draft stored by a working start first.
      const page = await openApp(rec.context, server);
      await page.getByTestId('unit-name').fill('岳阳县科学技术局');
      await waitSaved(page);
      const stored = await storedDraft(page);
      assert.ok(stored.includes('岳阳县科学技术局'));
      await page.close();

      const old = await rec.context.newPage();
      await old.addInitScript(sim.script);
      await old.goto(server.url);
      const { reason, text } = await startupMessage(old);
      assert.equal(reason, sim.reason);
      assert.match(text, sim.says);
      assertFloorText(text);
      assert.equal(await storedDraft(old), stored, 'the stored draft is untouched');
      await old.close();

      // And a working browser still finds it.
      const again = await openApp(rec.context, server);
      assert.equal(await again.getByTestId('unit-name').inputValue(), '岳阳县科学技术局');
    } finally {
      await rec.context.close();
    }
    assert.deepEqual(rec.errors, [], 'page errors, console errors or dialogs');
    assert.deepEqual(rec.outside(), [], 'requests outside the local server');
  });
}

const SINGLE_SIMULATIONS = {
  ...SIMULATIONS,
  'DecompressionStream missing': {
    script: () => {
      delete window.DecompressionStream;
    },
    reason: 'no-gzip',
    says: /DecompressionStream/,
  },
};

for (const [name, sim] of Object.entries(SINGLE_SIMULATIONS)) {
  test(`single file from disk, ${name}: the message with the versions and no script error`, { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const errors = [];
    try {
      recordErrors(context, errors);
      await context.addInitScript(sim.script);
      const page = await context.newPage();
      await page.goto(SINGLE_URL);
      const { reason, text } = await startupMessage(page);
      assert.equal(reason, sim.reason);
      assert.match(text, sim.says);
      assertFloorText(text);
    } finally {
      await context.close();
    }
    assert.deepEqual(errors, [], 'page errors, console errors or dialogs');
  });
}
