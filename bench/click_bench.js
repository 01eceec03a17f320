/*
 * The browser half of bench/click_bench.py (which starts the fake Google and JupyterLab and
 * passes their addresses as JSON on argv[2]). Debian's Chromium through playwright-core from
 * ui-tests/node_modules; nothing is downloaded. Prints one JSON object on stdout.
 *
 * 1. Click → consent page (after the pointer rested `hoverMs` on the button), in turn: the
 *    Authenticate button (the extension: panel, flow, tab sent to Google's page), a bare page
 *    whose button calls window.open on the same consent address (the floor: a browser opening
 *    a tab), and that plain button inside the JupyterLab page (what any link there costs). Time = the click's mousedown to the
 *    new tab's DOMContentLoaded, both on the page's clock (performance.timeOrigin based).
 * 2. Requests to /google-auth/* for one sign-in plus the project choice (at machine pace),
 *    then during an idle period with nothing changing.
 */
const { launch, median } = require('./browser');

const cfg = JSON.parse(process.argv[2]);
const AUTH = '.jp-NotebookPanel-toolbar [data-command="google-auth:authenticate"]';


/** Milliseconds from the next mousedown on `page` to the DOMContentLoaded of the tab it opens. */
async function clickToTab(page, context, locator, consentPrefix, hoverMs) {
  // A person's pointer rests on a button a moment before the click (both sides alike).
  await locator.hover();
  await page.waitForTimeout(hoverMs);
  await page.evaluate(() =>
    document.addEventListener(
      'mousedown',
      e => (window.__clickAt = performance.timeOrigin + e.timeStamp),
      { capture: true, once: true }
    )
  );
  const popup = context.waitForEvent('page');
  const clickedAtNode = Date.now();
  await locator.click();
  const tab = await popup;
  await tab.waitForURL(url => url.toString().startsWith(consentPrefix), {
    waitUntil: 'domcontentloaded',
    timeout: 30000
  });
  const loadedAt = await tab.evaluate(() => {
    const [nav] = performance.getEntriesByType('navigation');
    return performance.timeOrigin + nav.domContentLoadedEventEnd;
  });
  const clickedAt = await page.evaluate(() => window.__clickAt);
  return { ms: loadedAt - clickedAt, tab, clickedAtNode };
}

function tally(requests) {
  const byRoute = {};
  for (const r of requests) {
    const route = `${r.method} ${r.route}`;
    byRoute[route] = (byRoute[route] || 0) + 1;
  }
  return { total: requests.length, byRoute };
}

(async () => {
  const browser = await launch();
  const context = await browser.newContext();
  const page = await context.newPage();
  const api = [];
  page.on('request', r => {
    const url = new URL(r.url());
    const at = url.pathname.indexOf('/google-auth/');
    if (at >= 0) {
      api.push({
        method: r.method(),
        // flows/<id> and projects/<id>/… collapse to one route each
        route: url.pathname
          .slice(at + '/google-auth/'.length)
          .replace(/^flows\/[^/]+/, 'flows/<id>')
          .replace(/^projects\/[^/]+\/(\w+)/, 'projects/<id>/$1'),
        at: Date.now()
      });
    }
  });
  await page.goto(`${cfg.base}lab/tree/bench.ipynb?token=${cfg.token}`);
  await page.locator(AUTH).waitFor({ timeout: 120000 });
  // The service has read the environment, the custom client and the credentials.
  await page.waitForTimeout(3000);
  const startup = tally(api);

  const bare = await context.newPage();
  await bare.setContent('<button id="go">Sign in</button>');
  const consentPrefix = cfg.consentPrefix;
  // A plain button inside the JupyterLab page, calling window.open on the same address: what
  // any link in JupyterLab costs, so what is left of ours is the extension's own share.
  await page.evaluate(() => {
    const button = document.createElement('button');
    button.id = 'bench-plain-open';
    button.textContent = 'plain window.open';
    button.style.cssText = 'position:fixed;bottom:0;right:0;z-index:100000';
    document.body.appendChild(button);
  });
  const ours = [];
  const floor = [];
  const inLab = [];
  let consentUrl = null;
  const prepared = [];
  for (let i = 0; i < cfg.runs; i++) {
    await page.bringToFront();
    const from = api.length;
    const mine = await clickToTab(
      page,
      context,
      page.locator(AUTH),
      consentPrefix,
      cfg.hoverMs
    );
    ours.push(mine.ms);
    // Whether the flow was started before the click (prepared while the pointer rested).
    const posts = api.slice(from).filter(r => r.method === 'POST' && r.route === 'flows');
    prepared.push(posts.length > 0 && posts[0].at < mine.clickedAtNode);
    consentUrl = mine.tab.url();
    await mine.tab.close();
    await page.locator('.jp-GoogleAuth-close').click();
    await page.locator('.jp-GoogleAuth-panel').waitFor({ state: 'detached' });

    await bare.bringToFront();
    await bare.evaluate(
      u => (document.getElementById('go').onclick = () => window.open(u, '_blank')),
      consentUrl
    );
    const theirs = await clickToTab(
      bare,
      context,
      bare.locator('#go'),
      consentPrefix,
      cfg.hoverMs
    );
    floor.push(theirs.ms);
    await theirs.tab.close();

    await page.bringToFront();
    await page.evaluate(
      u =>
        (document.getElementById('bench-plain-open').onclick = () =>
          window.open(u, '_blank')),
      consentUrl
    );
    const plain = await clickToTab(
      page,
      context,
      page.locator('#bench-plain-open'),
      consentPrefix,
      cfg.hoverMs
    );
    inLab.push(plain.ms);
    await plain.tab.close();
  }
  await bare.close();

  // One sign-in plus the project choice, counted from the click to "Project set".
  await page.bringToFront();
  await page.waitForTimeout(1000);
  const before = api.length;
  const popup = context.waitForEvent('page');
  await page.locator(AUTH).click();
  const tab = await popup;
  await tab.waitForURL(url => url.toString().startsWith(consentPrefix));
  await tab.locator(`input[name="account"][value="${cfg.account}"]`).check();
  await tab.locator('button[value="allow"]').click();
  await tab.locator('h1', { hasText: 'Signed in' }).waitFor();
  await tab.close();
  const step = page.locator('.jp-GoogleAuth-projectStep');
  const first = step.locator('[role="option"]').first();
  await first.waitFor({ timeout: 30000 });
  await first.click();
  await page.locator('.jp-GoogleAuth-projectSet').waitFor({ timeout: 30000 });
  const signIn = tally(api.slice(before));

  // Idle: nothing changes, nobody touches the page.
  await page.waitForTimeout(1000);
  const idleFrom = api.length;
  const fakeBefore = cfg.fakeLog ? await (await fetch(cfg.fakeLog)).json() : null;
  await page.waitForTimeout(cfg.idleSeconds * 1000);
  const idle = tally(api.slice(idleFrom));
  const fakeAfter = cfg.fakeLog ? await (await fetch(cfg.fakeLog)).json() : null;

  await browser.close();
  process.stdout.write(
    JSON.stringify({
      ours,
      floor,
      inLab,
      prepared,
      oursMedian: median(ours),
      floorMedian: median(floor),
      startup,
      signIn,
      idle,
      fakeBefore,
      fakeAfter
    }) + '\n'
  );
})().catch(error => {
  console.error(error);
  process.exit(1);
});
