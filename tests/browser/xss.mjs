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
import path from 'node:path';

import { htmlFiles, launch, serve, setupError } from './lib.mjs';

// Runs in every page before its own scripts: counts every way a payload could announce itself.
const HOOKS = `
  window.__xss = [];
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    const original = window[name];
    window[name] = function (...args) { window.__xss.push(name + '(' + args.join(',') + ')'); return original.apply(this, args); };
  }
`;
// The theme's own scripts: any other <script> with a src was put there by the data.
const OWN_SCRIPTS = ['assets/spravka.js', 'assets/vision.js', 'assets/search.js', 'assets/search-index.js'];

function fail(message) {
  setupError('xss', message);
}

// What the DOM holds that could run script or load from elsewhere, and whether the page is whole.
function inspectDom({ expectFooter, ownScripts }) {
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
    // The theme's search forms (header box and FAQ page): a GET to the school's faq.html.
    const search = element.localName === 'form' && element.closest('article') === null
      && /^(site-search|search-form)$/.test(element.className)
      && /^(\.\.\/)*faq\.html$/.test(element.getAttribute('action') || '')
      && element.getAttribute('method') === 'get';
    if (!search) found.push(`<${element.localName}>`);
  }
  for (const script of document.querySelectorAll('script')) {
    const type = script.getAttribute('type') || '';
    if (type.startsWith('application/')) {
      try { JSON.parse(script.textContent); } catch (error) { found.push(`JSON in <script type=${type}> does not parse`); }
    } else if (!ownScripts.some((own) => (script.getAttribute('src') || '').endsWith(own))) {
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
  const { found, ran } = await page.evaluate(inspectDom, { expectFooter, ownScripts: OWN_SCRIPTS });
  return problems.concat(found, ran.map((call) => `script ran: ${call}`));
}

async function main() {
  const root = path.resolve(process.argv[2] || fail('usage: node tests/browser/xss.mjs SITE_DIR'));
  const files = htmlFiles(root);
  if (files.length === 0) fail(`no HTML pages in ${root}`);
  const server = await serve(root);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch('xss');
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
