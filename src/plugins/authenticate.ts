import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { INotebookTracker, type NotebookPanel } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { reauthChoice } from '../core/status';
import { IGoogleAuth } from '../tokens';
import { AuthPanel, credentialsFit } from '../widgets/auth/AuthPanel';
import {
  openConsentTab,
  openConsentTabAt,
  type IConsentTab
} from '../widgets/auth/consentTab';
import { firstStartRequest } from '../widgets/auth/facts';
import type { ISignInForm } from '../widgets/auth/form';
import { attachBelowActiveCell } from '../widgets/attach';
import { accountIcon } from '../widgets/icons';

export const CommandIDs = {
  authenticate: 'google-auth:authenticate',
  reauthenticate: 'google-auth:reauthenticate',
  addAccount: 'google-auth:add-account'
} as const;

/** One open panel per notebook: a second click focuses it instead of stacking another. */
const openPanels = new WeakMap<NotebookPanel, AuthPanel>();

/**
 * The Authenticate command: shown in the notebook toolbar (declared in schema/plugin.json under
 * `jupyter.lab.toolbars`) and in the command palette. Its toolbar rank, 35, puts it before the
 * cell type menu: JupyterLab's responsive toolbar moves items behind its "…" menu from the
 * first one that does not fit, so at 480 px wide (label folded to the icon by style/base.css)
 * it stays one click away. When no credentials fit, its click opens
 * Google's consent page itself (see consentTab.ts) and the panel says what is happening.
 */
export const authenticatePlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-google-auth:authenticate',
  description:
    'Google sign-in for notebooks: the Authenticate button and the auth panel.',
  autoStart: true,
  requires: [IGoogleAuth, INotebookTracker],
  optional: [ICommandPalette, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    service: IGoogleAuth,
    tracker: INotebookTracker,
    palette: ICommandPalette | null,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_google_auth');
    /**
     * Whether credentials fit, as last heard: the click must decide at once whether to open
     * a tab (a pop-up opens only inside the click). Not known yet: open it, and close it
     * should the server answer "already signed in".
     */
    const fits = () =>
      service.credentials === null ? null : credentialsFit(service.status);

    /** Whether a click of Authenticate now would open Google's page itself. */
    const clickStarts = (force: boolean) =>
      service.settings.openConsentAutomatically && (force || fits() !== true);

    /**
     * The tab Google's page loads into, opened synchronously inside the click: straight at
     * the consent address when a flow was prepared for this sign-in, else blank until the
     * server has made one.
     */
    const consentTab = (
      force: boolean,
      initialForm: Partial<ISignInForm>,
      addProfile = false,
      profileName: string | null = null
    ): IConsentTab | null => {
      const request = firstStartRequest(
        service,
        initialForm,
        force,
        addProfile,
        profileName
      );
      const ready = request ? service.preparedConsentUrl(request) : null;
      return ready
        ? openConsentTabAt(ready)
        : openConsentTab(trans.__('Opening Google sign-in…'));
    };

    // The pointer on Authenticate (a person hovers a few hundred milliseconds before the
    // click): start the sign-in the click will ask for, so the click opens Google's page
    // with no request in between.
    document.addEventListener('pointerover', event => {
      const target = event.target as Element | null;
      if (
        !target?.closest?.(`[data-command="${CommandIDs.authenticate}"]`) ||
        !clickStarts(false) ||
        fits() === null ||
        !service.environment ||
        service.customClient === undefined
      ) {
        return;
      }
      const panel = tracker.currentWidget;
      const existing = panel ? openPanels.get(panel) : undefined;
      if (existing && !existing.isDisposed) {
        return; // that panel has its own sign-in
      }
      const request = firstStartRequest(service, {}, false);
      if (request) {
        service.prepareFlow(request);
      }
    });

    /**
     * Opens (or reuses) the notebook's panel; `force` signs in even when credentials fit;
     * `addProfile` ("Add account") writes the sign-in into a new profile, named
     * `profileName` when given ("Sign in as bob" for a notebook that names bob).
     */
    const open = (
      force: boolean,
      initialForm: Partial<ISignInForm> = {},
      addProfile = false,
      profileName: string | null = null
    ) => {
      const panel = tracker.currentWidget;
      if (!panel) {
        return;
      }
      const start = clickStarts(force || addProfile || profileName !== null);
      const tab = start
        ? consentTab(force, initialForm, addProfile, profileName)
        : null;
      const existing = openPanels.get(panel);
      if (existing && !existing.isDisposed) {
        existing.force = existing.force || force;
        if (addProfile) {
          existing.addProfile(profileName);
        }
        existing.node.scrollIntoView?.({ block: 'nearest' });
        if (start) {
          existing.startRecommended(tab);
        } else {
          existing.focusNextStep();
        }
        return;
      }
      const widget = new AuthPanel(
        service,
        trans,
        {
          force,
          addProfile,
          profileName,
          start,
          consentTab: tab,
          notebookPath: () => panel.context.path
        },
        initialForm
      );
      openPanels.set(panel, widget);
      attachBelowActiveCell(panel, widget);
      widget.focusNextStep();
    };

    app.commands.addCommand(CommandIDs.authenticate, {
      label: args =>
        args.toolbar
          ? trans.__('Authenticate')
          : trans.__('Google: Authenticate'),
      caption: trans.__('Sign in to Google for this notebook’s kernel'),
      icon: args => (args.toolbar ? accountIcon : undefined),
      isEnabled: () => tracker.currentWidget !== null,
      // An onboarding link (`?google-auth=signin&preset=…`) passes the preset to start with.
      execute: args => {
        const { preset } = reauthChoice(args);
        open(false, preset ? { scopeChoice: preset } : {});
      }
    });

    app.commands.addCommand(CommandIDs.reauthenticate, {
      label: trans.__('Google: Re-authenticate'),
      caption: trans.__(
        'Sign in again even when the saved credentials already fit (like ee.Authenticate(force=True))'
      ),
      isEnabled: () => tracker.currentWidget !== null,
      // "Sign in again" passes the mode and preset of the sign-in that ended; the panel keeps
      // the mode only where it still works (preselectMode), never one that cannot.
      execute: args => {
        const { mode, preset } = reauthChoice(args);
        const form: Partial<ISignInForm> = {};
        if (mode) {
          form.mode = mode;
        }
        if (preset) {
          form.scopeChoice = preset;
        }
        open(true, form);
      }
    });

    app.commands.addCommand(CommandIDs.addAccount, {
      label: trans.__('Google: Add account'),
      caption: trans.__(
        'Sign in with another Google account as a new profile; the active one stays'
      ),
      isEnabled: () =>
        tracker.currentWidget !== null &&
        service.environment?.policy?.allow_profiles !== false,
      // `name`: the new profile's name (a notebook naming a profile this home lacks); with
      // `existing`, the profile of that name signs in again (a notebook naming it found it
      // signed out).
      execute: args =>
        open(
          false,
          {},
          args.existing !== true,
          typeof args.name === 'string' ? args.name : null
        )
    });

    for (const command of [
      CommandIDs.authenticate,
      CommandIDs.reauthenticate,
      CommandIDs.addAccount
    ]) {
      palette?.addItem({ command, category: trans.__('Google') });
    }
  }
};
