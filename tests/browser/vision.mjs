// The version for the visually impaired, in headless Chromium: every colour scheme at every type
// size (and the widest spacing, serif type and images off at the largest size) on the chosen
// pages, at a phone's width and a desktop's, must pass axe-core (WCAG 2.1 AA, contrast included),
// scroll only vertically, split no word that fits its line, and be applied before the first
// paint. Then the panel itself: real buttons with aria-pressed, settings that persist across
// pages (over http and from file://), and «Обычная версия» that clears them.
//
//   node tests/browser/vision.mjs SITE_DIR SCHOOL
//
// Exit status 0 clean, 1 a finding, 2 a setup error. `.ci/test` runs it after site-audit.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { htmlFiles, launch, serve, setupError, siteAuditFile } from './lib.mjs';

const KEY = 'spravka-vision';
const SCHEMES = ['normal', 'bw', 'wb', 'blue', 'brown'];
const SIZES = ['100', '150', '200'];
const WIDTHS = [{ width: 375, height: 740 }, { width: 1280, height: 900 }];
const STANDARD = { size: '100', scheme: 'normal', images: 'on', letters: 'normal', lines: 'normal', font: 'sans' };
// Pages checked at every size and width; the rest of the school's pages at the largest size.
const KEY_PAGES = ['index.html', 'schedule.html', 'escalation.html', 'regulation.html'];

function fail(message) {
  setupError('vision', message);
}

function combinations() {
  const all = [];
  for (const scheme of SCHEMES) {
    for (const size of SIZES) all.push({ ...STANDARD, scheme, size });
  }
  for (const scheme of ['bw', 'wb']) {
    all.push({ size: '200', scheme, images: 'off', letters: 'largest', lines: 'largest', font: 'serif' });
  }
  return all;
}

// In the page, before its own scripts: the settings saved, and whether <html> carried them by
// the time <body> was created (that is, before anything could be painted).
function initScript(settings) {
  return `
    try { localStorage.setItem(${JSON.stringify(KEY)}, ${JSON.stringify(JSON.stringify(settings))}); } catch (e) {}
    window.__atBody = null;
    new MutationObserver(function (records, observer) {
      if (document.body && window.__atBody === null) {
        window.__atBody = document.documentElement.getAttribute('data-vision-size') + ' '
          + document.documentElement.getAttribute('data-vision-scheme');
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  `;
}

// In the page: horizontal scrolling, and words split across lines that would fit on one line
// of their element (a word wider than the line has to be split; any other may not be).
function layoutProblems() {
  const found = [];
  const root = document.documentElement;
  if (root.scrollWidth > window.innerWidth + 1) {
    const wide = Array.from(document.querySelectorAll('body *'))
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .map((e) => e.localName + (e.className ? '.' + String(e.className).split(' ')[0] : ''));
    found.push(`scrolls sideways: ${root.scrollWidth}px wide in ${window.innerWidth}px (${wide.slice(-3).join(', ')})`);
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const split = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('.visually-hidden, [hidden], script, style, code')) continue;
    if (parent.getClientRects().length === 0) continue;
    // Each unit between spaces and hyphens (a line may break after «из-»): a word with its quotes
    // and punctuation. Addresses (scool_27@edu-mytyshi.ru, www.skola-27.ru) may break anywhere.
    const re = /[^\s\-‐–—]+/g;
    for (let match = re.exec(node.data); match; match = re.exec(node.data)) {
      const unit = match[0];
      if (/[@/]|www\.|\.ru\b/.test(unit) || !/[A-Za-zА-Яа-яЁё]{2,}/.test(unit)) continue;
      range.setStart(node, match.index);
      range.setEnd(node, match.index + unit.length);
      const tops = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
      if (tops.size > 1 && fitsItsLine(parent, unit)) split.add(unit);
    }
  }
  if (split.size > 0) found.push(`words split across lines: ${Array.from(split).slice(0, 8).join(', ')}`);
  return found;

  // The word, set alone in the element's font, against the line its block offers: the block's
  // content width less the padding and borders of inline boxes on the way (a button's).
  function fitsItsLine(element, word) {
    const sides = (style, side) => parseFloat(style[`padding${side}`]) + parseFloat(style[`border${side}Width`]);
    let block = element;
    let taken = 0;
    while (block.parentElement && getComputedStyle(block).display.startsWith('inline')) {
      const style = getComputedStyle(block);
      if (style.display !== 'inline') taken += sides(style, 'Left') + sides(style, 'Right');
      block = block.parentElement;
    }
    const style = getComputedStyle(block);
    const line = block.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - taken;
    const probe = document.createElement('span');
    probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
    probe.textContent = word;
    element.appendChild(probe);
    const width = probe.getBoundingClientRect().width;
    probe.remove();
    return width <= line;
  }
}

async function axe(page, source) {
  await page.addScriptTag({ content: source });
  const result = await page.evaluate(async () => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  return result.violations.map((v) => `axe ${v.id}: ${v.nodes.length} node(s), e.g. ${v.nodes[0].target.join(' ')}`);
}

async function checkSettings(browser, origin, pages, settings, axeSource) {
  const findings = [];
  let views = 0;
  for (const viewport of WIDTHS) {
    const context = await browser.newContext({ viewport, locale: 'ru-RU' });
    await context.addInitScript(initScript(settings));
    const page = await context.newPage();
    const largest = settings.size === '200' && viewport.width === WIDTHS[0].width;
    const chosen = largest ? pages : pages.filter((file) => KEY_PAGES.some((key) => file.endsWith(`/${key}`)));
    for (const file of chosen) {
      await page.goto(`${origin}/${file}`, { waitUntil: 'load' });
      views += 1;
      const label = `${file} at ${viewport.width}px, ${JSON.stringify(settings)}`;
      const atBody = await page.evaluate(() => window.__atBody);
      const expected = `${settings.size === '100' ? null : settings.size} ${settings.scheme === 'normal' ? null : settings.scheme}`;
      if (atBody !== expected) findings.push(`${label}: <html> had «${atBody}» when <body> began, not «${expected}»`);
      const problems = (await page.evaluate(layoutProblems)).concat(await axe(page, axeSource));
      findings.push(...problems.map((p) => `${label}: ${p}`));
    }
    await context.close();
  }
  return { findings, views };
}

// The panel as a reader uses it: open, choose, go to another page, return to the standard.
async function checkPanel(browser, base, pages) {
  const findings = [];
  const context = await browser.newContext({ viewport: WIDTHS[0], locale: 'ru-RU' });
  const page = await context.newPage();
  const expect = (ok, what) => { if (!ok) findings.push(`panel (${base}): ${what}`); };
  await page.goto(`${base}/${pages[0]}`);
  const toggle = page.locator('.vision-toggle');
  expect(await toggle.isVisible(), 'the toggle is visible');
  expect(await page.locator('#vision-panel').isHidden(), 'the panel starts closed');
  await toggle.click();
  expect(await toggle.getAttribute('aria-expanded') === 'true', 'the toggle says it is expanded');
  expect(await page.locator('#vision-panel').isVisible(), 'the toggle opens the panel');
  await page.getByRole('button', { name: 'Белым по чёрному' }).click();
  await page.getByRole('button', { name: 'Очень крупный' }).click();
  const pressed = await page.getByRole('button', { name: 'Белым по чёрному' }).getAttribute('aria-pressed');
  expect(pressed === 'true', 'the chosen scheme is pressed');
  const normal = await page.locator('[data-vision="scheme"][data-value="normal"]').getAttribute('aria-pressed');
  expect(normal === 'false', 'the other schemes are not pressed');
  await page.goto(`${base}/${pages[1]}`);
  const kept = await page.evaluate(() => [document.documentElement.dataset.visionScheme, document.documentElement.dataset.visionSize]);
  expect(kept[0] === 'wb' && kept[1] === '200', `the settings persist on the next page (got ${kept})`);
  expect(await page.locator('#vision-panel').isVisible(), 'the panel stays open while the version is on');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background === 'rgb(0, 0, 0)', `white on black is black (got ${background})`);
  await page.getByRole('button', { name: 'Обычная версия' }).click();
  const cleared = await page.evaluate(() => document.documentElement.getAttribute('data-vision-scheme'));
  expect(cleared === null, 'the standard version clears the scheme');
  await page.goto(`${base}/${pages[0]}`);
  expect(await page.locator('#vision-panel').isHidden(), 'after the standard version the panel stays closed');
  await context.close();
  return findings;
}

// Without script the control is not offered and the page is whole.
async function checkWithoutScript(browser, origin, pages) {
  const context = await browser.newContext({ viewport: WIDTHS[0], javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${origin}/${pages[0]}`);
  const shown = await page.locator('.vision-toggle').isVisible();
  await context.close();
  return shown ? ['without JavaScript the toggle is shown but could do nothing'] : [];
}

async function main() {
  const root = path.resolve(process.argv[2] || fail('usage: node tests/browser/vision.mjs SITE_DIR SCHOOL'));
  const school = process.argv[3] || fail('usage: node tests/browser/vision.mjs SITE_DIR SCHOOL');
  const pages = htmlFiles(path.join(root, school)).map((file) => `${school}/${file}`);
  if (pages.length < 2) fail(`no pages in ${path.join(root, school)}`);
  const axeSource = fs.readFileSync(siteAuditFile('vision', 'axe-core', 'axe.min.js'), 'utf8');
  const server = await serve(root);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch('vision');
  const findings = [];
  let checked = 0;
  try {
    for (const settings of combinations()) {
      const { findings: found, views } = await checkSettings(browser, origin, pages, settings, axeSource);
      findings.push(...found);
      checked += views;
    }
    findings.push(...await checkPanel(browser, origin, pages));
    findings.push(...await checkPanel(browser, pathToFileURL(root).href, pages));
    findings.push(...await checkWithoutScript(browser, origin, pages));
  } finally {
    await browser.close();
    server.close();
  }
  for (const finding of findings) process.stdout.write(`FAIL ${finding}\n`);
  process.stdout.write(`vision: ${checked} page views in ${combinations().length} settings, ${findings.length} finding(s)\n`);
  process.exit(findings.length === 0 ? 0 : 1);
}

main().catch((error) => fail(error.stack || String(error)));
