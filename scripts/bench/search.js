// Material's search worker with ours around it (workers/exhibition-search.js), run in Node on a
// built site: the same two scripts the browser runs, given the same messages as Material's bundle
// sends them (SETUP with the language's index, then one QUERY per query). The browser test
// (tests/test_search.py) checks that the page really loads this pair.
//
//   node scripts/bench/search.js SITE_DIR LANG < queries.json  ->  [[page, page, …] per query]
// LANG "zh" reads SITE_DIR/search/search_index.json, "en" SITE_DIR/en/search/….
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [site, lang] = process.argv.slice(2);
const workers = path.join(site, "assets/javascripts/workers");
const material = fs.readdirSync(workers).find(name => /^search\.[0-9a-f]+\.min\.js$/.test(name));
const here = "http://site.invalid/assets/javascripts/workers/exhibition-search.js?material=" + material;

const listeners = [];
let posted = null;
const context = {
  console, URL, TextEncoder, TextDecoder, setTimeout, clearTimeout, queueMicrotask,
  location: new URL(here),
  addEventListener: (type, fn) => { if (type === "message") listeners.push(fn); },
  postMessage: message => { posted = message; },
  importScripts: (...urls) => {
    for (const url of urls) {
      const file = path.join(site, new URL(url, here).pathname);
      vm.runInContext(fs.readFileSync(file, "utf-8"), context, { filename: file });
    }
  },
};
context.self = context;
vm.createContext(context);
context.importScripts(here);

async function send(message) {
  posted = null;
  const event = { data: message };
  for (const listener of listeners) await listener(event);
  return posted;
}

function page(item) {
  return item.location.split("#")[0];
}

(async () => {
  const index = JSON.parse(fs.readFileSync(path.join(site, lang === "zh" ? "" : lang, "search/search_index.json"), "utf-8"));
  const ready = await send({ type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } });
  if (!ready || ready.type !== 1) throw new Error("the search worker did not get ready: " + JSON.stringify(ready));
  const queries = JSON.parse(fs.readFileSync(0, "utf-8"));
  const out = [];
  for (const query of queries) {
    const result = await send({ type: 2, data: query });
    const pages = [];
    for (const group of result.data.items) {
      const where = page(group[0]);
      if (!pages.includes(where)) pages.push(where);
    }
    out.push(pages);
  }
  process.stdout.write(JSON.stringify(out));
})().catch(error => { console.error(error && error.stack || String(error)); process.exit(1); });
