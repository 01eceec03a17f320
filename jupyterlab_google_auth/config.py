"""Server-side settings: Google's endpoints and the administrator's choices.

They are traitlets of one configurable named ``GoogleAuth`` so an administrator can point them
at a proxy (``c.GoogleAuth.token_uri = ...``) and the tests at the fake Google, without code
changes.
"""

import os

from traitlets import Float, Int, Unicode, default
from traitlets.config import Configurable


class GoogleAuth(Configurable):
    """Google endpoints and limits used by the jupyterlab_google_auth server extension."""

    auth_uri = Unicode(
        "https://accounts.google.com/o/oauth2/auth", help="OAuth 2.0 authorization endpoint."
    ).tag(config=True)
    token_uri = Unicode(
        "https://oauth2.googleapis.com/token", help="OAuth 2.0 token endpoint."
    ).tag(config=True)
    revoke_uri = Unicode(
        "https://oauth2.googleapis.com/revoke", help="OAuth 2.0 token revocation endpoint."
    ).tag(config=True)
    userinfo_uri = Unicode(
        "https://openidconnect.googleapis.com/v1/userinfo", help="OpenID Connect userinfo endpoint."
    ).tag(config=True)
    ee_client_auth_uri = Unicode(
        "https://code.earthengine.google.com/client-auth",
        help="Earth Engine Notebook Authenticator page; its /fetch sibling returns the client.",
    ).tag(config=True)
    crm_uri = Unicode(
        "https://cloudresourcemanager.googleapis.com", help="Cloud Resource Manager API root."
    ).tag(config=True)
    serviceusage_uri = Unicode(
        "https://serviceusage.googleapis.com", help="Service Usage API root."
    ).tag(config=True)
    ee_api_uri = Unicode(
        "https://earthengine.googleapis.com",
        help="Earth Engine API root (asked whether a project is ready for Earth Engine).",
    ).tag(config=True)
    metadata_host = Unicode(
        help="GCE metadata server host[:port]; defaults to $GCE_METADATA_HOST, else "
        "metadata.google.internal."
    ).tag(config=True)
    metadata_ip = Unicode(
        "169.254.169.254", help="Address of the metadata server when its name does not resolve."
    ).tag(config=True)
    metadata_timeout = Float(
        0.3, help="Seconds the metadata probe may take in total before the answer is 'absent'."
    ).tag(config=True)
    client_secrets_file = Unicode(
        "", help="Path to an administrator's Desktop OAuth client (client_secret.json)."
    ).tag(config=True)
    gcloud_path = Unicode(
        "", help="Path to the gcloud executable; empty means look it up on PATH."
    ).tag(config=True)
    flow_ttl = Int(600, help="Seconds a sign-in flow stays valid.").tag(config=True)
    max_pending_flows = Int(5, help="Pending sign-in flows allowed at once.").tag(config=True)
    http_timeout = Float(
        15.0, help="Seconds a call to a Google endpoint may take before it is reported as slow."
    ).tag(config=True)

    @default("metadata_host")
    def _default_metadata_host(self) -> str:
        return os.environ.get("GCE_METADATA_HOST", "metadata.google.internal")
