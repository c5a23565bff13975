// The home page's first screen on a phone, in headless Chromium: at 375×740, without scrolling,
// every school's home page shows the next consultation for parents (its date, time and place, or
// why there is none), the parents' phone and email (or how else to reach the school), and the
// link to the emergency page; the navigation takes at most two rows and links every page, with
// and without script. Every page of each school is checked for the navigation's rows. On a
// desktop (1280 and 1024 px wide, with script) the header is one row: the name, the search box and
// the toggle of the version for the visually impaired side by side, none overlapping another;
// at 768 px they may wrap but must not overlap.
//
//   node tests/browser/first-screen.mjs SITE_DIR
//
// Exit status 0 clean, 1 a finding, 2 a setup error. `.ci/test` runs it after site-audit.

import fs from 'node:fs';
import path from 'node:path';

import { htmlFiles, launch, serve, setupError } from './lib.mjs';

const VIEWPORT = { width: 375, height: 740 };
// What must be seen, each a CSS selector of which one element is enough.
const ANSWERS = {
  'the next consultation (date and time)': '.next .next-when',
  'the next consultation (place)': '.next .next-place',
  'why there is no consultation': '.next .next-none',
  'the phone': '.reach-list a[href^="tel:"]',
  'the email': '.reach-list a[href^="mailto:"]',
  'how else to reach the school': '.reach .reach-ways, .reach > p',
  'the emergency page': '.first-emergency a[href$="escalation.html"]',
};
// Which answers a page must give: one of each group.
const REQUIRED = [
  ['the next consultation (date and time)', 'why there is no consultation'],
  ['the phone', 'the email', 'how else to reach the school'],
  ['the emergency page'],
];

// In the page: for each answer, whether an element of it exists and lies inside the viewport.
function measure(answers) {
  const seen = {};
  for (const [name, selector] of Object.entries(answers)) {
    const elements = Array.from(document.querySelectorAll(selector));
    if (elements.length === 0) continue;
    seen[name] = elements.map((element) => {
      const box = element.getBoundingClientRect();
      const inside = box.width > 0 && box.top >= 0 && box.left >= 0
        && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
      return { inside, box: `${Math.round(box.left)},${Math.round(box.top)}–${Math.round(box.right)},${Math.round(box.bottom)}` };
    });
  }
  return seen;
}

// In the page: the navigation's rows (distinct tops of its links) and where its links go.
function navigation() {
  const links = Array.from(document.querySelectorAll('.site-nav a'));
  const rows = new Set(links.map((a) => Math.round(a.offsetTop)));
  return {
    rows: rows.size,
    hrefs: links.map((a) => a.getAttribute('href')),
    sideways: document.documentElement.scrollWidth > window.innerWidth + 1,
  };
}

function firstScreenFindings(label, seen) {
  const findings = [];
  const placeNeeded = seen['the next consultation (date and time)'] !== undefined;
  const groups = placeNeeded ? REQUIRED.concat([['the next consultation (place)']]) : REQUIRED;
  for (const group of groups) {
    const present = group.filter((name) => seen[name]);
    if (present.length === 0) {
      findings.push(`${label}: shows none of ${group.join(' / ')}`);
      continue;
    }
    for (const name of present) {
      const outside = seen[name].filter((element) => !element.inside);
      if (outside.length > 0) findings.push(`${label}: ${name} is outside the first screen (${outside[0].box})`);
    }
  }
  return findings;
}

async function checkSchool(context, origin, root, school, label) {
  const findings = [];
  const page = await context.newPage();
  await page.goto(`${origin}/${school}/index.html`, { waitUntil: 'load' });
  findings.push(...firstScreenFindings(`${school} home ${label}`, await page.evaluate(measure, ANSWERS)));
  const pages = htmlFiles(path.join(root, school)).filter((file) => file !== 'poster.html');
  for (const file of pages) {
    await page.goto(`${origin}/${school}/${file}`, { waitUntil: 'load' });
    const nav = await page.evaluate(navigation);
    const where = `${school}/${file} ${label}`;
    if (nav.rows > 2) findings.push(`${where}: the navigation takes ${nav.rows} rows`);
    if (nav.sideways) findings.push(`${where}: the page scrolls sideways`);
    for (const key of ['index.html', 'schedule.html', 'contacts.html', 'escalation.html', 'faq.html', 'regulation.html']) {
      if (!nav.hrefs.some((href) => href.endsWith(key))) findings.push(`${where}: the navigation has no link to ${key}`);
    }
  }
  await page.close();
  return findings;
}

// Widths of a desktop and a tablet, and whether the header must be one row at each.
const DESKTOPS = [{ width: 1280, oneRow: true }, { width: 1024, oneRow: true }, { width: 768, oneRow: false }];

// In the page: the boxes of the header's parts that are shown.
function headerParts() {
  const parts = ['.site-title', '.site-search', '.vision-toggle'].map((selector) => document.querySelector(selector));
  return parts.filter((e) => e && e.getClientRects().length > 0).map((e) => {
    const box = e.getBoundingClientRect();
    return { name: e.className, top: box.top, bottom: box.bottom, left: box.left, right: box.right };
  });
}

function headerFindings(where, parts, oneRow) {
  const findings = [];
  for (const [i, a] of parts.entries()) {
    for (const b of parts.slice(i + 1)) {
      const apart = a.right <= b.left + 0.5 || b.right <= a.left + 0.5 || a.bottom <= b.top + 0.5 || b.bottom <= a.top + 0.5;
      if (!apart) findings.push(`${where}: the header's ${a.name} and ${b.name} overlap`);
      const sameRow = a.top < b.bottom && b.top < a.bottom;
      if (oneRow && !sameRow) findings.push(`${where}: the header's ${b.name} is on another row than ${a.name}`);
    }
  }
  return findings;
}

async function checkDesktops(browser, origin, schools) {
  const findings = [];
  for (const { width, oneRow } of DESKTOPS) {
    const page = await browser.newPage({ viewport: { width, height: 800 }, locale: 'ru-RU' });
    for (const school of schools) {
      await page.goto(`${origin}/${school}/index.html`, { waitUntil: 'load' });
      findings.push(...headerFindings(`${school} home at ${width} px`, await page.evaluate(headerParts), oneRow));
    }
    await page.close();
  }
  return findings;
}

async function main() {
  const root = path.resolve(process.argv[2] || setupError('first-screen', 'usage: node tests/browser/first-screen.mjs SITE_DIR'));
  const schools = fs.readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .filter((name) => fs.existsSync(path.join(root, name, 'index.html')));
  if (schools.length === 0) setupError('first-screen', `no school folders in ${root}`);
  const server = await serve(root);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch('first-screen');
  const findings = [];
  try {
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ viewport: VIEWPORT, locale: 'ru-RU', javaScriptEnabled });
      const label = javaScriptEnabled ? 'at 375×740' : 'at 375×740 without script';
      for (const school of schools) findings.push(...await checkSchool(context, origin, root, school, label));
      await context.close();
    }
    findings.push(...await checkDesktops(browser, origin, schools));
  } finally {
    await browser.close();
    server.close();
  }
  for (const finding of findings) process.stdout.write(`FAIL ${finding}\n`);
  process.stdout.write(`first-screen: ${schools.length} school(s), ${findings.length} finding(s)\n`);
  process.exit(findings.length === 0 ? 0 : 1);
}

main().catch((error) => setupError('first-screen', error.stack || String(error)));
