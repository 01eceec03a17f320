import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import type { Kernel } from '@jupyterlab/services';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { credentialEvents, ProjectsClient } from '../api';
import { booleanSetting } from '../kernel/setting';
import { evaluateSilently, pyLiteral } from '../kernel/silent';

/** The events after which kernels must see the new credentials or project. */
const FOLLOWED = new Set(['flow-succeeded', 'project-set', 'signed-out']);
/** A sign-in that also sets a project raises two events in a row: follow once. */
const DEBOUNCE_MS = 400;

interface IFollowAnswer {
  touched?: boolean;
  ee?: boolean;
  error?: string | null;
}

/**
 * Running kernels follow the credentials: after a sign-in, a sign-out or a project change,
 * the kernels of open notebooks in which ee was initialised re-initialise it (same URL, new
 * project) and get GOOGLE_CLOUD_PROJECT / GOOGLE_CLOUD_QUOTA_PROJECT, silently; a notification
 * says so and links to the setting that turns it off. Other kernels are left alone.
 */
export const kernelFollowPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-google-auth:kernel-follow',
  description:
    'Re-initialises Earth Engine in running kernels after sign-in or project changes.',
  autoStart: true,
  requires: [INotebookTracker],
  optional: [ISettingRegistry, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    settingRegistry: ISettingRegistry | null,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_google_auth');
    const projects = new ProjectsClient();
    const enabled = booleanSetting(settingRegistry, 'followCredentials');

    const kernels = (): Kernel.IKernelConnection[] => {
      const seen = new Map<string, Kernel.IKernelConnection>();
      tracker.forEach(panel => {
        const kernel = panel.sessionContext.session?.kernel;
        if (kernel && !seen.has(kernel.id)) {
          seen.set(kernel.id, kernel);
        }
      });
      return [...seen.values()];
    };

    const follow = async () => {
      await enabled.ready;
      const running = kernels();
      if (!enabled.value || running.length === 0) {
        return;
      }
      let project: string | null = null;
      let signedIn = false;
      try {
        const report = await projects.credentials();
        signedIn = report.used_by.earthengine !== null;
        project = report.projects?.earthengine ?? null;
      } catch {
        return; // the server is unreachable; kernels keep what they have
      }
      const expression =
        "__import__('jupyterlab_google_auth.kernel', fromlist=['follow'])" +
        `.follow(project=${pyLiteral(project)}, signed_in=${signedIn ? 'True' : 'False'})`;
      const answers = (await Promise.all(
        running.map(kernel => evaluateSilently(kernel, expression))
      )) as (IFollowAnswer | null)[];
      const followed = answers.filter(a => a?.ee);
      if (followed.length === 0) {
        return;
      }
      const errors = followed.map(a => a?.error).filter(Boolean);
      const what = !signedIn
        ? trans._n(
            'Earth Engine was reset in %1 running kernel after sign-out.',
            'Earth Engine was reset in %1 running kernels after sign-out.',
            followed.length
          )
        : trans._n(
            'Earth Engine was initialised again in %1 running kernel (project: %2).',
            'Earth Engine was initialised again in %1 running kernels (project: %2).',
            followed.length,
            project ?? trans.__('none set')
          );
      const message = errors.length
        ? `${what} ${trans.__('Earth Engine said: %1', errors[0] as string)}`
        : what;
      (errors.length ? Notification.warning : Notification.info)(message, {
        autoClose: errors.length ? false : 8000,
        actions: [
          {
            label: trans.__('Settings'),
            caption: trans.__(
              'Turn off re-initialising kernels after sign-in and project changes'
            ),
            callback: () =>
              void app.commands.execute('settingeditor:open', {
                query: 'Google sign-in'
              })
          }
        ]
      });
    };

    let timer: ReturnType<typeof setTimeout> | null = null;
    credentialEvents.changed.connect((_, reason) => {
      if (!FOLLOWED.has(reason)) {
        return;
      }
      if (timer !== null) {
        clearTimeout(timer);
      }
      timer = setTimeout(() => {
        timer = null;
        void follow();
      }, DEBOUNCE_MS);
    });
  }
};
