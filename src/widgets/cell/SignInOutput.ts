import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import type { TranslationBundle } from '@jupyterlab/translation';
import { PanelLayout, Widget } from '@lumino/widgets';

import { reportCellOutcome, type CellOutcome } from '../../api';
import {
  defaultTargets,
  isLive,
  parseCellSignIn,
  SIGNIN_MIME_TYPE,
  type CellSignIn,
  type ICellSignInRequest,
  type PanelFlowState
} from '../../core';
import type { IGoogleAuth } from '../../tokens';
import { AuthPanel, credentialsFit } from '../auth/AuthPanel';
import type { ISignInForm } from '../auth/form';
import { cellNote } from './notes';

export interface ISignInOutputOptions {
  /** The shared service: the same settings, state and project step as the toolbar's panel. */
  service: IGoogleAuth;
  trans: TranslationBundle;
  /** Replaceable in tests. */
  report?: (requestId: string, body: CellOutcome) => Promise<void>;
}

/** The form the kernel asked for: its preset or scopes, and its files when it named them. */
export function formFor(request: ICellSignInRequest): Partial<ISignInForm> {
  const form: Partial<ISignInForm> = {};
  if (request.scopes) {
    form.scopeChoice = 'custom';
    form.customScopes = request.scopes.join(' ');
  } else {
    form.scopeChoice = request.preset ?? 'earthengine';
    form.targets = defaultTargets(form.scopeChoice);
  }
  if (request.targets) {
    form.targets = request.targets;
    form.targetsTouched = true;
  }
  return form;
}

/**
 * Renders the cell route's MIME bundle: the auth panel while the kernel waits, then one line
 * saying how it ended. The kernel learns of a success from the files; a cancel or a failure
 * in the panel is reported to the server, which tells the kernel (see cell_status.py).
 */
export class SignInOutput extends Widget implements IRenderMime.IRenderer {
  constructor(private readonly options: ISignInOutputOptions) {
    super();
    this.layout = new PanelLayout();
    this.addClass('jp-GoogleAuth-cellOutput');
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const data = parseCellSignIn(model.data[SIGNIN_MIME_TYPE]);
    if (data?.state === 'pending' && isLive(data, model.trusted)) {
      if (this.request?.requestId !== data.requestId || !this.panel) {
        this.showPanel(data);
      }
      return;
    }
    // The kernel ended the wait (or this is a saved output): the panel has nothing to do.
    this.closePanel();
    this.showNote(data);
  }

  dispose(): void {
    this.closePanel();
    super.dispose();
  }

  private get panelLayout(): PanelLayout {
    return this.layout as PanelLayout;
  }

  private showPanel(request: ICellSignInRequest): void {
    this.closePanel();
    this.clear();
    const { service, trans } = this.options;
    // The kernel looked at the files and found them lacking: every view looks again too
    // (the files may have changed outside JupyterLab since the service last read them).
    void service.refresh();
    // No project asked for: the panel's project step asks, as after the toolbar's sign-in,
    // and the kernel waits for it (or for "Skip for now").
    const panel = new AuthPanel(
      service,
      trans,
      {
        force: request.force,
        askProject: !request.project && !request.profile,
        profileName: request.profile
      },
      formFor(request)
    );
    panel.flow.changed.connect(this.onFlow, this);
    panel.skipped.connect(this.onSkipped, this);
    panel.disposed.connect(this.onPanelClosed, this);
    this.request = request;
    this.panel = panel;
    this.reported = false;
    this.panelLayout.addWidget(panel);
    void this.setProjectIfSignedIn(request);
  }

  /**
   * `authenticate(project=…)` with credentials that already fit sets the project without
   * asking: the kernel waits for it in the files, and every view hears of it.
   */
  private async setProjectIfSignedIn(request: ICellSignInRequest) {
    const { service } = this.options;
    if (!request.project || request.force) {
      return;
    }
    try {
      await service.api.projects.credentials();
    } catch {
      return; // the panel says what is wrong with the server
    }
    if (this.request !== request || !credentialsFit(service.status)) {
      return; // a sign-in comes first; onFlow sets the project after it
    }
    await this.setProject(request.project);
  }

  private async setProject(project: string): Promise<void> {
    try {
      // Through the service, so every view and kernel hears of it.
      await this.options.service.api.projects.setProject(project, false);
    } catch (error: any) {
      this.report({
        outcome: 'failed',
        code: 'project_not_set',
        message: String(error?.message ?? error)
      });
    }
  }

  /** Removes the panel without telling the kernel (it already knows). */
  private closePanel(): void {
    const panel = this.panel;
    this.panel = null;
    if (panel && !panel.isDisposed) {
      panel.disposed.disconnect(this.onPanelClosed, this);
      panel.dispose();
    }
  }

  private clear(): void {
    for (const widget of [...this.panelLayout.widgets]) {
      widget.dispose();
    }
  }

  private showNote(data: CellSignIn | null): void {
    this.clear();
    const note = new Widget({ node: cellNote(data, this.options.trans) });
    this.panelLayout.addWidget(note);
  }

  private onFlow(_: unknown, state: PanelFlowState): void {
    const { phase } = state;
    if (phase === 'succeeded' && this.request?.project) {
      // The kernel waits for this project in the files; the server validates and writes it.
      void this.setProject(this.request.project);
    } else if (phase === 'cancelled') {
      this.report({ outcome: 'cancelled' });
    } else if (phase === 'failed' || phase === 'expired') {
      const error = state.error;
      this.report({
        outcome: 'failed',
        code: error?.code ?? phase,
        message:
          error?.message ?? this.options.trans.__('The sign-in link expired.')
      });
    }
  }

  private onSkipped(): void {
    this.report({ outcome: 'skipped' });
  }

  private onPanelClosed(): void {
    this.panel = null;
    this.report({ outcome: 'cancelled' });
    this.showNote(null);
  }

  private report(body: CellOutcome): void {
    const request = this.request;
    if (!request || this.reported) {
      return;
    }
    this.reported = true;
    const send = this.options.report ?? reportCellOutcome;
    void send(request.requestId, body).catch(() => {
      // The kernel then waits until its timeout or an interrupt; the note says so.
    });
  }

  private request: ICellSignInRequest | null = null;
  private panel: AuthPanel | null = null;
  private reported = false;
}
