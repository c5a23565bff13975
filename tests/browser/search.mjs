// Search in headless Chromium, each school's FAQ page opened from file:// on a CPU slowed down
// like a phone's (CDP Emulation.setCPUThrottlingRate): Russian queries typed into the box find
// pages, the count is announced in the polite live region, snippets mark the words; the arrow
// keys move between the box and the results and Escape goes back; the header's box on another
// page leads to the results; without JavaScript the FAQ page lists every article. Each query's
// time (submit to results in the DOM) is printed; with --limit-ms it is also held under that
// limit (a measurement for BENCHMARKS.md on a quiet machine: CI does not assert times).
//
//   node tests/browser/search.mjs SITE_DIR [--rate 4] [--limit-ms 50]
//
// Exit status 0 clean, 1 a finding, 2 a setup error. `.ci/test` runs it on the example schools.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { launch, setupError } from './lib.mjs';

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

// Queries that every school's site answers (its own pages say these words), in other forms.
const QUERIES = ['консультации', 'электронного журнала', 'службу поддержки', 'приемные часы',
  'обращение', 'телефона', 'нештатная ситуация', 'срок ответа'];

// In the page: submit `query` as Enter does and time it to the results in the DOM.
function submit(query) {
  const input = document.getElementById('search-q');
  input.value = query;
  const started = performance.now();
  input.form.requestSubmit();
  const ms = performance.now() - started;
  const results = [...document.querySelectorAll('#search-results > li')];
  return {
    ms,
    status: document.getElementById('search-status').textContent,
    count: results.length,
    marks: results.reduce((n, li) => n + li.querySelectorAll('mark').length, 0),
    links: results.every((li) => li.querySelector('a[href]')),
  };
}

function fileUrl(dir, page) {
  return pathToFileURL(path.resolve(dir, page)).href;
}

async function focused(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    return e.id || e.getAttribute('href') || e.localName;
  });
}

async function timing(page, school, findings, rate, limit) {
  const times = [];
  for (const query of QUERIES) {
    const r = await page.evaluate(submit, query);
    times.push(r.ms);
    console.log(`${school} ${query.padEnd(22)} ${r.ms.toFixed(1).padStart(6)} ms  ${r.count} ${r.status}`);
    if (!r.count) findings.push(`${school}: ${query}: nothing found`);
    if (r.count && !r.marks) findings.push(`${school}: ${query}: no word marked`);
    if (!r.links) findings.push(`${school}: ${query}: a result without a link`);
    if (!r.status.includes(String(r.count))) findings.push(`${school}: ${query}: status «${r.status}»`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const max = sorted[sorted.length - 1];
  const prepared = await page.evaluate(() => window.SPRAVKA_SEARCH.preparedMs);
  console.log(`${school}: CPU throttled ${rate}x: index prepared after load in ${prepared} ms; ` +
    `query median ${sorted[sorted.length >> 1].toFixed(1)} ms, max ${max.toFixed(1)} ms`);
  if (max >= limit) findings.push(`${school}: a query took ${max.toFixed(1)} ms (limit ${limit} ms)`);
}

// Typing, the live region and the keys, as a reader without a mouse uses them.
async function keyboard(page, school, findings) {
  await page.fill('#search-q', '');
  await page.focus('#search-q');
  await page.keyboard.type('телефон школы');
  await page.keyboard.press('Enter');
  const status = page.locator('#search-status');
  const count = await page.locator('#search-results > li').count();
  const text = await status.textContent();
  if (!count || !text.includes(String(count))) findings.push(`${school}: typed query: ${count} results, status «${text}»`);
  if ((await status.getAttribute('aria-live')) !== 'polite' || (await status.getAttribute('role')) !== 'status') {
    findings.push(`${school}: the count is not in a polite live region`);
  }
  const links = await page.locator('#search-results > li > a').evaluateAll((all) => all.map((a) => a.getAttribute('href')));
  await page.keyboard.press('ArrowDown');
  if ((await focused(page)) !== links[0]) findings.push(`${school}: ArrowDown does not reach the first result`);
  if (links.length > 1) {
    await page.keyboard.press('ArrowDown');
    if ((await focused(page)) !== links[1]) findings.push(`${school}: ArrowDown does not reach the second result`);
    await page.keyboard.press('ArrowUp');
  }
  await page.keyboard.press('Escape');
  if ((await focused(page)) !== 'search-q') findings.push(`${school}: Escape does not return to the box`);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname.endsWith(links[0]));
}

async function headerBox(page, dir, school, findings) {
  await page.goto(fileUrl(dir, 'contacts.html'), { waitUntil: 'load' });
  await page.focus('#site-search-q');
  await page.keyboard.type('оценки');
  await page.keyboard.press('Enter');
  await page.waitForURL(/faq\.html\?q=/);
  await page.waitForSelector('#search-results > li', { timeout: 5000 }).catch(() => null);
  const count = await page.locator('#search-results > li').count();
  if (!count) findings.push(`${school}: the header's box leads to no results`);
  if ((await page.inputValue('#search-q')) !== 'оценки') findings.push(`${school}: the query is not in the FAQ page's box`);
}

async function withoutScript(browser, dir, school, findings) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(fileUrl(dir, 'faq.html'), { waitUntil: 'load' });
  if (await page.isVisible('#search')) findings.push(`${school}: a search form that cannot work shows without script`);
  if (!(await page.locator('.article-list a').count())) findings.push(`${school}: no article listed without script`);
  await page.goto(fileUrl(dir, 'index.html'), { waitUntil: 'load' });
  const action = await page.getAttribute('form.site-search', 'action');
  if (action !== 'faq.html') findings.push(`${school}: the header's box leads to ${action}`);
  await context.close();
}

async function main() {
  const site = process.argv[2];
  if (!site || !fs.existsSync(site)) setupError('search', 'usage: search.mjs SITE_DIR [--rate 4] [--limit-ms 50]');
  const rate = option('--rate', 4);
  const limit = option('--limit-ms', Infinity);
  const schools = fs.readdirSync(site).filter((name) => fs.existsSync(path.join(site, name, 'assets/search-index.js')));
  if (!schools.length) setupError('search', `no school with a search index in ${site}`);
  const browser = await launch('search');
  const findings = [];
  try {
    for (const school of schools.sort()) {
      const dir = path.join(site, school);
      const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      await page.goto(fileUrl(dir, 'faq.html'), { waitUntil: 'load' });
      if (!(await page.isVisible('#search-q'))) findings.push(`${school}: the search box is not shown`);
      // A reader takes longer than this to type: search.js prepares the index meanwhile.
      await page.waitForFunction(() => window.SPRAVKA_SEARCH && window.SPRAVKA_SEARCH.prepared, null, { timeout: 10000 });
      await timing(page, school, findings, rate, limit);
      await keyboard(page, school, findings);
      await headerBox(page, dir, school, findings);
      await page.close();
      await withoutScript(browser, dir, school, findings);
    }
  } finally {
    await browser.close();
  }
  for (const finding of findings) process.stderr.write(`search: ${finding}\n`);
  process.exit(findings.length ? 1 : 0);
}

main().catch((error) => setupError('search', error.stack || String(error)));
