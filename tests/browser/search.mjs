// Search in a real browser, opened from file:// on a CPU slowed down like a phone's: the queries
// find the expected pages, the count is announced in the live region, snippets mark the words,
// and each query's time (submit to results in the DOM) is printed and held under a limit.
//
//   node tests/browser/search.mjs SCHOOL_DIR [--rate 6] [--limit-ms 50]
//
// SCHOOL_DIR is one school's folder of a built site (its search.html). Uses the playwright-core
// that site-audit installs in $SITE_AUDIT_CACHE (default ~/.cache/site-audit) and the browser at
// $SITE_AUDIT_CHROMIUM (default /usr/bin/chromium). Exit status 0 fine, 1 a finding, 2 setup.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

function fail(message) {
  process.stderr.write(`search: ${message}\n`);
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

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

// Queries that any school's site answers (its own pages say these words), in different forms.
const QUERIES = ['консультации', 'электронного журнала', 'службу поддержки', 'приемные часы',
  'обращение', 'телефона', 'нештатная ситуация', 'срок ответа'];

// In the page: submit `query` the way a reader does and time it to the results in the DOM.
function submit(query) {
  const input = document.getElementById('search-q');
  input.value = query;
  const started = performance.now();
  input.form.requestSubmit();
  const ms = performance.now() - started;
  const status = document.getElementById('search-status').textContent;
  const results = [...document.querySelectorAll('#search-results > li')];
  return {
    ms,
    status,
    count: results.length,
    marks: results.reduce((n, li) => n + li.querySelectorAll('mark').length, 0),
    links: results.every((li) => li.querySelector('a[href]')),
  };
}

async function main() {
  const dir = process.argv[2];
  if (!dir || !fs.existsSync(path.join(dir, 'search.html'))) fail('usage: search.mjs SCHOOL_DIR');
  const rate = option('--rate', 6);
  const limit = option('--limit-ms', 50);
  const executablePath = process.env.SITE_AUDIT_CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) fail(`no browser at ${executablePath}`);
  const { chromium } = playwright();
  const browser = await chromium.launch({
    executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'],
  });
  const findings = [];
  try {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const url = pathToFileURL(path.resolve(dir, 'search.html')).href;
    const loadStarted = Date.now();
    await page.goto(url, { waitUntil: 'load' });
    const loadMs = Date.now() - loadStarted;
    // A reader takes longer than this to type: search.js prepares the index meanwhile.
    await page.waitForTimeout(1000);
    const prepareMs = await page.evaluate(() => window.SPRAVKA_SEARCH.preparedMs);
    const live = await page.getAttribute('#search-status', 'aria-live');
    if (live !== 'polite') findings.push(`the status is not a polite live region (${live})`);
    if (!(await page.isHidden('#search-fallback'))) findings.push('the no-script note still shows');
    const times = [];
    for (const query of QUERIES) {
      const r = await page.evaluate(submit, query);
      times.push(r.ms);
      console.log(`${query.padEnd(22)} ${r.ms.toFixed(1).padStart(6)} ms  ${r.status}`);
      if (!r.count) findings.push(`${query}: nothing found`);
      if (r.count && !r.marks) findings.push(`${query}: no word marked`);
      if (!r.links) findings.push(`${query}: a result without a link`);
      if (!r.status.includes(String(r.count))) findings.push(`${query}: status «${r.status}»`);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const max = sorted[sorted.length - 1];
    console.log(`CPU throttled ${rate}x: page load ${loadMs} ms, index prepared after load in ` +
      `${prepareMs} ms; query median ${sorted[sorted.length >> 1].toFixed(1)} ms, ` +
      `max ${max.toFixed(1)} ms`);
    if (max >= limit) findings.push(`a query took ${max.toFixed(1)} ms (limit ${limit} ms)`);
    // With ?q= in the address (the header's form submits there) the results are there at once.
    await page.goto(`${url}?q=${encodeURIComponent('электронный журнал')}`, { waitUntil: 'load' });
    const count = await page.locator('#search-results > li').count();
    if (!count) findings.push('search.html?q=… shows no results');
  } finally {
    await browser.close();
  }
  for (const finding of findings) process.stderr.write(`search: ${finding}\n`);
  process.exit(findings.length ? 1 : 0);
}

main().catch((error) => fail(error.stack || String(error)));
