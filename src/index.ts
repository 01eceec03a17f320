import type { JupyterFrontEndPlugin } from '@jupyterlab/application';

import { authenticatePlugin } from './plugins/authenticate';

const plugins: JupyterFrontEndPlugin<any>[] = [authenticatePlugin];

export default plugins;
