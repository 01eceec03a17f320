import type { ISignInForm, SignInMode } from '../../core';

/**
 * What the panel's views can ask of it. The views render the model and call these; the panel
 * (AuthPanel.tsx) turns each into a model action, a flow call or a service call.
 */
export interface IPanelActions {
  close(): void;
  /** "Check again": the server probes its environment again. */
  recheck(): void;

  // The form and the signed-in view
  changeForm(changes: Partial<ISignInForm>): void;
  chooseMode(mode: SignInMode): void;
  /** The form's primary button (with Re-authenticate's force, if asked). */
  start(): void;
  /** "Switch account" and "Sign in again": a new sign-in although credentials fit. */
  signInAgain(): void;
  uploadClient(file: File): void;
  removeClient(): void;

  // The running flow
  /** Called inside the consent button's click, after the tab was opened. */
  consentOpened(): void;
  submit(text: string): void;
  cancel(): void;
  retry(): void;
  /** "Sign in again" after the server said the credentials already fit. */
  forceAgain(): void;

  // The project step
  askProject(): void;
  choseProject(project: string): void;
  skipProject(): void;
}
