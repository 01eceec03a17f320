import { LabIcon } from '@jupyterlab/ui-components';

// Neutral glyphs (not Google's logo, which has brand rules of its own). Two different ones:
// the toolbar's Authenticate shows only its icon in a narrow window, next to the Secrets tab.

/** A person: signing in to a Google account (the notebook toolbar's Authenticate). */
const accountSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16">
<path class="jp-icon3" fill="#616161" d="M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm0 2c-3.3 0-8 1.7-8 5v1h16v-1c0-3.3-4.7-5-8-5z"/>
</svg>`;

/** A key: the secrets (API keys) kept on the server, as Colab's Secrets tab shows it. */
const keySvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16">
<path class="jp-icon3" fill="#616161" d="M7 14a2 2 0 1 1 0-4 2 2 0 0 1 0 4zm5.65-4A6 6 0 1 0 12.65 14H16v4h4v-4h2v-4H12.65z"/>
</svg>`;

export const accountIcon = new LabIcon({
  name: 'jupyterlab-google-auth:account',
  svgstr: accountSvg
});

export const keyIcon = new LabIcon({
  name: 'jupyterlab-google-auth:key',
  svgstr: keySvg
});
