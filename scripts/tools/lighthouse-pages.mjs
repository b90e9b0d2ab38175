// Lighthouse over several pages in one run, for scripts/tools/audit.py: one Node process and one
// Chromium for every page. (Its command line, once per page, spent about 4 s of each run starting
// Node and Chromium and then waiting for Node to exit.) Each page is still its own Lighthouse
// navigation: a fresh tab with storage and cache cleared, the mobile preset as on the command line.
//
//   node lighthouse-pages.mjs LIGHTHOUSE_DIR OUT_DIR OPTIONS_JSON URL...
//
// OPTIONS_JSON: {"chromeFlags": [...], "onlyCategories": [...], "onlyAudits": [...], ...} (audits beside
// the categories' own; Lighthouse runs both); any other key is a Lighthouse setting (pauseAfterLoadMs…).
//
// writes OUT_DIR/0.json, OUT_DIR/1.json… (Lighthouse's JSON report of each URL, in order); exits 1
// with a one-line reason if Chromium or a page fails.
import fs from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

const [lighthouseDir, outDir, options, ...urls] = process.argv.slice(2);
const {chromeFlags, ...chosen} = JSON.parse(options);
const load = (entry) => import(pathToFileURL(path.join(lighthouseDir, 'node_modules', entry)).href);
const {default: lighthouse} = await load('lighthouse/core/index.js');
const chromeLauncher = await load('chrome-launcher/dist/index.js');

let chrome;
try {
  chrome = await chromeLauncher.launch({chromeFlags});
  for (const [i, url] of urls.entries()) {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      ...chosen,
      maxWaitForLoad: 60000,
      disableFullPageScreenshot: true,  // only the HTML report shows it; 5 s of 4 pages
    });
    if (!result) throw new Error(`no report for ${url}`);
    if (result.lhr.runtimeError) throw new Error(`${url}: ${result.lhr.runtimeError.message}`);
    fs.writeFileSync(path.join(outDir, `${i}.json`), result.report);
  }
} catch (error) {
  console.error(`lighthouse: ${error.message}`);
  process.exitCode = 1;
} finally {
  chrome?.kill();
}
// Lighthouse leaves timers behind that keep Node alive for seconds after the last report.
process.exit();
