import type { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { Signal, type ISignal } from '@lumino/signaling';

import type { ProfileView } from '../api';
import {
  BINDING_METADATA_KEY,
  boundProfileIn,
  notebookStatus,
  type INotebookBinding,
  type Translate
} from '../core';
import type { Status } from '../core/status';
import { evaluateSilently, pyLiteral } from '../kernel/silent';
import type { IGoogleAuth, IGoogleAuthBindings } from '../tokens';

const KERNEL = "__import__('jupyterlab_google_auth.kernel', fromlist=['bind'])";

interface IBindAnswer {
  profile?: string | null;
  code?: string;
  message?: string;
}

/**
 * Which notebook uses which profile: the one model the status item, the menu and the kernels
 * read (docs/ARCHITECTURE.md). The truth is each notebook's metadata; this keeps what its
 * kernel answered, and the profiles as `GET profiles` last listed them.
 */
export class NotebookBindings implements IGoogleAuthBindings {
  constructor(
    private readonly service: IGoogleAuth,
    private readonly tracker: INotebookTracker,
    private readonly __: Translate
  ) {
    tracker.currentChanged.connect(() => this._changed.emit());
    // The profiles are the service's list (one reader for every view): follow it.
    service.changed.connect((_, cause) => {
      if (cause.kind === 'profiles-listed') {
        this._changed.emit();
      }
    });
  }

  get changed(): ISignal<IGoogleAuthBindings, void> {
    return this._changed;
  }

  /** The profiles of this home (empty where profiles are off or for a visitor). */
  get profiles(): readonly ProfileView[] {
    const list = this.service.profiles;
    return list && !list.visitor ? list.profiles : [];
  }

  /** The administrator allows binding notebooks (GoogleAuth.allow_notebook_binding). */
  get allowed(): boolean {
    const policy = this.service.environment?.policy;
    return (
      policy?.allow_notebook_binding !== false &&
      policy?.allow_profiles !== false
    );
  }

  /** The current notebook's binding (null: it is not bound, or no notebook is current). */
  get current(): INotebookBinding | null {
    const panel = this.tracker.currentWidget;
    return panel ? (this.bindings.get(panel) ?? null) : null;
  }

  /** What the status item shows for the current notebook. */
  status(): Status {
    return notebookStatus(
      this.service.status,
      this.current,
      this.profiles,
      this.__
    );
  }

  /** The panels whose metadata names `profile` (to bind again after signing in as it). */
  panelsNaming(profile: string): NotebookPanel[] {
    const found: NotebookPanel[] = [];
    this.tracker.forEach(panel => {
      const binding = this.bindings.get(panel);
      if (binding && binding.profile.toLowerCase() === profile.toLowerCase()) {
        found.push(panel);
      }
    });
    return found;
  }

  /**
   * Binds `panel`'s kernel to what its metadata names (the kernel became ready, the notebook
   * was opened); answers the binding, or null when the notebook names no profile.
   */
  async apply(panel: NotebookPanel): Promise<INotebookBinding | null> {
    await panel.context.ready;
    const profile = boundProfileIn(
      panel.model?.getMetadata(BINDING_METADATA_KEY)
    );
    if (!profile) {
      this.set(panel, null);
      return null;
    }
    if (!this.allowed) {
      return this.set(panel, { profile, state: 'turned-off', message: null });
    }
    const kernel = panel.sessionContext.session?.kernel;
    this.set(panel, { profile, state: 'pending', message: null });
    if (!kernel) {
      return this.bindings.get(panel) ?? null;
    }
    const answer = (await evaluateSilently(
      kernel,
      `${KERNEL}.bind(${pyLiteral(profile)})`
    )) as IBindAnswer | null;
    if (panel.sessionContext.session?.kernel !== kernel) {
      return this.bindings.get(panel) ?? null; // another kernel: it is asked itself
    }
    if (!answer) {
      return this.set(panel, { profile, state: 'failed', message: null });
    }
    if (answer.code) {
      const state = answer.code === 'turned_off' ? 'turned-off' : 'missing';
      return this.set(panel, {
        profile,
        state,
        message: answer.message ?? null
      });
    }
    return this.set(panel, { profile, state: 'bound', message: null });
  }

  /** The kernel is restarting or changing: its binding is asked again once it is ready. */
  forget(panel: NotebookPanel): void {
    const binding = this.bindings.get(panel);
    if (binding) {
      this.set(panel, { ...binding, state: 'pending', message: null });
    }
  }

  /**
   * Binds `panel` to `profile` (stored in its metadata, its kernel told now), or with null
   * undoes that: the metadata entry removed, the kernel back on the active account.
   */
  async bind(
    panel: NotebookPanel,
    profile: string | null
  ): Promise<INotebookBinding | null> {
    const model = panel.model;
    if (!model) {
      return null;
    }
    if (profile !== null) {
      model.setMetadata(BINDING_METADATA_KEY, { profile });
      return this.apply(panel);
    }
    model.deleteMetadata(BINDING_METADATA_KEY);
    this.set(panel, null);
    const kernel = panel.sessionContext.session?.kernel;
    if (kernel) {
      // Back on the active account, as kernel-follow would have left it (its project).
      const report = this.service.credentials;
      const signedIn = Boolean(report?.used_by.earthengine);
      const project = report?.projects?.earthengine ?? null;
      await evaluateSilently(
        kernel,
        `${KERNEL}.release_profile(project=${pyLiteral(project)}, ` +
          `signed_in=${signedIn ? 'True' : 'False'})`
      );
    }
    return null;
  }

  private set(
    panel: NotebookPanel,
    binding: INotebookBinding | null
  ): INotebookBinding | null {
    if (binding) {
      this.bindings.set(panel, binding);
      // For tests and debugging: which profile the kernel was asked to use, and how it went.
      panel.node.dataset.googleAuthProfile = binding.profile;
      panel.node.dataset.googleAuthBinding = binding.state;
    } else {
      this.bindings.delete(panel);
      delete panel.node.dataset.googleAuthProfile;
      delete panel.node.dataset.googleAuthBinding;
    }
    this._changed.emit();
    return binding;
  }

  private readonly bindings = new WeakMap<NotebookPanel, INotebookBinding>();
  private readonly _changed = new Signal<IGoogleAuthBindings, void>(this);
}
