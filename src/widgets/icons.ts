import { LabIcon } from '@jupyterlab/ui-components';

// A neutral key glyph (not Google's logo, which has brand rules of its own).
const keySvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16">
<path class="jp-icon3" fill="#616161" d="M7 14a2 2 0 1 1 0-4 2 2 0 0 1 0 4zm5.65-4A6 6 0 1 0 12.65 14H16v4h4v-4h2v-4H12.65z"/>
</svg>`;

export const googleIcon = new LabIcon({
  name: 'jupyterlab-google-auth:key',
  svgstr: keySvg
});
