// The notice for the information board (poster.html) on paper, in headless Chromium: printed
// to PDF it is one A4 page (two when it has more than eight rows of hours); laid out for print
// at the width of that page's box, nothing lies outside it; the hours are at least 28 pt and
// every other text at least 16 pt; it names the school year; it has the QR code exactly when the
// site's address is known. The regulation page still prints as a document: no header,
// navigation or low-vision control, nothing outside the page box.
//
//   node tests/browser/poster.mjs SITE_DIR [--qr]
//
// `--qr`: the site was built with its address known, so every poster must have the QR code
// (without it, none may). Exit status 0 clean, 1 a finding, 2 a setup error.

import fs from 'node:fs';
import path from 'node:path';

import { launch, serve, setupError } from './lib.mjs';

const MM = 96 / 25.4;
const PT = 96 / 72;
// The A4 sheet less the margins of `@page poster` (10 mm 12 mm) and of the document pages
// (20 mm 10 mm 20 mm 30 mm) in style.css: the box the content is laid out in.
const POSTER_BOX = { width: Math.floor((210 - 24) * MM), height: Math.floor((297 - 20) * MM) };
const DOCUMENT_BOX = { width: Math.floor((210 - 40) * MM), height: Math.floor((297 - 40) * MM) };

// In the page, laid out for print: elements outside the box, and text smaller than allowed.
function layout({ scope, smallest, hours }) {
  const found = [];
  const width = document.documentElement.clientWidth;
  const root = document.querySelector(scope);
  if (!root) return [`no ${scope}`];
  const describe = (e) => e.localName + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : '');
  for (const element of [root, ...root.querySelectorAll('*')]) {
    const box = element.getBoundingClientRect();
    // Nothing drawn, or hidden for screen readers only (a 1 px clipped box).
    if (box.width <= 1 && box.height <= 1) continue;
    if (box.left < -0.5 || box.right > width + 0.5) {
      found.push(`${describe(element)} lies outside the page box (${Math.round(box.left)}–${Math.round(box.right)} of ${width}px)`);
    }
  }
  if (document.documentElement.scrollWidth > width + 1) found.push(`the page is ${document.documentElement.scrollWidth}px wide in ${width}px`);
  if (smallest) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.data.trim() || !node.parentElement.getClientRects().length) continue;
      const size = parseFloat(getComputedStyle(node.parentElement).fontSize);
      if (size < smallest - 0.01) found.push(`«${node.data.trim().slice(0, 30)}» is ${(size * 0.75).toFixed(1)} pt`);
    }
  }
  if (hours) {
    const cells = document.querySelectorAll('.poster-time');
    if (cells.length === 0 && document.querySelector('.poster-schedule')) found.push('no hours in the table');
    for (const cell of cells) {
      const size = parseFloat(getComputedStyle(cell).fontSize);
      if (size < hours - 0.01) found.push(`the hours «${cell.textContent}» are ${(size * 0.75).toFixed(1)} pt`);
    }
  }
  return found;
}

// Pages of a PDF that Chromium wrote: one `/Type /Page` object each.
function pageCount(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
}

async function checkPoster(browser, origin, school, withQr) {
  const findings = [];
  const page = await browser.newPage({ viewport: POSTER_BOX });
  await page.emulateMedia({ media: 'print' });
  await page.goto(`${origin}/${school}/poster.html`, { waitUntil: 'load' });
  const problems = await page.evaluate(layout, { scope: '.poster', smallest: 16 * PT, hours: 28 * PT });
  findings.push(...problems.map((p) => `${school}/poster.html: ${p}`));
  const has = await page.evaluate(() => ({
    year: Boolean(document.querySelector('.poster-year')?.textContent.trim()),
    qr: Boolean(document.querySelector('.poster svg.qr')),
    schedule: Boolean(document.querySelector('.poster-schedule')),
  }));
  if (has.schedule && !has.year) findings.push(`${school}/poster.html: no school year`);
  if (has.qr !== withQr) findings.push(`${school}/poster.html: ${withQr ? 'no QR code' : 'a QR code without a known address'}`);
  // Up to eight rows of hours the notice is one sheet; more may take two (poster.html).
  const rows = await page.evaluate(() => document.querySelectorAll('.poster-schedule tbody tr:not(.poster-group)').length);
  const allowed = rows > 8 ? 2 : 1;
  const pages = pageCount(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  if (pages < 1 || pages > allowed) findings.push(`${school}/poster.html prints on ${pages} pages (${rows} rows of hours)`);
  await page.close();
  return findings;
}

async function checkRegulation(browser, origin, school) {
  const findings = [];
  const page = await browser.newPage({ viewport: DOCUMENT_BOX });
  await page.emulateMedia({ media: 'print' });
  await page.goto(`${origin}/${school}/regulation.html`, { waitUntil: 'load' });
  const problems = await page.evaluate(layout, { scope: 'main' });
  findings.push(...problems.map((p) => `${school}/regulation.html: ${p}`));
  const shown = await page.evaluate(() => ['.site-header', '.site-nav', '.site-footer', '.vision-toggle', '#vision-panel']
    .filter((selector) => Array.from(document.querySelectorAll(selector)).some((e) => e.getClientRects().length > 0)));
  if (shown.length > 0) findings.push(`${school}/regulation.html prints ${shown.join(', ')}`);
  const pages = pageCount(await page.pdf({ preferCSSPageSize: true }));
  if (pages < 1) findings.push(`${school}/regulation.html prints no page`);
  await page.close();
  return findings;
}

async function main() {
  const usage = 'usage: node tests/browser/poster.mjs SITE_DIR [--qr]';
  const root = path.resolve(process.argv[2] || setupError('poster', usage));
  const withQr = process.argv.includes('--qr');
  const schools = fs.readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(root, entry.name, 'poster.html')))
    .map((entry) => entry.name);
  if (schools.length === 0) setupError('poster', `no poster.html under ${root}`);
  const server = await serve(root);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch('poster');
  const findings = [];
  try {
    for (const school of schools) {
      findings.push(...await checkPoster(browser, origin, school, withQr));
      findings.push(...await checkRegulation(browser, origin, school));
    }
  } finally {
    await browser.close();
    server.close();
  }
  for (const finding of findings) process.stdout.write(`FAIL ${finding}\n`);
  process.stdout.write(`poster: ${schools.length} school(s), ${findings.length} finding(s)\n`);
  process.exit(findings.length === 0 ? 0 : 1);
}

main().catch((error) => setupError('poster', error.stack || String(error)));
