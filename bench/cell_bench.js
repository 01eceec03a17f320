/*
 * The browser half of bench/cell_bench.py: in one notebook, alternately, the time from running
 * a cell to something the user can click in its output:
 *   ours: `ee.Authenticate()` routed to the sign-in panel → its Sign in button, enabled;
 *   ee's: `ee.Authenticate.__wrapped__(auth_mode='notebook')` (ee's own, not routed) → the
 *         link ee prints.
 * Both from the `notebook:run-cell` command to the element's appearance, measured in the page
 * (a MutationObserver) on the page's clock. Prints one JSON object on stdout.
 */
const { launch, median } = require('./browser');

const cfg = JSON.parse(process.argv[2]);

const OURS = 'ee.Authenticate()';
const EES = "ee.Authenticate.__wrapped__(auth_mode='notebook')";

/** Runs the first cell with `code`; ms until `selector` shows in its output. */
async function timeToClickable(page, code, selector) {
  await page.evaluate(source => {
    const app = window.jupyterapp;
    const notebook = app.shell.currentWidget.content;
    notebook.activeCellIndex = 0;
    notebook.activeCell.model.sharedModel.setSource(source);
    notebook.activeCell.model.outputs.clear(); // nothing of the last run can match
  }, code);
  return page.evaluate(
    sel =>
      new Promise((resolve, reject) => {
        setTimeout(
          () =>
            reject(
              new Error(
                `no ${sel} within 60 s; the output says: ${output()?.textContent}`
              )
            ),
          60000
        );
        const output = () =>
          document.querySelector('.jp-Notebook .jp-Cell .jp-OutputArea');
        const start = performance.now();
        const found = () => {
          const el = output()?.querySelector(sel);
          return el && !el.disabled ? el : null;
        };
        const observer = new MutationObserver(() => {
          if (found()) {
            observer.disconnect();
            resolve(performance.now() - start);
          }
        });
        observer.observe(document.body, {
          subtree: true,
          childList: true,
          attributes: true
        });
        void window.jupyterapp.commands.execute('notebook:run-cell');
      }),
    selector
  );
}

/** Ends the waiting cell: interrupt the kernel, wait until it is idle again. */
async function stop(page) {
  await page.evaluate(async () => {
    const context = window.jupyterapp.shell.currentWidget.sessionContext;
    await context.session.kernel.interrupt();
  });
  await page.waitForFunction(
    () =>
      window.jupyterapp.shell.currentWidget.sessionContext.session.kernel
        .status === 'idle'
  );
  await page.waitForTimeout(300);
}


(async () => {
  const browser = await launch();
  const page = await browser.newPage();
  await page.goto(`${cfg.base}lab/tree/bench.ipynb?token=${cfg.token}`);
  await page
    .locator('.jp-NotebookPanel[data-google-auth-route="installed"]')
    .waitFor({ timeout: 120000 });
  // import ee once, untimed, so neither side pays for it.
  await page.evaluate(() => {
    const notebook = window.jupyterapp.shell.currentWidget.content;
    notebook.activeCell.model.sharedModel.setSource('import ee');
    return window.jupyterapp.commands.execute('notebook:run-cell');
  });
  await page.waitForTimeout(3000);
  const ours = [];
  const ees = [];
  for (let i = 0; i < cfg.runs; i++) {
    ours.push(await timeToClickable(page, OURS, '.jp-GoogleAuth-signIn'));
    await stop(page);
    ees.push(await timeToClickable(page, EES, 'a[href]'));
    await stop(page);
  }
  await browser.close();
  process.stdout.write(
    JSON.stringify({
      ours,
      ees,
      oursMedian: median(ours),
      eeMedian: median(ees)
    }) + '\n'
  );
})().catch(error => {
  console.error(error);
  process.exit(1);
});
