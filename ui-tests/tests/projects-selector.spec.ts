import { expect, test, type IJupyterLabPageFixture } from '@jupyterlab/galata';
import * as fs from 'fs';

import {
  ADC_FILE,
  clearCredentials,
  clearFaults,
  control,
  defaultAliceProjects,
  EE_FILE,
  GCLOUD_CONFIG,
  giveAliceProjects,
  homeFile,
  readJson,
  restoreAliceProjects,
  signIn
} from './projects-helpers';

const EE_API = 'earthengine.googleapis.com';
const GL_API = 'generativelanguage.googleapis.com';

function statusItem(page: IJupyterLabPageFixture) {
  return page.locator('#jp-main-statusbar .jp-GoogleAuth-statusItem');
}

async function openSelector(
  page: IJupyterLabPageFixture,
  searchFocused = true
) {
  // The project part (the account part opens the profiles menu).
  await statusItem(page).locator('.jp-GoogleAuth-statusProject').click();
  const dialog = page.locator('.jp-GoogleAuth-selectorDialog');
  if (searchFocused) {
    await expect(dialog.locator('.jp-GoogleAuth-search')).toBeFocused();
  } else {
    await expect(dialog).toBeVisible();
  }
  return dialog;
}

test.describe('Project selector', () => {
  test.beforeEach(async ({ page }) => {
    await giveAliceProjects(250);
    signIn('ee-alice');
    // The page loaded before these files existed: load it again to start from them.
    await page.reload();
  });

  test.afterEach(async () => {
    await restoreAliceProjects();
    for (const project of ['alice-project-0142', 'alice-project-0001']) {
      await control('services', {
        project,
        service: EE_API,
        state: 'DISABLED'
      });
    }
    await clearFaults();
    clearCredentials();
  });

  test('search, pick a project, see the item and the files change', async ({
    page
  }) => {
    await expect(statusItem(page)).toHaveText('alice@example.com · ee-alice');
    await control('services', {
      project: 'alice-project-0142',
      service: EE_API,
      state: 'ENABLED'
    });
    const dialog = await openSelector(page);

    // 250 projects arrive a page at a time.
    const options = dialog.locator('[role="option"]');
    await expect(dialog.locator('.jp-GoogleAuth-loadMore')).toBeVisible();
    const first = await options.count();
    expect(first).toBeGreaterThanOrEqual(50);
    expect(first).toBeLessThan(250);
    await dialog.locator('.jp-GoogleAuth-loadMore').click();
    await expect(options).toHaveCount(first + 50);

    // Typing narrows what is loaded at once (substring, before Google answers)...
    const search = dialog.locator('.jp-GoogleAuth-search');
    await search.fill('project-005');
    await expect(options).toHaveCount(10);
    // ...and Google is asked by prefix (id:q* and name:q*, CRM's documented syntax).
    await search.fill('alice-project-0142');
    const listed = dialog.locator('[data-project="alice-project-0142"]');
    await expect(listed).toBeVisible();
    await expect(options).toHaveCount(1);
    await expect(listed).toHaveAttribute('aria-selected', 'true');

    // The highlighted project's APIs: enabled here, the other one with an Enable link.
    const services = dialog.locator('.jp-GoogleAuth-services');
    await expect(
      services.locator(`[data-service="${EE_API}"]`)
    ).toHaveAttribute('data-state', 'ENABLED');
    const gl = services.locator(`[data-service="${GL_API}"]`);
    await expect(gl).toHaveAttribute('data-state', 'DISABLED');
    await expect(gl.getByRole('link', { name: 'Enable' })).toHaveAttribute(
      'target',
      '_blank'
    );

    await dialog.locator('.jp-GoogleAuth-gcloud input').check();
    await listed.click();
    // Not registered for Earth Engine: said in one place; kept on purpose here.
    const notice = dialog.locator('.jp-GoogleAuth-choiceNotice');
    await expect(notice).toContainText(
      'Project alice-project-0142 is not registered for Earth Engine'
    );
    await notice
      .getByRole('button', { name: 'Keep alice-project-0142' })
      .click();
    await expect(dialog).toHaveCount(0);
    await expect(statusItem(page)).toHaveText(
      'alice@example.com · alice-project-0142'
    );
    expect(readJson(EE_FILE).project).toBe('alice-project-0142');
    expect(readJson(EE_FILE).refresh_token).toBeTruthy(); // kept
    expect(readJson(ADC_FILE).quota_project_id).toBe('alice-project-0142');
    expect(fs.readFileSync(homeFile(GCLOUD_CONFIG), 'utf-8')).toContain(
      'project = alice-project-0142'
    );

    // Chosen lately: first in the list next time, marked recent and current.
    const again = await openSelector(page);
    const top = again.locator('[role="option"]').first();
    await expect(top).toHaveAttribute('data-project', 'alice-project-0142');
    await expect(top).toContainText('recent');
    await expect(top).toContainText('current');
    await page.keyboard.press('Escape');
  });

  test('keyboard: arrows move the highlight, Enter chooses', async ({
    page
  }) => {
    const dialog = await openSelector(page);
    await page.keyboard.type('alice-project-001');
    await expect(dialog.locator('[role="option"]').first()).toHaveAttribute(
      'data-project',
      'alice-project-0010'
    );
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const third = dialog.locator('[data-project="alice-project-0012"]');
    await expect(third).toHaveAttribute('aria-selected', 'true');
    await expect(dialog.locator('.jp-GoogleAuth-search')).toHaveAttribute(
      'aria-activedescendant',
      (await third.getAttribute('id'))!
    );
    await page.keyboard.press('Enter');
    // Not registered for Earth Engine: said first; kept on purpose here.
    await dialog
      .locator('.jp-GoogleAuth-choiceNotice')
      .getByRole('button', { name: 'Keep alice-project-0012' })
      .click();
    await expect(dialog).toHaveCount(0);
    await expect(statusItem(page)).toHaveText(
      'alice@example.com · alice-project-0012'
    );
    expect(readJson(EE_FILE).project).toBe('alice-project-0012');
  });

  test('a project id typed by hand: refused when malformed, saved when valid', async ({
    page
  }) => {
    const dialog = await openSelector(page);
    const manual = dialog.locator('.jp-GoogleAuth-manualInput');
    await manual.fill('My_Project');
    await dialog.locator('.jp-GoogleAuth-manualUse').click();
    await expect(dialog.locator('.jp-GoogleAuth-fieldError')).toHaveText(
      'Project ids use lowercase letters only.'
    );
    await expect(manual).toHaveAttribute('aria-invalid', 'true');
    expect(readJson(EE_FILE).project).toBe('ee-alice');

    // Alice cannot bill a project she cannot see: the Earth Engine project is set, the
    // ADC quota project is not, and the selector says why in one place and stays open.
    await manual.fill('someone-elses-project');
    await manual.press('Enter');
    const notice = dialog.locator('.jp-GoogleAuth-choiceNotice');
    await expect(notice).toHaveAttribute(
      'data-code',
      'quota_permission_missing'
    );
    // The header says what is set now.
    await expect(dialog.locator('.jp-GoogleAuth-selectorWho')).toContainText(
      'Current project: someone-elses-project.'
    );
    await expect(notice).toContainText(
      'alice@example.com does not have permission serviceusage.services.use on project someone-elses-project'
    );
    expect(readJson(EE_FILE).project).toBe('someone-elses-project');
    expect(readJson(ADC_FILE).quota_project_id).toBe('ee-alice');
    await notice
      .getByRole('button', { name: 'Keep someone-elses-project' })
      .click();
    await expect(dialog).toHaveCount(0);
    await expect(statusItem(page)).toHaveText(
      'alice@example.com · someone-elses-project'
    );
  });

  test('Earth Engine readiness of each project, with the fix as a link', async ({
    page
  }) => {
    await defaultAliceProjects();
    const dialog = await openSelector(page);
    const ee = dialog.locator('.jp-GoogleAuth-earthEngine [data-ee-state]');
    const cases: [string, string, string | null][] = [
      ['ee-alice', 'ready', null],
      [
        'alice-sandbox-1',
        'disabled',
        'https://console.cloud.google.com/apis/library/earthengine.googleapis.com?project=alice-sandbox-1'
      ],
      [
        'alice-unregistered',
        'unregistered',
        'https://code.earthengine.google.com/register?project=alice-unregistered'
      ],
      ['team-shared-data', 'denied', null]
    ];
    for (const [project, state, link] of cases) {
      await dialog.locator(`[data-project="${project}"]`).hover();
      await expect(ee).toHaveAttribute('data-ee-state', state);
      if (link) {
        await expect(ee.locator('a')).toHaveAttribute('href', link);
      } else {
        await expect(ee.locator('a')).toHaveCount(0);
      }
      // The row keeps its state as a badge.
      await expect(
        dialog.locator(`[data-project="${project}"] [data-ee-state="${state}"]`)
      ).toBeVisible();
    }
    // No permission there: choosing it sets the Earth Engine project, not the quota project.
    await dialog.locator('[data-project="team-shared-data"]').click();
    const notice = dialog.locator('.jp-GoogleAuth-choiceNotice');
    await expect(notice).toContainText('serviceusage.services.use');
    expect(readJson(EE_FILE).project).toBe('team-shared-data');
    expect(readJson(ADC_FILE).quota_project_id).toBe('ee-alice');
    await page.keyboard.press('Escape');
  });

  test('Google refusing our search says it is our bug and points to the id field', async ({
    page
  }) => {
    const dialog = await openSelector(page);
    await control('faults', { route: 'crm_projects', status: 400, count: 4 });
    await dialog.locator('.jp-GoogleAuth-search').fill('zzz');
    const alert = dialog.locator('.jp-GoogleAuth-error');
    await expect(alert).toHaveAttribute('data-code', 'search_refused');
    await expect(alert).toContainText('bug in jupyterlab-google-auth');
    await expect(alert).not.toContainText('letters, digits');
    await expect(dialog.locator('.jp-GoogleAuth-manualInput')).toBeFocused();
  });

  test('no permission to list projects offers the typed id', async ({
    page
  }) => {
    await control('projects', { account: 'alice@example.com', denied: true });
    // The search box has focus only until the refusal arrives; then the typed id takes it.
    const dialog = await openSelector(page, false);
    const alert = dialog.locator('.jp-GoogleAuth-error');
    await expect(alert).toHaveAttribute('data-code', 'projects_forbidden');
    await expect(alert).toContainText('Type the project id below instead.');
    await expect(dialog.locator('.jp-GoogleAuth-manualInput')).toBeFocused();
  });

  test('screenshots of the selector in light and dark themes', async ({
    page
  }) => {
    await control('services', {
      project: 'alice-project-0001',
      service: EE_API,
      state: 'ENABLED'
    });
    for (const theme of ['light', 'dark'] as const) {
      if (theme === 'dark') {
        await page.theme.setDarkTheme();
      }
      const dialog = await openSelector(page);
      // Recent choices of earlier specs come first: point at the project to show.
      await dialog.locator('[data-project="alice-project-0001"]').hover();
      await expect(
        dialog.locator(`[data-service="${EE_API}"]`)
      ).toHaveAttribute('data-state', 'ENABLED');
      await dialog.locator('.jp-GoogleAuth-manualInput').fill('Bad');
      await dialog.locator('.jp-GoogleAuth-search').focus();
      await dialog
        .locator('.jp-Dialog-content')
        .screenshot({ path: `screenshots/project-selector-${theme}.png` });
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
    }
    await page.theme.setLightTheme();
  });

  test('sign out from the selector: confirm, revoke, item says signed out', async ({
    page
  }) => {
    const dialog = await openSelector(page);
    await dialog.locator('.jp-GoogleAuth-signOut').click();
    const confirm = page.locator('.jp-Dialog', {
      hasText: 'Sign out of Google?'
    });
    await confirm.getByRole('button', { name: 'Sign out' }).click();
    await expect(statusItem(page)).toHaveText('Google: signed out');
    await expect(
      page.locator('.Toastify__toast', { hasText: 'access revoked at Google' })
    ).toBeVisible();
    expect(readJson(EE_FILE)).toBeNull();
    expect(readJson(ADC_FILE)).toBeNull();
  });

  test('a failed revoke still signs out here, and says so', async ({
    page
  }) => {
    await control('faults', { route: 'revoke', status: 503, count: 10 });
    // Not awaited in the page: the command resolves only once its dialogs are answered.
    await page.evaluate(() => {
      void (window as any).jupyterapp.commands.execute('google-auth:sign-out');
    });
    const confirm = page.locator('.jp-Dialog', {
      hasText: 'Sign out of Google?'
    });
    await confirm.getByRole('button', { name: 'Sign out' }).click();
    const result = page.locator('.jp-Dialog', {
      hasText: 'Signed out locally; revocation failed'
    });
    await expect(result).toContainText('moved to backups');
    await expect(result).toContainText('myaccount.google.com/permissions');
    await result.getByRole('button', { name: 'Ok' }).click();
    await expect(statusItem(page)).toHaveText('Google: signed out');
    expect(readJson(EE_FILE)).toBeNull();
  });
});
