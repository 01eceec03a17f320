import type { JupyterFrontEndPlugin } from '@jupyterlab/application';

import { authenticatePlugin } from './plugins/authenticate';
import { bindingPlugin } from './plugins/binding';
import { cellRoutePlugin } from './plugins/cell-route';
import { insertCellPlugin } from './plugins/insert-cell';
import { kernelFollowPlugin } from './plugins/kernel-follow';
import { onboardingPlugin } from './plugins/onboarding';
import { profileActionsPlugin } from './plugins/profile-actions';
import { profilesPlugin } from './plugins/profiles';
import { projectsPlugin } from './plugins/projects';
import { secretsPlugin } from './plugins/secrets';
import { servicePlugin } from './plugins/service';
import { signOutPlugin } from './plugins/signout';
import { statusPlugin } from './plugins/status';

const plugins: JupyterFrontEndPlugin<any>[] = [
  servicePlugin,
  authenticatePlugin,
  statusPlugin,
  profilesPlugin,
  profileActionsPlugin,
  bindingPlugin,
  projectsPlugin,
  signOutPlugin,
  insertCellPlugin,
  cellRoutePlugin,
  kernelFollowPlugin,
  onboardingPlugin,
  secretsPlugin
];

export default plugins;

export { IGoogleAuth, IGoogleAuthBindings } from './tokens';
