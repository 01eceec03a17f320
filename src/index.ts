import type { JupyterFrontEndPlugin } from '@jupyterlab/application';

import { authenticatePlugin } from './plugins/authenticate';
import { insertCellPlugin } from './plugins/insert-cell';
import { onboardingPlugin } from './plugins/onboarding';
import { projectsPlugin } from './plugins/projects';
import { signOutPlugin } from './plugins/signout';
import { statusPlugin } from './plugins/status';

const plugins: JupyterFrontEndPlugin<any>[] = [
  authenticatePlugin,
  statusPlugin,
  projectsPlugin,
  signOutPlugin,
  insertCellPlugin,
  onboardingPlugin
];

export default plugins;
