// What the browser tests share: the headless Chromium that site-audit installs, a static
// loopback server for a built site, and the list of its pages.
//
// playwright-core comes from site-audit's cache ($SITE_AUDIT_CACHE, default ~/.cache/site-audit)
// and the browser from $SITE_AUDIT_CHROMIUM (default /usr/bin/chromium).

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

export const CHROMIUM_ARGS = [
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

/** Print a setup error and exit with status 2. */
export function setupError(tool, message) {
  process.stderr.write(`${tool}: ${message}\n`);
  process.exit(2);
}

function cacheDir() {
  return process.env.SITE_AUDIT_CACHE
    || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'site-audit');
}

/** A module installed by site-audit (playwright-core, axe-core). */
export function fromSiteAudit(tool, name) {
  try {
    return createRequire(path.join(cacheDir(), 'package.json'))(name);
  } catch (error) {
    return setupError(tool, `${name} not found in ${cacheDir()} (site-audit installs it): ${error.message}`);
  }
}

/** The path of a file of a module installed by site-audit. */
export function siteAuditFile(tool, name, file) {
  const found = path.join(cacheDir(), 'node_modules', name, file);
  return fs.existsSync(found) ? found : setupError(tool, `${found} not found (site-audit installs it)`);
}

/** Headless Chromium, launched. */
export async function launch(tool) {
  const executablePath = process.env.SITE_AUDIT_CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) setupError(tool, `no browser at ${executablePath}`);
  const { chromium } = fromSiteAudit(tool, 'playwright-core');
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/** Every .html file under `root` (dot folders skipped), relative and sorted. */
export function htmlFiles(root, dir = '') {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.'))
    .flatMap((entry) => {
      const relative = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) return htmlFiles(root, relative);
      return entry.name.endsWith('.html') ? [relative] : [];
    })
    .sort();
}

/** A static server on 127.0.0.1 for the site folder (no traversal: paths are resolved inside). */
export function serve(root) {
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
