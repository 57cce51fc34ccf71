#!/usr/bin/env node
// Where the per-key time goes while typing in a long section: a Chrome trace of the renderer
// main thread during KEYS keys at the end of a CHARS-character section, for nianbao and the
// bare <textarea> of bench/textarea (set to the app editor's box and font, as the bench does),
// summed per trace event and divided by the keys typed. A profiling aid for `make bench`'s
// typing rows (issue 14), not a test.
//
//   DIST=dist node scripts/trace-typing.mjs            (CHARS=100000 KEYS=50 RATE=1)
//   TRACE_OUT=/tmp/traces node scripts/trace-typing.mjs   also writes each raw trace there
//   EXTRA_CSS='.preview-column{display:none}' node scripts/trace-typing.mjs   a style tried on the app
//   PAINTS=1 node scripts/trace-typing.mjs   also lists what the app repaints while typing (the
//                                            element and area of each Paint event, per key)
//   PROFILE=1 DIST=target/profdist node scripts/trace-typing.mjs   also the app's top functions
//                                            by self time per key (V8 sampling profiler; a
//                                            build that keeps wasm names, see README)
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { LAUNCH_ARGS, startServer } from '../tests/e2e/harness.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = resolve(process.env.DIST ?? join(ROOT, 'dist'));
const CHARS = Number(process.env.CHARS ?? 100_000);
const KEYS = Number(process.env.KEYS ?? 50);
const RATE = Number(process.env.RATE ?? 1);
const OUT = process.env.TRACE_OUT;
const EXTRA_CSS = process.env.EXTRA_CSS;
const GAP_MS = 50; // as the bench: about 14 keys a second
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'blink.user_timing'].join(',');
// The per-frame phases the brief asks about first, then whatever else costs the most.
const PHASES = ['RunTask', 'EventDispatch', 'FunctionCall', 'TimerFire', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'Commit', 'HitTest'];

function reportText(chars) {
  const fixture = readFileSync(join(ROOT, 'tests/fixtures/yueyang-keji-2023.txt'), 'utf8').replace(/\r\n?/g, '\n').trim();
  let text = '';
  while (text.length < chars) text += fixture + '\n\n';
  return text.slice(0, chars);
}

/** The app's storage with the first part of the open draft holding `text` (as the bench). */
async function appStorage(browser, server, text) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByTestId('unit-name').waitFor();
  const entries = await page.evaluate((body) => {
    const id = localStorage.getItem('nianbao.current');
    const stored = JSON.parse(localStorage.getItem(`nianbao.draft.${id}`));
    stored.draft.parts[0].body = body;
    stored.draft.unit = '县科技局';
    return [
      { name: 'nianbao.current', value: id },
      { name: `nianbao.draft.${id}`, value: JSON.stringify(stored) },
    ];
  }, text);
  await context.close();
  return { cookies: [], origins: [{ origin: server.origin, localStorage: entries }] };
}

/** Sums of the main thread's trace events per name: { name: [total ms, count] }, keys timed. */
function summarise(trace) {
  const events = JSON.parse(trace).traceEvents;
  const main = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  // The page's renderer is the one with the most events on its main thread.
  let best = null;
  for (const m of main) {
    const n = events.filter((e) => e.pid === m.pid && e.tid === m.tid).length;
    if (!best || n > best.n) best = { pid: m.pid, tid: m.tid, n };
  }
  const sums = {};
  const add = (name, us) => {
    const s = (sums[name] ??= [0, 0]);
    s[0] += us / 1000;
    s[1] += 1;
  };
  const open = {};
  for (const e of events) {
    if (e.pid !== best.pid || e.tid !== best.tid) continue;
    // Thread time (`tdur`) where the trace has it: the figures then hold on a loaded machine,
    // where wall time also counts the other processes the thread waited for.
    if (e.ph === 'X' && e.dur !== undefined) add(e.name, e.tdur ?? e.dur);
    else if (e.ph === 'B') (open[e.name] ??= []).push(e.ts);
    else if (e.ph === 'E' && open[e.name]?.length) add(e.name, e.ts - open[e.name].pop());
  }
  return { sums, paints: paintsOf(events, best) };
}

/** The main thread's Paint events grouped by painted element and area: "nodeId WxH@x,y" -> count. */
function paintsOf(events, thread) {
  const paints = {};
  for (const e of events) {
    if (e.pid !== thread.pid || e.tid !== thread.tid || e.name !== 'Paint') continue;
    const d = e.args?.data ?? {};
    const c = d.clip ?? [];
    const xs = [c[0], c[2], c[4], c[6]].filter((v) => v !== undefined);
    const ys = [c[1], c[3], c[5], c[7]].filter((v) => v !== undefined);
    const area = xs.length ? `${Math.round(Math.max(...xs) - Math.min(...xs))}x${Math.round(Math.max(...ys) - Math.min(...ys))}@${Math.round(Math.min(...xs))},${Math.round(Math.min(...ys))}` : '?';
    const key = `${d.nodeId ?? '?'} ${area}`;
    paints[key] = (paints[key] ?? 0) + 1;
  }
  return paints;
}

/** The 40 functions with the most self time in a V8 CPU profile: [name, ms]. */
function topSelf(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const ms = {};
  for (let i = 0; i < profile.samples.length; i++) {
    const n = byId.get(profile.samples[i]);
    const f = n.callFrame;
    if (f.functionName === '(idle)' || f.functionName === '(program)') continue;
    const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}`;
    ms[name] = (ms[name] ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000;
  }
  return Object.entries(ms).sort((a, b) => b[1] - a[1]).slice(0, 40);
}

/** "tag.class[data-testid]" of the element with backend node id `id`, through CDP. */
async function describe(cdp, id) {
  try {
    const { node } = await cdp.send('DOM.describeNode', { backendNodeId: Number(id) });
    const attrs = {};
    for (let i = 0; i + 1 < (node.attributes ?? []).length; i += 2) attrs[node.attributes[i]] = node.attributes[i + 1];
    return `${node.nodeName.toLowerCase()}${attrs.class ? '.' + attrs.class.split(/\s+/).join('.') : ''}${attrs['data-testid'] ? `[${attrs['data-testid']}]` : ''}`;
  } catch {
    return `node ${id} (gone)`;
  }
}

async function run(browser, target, text, look) {
  const context = await browser.newContext({ storageState: target.storage, locale: 'zh-CN', bypassCSP: !!EXTRA_CSS });
  const page = await context.newPage();
  if (RATE !== 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
  }
  await page.goto(target.server.url);
  const body = page.getByTestId('section-body');
  await page.waitForFunction((n) => document.querySelector('[data-testid=section-body]')?.value.length >= n, text.length, { timeout: 60_000 });
  if (!look && EXTRA_CSS) await page.addStyleTag({ content: EXTRA_CSS });
  if (look) await body.evaluate((el, look) => Object.entries(look).forEach(([k, v]) => el.style.setProperty(k, v)), look);
  await body.click();
  await page.keyboard.press('Control+End');
  // Start-up work, the first preview and a warm-up, then a second of rest as the bench does.
  await page.waitForTimeout(2000);
  for (const k of 'abcd') {
    await page.keyboard.press(k);
    await page.waitForTimeout(GAP_MS);
  }
  await page.waitForTimeout(1000);
  await page.evaluate(() => {
    window.__lat = [];
    addEventListener('keydown', (e) => {
      const t0 = e.timeStamp;
      requestAnimationFrame(() => setTimeout(() => window.__lat.push(performance.now() - t0), 0));
    }, true);
  });
  const profiler = process.env.PROFILE && !look ? await context.newCDPSession(page) : null;
  if (profiler) {
    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.setSamplingInterval', { interval: 50 });
    await profiler.send('Profiler.start');
  }
  await browser.startTracing(page, { categories: CATEGORIES.split(',') });
  const keys = 'abcdefghijklmnopqrstuvwxy';
  for (let i = 0; i < KEYS; i++) {
    await page.keyboard.press(keys[i % keys.length]);
    await page.waitForTimeout(GAP_MS);
  }
  await page.waitForTimeout(200);
  const trace = (await browser.stopTracing()).toString();
  const selfTimes = profiler ? topSelf((await profiler.send('Profiler.stop')).profile) : null;
  const lat = (await page.evaluate(() => window.__lat)).sort((a, b) => a - b);
  const style = look ? null : await body.evaluate((el) => {
    const c = getComputedStyle(el);
    return Object.fromEntries(['width', 'height', 'font-family', 'font-size', 'line-height', 'padding', 'border', 'box-sizing', 'letter-spacing', 'white-space'].map((k) => [k, c.getPropertyValue(k)]));
  });
  let paintList = null;
  const { sums, paints } = summarise(trace);
  if (process.env.PAINTS && !look) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('DOM.getDocument', { depth: -1 });
    paintList = [];
    for (const [key, n] of Object.entries(paints).sort((x, y) => y[1] - x[1])) {
      const [id, area] = key.split(' ');
      paintList.push(`${(n / KEYS).toFixed(2)}/key  ${id === '?' ? '?' : await describe(cdp, id)}  ${area}`);
    }
  }
  await context.close();
  if (OUT) {
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, `${target.name}-${CHARS}-${RATE}x.json`), trace);
  }
  return { sums, paints: paintList, selfTimes, lat, style };
}

async function main() {
  const text = reportText(CHARS);
  const app = await startServer('/nianbao/', DIST);
  const bare = await startServer('/textarea/', join(ROOT, 'bench/textarea'));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: LAUNCH_ARGS });
  try {
    const appTarget = { name: 'nianbao', server: app, storage: await appStorage(browser, app, text) };
    const bareTarget = { name: 'textarea', server: bare, storage: { cookies: [], origins: [{ origin: bare.origin, localStorage: [{ name: 'bench.text', value: text }] }] } };
    const a = await run(browser, appTarget, text, null);
    // APP_ONLY=1: the app alone (comparing styles tried on it); the textarea columns stay empty.
    const t = process.env.APP_ONLY ? { sums: {}, lat: [NaN] } : await run(browser, bareTarget, text, a.style);
    const p = (xs, q) => xs[Math.max(0, Math.ceil(q * xs.length) - 1)];
    console.log(`\n### per key, ${CHARS} chars, ${KEYS} keys, CPU ${RATE}x (ms of renderer main-thread CPU time, inclusive)\n`);
    console.log(`keydown to next paint: nianbao median ${p(a.lat, 0.5).toFixed(1)} p95 ${p(a.lat, 0.95).toFixed(1)}; textarea median ${p(t.lat, 0.5).toFixed(1)} p95 ${p(t.lat, 0.95).toFixed(1)}\n`);
    console.log('| event | nianbao ms/key (count) | textarea ms/key (count) |');
    console.log('|---|---|---|');
    const names = new Set([...PHASES, ...Object.entries(a.sums).concat(Object.entries(t.sums)).sort((x, y) => y[1][0] - x[1][0]).slice(0, 40).map(([n]) => n)]);
    const cell = (s) => (s ? `${(s[0] / KEYS).toFixed(2)} (${s[1]})` : '—');
    for (const n of names) console.log(`| ${n} | ${cell(a.sums[n])} | ${cell(t.sums[n])} |`);
    if (a.selfTimes) console.log(`\n### nianbao's top functions by self time (ms per key)\n\n${a.selfTimes.map(([n, ms]) => `${(ms / KEYS).toFixed(3)}  ${n}`).join('\n')}`);
    if (a.paints) console.log(`\n### what nianbao repaints (Paint events per key, element, area)\n\n${a.paints.join('\n')}`);
  } finally {
    await browser.close();
    await app.close();
    await bare.close();
  }
}

main().catch((e) => {
  console.error('trace-typing: failed:', e?.stack ?? e);
  process.exit(1);
});
