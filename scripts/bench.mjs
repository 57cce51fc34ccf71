#!/usr/bin/env node
// `make bench`: measures the release build in headless Chromium on this machine, each metric
// against a baseline measured in the same run, and prints a Markdown table with the budgets.
//
//   DIST=dist node scripts/bench.mjs
//   BENCH_ONLY=cold,typing node scripts/bench.mjs   (any of size, cold, typing, actions)
//
// Baselines: bench/minimal/ (the smallest Leptos 0.8 page, one textarea, built exactly like the
// app; built here into $CARGO_TARGET_DIR/bench-minimal-dist, skipped when up to date) and
// bench/textarea/index.html (a bare <textarea>). The table is a report: the exit status is 0
// even when a metric is over budget, and non-zero only when the benchmark itself fails.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, relative } from 'node:path';
import { homedir, cpus } from 'node:os';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { LAUNCH_ARGS } from '../tests/e2e/harness.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = resolve(process.env.DIST ?? 'dist');
const TARGET_DIR = resolve(process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target'));
const MINIMAL_SRC = join(ROOT, 'bench/minimal');
const MINIMAL_DIST = join(TARGET_DIR, 'bench-minimal-dist');
const TEXTAREA_DIR = join(ROOT, 'bench/textarea');
const FIXTURE = join(ROOT, 'tests/fixtures/yueyang-keji-2023.txt');

const TEXT_CHARS = 100_000;
const COLD_RUNS = 20;
const TYPING_WARMUP = 10;
const TYPING_KEYS = 200;
const TYPING_GAP_MS = 50; // pause after each measured key: a fast typist, about 14 keys a second
const ACTION_RUNS = 15;
const KB = 1024;

const log = (...a) => console.error('bench:', ...a);
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
const wanted = (part) => !ONLY || ONLY.has(part);

// ---------------------------------------------------------------------------------------------
// Building the baseline page.
// ---------------------------------------------------------------------------------------------
function newestMtime(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

function buildMinimal() {
  const inputs = ['Cargo.toml', 'Cargo.lock', 'Trunk.toml', 'index.html', 'src'].map((f) => join(MINIMAL_SRC, f));
  const stamp = join(MINIMAL_DIST, 'index.html');
  if (existsSync(stamp) && statSync(stamp).mtimeMs > Math.max(...inputs.map(newestMtime))) {
    log(`baseline page up to date in ${MINIMAL_DIST}`);
    return;
  }
  log(`building the baseline page bench/minimal into ${MINIMAL_DIST} (CARGO_TARGET_DIR=${TARGET_DIR})`);
  const env = {
    ...process.env,
    CARGO_TARGET_DIR: TARGET_DIR,
    PATH: `${join(ROOT, 'node_modules/.bin')}:${join(homedir(), '.cargo/bin')}:${process.env.PATH}`,
  };
  const r = spawnSync('trunk', ['build', '--release', '--dist', MINIMAL_DIST], { cwd: MINIMAL_SRC, env, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new Error(`trunk build of bench/minimal failed (${r.error ?? `status ${r.status}`})`);
}

// ---------------------------------------------------------------------------------------------
// Static server, one per folder (each its own origin, so their localStorage stays apart).
// ---------------------------------------------------------------------------------------------
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
};

async function serve(dir) {
  const server = createServer(async (req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    const path = normalize(join(dir, rel));
    if (!path.startsWith(dir)) return res.writeHead(403).end();
    try {
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, url: `${origin}/`, close: () => new Promise((ok) => server.close(ok)) };
}

// ---------------------------------------------------------------------------------------------
// Statistics and formatting.
// ---------------------------------------------------------------------------------------------
const sorted = (xs) => [...xs].sort((a, b) => a - b);
function median(xs) {
  const s = sorted(xs);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
/** Nearest-rank percentile. */
const percentile = (xs, p) => sorted(xs)[Math.max(0, Math.ceil((p / 100) * xs.length) - 1)];
const ms = (x) => `${x.toFixed(1)} ms`;
const kb = (n) => `${(n / KB).toFixed(1)} KB`;

function gzipTotal(dir, skip = []) {
  let total = 0;
  for (const f of readdirSync(dir, { recursive: true })) {
    const p = join(dir, f);
    if (skip.includes(f) || !statSync(p).isFile()) continue;
    total += gzipSync(readFileSync(p), { level: 9 }).length;
  }
  return total;
}

// ---------------------------------------------------------------------------------------------
// In-page instruments, identical for nianbao and its baselines.
// ---------------------------------------------------------------------------------------------

/** Init script: records in `window.__nbReady` the first frame where the editor shows the text. */
function readyProbe(expected) {
  const poll = () => {
    const el = document.querySelector('[data-testid=section-body]');
    if (el && el.getClientRects().length > 0 && el.value.length >= expected) {
      window.__nbReady = performance.now();
      return;
    }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

/**
 * Keydown-to-next-paint: time from the keydown listener (capture phase on window, so before any
 * of the page's own listeners) to a task queued from the next animation frame, which runs
 * after that frame's style, layout and paint.
 */
function installKeyLatency() {
  window.__nbLatencies = [];
  window.__nbPending = Promise.resolve();
  window.addEventListener(
    'keydown',
    () => {
      const t0 = performance.now();
      window.__nbPending = new Promise((done) =>
        requestAnimationFrame(() =>
          setTimeout(() => {
            window.__nbLatencies.push(performance.now() - t0);
            done();
          }, 0),
        ),
      );
    },
    true,
  );
}

// ---------------------------------------------------------------------------------------------
// Scenarios.
// ---------------------------------------------------------------------------------------------

function longText() {
  const fixture = readFileSync(FIXTURE, 'utf8').replace(/\r\n?/g, '\n').trim();
  let text = '';
  while (text.length < TEXT_CHARS) text += fixture + '\n\n';
  return text.slice(0, TEXT_CHARS);
}

/** The app's own fresh draft, with parts[0].body set to `text`; nothing else changed. */
async function appStorage(browser, app, text) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByTestId('unit-name').waitFor();
    const entries = await page.evaluate((body) => {
      const id = localStorage.getItem('nianbao.current');
      if (!id) throw new Error('no nianbao.current after start-up');
      const stored = JSON.parse(localStorage.getItem(`nianbao.draft.${id}`));
      stored.draft.parts[0].body = body;
      return [
        { name: 'nianbao.current', value: id },
        { name: `nianbao.draft.${id}`, value: JSON.stringify(stored) },
      ];
    }, text);
    return { cookies: [], origins: [{ origin: app.origin, localStorage: entries }] };
  } finally {
    await context.close();
  }
}

const baselineStorage = (server, text) => ({
  cookies: [],
  origins: [{ origin: server.origin, localStorage: [{ name: 'bench.text', value: text }] }],
});

/** Opens `server` in a fresh context holding `storageState`; resolves once the text is shown. */
async function openReady(browser, server, storageState, expected) {
  const context = await browser.newContext({ storageState, acceptDownloads: true, locale: 'zh-CN' });
  const errors = [];
  context.on('page', (p) => {
    p.on('pageerror', (e) => errors.push(e.message));
    p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  });
  await context.addInitScript(readyProbe, expected);
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => window.__nbReady !== undefined, null, { timeout: 30_000 });
  const ready = await page.evaluate(() => window.__nbReady);
  if (errors.length) throw new Error(`errors on ${server.url}: ${errors.join('; ')}`);
  return { context, page, ready };
}

async function coldStart(browser, pages) {
  const times = Object.fromEntries(pages.map((p) => [p.name, []]));
  for (let i = 0; i < COLD_RUNS; i++) {
    // Alternate the pages so that drift of the machine affects both alike.
    for (const p of i % 2 ? [...pages].reverse() : pages) {
      const { context, ready } = await openReady(browser, p.server, p.storage, p.expected);
      times[p.name].push(ready);
      await context.close();
    }
  }
  return times;
}

/** A page holding the long text, caret at its end, with the keydown-to-paint instrument. */
async function typingSession(browser, target) {
  const session = await openReady(browser, target.server, target.storage, target.expected);
  await session.page.getByTestId('section-body').click();
  await session.page.keyboard.press('Control+End');
  await session.page.evaluate(installKeyLatency);
  return { ...session, target, typed: 0 };
}

const KEYS = 'abcdefghijklmnopqrstuvwxyz';

async function typeKeys(session, n) {
  const { page } = session;
  await page.bringToFront();
  for (let i = 0; i < n; i++) {
    await page.keyboard.press(KEYS[session.typed++ % KEYS.length]);
    await page.evaluate(() => window.__nbPending);
    await page.waitForTimeout(TYPING_GAP_MS);
  }
}

/**
 * Types into both pages in alternating blocks, so that drift of the machine weighs on both
 * alike; each block starts after the other page has been idle for a second (the app's
 * debounced save is over by then). Returns the latencies of the measured keys of each page.
 */
async function typing(browser, targets) {
  const sessions = [];
  try {
    for (const t of targets) sessions.push(await typingSession(browser, t));
    for (const s of sessions) await typeKeys(s, TYPING_WARMUP);
    const blocks = 4;
    for (let b = 0; b < blocks; b++) {
      for (const s of b % 2 ? [...sessions].reverse() : sessions) {
        await new Promise((ok) => setTimeout(ok, 1000));
        await typeKeys(s, TYPING_KEYS / blocks);
      }
    }
    const out = {};
    for (const s of sessions) {
      const all = await s.page.evaluate(() => window.__nbLatencies);
      if (all.length !== s.typed) throw new Error(`${s.target.name}: ${all.length} of ${s.typed} keydowns measured`);
      const value = await s.page.getByTestId('section-body').inputValue();
      if (value.length !== s.target.expected + s.typed) throw new Error(`${s.target.name}: the typed text did not land`);
      out[s.target.name] = all.slice(TYPING_WARMUP);
    }
    return out;
  } finally {
    for (const s of sessions) await s.context.close();
  }
}

/** The latest User Timing measure of that name, or null. */
const latestMeasure = (page, name) =>
  page.evaluate((n) => {
    const e = performance.getEntriesByName(n, 'measure').at(-1);
    return e ? { start: e.startTime, duration: e.duration } : null;
  }, name);

async function appActions(browser, app) {
  const { context, page } = await openReady(browser, app.server, app.storage, app.expected);
  const out = { 'nianbao:export-markdown': [], 'nianbao:export-html': [], 'nianbao:save': [] };
  try {
    for (let i = 0; i < ACTION_RUNS; i++) {
      if (i > 0 && i % 4 === 0) {
        // Chromium stops a tab's downloads after ten in a row; a new navigation starts afresh.
        await page.reload();
        await page.waitForFunction(() => window.__nbReady !== undefined, null, { timeout: 30_000 });
      }
      for (const [name, id] of [
        ['nianbao:export-markdown', 'export-markdown'],
        ['nianbao:export-html', 'export-html'],
      ]) {
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(id).click()]);
        await download.delete();
        const m = await latestMeasure(page, name);
        if (!m) throw new Error(`no ${name} measure after clicking ${id}`);
        out[name].push(m.duration);
      }
    }
    const body = page.getByTestId('section-body');
    await body.click();
    await page.keyboard.press('Control+End');
    await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor({ timeout: 10_000 }).catch(() => {});
    for (let i = 0; i < ACTION_RUNS; i++) {
      const before = (await latestMeasure(page, 'nianbao:save'))?.start ?? -1;
      await page.keyboard.press('x');
      await page.waitForFunction(
        (b) => (performance.getEntriesByName('nianbao:save', 'measure').at(-1)?.startTime ?? -1) > b,
        before,
        { timeout: 10_000 },
      );
      await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor({ timeout: 10_000 });
      out['nianbao:save'].push((await latestMeasure(page, 'nianbao:save')).duration);
    }
  } finally {
    await context.close();
  }
  return out;
}

/** Import of a 100k-character pasted text, timed inside the app (`nianbao:import`). */
async function importRuns(browser, app, text, runs) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    // A fresh profile each time: every import stores a new 100k draft.
    const context = await browser.newContext({ locale: 'zh-CN' });
    try {
      const page = await context.newPage();
      await page.goto(app.server.url);
      await page.getByTestId('import-open').click();
      await page.getByTestId('import-text').fill(text);
      await page.getByTestId('import-confirm').click();
      await page.getByTestId('notice').filter({ hasText: '已导入为新草稿' }).waitFor({ timeout: 30_000 });
      const m = await latestMeasure(page, 'nianbao:import');
      if (!m) throw new Error('no nianbao:import measure after importing');
      out.push(m.duration);
    } finally {
      await context.close();
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Main.
// ---------------------------------------------------------------------------------------------
async function main() {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`${DIST}/index.html is missing: run \`make dist\` first`);
  buildMinimal();

  const text = longText();
  const servers = { app: await serve(DIST), minimal: await serve(MINIMAL_DIST), textarea: await serve(TEXTAREA_DIR) };
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: LAUNCH_ARGS });
  try {
    const app = { name: 'nianbao', server: servers.app, storage: await appStorage(browser, servers.app, text), expected: text.length };
    const minimal = { name: 'minimal', server: servers.minimal, storage: baselineStorage(servers.minimal, text), expected: text.length };
    const textarea = { name: 'textarea', server: servers.textarea, storage: baselineStorage(servers.textarea, text), expected: text.length };

    const skipped = { nianbao: [NaN], minimal: [NaN], textarea: [NaN] };
    log(`cold start: ${COLD_RUNS} fresh contexts each`);
    const cold = wanted('cold') ? await coldStart(browser, [app, minimal]) : skipped;
    log(`typing: ${TYPING_KEYS} keys each (after ${TYPING_WARMUP} warm-up keys)`);
    const typed = wanted('typing') ? await typing(browser, [app, textarea]) : skipped;
    const typeApp = typed.nianbao;
    const typeBase = typed.textarea;
    log(`exports and save: ${ACTION_RUNS} runs each`);
    const actions = wanted('actions') ? await appActions(browser, app) : {};
    log('import: 7 runs');
    actions['nianbao:import'] = wanted('actions') ? await importRuns(browser, app, text, 7) : [NaN];
    for (const name of ['nianbao:export-markdown', 'nianbao:export-html', 'nianbao:save']) actions[name] ??= [NaN];

    const sizeApp = gzipTotal(DIST, ['nianbao.html']);
    const sizeBase = gzipTotal(MINIMAL_DIST);
    const single = join(DIST, 'nianbao.html');
    const singleSizes = existsSync(single)
      ? (() => {
          const b = readFileSync(single);
          return `${kb(b.length)} raw / ${kb(gzipSync(b, { level: 9 }).length)} gzip`;
        })()
      : 'missing (run scripts/postbuild.mjs)';

    const coldApp = median(cold.nianbao);
    const coldBase = median(cold.minimal);
    const p95App = percentile(typeApp, 95);
    const p95Base = percentile(typeBase, 95);
    const verdict = (ok) => (ok ? 'ok' : '**over**');
    const rows = [
      ['transfer size of dist/ (gzip -9, all files but nianbao.html)', kb(sizeApp), `${kb(sizeBase)} (minimal page)`, '≤ 150 KB', verdict(sizeApp <= 150 * KB)],
      ['nianbao.html (one-file build)', singleSizes, '—', '—', '—'],
      [
        `cold start to editor ready, 100k-char draft (median of ${COLD_RUNS})`,
        ms(coldApp),
        `${ms(coldBase)} (minimal page)`,
        `≤ 1.5 × baseline = ${ms(1.5 * coldBase)}`,
        verdict(coldApp <= 1.5 * coldBase),
      ],
      [
        `typing in a 100k-char report: keydown to next paint, p95 of ${TYPING_KEYS}`,
        ms(p95App),
        `${ms(p95Base)} (bare textarea)`,
        `≤ baseline + 8 ms = ${ms(p95Base + 8)}`,
        verdict(p95App <= p95Base + 8),
      ],
      ...[
        ['Markdown export', 'nianbao:export-markdown', 20],
        ['HTML export', 'nianbao:export-html', 100],
        ['save', 'nianbao:save', 10],
        ['import (paste and confirm)', 'nianbao:import', 50],
      ].map(([label, name, budget]) => {
        const m = median(actions[name]);
        return [`${label} of the 100k-char report (median of ${actions[name].length}, \`${name}\`)`, ms(m), '—', `< ${budget} ms`, verdict(m < budget)];
      }),
    ];

    const version = browser.version();
    const where = relative(ROOT, DIST);
    console.log(`\n### nianbao benchmark (${where && !where.startsWith('..') ? where : DIST})\n`);
    console.log(`Chromium ${version}, headless, ${cpus().length} cores; ${new Date().toISOString()}\n`);
    console.log('| metric | nianbao | baseline | budget | verdict |');
    console.log('|---|---|---|---|---|');
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
    console.log('\nSpread (min / median / max):');
    const spread = (xs) => `${ms(Math.min(...xs))} / ${ms(median(xs))} / ${ms(Math.max(...xs))}`;
    console.log(`- cold start nianbao ${spread(cold.nianbao)}; minimal ${spread(cold.minimal)}`);
    console.log(`- typing nianbao p50 ${ms(percentile(typeApp, 50))}, max ${ms(Math.max(...typeApp))}; textarea p50 ${ms(percentile(typeBase, 50))}, max ${ms(Math.max(...typeBase))}`);
    for (const [name, xs] of Object.entries(actions)) console.log(`- ${name} ${spread(xs)}`);
  } finally {
    await browser.close();
    await Promise.all(Object.values(servers).map((s) => s.close()));
  }
}

main().catch((e) => {
  console.error('bench: failed:', e?.stack ?? e);
  process.exit(1);
});
