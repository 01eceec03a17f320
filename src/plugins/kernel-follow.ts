import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { KERNEL_FOLLOWED, LatestRunner, type ChangeCause } from '../core';
import { notebookKernels } from '../kernel/notebooks';
import { evaluateSilently, pyLiteral } from '../kernel/silent';
import { IGoogleAuth } from '../tokens';

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
  requires: [IGoogleAuth, INotebookTracker],
  optional: [ITranslator],
  activate: (
    app: JupyterFrontEnd,
    service: IGoogleAuth,
    tracker: INotebookTracker,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_google_auth');

    /**
     * One follow-up with the service's newest state (read when it starts, never carried by
     * the change that asked for it).
     */
    const follow = async () => {
      await service.settingsLoaded;
      const running = notebookKernels(tracker);
      const report = service.credentials;
      if (!service.settings.followCredentials || running.length === 0) {
        return;
      }
      if (!report) {
        return; // the server is unreachable; kernels keep what they have
      }
      const signedIn = report.used_by.earthengine !== null;
      const project = report.projects?.earthengine ?? null;
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

    // Changes coalesce and the newest state wins: a follow-up asked for while another runs
    // waits for it, then runs once with the state as it is then. Kernels run requests in
    // order, so an older project can never land after a newer one.
    const runner = new LatestRunner(follow);
    service.changed.connect((_, cause: ChangeCause) => {
      if (KERNEL_FOLLOWED.has(cause.kind)) {
        void runner.request();
      }
    });
  }
};
