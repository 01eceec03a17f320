/**
 * Earth Engine Notebook Authenticator mode: the fake's client-auth page shows a code, the user
 * pastes it into the panel, the server fetches the notebook client and exchanges the code.
 */
import { expect, test } from '@jupyterlab/galata';

import {
  ADC_FILE,
  chooseMode,
  clearCredentials,
  consentInNewTab,
  EE_FILE,
  expectSuccess,
  expectUserCredentialsFile,
  MANUAL_START_SETTINGS,
  openAuthPanel,
  pasteAndSubmit,
  screenshotPath,
  testEnv
} from './flows-helpers';
import { startSecretScan } from './secret-scan';

test.describe('Sign-in, notebook mode', () => {
  test.use({ mockSettings: MANUAL_START_SETTINGS });
  test.beforeEach(() => clearCredentials(testEnv()));

  test('signs in with the code pasted from the code page', async ({
    page,
    context,
    tmpPath
  }) => {
    const env = testEnv();
    const scan = startSecretScan(context);
    const panel = await openAuthPanel(page, 'notebook.ipynb');
    await chooseMode(panel, 'notebook');
    await panel.locator('.jp-GoogleAuth-signIn').click();
    await expect(panel.locator('.jp-GoogleAuth-paste label')).toContainText(
      'Code'
    );

    const tab = await consentInNewTab(context, panel);
    const code = (await tab.locator('#code').textContent())!.trim();
    expect(code.length).toBeGreaterThan(10);
    await tab.close();

    await pasteAndSubmit(panel, code);
    await expectSuccess(panel);
    await panel.screenshot({ path: screenshotPath('flow-notebook-success') });

    expectUserCredentialsFile(env, EE_FILE);
    expectUserCredentialsFile(
      env,
      ADC_FILE,
      '1234567890-eenotebook.apps.googleusercontent.com'
    );
    await scan.check(page, { env, notebookPath: `${tmpPath}/notebook.ipynb` });
  });
});
