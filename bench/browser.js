/*
 * Debian's Chromium for the bench scripts, through playwright-core from ui-tests/node_modules
 * (nothing downloaded), with the same flags as the Galata suite (ui-tests/playwright.config.js):
 * no background networking, which this machine's closed network would refuse.
 */
const path = require('path');

const { chromium } = require(
  require.resolve('playwright-core', {
    paths: [path.join(__dirname, '..', 'ui-tests')]
  })
);

function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-gpu',
      '--no-first-run'
    ]
  });
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
}

module.exports = { launch, median };
