import type { NotebookPanel } from '@jupyterlab/notebook';

/** Kernel states in which an execution request will be sent (now or once connected). */
const LIVE = new Set<string>(['unknown', 'starting', 'idle', 'busy']);

/**
 * Calls `onReady` once each time a notebook's kernel can take silent requests: when it first
 * connects, after a restart, after an automatic restart (a crash) and after another kernel is
 * chosen. `onReset` runs when what `onReady` did is gone (the kernel restarts or changes).
 * What the extension must do in every kernel of a notebook (the ee route, a profile binding)
 * hangs on this one watcher.
 */
// A request is sent only once the kernel's connection is up: one sent during a restart,
// before the front end reconnects to the new kernel, is lost (and its reply never comes).
export function whenKernelReady(
  panel: NotebookPanel,
  onReady: () => void,
  onReset: () => void = () => undefined
): void {
  const context = panel.sessionContext;
  let needed = true;
  let waitFor: 'kernel-change' | 'reconnect' | null = null;
  const maybeReady = () => {
    const kernel = context.session?.kernel;
    if (
      needed &&
      waitFor === null &&
      kernel?.connectionStatus === 'connected' &&
      LIVE.has(kernel.status)
    ) {
      needed = false;
      onReady();
    }
  };
  const reset = () => {
    needed = true;
    onReset();
  };
  context.kernelChanged.connect(() => {
    reset();
    waitFor = null;
    maybeReady();
  });
  context.statusChanged.connect((_, status) => {
    // What ends a restart: a restart from the UI ends with a kernel change (messages sent
    // before it may be lost); the server's automatic restart ends with a reconnect.
    if (status === 'restarting') {
      reset();
      waitFor = 'kernel-change';
    } else if (status === 'autorestarting') {
      reset();
      waitFor = 'reconnect';
    } else {
      maybeReady();
    }
  });
  context.connectionStatusChanged.connect((_, status) => {
    if (status === 'connecting' && waitFor === 'reconnect') {
      waitFor = null; // "connected" follows
    }
    maybeReady();
  });
  void context.ready.then(maybeReady);
}
