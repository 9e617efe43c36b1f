// pa11y's puppeteer would download a Chrome of its own when installed. The audits drive Debian's
// Chromium (the browser the test session starts), and the machines reach no browser download
// host: never download one.
module.exports = { skipDownload: true };
