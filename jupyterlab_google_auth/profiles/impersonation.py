"""Acting as a service account: checked at IAM Credentials, then written as an ADC file.

The user names a service account (and optional delegates); the server asks IAM Credentials
``generateAccessToken`` for it with the user's own credentials (a profile's sign-in), drops the
token it gets, and writes an ``impersonated_service_account`` ADC file, the shape gcloud writes
for ``auth application-default login --impersonate-service-account``::

    {"type": "impersonated_service_account",
     "service_account_impersonation_url": "<iamcredentials_uri>/v1/projects/-/serviceAccounts/
                                           <email>:generateAccessToken",
     "delegates": ["projects/-/serviceAccounts/<email>", ...],
     "source_credentials": {<the user's authorized_user file>},
     "scopes": [...], "quota_project_id": ...}

google-auth, Node google-auth-library and gcloud read it from GOOGLE_APPLICATION_CREDENTIALS or
the well-known path; ``ee.Initialize()`` uses it through ``google.auth.default()`` when Earth
Engine's file holds no token (the profile's Earth Engine file holds only the project). google-auth
takes ``scopes`` from the file when the caller gives none (ee gives none).

Blocking: the route runs :func:`check` in the Google pool.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..clients import EE_CLIENT_ID, EE_CLIENT_SECRET
from ..credentials.formats import UNIVERSE_DOMAIN
from ..projects.access import AccessTokenCache, Grant, authorized_get
from ..projects.errors import GoogleCallError, reauth_needed
from ..projects.http import call_deadline
from ..text import plain
from .errors import ProfileError
from .store import Identity

TOKEN_CREATOR = "roles/iam.serviceAccountTokenCreator"
CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform"
EARTHENGINE = "https://www.googleapis.com/auth/earthengine"
SCOPES = [CLOUD_PLATFORM, EARTHENGINE]
MAX_DELEGATES = 10
WHAT = "IAM Credentials"
# Service account e-mails: name@project.iam.gserviceaccount.com, the default compute and App
# Engine accounts, and Google-managed ones; any plain address shape is accepted.
_EMAIL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,99}@[A-Za-z0-9][A-Za-z0-9.-]{0,199}")
_PROJECT_OF = re.compile(r"[^@]+@([a-z][a-z0-9-]{4,28}[a-z0-9])\.iam\.gserviceaccount\.com")


def service_account_email(value: object, what: str = "service_account") -> str:
    if not isinstance(value, str) or not _EMAIL.fullmatch(value.strip()):
        raise ProfileError(
            400,
            "bad_service_account",
            f"{what} must be a service account's e-mail address, for example "
            "pipeline@my-project.iam.gserviceaccount.com.",
        )
    return value.strip()


def delegate_list(value: object) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or len(value) > MAX_DELEGATES:
        raise ProfileError(
            400,
            "bad_service_account",
            f"delegates must be a list of at most {MAX_DELEGATES} service account e-mails.",
        )
    return [service_account_email(v, "each delegate") for v in value]


def project_of(email: str) -> str | None:
    """A user-made service account's project is in its address."""
    found = _PROJECT_OF.fullmatch(email)
    return found.group(1) if found else None


def resource(email: str) -> str:
    return f"projects/-/serviceAccounts/{email}"


def impersonation_url(iamcredentials_uri: str, email: str) -> str:
    return f"{iamcredentials_uri.rstrip('/')}/v1/{resource(email)}:generateAccessToken"


def source_credentials(identity: Identity, profile: str) -> dict[str, Any]:
    """The user's sign-in of a profile as an authorized_user object (ADC's, else Earth
    Engine's file); ProfileError when the profile holds no user sign-in."""
    adc = identity.adc or {}
    if adc.get("type") == "authorized_user" and adc.get("refresh_token"):
        keep = ("client_id", "client_secret", "refresh_token", "account")
        return {"type": "authorized_user", **{k: adc[k] for k in keep if adc.get(k)}}
    ee = identity.earthengine or {}
    if ee.get("refresh_token"):
        return {
            "type": "authorized_user",
            "client_id": ee.get("client_id") or EE_CLIENT_ID,
            "client_secret": ee.get("client_secret") or EE_CLIENT_SECRET,
            "refresh_token": ee["refresh_token"],
        }
    raise ProfileError(
        409,
        "no_source_credentials",
        f"The profile {profile!r} holds no user sign-in to act as a service account with.",
    )


def adc_file(
    source: Mapping[str, Any],
    email: str,
    delegates: list[str],
    iamcredentials_uri: str,
    project: str | None,
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "impersonated_service_account",
        "service_account_impersonation_url": impersonation_url(iamcredentials_uri, email),
        "delegates": [resource(d) for d in delegates],
        "source_credentials": {**source, "universe_domain": UNIVERSE_DOMAIN},
        "scopes": list(SCOPES),
    }
    if project:
        out["quota_project_id"] = project
    return out


def _denied(source_account: str | None, email: str, delegates: list[str]) -> ProfileError:
    who = source_account or "your account"
    chain = [who, *delegates, email]
    # With delegates, each link of the chain needs the role on the next one.
    links = "; ".join(f"{a} needs it on {b}" for a, b in zip(chain, chain[1:], strict=False))
    where = f" ({links})" if delegates else ""
    # The role is named once, in the message; the help says only where to grant it.
    return ProfileError(
        403,
        "impersonation_denied",
        f"Google refused: {who} may not act as {email} without {TOKEN_CREATOR}{where}.",
        f"Ask a project owner to grant it (IAM & Admin > Service accounts > {email} > "
        "Permissions > Grant access), then try again.",
    )


def _grant(source: Mapping[str, Any], token_uri: str) -> Grant:
    """The user's sign-in as a grant of the shared token cache (refreshed at the server's
    token endpoint, never one named in a file)."""
    keep = ("refresh_token", "client_id", "client_secret")
    info = {**{k: source.get(k) for k in keep}, "token_uri": token_uri}
    return Grant("authorized_user", "profile", source.get("account"), info)


def check(
    source: Mapping[str, Any],
    email: str,
    delegates: list[str],
    *,
    token_uri: str,
    iamcredentials_uri: str,
    timeout: float,
    tokens: AccessTokenCache | None = None,
) -> None:
    """Ask Google for a token as ``email``; returns when Google agreed (the token is dropped).
    The user's own access token comes from ``tokens`` (the server's cache), as every other
    call to Google made with a sign-in does."""
    reply, _ = authorized_get(
        tokens if tokens is not None else AccessTokenCache(),
        _grant(source, token_uri),
        impersonation_url(iamcredentials_uri, email),
        call_deadline(timeout),
        what=WHAT,
        method="POST",
        json_body={
            "scope": [CLOUD_PLATFORM],
            "lifetime": "300s",
            "delegates": [resource(d) for d in delegates],
        },
    )
    if reply.status == 200:
        return
    error = reply.data.get("error") if isinstance(reply.data, dict) else None
    said = plain(error.get("message"), 300) if isinstance(error, dict) else ""
    if reply.status == 403:
        raise _denied(source.get("account"), email, delegates)
    if reply.status == 404:
        raise ProfileError(
            404,
            "unknown_service_account",
            f"Google knows no service account {email} (or one of the delegates). {said}".strip(),
            "Copy the e-mail from IAM & Admin > Service accounts in the Cloud console.",
        )
    if reply.status == 400:
        raise ProfileError(400, "bad_service_account", f"Google refused the request: {said}")
    if reply.status == 401:
        raise reauth_needed()
    raise GoogleCallError(
        502, "google_unavailable", f"{WHAT} answered with an error (HTTP {reply.status})."
    )
