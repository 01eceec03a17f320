"""A service-account key: read from the upload, checked, tried at its token endpoint, stored.

The key's ``token_uri`` is called only when it is Google's token endpoint or the administrator's
``GoogleAuth.token_uri`` (outbound.trusted_file_url); anything else is refused before a JWT is
signed. Trying the key asks for an access token (dropped at once) so a deleted or disabled key
is refused before it replaces anything. What the token endpoint said is shown only when it is
Google's JSON error shape; otherwise only the HTTP status is named.

Blocking functions (run them off the event loop; ``try_key`` in the Google pool). The key, its
private key and the token never leave this module, and nothing of them is logged.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from typing import Any

from ..errors import ServerError
from ..help import NEW_KEY
from ..outbound import check_file_url, google_session
from ..text import plain
from .atomic import UnsafeTargetError
from .formats import InvalidServiceAccountKey, validate_service_account
from .google_http import bounded_request
from .store import CredentialStore, WrittenFile

CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform"
REJECTED_HELP = {
    "invalid_grant": "Google refused this key: it was deleted or disabled, the service account "
    "was deleted or disabled, or the file was edited. " + NEW_KEY,
    "invalid_client": "Google does not know this service account (deleted, or the key belongs "
    "to another project). " + NEW_KEY,
    "unauthorized_client": "This service account may not get tokens this way. " + NEW_KEY,
}


def parse_key(value: object, settings: Any) -> dict[str, Any]:
    """The key from the body (an object, or the text of the downloaded file), validated field
    by field, its token_uri trusted; ServerError ``bad_key`` / ``untrusted_endpoint``."""
    if value is None:
        raise ServerError(400, "bad_key", "No key was sent.")
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as exc:
            raise ServerError(
                400,
                "bad_key",
                f"The key is not valid JSON ({exc.msg} at line {exc.lineno}, column "
                f"{exc.colno}). Upload the .json file exactly as downloaded.",
            ) from None
    try:
        key = validate_service_account(value)
    except InvalidServiceAccountKey as exc:
        raise ServerError(400, "bad_key", str(exc)) from None
    check_file_url(key["token_uri"], settings, "token_uri", "this key")
    return key


def _rejected(error: object, description: str, status: int | None) -> ServerError:
    code = error if isinstance(error, str) and error.replace("_", "").isalnum() else None
    if code is None:
        said = f"answered HTTP {status}" if status else "refused it"
        return ServerError(400, "key_rejected", f"The token endpoint {said}; the key was not used.")
    said = f" Google said: {description}" if description else ""
    return ServerError(
        400,
        "key_rejected",
        f"The token endpoint refused this key ({code}).{said}",
        REJECTED_HELP.get(code),
    )


def _unreachable(key: Mapping[str, Any]) -> ServerError:
    return ServerError(
        502,
        "endpoint_unavailable",
        f"The key could not be tried: its token endpoint ({key['token_uri']}) did not answer in "
        "time or is unavailable.",
        "Try again in a minute, or store the key without trying it.",
    )


def try_key(key: Mapping[str, Any], timeout: float) -> None:
    """Get an access token with ``key``; ServerError ``key_rejected`` or
    ``endpoint_unavailable``. The token is dropped."""
    import google.auth.exceptions
    import requests
    from google.oauth2 import service_account

    deadline = time.monotonic() + timeout
    seen: dict[str, int] = {}
    try:
        creds = service_account.Credentials.from_service_account_info(
            dict(key), scopes=[CLOUD_PLATFORM]
        )
    except (ValueError, TypeError, KeyError):
        # The validator parsed the key already; this is google-auth disagreeing.
        raise ServerError(400, "key_rejected", "google-auth could not load this key.") from None
    with google_session(key["token_uri"]) as session:
        try:
            creds.refresh(
                bounded_request(session, deadline, on_response=lambda r: seen.update(s=r.status))
            )
        except google.auth.exceptions.RefreshError as exc:
            details = exc.args[1] if len(exc.args) > 1 else None
            if not isinstance(details, Mapping):  # not Google's JSON error: say only the status
                raise _rejected(None, "", seen.get("s")) from None
            error = details.get("error")
            if getattr(exc, "retryable", False) and error not in REJECTED_HELP:
                raise _unreachable(key) from None
            raise _rejected(error, plain(details.get("error_description")), seen.get("s")) from None
        except (google.auth.exceptions.TransportError, requests.RequestException, OSError):
            raise _unreachable(key) from None


def store_key(key: Mapping[str, Any]) -> tuple[WrittenFile, list[str]]:
    """Write the key as the ADC file; (the file written, notes on credentials that hide it)."""
    store = CredentialStore()
    try:
        written = store.write_service_account(key)
    except OSError as exc:
        raise ServerError(
            409 if isinstance(exc, UnsafeTargetError) else 500,
            "write_failed",
            f"The key could not be stored: {exc.strerror or exc}",
        ) from None
    return written, shadowing_notes(store)


def shadowing_notes(store: CredentialStore) -> list[str]:
    """Credentials the libraries read before the ADC file, which would hide the stored key."""
    notes = []
    sources = store.read_sources()
    ee = sources["earthengine"]
    if ee is not None and ee.data and ee.data.get("refresh_token"):
        notes.append(
            f"ee.Initialize() reads {ee.path} first, which holds a user sign-in, so Earth Engine "
            "keeps using it; sign out (or remove that file) for Earth Engine to use this key."
        )
    env_file = store.paths.env_credentials
    if env_file is not None and str(env_file) != str(store.paths.adc):
        notes.append(
            f"GOOGLE_APPLICATION_CREDENTIALS points to {env_file}, so google.auth.default() "
            "uses that file, not this key; unset it in the kernel's environment to use the key."
        )
    return notes
