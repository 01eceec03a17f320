import type { TranslationBundle } from '@jupyterlab/translation';
import { Button } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { CustomClientInfo, IAuthClient, SecretsClient } from '../../api';
import {
  ambientIdentity,
  effectiveClient,
  geminiKeyOffered,
  isFlowMode,
  modeTakesTargets,
  offeredScopeChoices,
  parseScopes,
  userSignInMode,
  type EnvironmentReport,
  type ICustomClientProgress,
  type ModeOption,
  type SignInMode
} from '../../core';
import { AmbientView } from './AmbientView';
import { ClientChooser } from './ClientChooser';
import { CustomClientUpload } from './CustomClientUpload';
import { Disclosure, type ISections } from './Disclosure';
import { GeminiChoice } from './GeminiChoice';
import { formProblem, withScopeChoice, type ISignInForm } from './form';
import { ModeSelector } from './ModeSelector';
import { ScopeChooser } from './ScopeChooser';
import { ServiceAccountForm } from './ServiceAccountForm';
import { TargetsChooser } from './TargetsChooser';

/** The upload's progress (the panel's model) with the client itself (the service's). */
export interface ICustomClientState extends ICustomClientProgress {
  info: CustomClientInfo | null;
}

export interface ISignInFormProps {
  environment: EnvironmentReport;
  options: ModeOption[];
  /** The mode in effect: the user's pick, else the preselected one. */
  mode: SignInMode;
  form: ISignInForm;
  customClient: ICustomClientState;
  force: boolean;
  client: IAuthClient;
  /** The secret store, for the Gemini choice's key. */
  secrets: SecretsClient;
  /** The notebook the panel sits in (path from the server's root), if any. */
  notebook: string | null;
  onChange: (changes: Partial<ISignInForm>) => void;
  onChooseMode: (mode: SignInMode) => void;
  onStart: () => void;
  onUploadClient: (file: File) => void;
  onRemoveClient: () => void;
  onKeyStored: () => void;
  /** Sections that start open (settings), unless the user left them otherwise. */
  sections: ISections;
  trans: TranslationBundle;
}

/** The choices before a sign-in: mode, access, files, client; or ambient / key upload. */
export function SignInForm(props: ISignInFormProps): JSX.Element {
  const { environment, options, mode, form, trans } = props;
  const configured = props.customClient.info?.configured ?? false;
  const upload = (
    <CustomClientUpload
      info={props.customClient.info}
      busy={props.customClient.busy}
      error={props.customClient.error}
      onUpload={props.onUploadClient}
      onRemove={props.onRemoveClient}
      trans={trans}
    />
  );
  const uploadBelow =
    isFlowMode(mode) && effectiveClient(mode, form.client) === 'custom';
  const parsedCustom = parseScopes(form.customScopes, trans.__.bind(trans));
  const scopes = (
    <ScopeChooser
      value={form.scopeChoice}
      choices={offeredScopeChoices(environment.policy)}
      customText={form.customScopes}
      error={
        form.scopeChoice === 'custom' &&
        form.customScopes.trim() &&
        !parsedCustom.ok
          ? parsedCustom.message
          : null
      }
      onChange={choice => props.onChange(withScopeChoice(form, choice))}
      onCustomText={customScopes => props.onChange({ customScopes })}
      trans={trans}
    />
  );
  const identity = mode === 'ambient' ? ambientIdentity(environment) : null;
  const problem = isFlowMode(mode) ? formProblem(form, mode, configured) : null;

  const modes = (
    <ModeSelector
      options={options}
      value={mode}
      recommended={environment.recommended_mode}
      onChange={props.onChooseMode}
      // Under an unavailable paste-url: the upload that makes it available.
      extra={option =>
        option.mode === 'paste-url' && !option.available && !uploadBelow
          ? upload
          : null
      }
      trans={trans}
    />
  );

  // Gemini: a key first (what google-genai takes), then the user's own client over paste-url.
  const pasteUrl = options.find(o => o.mode === 'paste-url');
  const signInOwnClient = () => {
    if (mode !== 'paste-url') {
      props.onChooseMode('paste-url');
    }
    if (form.client !== 'custom') {
      props.onChange({ client: 'custom' });
    }
    props.onStart();
  };
  const gemini = form.scopeChoice === 'gemini' && (
    <GeminiChoice
      secrets={props.secrets}
      notebook={props.notebook}
      keyOffered={geminiKeyOffered(environment.policy)}
      trans={trans}
      oauth={
        <>
          {upload}
          <div className="jp-GoogleAuth-primary">
            <Button
              className="jp-GoogleAuth-signIn"
              disabled={!configured || !pasteUrl?.available}
              onClick={signInOwnClient}
            >
              {trans.__('Sign in with your own OAuth client')}
            </Button>
            {configured && pasteUrl && !pasteUrl.available && (
              <p className="jp-GoogleAuth-fieldError">{pasteUrl.reason}</p>
            )}
          </div>
        </>
      }
    />
  );

  // The one action first; everything a careful user may want to change is folded below it.
  return (
    <>
      {gemini}
      {!gemini && isFlowMode(mode) && (
        <div className="jp-GoogleAuth-primary">
          <Button
            className="jp-GoogleAuth-signIn"
            disabled={problem !== null}
            onClick={props.onStart}
          >
            {props.force
              ? trans.__('Sign in again')
              : trans.__('Sign in with Google')}
          </Button>
          {problem && (
            <p className="jp-GoogleAuth-fieldError">{trans.__(problem)}</p>
          )}
        </div>
      )}
      {identity && (
        <>
          <AmbientView
            identity={identity}
            choice={form.scopeChoice}
            customScopes={parsedCustom.ok ? parsedCustom.scopes : []}
            userMode={userSignInMode(options)}
            onUseUserSignIn={props.onChooseMode}
            trans={trans}
          />
        </>
      )}
      {mode === 'service-account' && (
        <ServiceAccountForm
          client={props.client}
          onStored={props.onKeyStored}
          trans={trans}
        />
      )}
      {(isFlowMode(mode) || identity) && (
        <Disclosure
          id="options"
          summary={trans.__('Options')}
          sections={props.sections}
        >
          <fieldset className="jp-GoogleAuth-options">
            <legend className="jp-GoogleAuth-visuallyHidden">
              {trans.__('Sign-in options')}
            </legend>
            {scopes}
            {isFlowMode(mode) && modeTakesTargets(mode) && (
              <TargetsChooser
                value={form.targets}
                onChange={targets =>
                  props.onChange({ targets, targetsTouched: true })
                }
                trans={trans}
              />
            )}
            {isFlowMode(mode) && (
              <ClientChooser
                mode={mode}
                value={effectiveClient(mode, form.client) ?? form.client}
                onChange={client => props.onChange({ client })}
                trans={trans}
              >
                {uploadBelow && upload}
              </ClientChooser>
            )}
          </fieldset>
        </Disclosure>
      )}
      <Disclosure
        id="other-ways"
        summary={trans.__('Other ways to sign in')}
        sections={props.sections}
      >
        {modes}
      </Disclosure>
    </>
  );
}
