// Shared set-up for the end-to-end suite: a static server over dist/ on loopback, and
// Debian's Chromium driven by playwright-core, with every request recorded.
import { createServer } from 'node:http';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { before, after } from 'node:test';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../../dist');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/**
 * Serves dist/ (or another built folder, `root`) under /sub/path/ to prove that relative URLs
 * work at any sub-path. `make bench` serves the app and its baselines through this too.
 */
export async function startServer(prefix = '/nianbao/', root = ROOT) {
  root = resolve(root);
  await stat(join(root, 'index.html')).catch(() => {
    throw new Error(`${root}/index.html is missing: run \`make dist\` first`);
  });
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404).end();
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html';
    const path = normalize(join(root, rel));
    if (!path.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { url: origin + prefix, origin, close: () => new Promise((ok) => server.close(ok)) };
}

/** Chromium flags for a closed network, as root. */
export const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: LAUNCH_ARGS });
}

/** Console errors, page errors and dialogs of every page of the context, into `errors`. */
export function recordErrors(context, errors) {
  context.on('page', (page) => recordPageErrors(page, errors));
}

/**
 * Console errors, page errors and dialogs of one page, into `errors`. Playwright's and
 * puppeteer's pages name these events and their fields alike, so both engines use this.
 */
export function recordPageErrors(page, errors) {
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    d.dismiss();
  });
}

/**
 * A fresh browser context that records every request and every page error, and refuses
 * any request that would leave the local server.
 */
export async function newContext(browser, server, options = {}) {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'zh-CN', ...options });
  const requests = [];
  const errors = [];
  const isLocal = (u) => u.startsWith(server.origin + '/') || u.startsWith('data:') || u.startsWith('blob:');
  await context.route('**/*', (route) => {
    const u = route.request().url();
    requests.push(u);
    return isLocal(u) ? route.continue() : route.abort('blockedbyclient');
  });
  recordErrors(context, errors);
  const outside = () => requests.filter((u) => !isLocal(u));
  return { context, requests, errors, outside };
}

/**
 * Runs `body` in a fresh profile, then checks that nothing left the machine and that no page
 * error, console error, dialog or CSP violation (logged as a console error) happened.
 */
export async function withProfile(browser, server, body) {
  const rec = await newContext(browser, server);
  try {
    await body(rec.context);
  } finally {
    await rec.context.close();
  }
  if (rec.outside().length) throw new Error(`requests outside the local server: ${rec.outside().join(', ')}`);
  if (!rec.requests.length) throw new Error('no requests were recorded');
  if (rec.errors.length) throw new Error(`page errors, console errors or dialogs: ${rec.errors.join(' | ')}`);
}

/** Fills the page's localStorage until the browser refuses more. */
export function fillStorage(page) {
  return page.evaluate(() => {
    let chunk = 'x'.repeat(1 << 20);
    let i = 0;
    while (chunk.length >= 8) {
      try {
        localStorage.setItem(`filler.${i++}`, chunk);
      } catch {
        chunk = chunk.slice(0, chunk.length / 2);
      }
    }
  });
}

/** Removes what `fillStorage` added. */
export function freeStorage(page) {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('filler.'))
      .forEach((k) => localStorage.removeItem(k)),
  );
}

/** Opens the app and waits until it has mounted. */
export async function openApp(context, server) {
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByTestId('unit-name').waitFor();
  return page;
}

/** Waits until the save indicator reports a completed save. */
export async function waitSaved(page) {
  await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor({ timeout: 5000 });
}

/** The stored value of the open draft, as text (empty when there is none). */
export function storedDraft(page) {
  return page.evaluate(() => localStorage.getItem('nianbao.draft.' + localStorage.getItem('nianbao.current')) ?? '');
}

/** Where schema 1 kept its only draft. */
export const LEGACY_KEY = 'nianbao.draft';

/**
 * The local server and Chromium shared by the tests of one file: started before them, closed
 * after them. `dirs` are created for the file's artifacts.
 */
export function useServerAndBrowser(dirs = []) {
  const env = {};
  before(async () => {
    env.server = await startServer();
    env.browser = await launch();
    for (const dir of dirs) await mkdir(dir, { recursive: true });
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  env.withProfile = (body) => withProfile(env.browser, env.server, body);
  return env;
}

/** Replaces `window.print` in every page of the context with a counter, `window.__prints`. */
export function countPrints(context) {
  return context.addInitScript(() => {
    window.__prints = 0;
    window.print = () => {
      window.__prints += 1;
    };
  });
}

/** Imports `text` through the import dialog as a new draft and waits for its preview. */
export async function importText(page, text) {
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-text').fill(text);
  await page.getByTestId('import-title').waitFor({ timeout: 30_000 });
  await page.getByTestId('import-confirm').click();
  await page.getByTestId('notice').filter({ hasText: '已导入为新草稿' }).waitFor({ timeout: 30_000 });
  // The preview is laid out again once typing (here: the import) pauses.
  await page.waitForTimeout(800);
}
