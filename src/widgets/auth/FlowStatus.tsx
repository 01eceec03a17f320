import type { TranslationBundle } from '@jupyterlab/translation';
import { Button } from '@jupyterlab/ui-components';
import * as React from 'react';

import {
  explainError,
  wantsPaste,
  type FlowMode,
  type PanelFlowState
} from '../../core';
import { FlowSuccess, ScopeList } from './FlowResult';
import { PasteField } from './PasteField';

export interface IFlowStatusActions {
  /** Called inside the consent button's click, after the tab was opened. */
  onConsentOpened: () => void;
  onSubmit: (text: string) => void;
  onCancel: () => void;
  onRetry: () => void;
  onForce: () => void;
}

const INSTRUCTIONS: Record<FlowMode, string> = {
  loopback:
    'Open Google’s sign-in page and choose Allow. This panel updates by itself when Google sends you back.',
  notebook:
    'Open the sign-in page and choose Allow, then copy the code it shows and paste it below.',
  'paste-url':
    'Open the sign-in page and choose Allow, then paste below the address the browser was sent to.',
  gcloud:
    'gcloud on the server printed this sign-in link. Open it, choose Allow, then copy the code it shows and paste it below.'
};

/** The running flow: consent button, paste field, progress, and how it ended. */
export function FlowStatus(
  props: {
    state: PanelFlowState;
    trans: TranslationBundle;
  } & IFlowStatusActions
): JSX.Element | null {
  const { state, trans } = props;
  const { flow, phase } = state;
  const consentRef = React.useRef<HTMLButtonElement>(null);
  const flowId = flow?.id;
  const pastes = flow !== null && flow.expects !== 'callback';
  React.useEffect(() => {
    // Keyboard users land on the next step as soon as the flow starts: the paste field
    // (which focuses itself) in a paste mode, else the button that opens Google's page.
    // Once Google's page is open (the Authenticate click opened it), the button only opens
    // a second tab: it is then a quiet fallback and never takes the focus.
    if (!pastes && !state.consentOpened) {
      consentRef.current?.focus({ preventScroll: true });
    }
  }, [flowId]);

  if (phase === 'idle') {
    return null;
  }
  const progress = (text: string) => (
    <p className="jp-GoogleAuth-progress" aria-live="polite">
      {text}
    </p>
  );
  const retry = (label = trans.__('Try again')) => (
    <Button className="jp-GoogleAuth-retry" onClick={props.onRetry}>
      {label}
    </Button>
  );

  switch (phase) {
    case 'starting':
      return (
        <section className="jp-GoogleAuth-flow" data-phase={phase}>
          {progress(trans.__('Starting the sign-in…'))}
        </section>
      );
    case 'already-signed-in': {
      const already = state.already!;
      return (
        <section className="jp-GoogleAuth-flow" data-phase={phase}>
          <p className="jp-GoogleAuth-already" aria-live="polite">
            {already.account
              ? trans.__(
                  'Already signed in as %1 with these scopes.',
                  already.account
                )
              : trans.__('Already signed in with these scopes.')}
          </p>
          <ScopeList scopes={already.scopes} trans={trans} />
          <Button className="jp-GoogleAuth-force" onClick={props.onForce}>
            {trans.__('Sign in again')}
          </Button>
        </section>
      );
    }
    case 'succeeded':
      return (
        <section
          className="jp-GoogleAuth-flow"
          data-phase={phase}
          aria-live="polite"
        >
          {flow?.result && <FlowSuccess result={flow.result} trans={trans} />}
          {retry(trans.__('Sign in again'))}
        </section>
      );
    case 'failed': {
      const error = state.error ?? {
        code: 'unknown',
        message: trans.__('The sign-in failed.')
      };
      return (
        <section className="jp-GoogleAuth-flow" data-phase={phase}>
          <div
            className="jp-GoogleAuth-error"
            role="alert"
            data-error-code={error.code}
          >
            <p>
              <strong>{error.message}</strong>
            </p>
            <p className="jp-GoogleAuth-help">
              {trans.__(explainError(error.code, error.help))}
            </p>
          </div>
          {retry()}
        </section>
      );
    }
    case 'expired':
      return (
        <section className="jp-GoogleAuth-flow" data-phase={phase}>
          <p className="jp-GoogleAuth-error" role="alert">
            {trans.__(explainError('expired'))}
          </p>
          {retry()}
        </section>
      );
    case 'cancelled':
      return (
        <section className="jp-GoogleAuth-flow" data-phase={phase}>
          {progress(trans.__('Sign-in cancelled. Nothing was written.'))}
          {retry(trans.__('Start again'))}
        </section>
      );
  }

  // awaiting-consent, awaiting-paste, exchanging
  const view = flow!;
  const exchanging = phase === 'exchanging';
  const openConsent = () => {
    // Opened from the click itself, so popup blockers let it through.
    window.open(view.consent_url, '_blank', 'noopener');
    props.onConsentOpened();
  };
  const until = new Date(view.expires_at);
  return (
    <section
      className="jp-GoogleAuth-flow"
      data-phase={phase}
      data-flow-mode={view.mode}
      data-flow-id={view.id}
    >
      <p className="jp-GoogleAuth-hint">{trans.__(INSTRUCTIONS[view.mode])}</p>
      {(view.notes ?? []).length > 0 && (
        <ul className="jp-GoogleAuth-notes">
          {view.notes!.map((note, i) => (
            <li key={i}>{note}</li>
          ))}
        </ul>
      )}
      <div className="jp-GoogleAuth-consent">
        {/* A native button (the same look as Button) because focus needs its ref. */}
        <button
          ref={consentRef}
          type="button"
          className={
            state.consentOpened
              ? 'jp-Button jp-mod-minimal jp-GoogleAuth-consentAgain'
              : 'jp-Button jp-GoogleAuth-consentButton'
          }
          disabled={exchanging}
          onClick={openConsent}
        >
          {state.consentOpened
            ? trans.__('Open the sign-in page again')
            : trans.__('Open Google sign-in')}
        </button>
        {/* The address is for a careful user or a blocked pop-up: one click away. */}
        <details className="jp-GoogleAuth-consentUrl">
          <summary>{trans.__('Or open this address yourself')}</summary>
          <code>{view.consent_url}</code>
        </details>
      </div>
      {wantsPaste(state) || exchanging
        ? view.expects !== 'callback' && (
            <PasteField
              expects={view.expects}
              busy={exchanging}
              error={state.pasteError}
              onSubmit={props.onSubmit}
              trans={trans}
            />
          )
        : null}
      {progress(
        exchanging
          ? trans.__('Exchanging the code with Google…')
          : view.expects === 'callback'
            ? trans.__('Waiting for Google to send you back…')
            : phase === 'awaiting-paste'
              ? trans.__('Waiting for you to paste the result…')
              : trans.__('Waiting for you to open the sign-in page…')
      )}
      {!Number.isNaN(until.getTime()) && (
        <p className="jp-GoogleAuth-hint">
          {trans.__('This sign-in expires at %1.', until.toLocaleTimeString())}
        </p>
      )}
      <Button minimal className="jp-GoogleAuth-cancel" onClick={props.onCancel}>
        {trans.__('Cancel')}
      </Button>
    </section>
  );
}
