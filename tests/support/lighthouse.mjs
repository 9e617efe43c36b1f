// Run Lighthouse (accessibility and best practices, mobile) on a few pages; print JSON.
//
// Usage: node lighthouse.mjs DEVTOOLS_PORT URL...
// Uses the Chromium the test session started (one page after the other: Lighthouse emulates a
// phone per run and must not share the browser with a second run) and prints
// {"pages": {url: {"scores": {category: 0..100}, "failed": [audit, ...]}}, "seconds": n}.
// Only these two categories: some trace-based performance audits crash on Chromium 156, and
// performance figures swing with machine load (see bench/ for speed).
import lighthouse from 'lighthouse';

const CATEGORIES = ['accessibility', 'best-practices'];

const [port, ...urls] = process.argv.slice(2);
const started = Date.now();
const pages = {};
for (const url of urls) {
  const result = await lighthouse(url, {
    port: Number(port),
    onlyCategories: CATEGORIES,
    formFactor: 'mobile',
    // The full-page screenshot only illustrates an HTML report: a tenth of the run's CPU.
    disableFullPageScreenshot: true,
    logLevel: 'error',
    output: 'json',
  });
  const { lhr } = result;
  if (lhr.runtimeError) {
    throw new Error(`${url}: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
  }
  const scores = {};
  const failed = [];
  for (const id of CATEGORIES) {
    const category = lhr.categories[id];
    scores[id] = category.score === null ? null : Math.round(category.score * 100);
    for (const ref of category.auditRefs) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
        failed.push(`${id}: ${audit.id}: ${audit.title}`);
      }
    }
  }
  pages[url] = { scores, failed, formFactor: lhr.configSettings.formFactor };
}
process.stdout.write(JSON.stringify({ pages, seconds: (Date.now() - started) / 1000 }));
