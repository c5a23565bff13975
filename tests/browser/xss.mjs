// XSS in a real browser: opens every page of a built site in headless Chromium and fails if any
// script the data put there runs (a dialog opens, or a page's own markers change), any request
// goes to another host, an element or attribute that can run script is in the DOM, or a page
// ends early (JSON that broke out of its <script> element swallows the rest of the page).
//
//   node tests/browser/xss.mjs SITE_DIR
//
// The site is the hostile fixture (tests/fixtures/hostile) built by `spravka build`; `.ci/test`
// runs this after site-audit, with the playwright-core that site-audit installs in
// $SITE_AUDIT_CACHE (default ~/.cache/site-audit) and the browser at $SITE_AUDIT_CHROMIUM
// (default /usr/bin/chromium). Exit status 0 clean, 1 a finding, 2 a setup error.

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Nothing but the loopback server can be resolved: a leak is seen as a request, never sent.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ics': 'text/calendar', '.vcf': 'text/vcard',
};
// Runs in every page before its own scripts: counts every way a payload could announce itself.
const HOOKS = `
  window.__xss = [];
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    const original = window[name];
    window[name] = function (...args) { window.__xss.push(name + '(' + args.join(',') + ')'); return original.apply(this, args); };
  }
`;

function fail(message) {
  process.stderr.write(`xss: ${message}\n`);
  process.exit(2);
}

function playwright() {
  const cache = process.env.SITE_AUDIT_CACHE
    || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'site-audit');
  try {
    return createRequire(path.join(cache, 'package.json'))('playwright-core');
  } catch (error) {
    fail(`playwright-core not found in ${cache} (site-audit installs it): ${error.message}`);
  }
}

function htmlFiles(root, dir = '') {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.'))
    .flatMap((entry) => {
      const relative = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) return htmlFiles(root, relative);
      return entry.name.endsWith('.html') ? [relative] : [];
    })
    .sort();
}

// A static server on 127.0.0.1 for the site folder (no traversal: paths are resolved inside).
function serve(root) {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://localhost');
    let file = path.join(root, path.normalize(decodeURIComponent(url.pathname)));
    if (!file.startsWith(root)) file = path.join(root, '404');
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// What the DOM holds that could run script or load from elsewhere, and whether the page is whole.
function inspectDom(expectFooter) {
  const found = [];
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
      if (name.startsWith('on')) found.push(`<${element.localName} ${name}>`);
      if (['href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'data', 'poster'].includes(name)
        && /^(javascript|data|vbscript):/.test(value)) found.push(`<${element.localName} ${name}=${value.slice(0, 40)}>`);
      const inArticle = element.closest('article') !== null;
      const alignment = /^text-align:(left|center|right);?$/.test(value);
      if (name === 'autofocus' || (inArticle && name === 'style' && !alignment)) {
        found.push(`<${element.localName} ${name}>`);
      }
    }
  }
  for (const element of document.querySelectorAll('iframe, object, embed, frame, base, form, svg:not(.qr)')) {
    // The theme's search boxes (header and search page): a GET to the school's search.html.
    const search = element.localName === 'form' && element.closest('article') === null
      && /^(site-search|search-form)$/.test(element.className)
      && /^(\.\.\/)*search\.html$/.test(element.getAttribute('action') || '')
      && element.getAttribute('method') === 'get';
    if (!search) found.push(`<${element.localName}>`);
  }
  for (const script of document.querySelectorAll('script')) {
    const type = script.getAttribute('type') || '';
    if (type.startsWith('application/')) {
      try { JSON.parse(script.textContent); } catch (error) { found.push(`JSON in <script type=${type}> does not parse`); }
    } else if (!/(^|\/)assets\/(spravka|search|search-index)\.js$/.test(script.getAttribute('src') || '')) {
      found.push(`<script> ${script.outerHTML.slice(0, 80)}`);
    }
  }
  const main = document.querySelector('main');
  if (!main || main.textContent.trim() === '' || expectFooter && !document.querySelector('footer')) {
    found.push('the page ends early: its <main> or <footer> is missing from the DOM');
  }
  return { found, ran: window.__xss || [] };
}

async function checkPage(root, origin, page, file) {
  const problems = [];
  page.removeAllListeners('dialog');
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.type()} ${dialog.message().slice(0, 60)}`);
    dialog.dismiss().catch(() => {});
  });
  page.removeAllListeners('pageerror');
  page.on('pageerror', (error) => problems.push(`page error: ${error.message.slice(0, 80)}`));
  await page.goto(`${origin}/${file}`, { waitUntil: 'load' });
  // Give deferred scripts, timers and lazy images their moment; then hover the whole page.
  await page.waitForTimeout(300);
  await page.mouse.move(10, 10);
  await page.mouse.move(600, 400, { steps: 5 });
  await page.waitForTimeout(100);
  const expectFooter = fs.readFileSync(path.join(root, file), 'utf8').includes('<footer');
  const { found, ran } = await page.evaluate(inspectDom, expectFooter);
  return problems.concat(found, ran.map((call) => `script ran: ${call}`));
}

async function main() {
  const root = path.resolve(process.argv[2] || fail('usage: node tests/browser/xss.mjs SITE_DIR'));
  const files = htmlFiles(root);
  if (files.length === 0) fail(`no HTML pages in ${root}`);
  const executablePath = process.env.SITE_AUDIT_CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) fail(`no browser at ${executablePath}`);
  const { chromium } = playwright();
  const server = await serve(root);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  const foreign = [];
  let failed = 0;
  try {
    const context = await browser.newContext({ locale: 'ru-RU', serviceWorkers: 'block' });
    await context.addInitScript(HOOKS);
    await context.route((url) => url.origin !== origin, (route) => {
      foreign.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    for (const file of files) {
      const before = foreign.length;
      const problems = await checkPage(root, origin, page, file);
      problems.push(...foreign.slice(before).map((url) => `request to another host: ${url.slice(0, 80)}`));
      if (problems.length > 0) {
        failed += 1;
        process.stdout.write(`FAIL ${file}\n${problems.map((p) => `  ${p}\n`).join('')}`);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  process.stdout.write(`xss: ${files.length} pages opened, ${failed} with findings, ${foreign.length} requests to other hosts\n`);
  process.exit(failed === 0 && foreign.length === 0 ? 0 : 1);
}

main().catch((error) => fail(error.stack || String(error)));
