import { LabIcon } from '@jupyterlab/ui-components';

// A small person glyph for a working sign-in and a triangle for "act now"; the colours come
// from theme variables so both light and dark themes keep contrast.
export const accountIcon = new LabIcon({
  name: 'jupyterlab-google-auth:account',
  svgstr: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16">
<path class="jp-icon3" fill="#616161" d="M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm0 2c-3.3 0-8 1.7-8 5v1h16v-1c0-3.3-4.7-5-8-5z"/>
</svg>`
});

export const statusWarningIcon = new LabIcon({
  name: 'jupyterlab-google-auth:status-warning',
  svgstr: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16">
<path class="jp-GoogleAuth-warnFill" fill="#f57c00" d="M1 21h22L12 2 1 21zm12-3h-2v-2h2v2zm0-4h-2v-4h2v4z"/>
</svg>`
});
