"""Which scopes may be asked of gcloud's own OAuth client, and the notes for the rest.

``gcloud auth application-default login`` signs in with Google's SDK client
(clients.GCLOUD_CLIENT_ID). Google now refuses that client any scope outside Google Cloud: asking
for ``drive`` ends on a "This app is blocked" page in the browser, with no code to paste. So the
bridge drops such scopes before starting gcloud and says so (docs/ARCHITECTURE.md); the user can
take another mode (notebook, or paste-url with their own client) when they need them.

Allow-list (everything else is dropped, with a note naming it):

* identity: ``openid``, ``userinfo.email``, ``userinfo.profile`` (gcloud's defaults hold the
  first two, so the account can be shown);
* Cloud: ``cloud-platform`` (always sent: gcloud refuses to run without it),
  ``cloud-platform.read-only``, ``sqlservice.login`` and ``accounts.reauth`` (gcloud's own
  defaults), ``appengine.admin``, ``compute``, ``compute.readonly``;
* Cloud products with their own scope that the SDK client is allowed: Earth Engine
  (``earthengine``, ``earthengine.readonly``) and Cloud Storage (``devstorage.*``), which is
  what Earth Engine's own guide passes to gcloud.

Not allowed, so dropped: ``drive`` (and every Workspace scope), and
``generative-language.retriever`` (the Gemini OAuth quickstart uses its own client for it).
"""

from __future__ import annotations

from collections.abc import Iterable

PREFIX = "https://www.googleapis.com/auth/"
CLOUD_PLATFORM = PREFIX + "cloud-platform"
OPENID = "openid"
EMAIL = PREFIX + "userinfo.email"

ALLOWED = frozenset(
    {OPENID, EMAIL, PREFIX + "userinfo.profile"}
    | {
        PREFIX + name
        for name in (
            "cloud-platform",
            "cloud-platform.read-only",
            "sqlservice.login",
            "accounts.reauth",
            "appengine.admin",
            "compute",
            "compute.readonly",
            "earthengine",
            "earthengine.readonly",
            "devstorage.full_control",
            "devstorage.read_write",
            "devstorage.read_only",
        )
    }
)

# Short names Google accepts for the identity scopes.
_ALIASES = {"email": EMAIL, "profile": PREFIX + "userinfo.profile"}

# What the user loses, for the scopes people actually meet in the presets.
_CONSEQUENCE = {
    PREFIX + "drive": "Earth Engine still works; only exports to Google Drive need it",
    PREFIX + "generative-language.retriever": "the Gemini API's OAuth path needs it; "
    "cloud-platform still serves Vertex AI",
}

# gcloud's defaults when nothing else is asked: with them the account can be shown.
DEFAULT_SCOPES = (OPENID, EMAIL, CLOUD_PLATFORM)


def gcloud_scopes(requested: Iterable[str]) -> tuple[list[str], list[str]]:
    """The scopes to pass to gcloud (order kept, duplicates removed) and notes for the user.

    ``cloud-platform`` is added when missing (gcloud exits with "cloud-platform scope is
    required but not requested" otherwise), and so are ``openid`` and ``userinfo.email`` so the
    signed-in account can be shown.
    """
    kept: list[str] = []
    dropped: list[str] = []
    for raw in requested:
        scope = _ALIASES.get(raw.strip(), raw.strip())
        if not scope or scope in kept or scope in dropped:
            continue
        (kept if scope in ALLOWED else dropped).append(scope)
    notes = [
        f"Left out {scope}: gcloud's own sign-in client is refused scopes outside Google Cloud"
        + (f" ({_CONSEQUENCE[scope]})" if scope in _CONSEQUENCE else "")
        + ". Use the notebook mode, or paste-url with your own OAuth client, if you need it."
        for scope in dropped
    ]
    if CLOUD_PLATFORM not in kept:
        if kept or dropped:
            notes.append(f"Added {CLOUD_PLATFORM}: gcloud refuses to sign in for ADC without it.")
        kept.insert(0, CLOUD_PLATFORM)
    for scope in (OPENID, EMAIL):
        if scope not in kept:
            kept.append(scope)
    return kept, notes
