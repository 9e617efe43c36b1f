// Run pa11y (HTML_CodeSniffer, WCAG2AA) over many pages in one running Chromium; print JSON.
//
// Usage: node pa11y.mjs DEVTOOLS_URL URL...
// Connects to the Chromium the test session started, loads a few pages at a time (waiting for
// `load`, not for an idle network), runs the sniffs on each and prints
// {"pages": {url: {"errors": [issue, ...], "warnings": {code: count}}}, "seconds": n} on stdout.
// Exits 0 when the run itself worked, whatever it found: the Python test judges the findings.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pa11y = require('pa11y');
const puppeteer = require('puppeteer');

// Pages audited at once: the machine has two cores, and each page runs the sniffs in the browser.
const CONCURRENCY = 2;

const VIEWPORT = { width: 1280, height: 900 };

// Material's search worker builds the whole site's search index on every page load: half of
// the CPU time of this audit, on two cores. It changes nothing an auditor reads (it answers
// queries and sets the search status text; tests/browser/test_offline.py tests search), so
// pa11y's pages do not load it. Lighthouse loads the pages whole.
const SKIP = /\/assets\/javascripts\/workers\/search\.[^/]*\.js$/;

const IGNORE = [
  // "This form does not contain a submit button" (H32.2): the search box, the planner and the
  // checklist forms never submit; they work on input, and a submit button would do nothing.
  'WCAG2AA.Principle3.Guideline3_2.3_2_2.H32.2',
];

const [devtools, ...urls] = process.argv.slice(2);
const started = Date.now();
const browser = await puppeteer.connect({ browserURL: devtools, defaultViewport: null });
// A context of our own (its own window): pa11y's tabs must not push a Lighthouse run in the
// same browser into the background, where its page would not paint.
const context = await browser.createBrowserContext();
const pages = {};
const queue = [...urls];

async function audit(url) {
  const page = await context.newPage();
  try {
    await page.setViewport(VIEWPORT);
    await page.setRequestInterception(true);
    page.on('request', (request) =>
      SKIP.test(request.url()) ? request.abort('blockedbyclient') : request.continue());
    await page.goto(url, { waitUntil: 'load', timeout: 60000 });
    const found = await pa11y(url, {
      browser,
      page,
      ignoreUrl: true,
      runners: ['htmlcs'],
      standard: 'WCAG2AA',
      ignore: IGNORE,
      includeWarnings: true,
      timeout: 60000,
      viewport: VIEWPORT,
    });
    const errors = [];
    const warnings = {};
    for (const { code, message, selector, context, type } of found.issues) {
      if (type === 'error') {
        errors.push({ code, message, selector, context });
      } else {
        warnings[code] = (warnings[code] ?? 0) + 1;
      }
    }
    pages[url] = { errors, warnings };
  } finally {
    await page.close();
  }
}

async function worker() {
  for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
    await audit(url);
  }
}

try {
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
} finally {
  await context.close();
  await browser.disconnect();
}
process.stdout.write(JSON.stringify({ pages, seconds: (Date.now() - started) / 1000 }));
