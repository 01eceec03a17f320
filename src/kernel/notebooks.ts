import type { INotebookTracker } from '@jupyterlab/notebook';
import type { Kernel } from '@jupyterlab/services';

/** The kernels of the open notebooks, each once (notebooks may share a kernel). */
export function notebookKernels(
  tracker: INotebookTracker
): Kernel.IKernelConnection[] {
  const seen = new Map<string, Kernel.IKernelConnection>();
  tracker.forEach(panel => {
    const kernel = panel.sessionContext.session?.kernel;
    if (kernel && !seen.has(kernel.id)) {
      seen.set(kernel.id, kernel);
    }
  });
  return [...seen.values()];
}
