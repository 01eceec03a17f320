"""POST service-account: validate a service-account JSON key, try it, store it as the ADC file.

Body: ``{"key": <the key object, or its JSON text>, "try": true}`` (at most 64 KB, base.py).
The key is checked field by field (credentials/formats.validate_service_account names what is
wrong); with ``try`` (the default) google-auth signs a JWT with it and asks the key's own
``token_uri`` for an access token (https, or http on loopback only: the validator enforces it),
so a deleted or disabled key is refused before it replaces anything. Then the credential store
writes it as the ADC file (0600, previous file backed up).

The answer names the account and where the key went; the key, its private key and the access
token never leave this module, and nothing of them is logged.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Mapping
from functools import partial
from typing import Any

from jupyter_server.auth.decorator import authorized
from tornado import web

from .. import policy
from ..credentials.atomic import UnsafeTargetError
from ..credentials.formats import InvalidServiceAccountKey, validate_service_account
from ..credentials.google_http import bounded_request
from ..credentials.store import CredentialStore
from ..outbound import google_session
from ..text import plain
from .base import ApiError, GoogleAuthHandler

CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform"
NEW_KEY_HELP = (
    "In Google Cloud console, IAM & Admin > Service accounts > (the account) > Keys > Add key > "
    "Create new key > JSON, then upload the downloaded file."
)
_REJECTED_HELP = {
    "invalid_grant": "Google refused this key: it was deleted or disabled, the service account "
    "was deleted or disabled, or the file was edited. " + NEW_KEY_HELP,
    "invalid_client": "Google does not know this service account (deleted, or the key belongs "
    "to another project). " + NEW_KEY_HELP,
    "unauthorized_client": "This service account may not get tokens this way. " + NEW_KEY_HELP,
}


class KeyRejected(Exception):
    """The token endpoint refused the key: ``error`` is its OAuth error code."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(description)
        self.error = error
        self.description = description


class EndpointUnreachable(Exception):
    """The token endpoint could not be asked (network, timeout, 5xx): nothing is decided."""


def try_key(key: Mapping[str, Any], timeout: float) -> None:
    """Get an access token with ``key`` (blocking; run it in an executor). Raises KeyRejected
    or EndpointUnreachable; the token is dropped."""
    import google.auth.exceptions
    import google.auth.transport.requests
    import requests
    from google.oauth2 import service_account

    deadline = time.monotonic() + timeout

    try:
        creds = service_account.Credentials.from_service_account_info(
            dict(key), scopes=[CLOUD_PLATFORM]
        )
    except (ValueError, TypeError, KeyError) as exc:
        # The validator parsed the key already; this is google-auth disagreeing.
        raise KeyRejected("invalid_key", "google-auth could not load this key.") from exc
    with google_session(key["token_uri"]) as session:
        try:
            creds.refresh(bounded_request(session, deadline))
        except google.auth.exceptions.RefreshError as exc:
            details = exc.args[1] if len(exc.args) > 1 else None
            error = details.get("error") if isinstance(details, Mapping) else None
            description = details.get("error_description") if isinstance(details, Mapping) else None
            if getattr(exc, "retryable", False) and error not in _REJECTED_HELP:
                raise EndpointUnreachable(plain(exc.args[0] if exc.args else "")) from None
            raise KeyRejected(
                error if isinstance(error, str) and error.replace("_", "").isalnum() else "refused",
                plain(description or (exc.args[0] if exc.args else "")),
            ) from None
        except (google.auth.exceptions.TransportError, requests.RequestException, OSError):
            raise EndpointUnreachable("the token endpoint could not be reached") from None


def parse_key(value: object) -> Any:
    """The key from the body: an object, or the text of the downloaded file."""
    if value is None:
        raise ApiError(400, "bad_key", "No key was sent.", NEW_KEY_HELP)
    if isinstance(value, str):
        try:
            return json.loads(value)
        except json.JSONDecodeError as exc:
            raise ApiError(
                400,
                "bad_key",
                f"The key is not valid JSON ({exc.msg} at line {exc.lineno}, column "
                f"{exc.colno}). Upload the .json file exactly as downloaded.",
                NEW_KEY_HELP,
            ) from None
    return value


class ServiceAccountHandler(GoogleAuthHandler):
    @web.authenticated
    @authorized
    async def post(self) -> None:
        self.refuse_if(policy.mode_refusal(self.google_auth, "service-account"))
        body = self.json_body()
        want_try = body.get("try", True)
        if not isinstance(want_try, bool):
            raise ApiError(400, "bad_request", '"try" must be true or false.', "")
        key = parse_key(body.get("key"))
        try:
            key = validate_service_account(key)
        except InvalidServiceAccountKey as exc:
            raise ApiError(400, "bad_key", str(exc), NEW_KEY_HELP) from None

        loop = asyncio.get_running_loop()
        settings = self.google_auth
        if want_try:
            try:
                await loop.run_in_executor(None, partial(try_key, key, settings.http_timeout))
            except KeyRejected as exc:
                said = f" Google said: {exc.description}" if exc.description else ""
                raise ApiError(
                    400,
                    "key_rejected",
                    f"The token endpoint refused this key ({exc.error}).{said}",
                    _REJECTED_HELP.get(
                        exc.error,
                        "Check that the key and its service account still exist and are "
                        "enabled. " + NEW_KEY_HELP,
                    ),
                ) from None
            except EndpointUnreachable:
                raise ApiError(
                    502,
                    "endpoint_unavailable",
                    f"The key could not be tried: its token endpoint ({key['token_uri']}) did "
                    "not answer in time or is unavailable.",
                    "Try again in a minute, or store the key without trying it.",
                ) from None

        store = CredentialStore()
        try:
            written = await loop.run_in_executor(None, store.write_service_account, key)
        except UnsafeTargetError as exc:
            raise ApiError(409, "write_failed", str(exc), "Fix the path named above.") from None
        except OSError as exc:
            raise ApiError(
                500,
                "write_failed",
                f"The key could not be stored: {exc.strerror or exc.__class__.__name__} "
                f"({exc.filename or 'ADC file'}).",
                "Check the permissions of the gcloud configuration directory.",
            ) from None
        notes = await loop.run_in_executor(None, shadowing_notes, store)
        self.write_json(
            {
                "client_email": key["client_email"],
                "project_id": key["project_id"],
                "files": [written.to_json()],
                "tried": want_try,
                "notes": notes,
            }
        )


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
