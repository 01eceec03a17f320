"""Server-side settings: Google's endpoints and the administrator's choices.

They are traitlets of one configurable named ``GoogleAuth`` so an administrator can point them
at a proxy (``c.GoogleAuth.token_uri = ...``) and the tests at the fake Google, without code
changes.
"""

import os

from traitlets import Bool, Float, Int, List, TraitError, Unicode, default, validate
from traitlets.config import Configurable

from .names import PRESETS, SOURCES


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
    generativelanguage_uri = Unicode(
        "https://generativelanguage.googleapis.com",
        help="Generative Language (Gemini) API root: a stored API key is checked against its "
        "model list.",
    ).tag(config=True)
    iamcredentials_uri = Unicode(
        "https://iamcredentials.googleapis.com",
        help="IAM Credentials API root (generateAccessToken, for acting as a service account).",
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
    google_pool_size = Int(
        8, help="Calls to Google this server waits on at once; more fail at once with 503 busy."
    ).tag(config=True)
    google_calls_per_user = Int(
        4, help="Calls to Google one Jupyter user may have waiting at once."
    ).tag(config=True)
    http_timeout = Float(
        15.0, help="Seconds a call to a Google endpoint may take before it is reported as slow."
    ).tag(config=True)

    # -- administrator policy (policy.py applies it; the README says where to set it) --------
    allowed_modes = List(
        Unicode(),
        default_value=[],
        help="Sign-in modes users may choose (loopback, notebook, paste-url, gcloud, ambient, "
        "service-account); empty means all.",
    ).tag(config=True)
    allowed_presets = List(
        Unicode(),
        default_value=[],
        help="Scope presets users may choose (earthengine, earthengine-readonly, gemini, "
        "cloud); empty means all.",
    ).tag(config=True)
    allow_custom_scopes = Bool(
        True, help="Whether users may ask for a scope list of their own instead of a preset."
    ).tag(config=True)
    default_preset = Unicode("earthengine", help="The scope preset the panel starts with.").tag(
        config=True
    )
    allow_service_account_keys = Bool(
        True, help="Whether users may upload a service-account key as their credentials."
    ).tag(config=True)
    allow_gcloud = Bool(
        True, help="Whether the gcloud sign-in mode is offered when gcloud is installed."
    ).tag(config=True)
    allow_token_import = Bool(
        True,
        help="Whether users may import credentials exported elsewhere (POST token-import: a "
        "pasted value, or EARTHENGINE_TOKEN in the server's environment).",
    ).tag(config=True)
    allow_token_export = Bool(
        True,
        help="Whether users may export their Earth Engine credentials (for EARTHENGINE_TOKEN "
        "on an ephemeral home).",
    ).tag(config=True)

    allow_secrets = Bool(
        True,
        help="Whether users may keep API keys in the secret store (the Secrets panel, "
        "userdata.get in kernels).",
    ).tag(config=True)
    allowed_secret_names = List(
        Unicode(),
        default_value=[],
        help="Secret names users may store and grant (e.g. ['GEMINI_API_KEY']); empty means any "
        "environment-variable-style name.",
    ).tag(config=True)
    # -- profiles (profiles/; policy.py words the refusals) -----------------------------------
    allow_profiles = Bool(
        True, help="Whether users may keep several named Google identities (profiles) and switch."
    ).tag(config=True)
    allow_impersonation = Bool(
        True,
        help="Whether users may add a profile acting as a service account (impersonation "
        "through IAM Credentials generateAccessToken).",
    ).tag(config=True)
    allow_notebook_binding = Bool(
        True, help="Whether a notebook may use a profile other than the active one."
    ).tag(config=True)
    max_profiles = Int(20, help="Profiles one home may hold.").tag(config=True)

    @validate("max_profiles")
    def _check_max_profiles(self, proposal):  # noqa: ANN001, ANN202
        if not 1 <= proposal["value"] <= 200:
            raise TraitError("GoogleAuth.max_profiles: use a number from 1 to 200.")
        return proposal["value"]

    @validate("allowed_modes")
    def _check_modes(self, proposal):  # noqa: ANN001, ANN202
        return _known(proposal["value"], SOURCES, "allowed_modes")

    @validate("allowed_presets")
    def _check_presets(self, proposal):  # noqa: ANN001, ANN202
        return _known(proposal["value"], PRESETS, "allowed_presets")

    @validate("default_preset")
    def _check_default_preset(self, proposal):  # noqa: ANN001, ANN202
        return _known([proposal["value"]], PRESETS, "default_preset")[0]

    @validate("allowed_secret_names")
    def _check_secret_names(self, proposal):  # noqa: ANN001, ANN202
        from .secrets.validation import NAME_PATTERN

        bad = [v for v in proposal["value"] if not NAME_PATTERN.fullmatch(v)]
        if bad:
            raise TraitError(
                f"GoogleAuth.allowed_secret_names: {', '.join(map(repr, bad))} is not an "
                "environment-variable-style name (e.g. GEMINI_API_KEY)."
            )
        return list(dict.fromkeys(proposal["value"]))

    @default("metadata_host")
    def _default_metadata_host(self) -> str:
        return os.environ.get("GCE_METADATA_HOST", "metadata.google.internal")


def _known(values: list[str], known: tuple[str, ...], trait: str) -> list[str]:
    """A misspelt name in the administrator's config fails at start-up, not silently."""
    unknown = [v for v in values if v not in known]
    if unknown:
        raise TraitError(
            f"GoogleAuth.{trait}: unknown {', '.join(map(repr, unknown))}; use {', '.join(known)}."
        )
    return list(dict.fromkeys(values))
