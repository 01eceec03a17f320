"""Are valid credentials already stored with every scope asked for? (like ``ee.Authenticate``
without ``force``). Blocking: the route runs it in an executor."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .. import scopes as scope_lib
from ..clients import EE_CLIENT_ID, EE_CLIENT_SECRET
from ..credentials.store import CredentialStore
from ..credentials.validity import check_refresh


def already_signed_in(
    store: CredentialStore,
    targets: Sequence[str],
    required_scopes: Sequence[str],
    *,
    token_uri: str,
    timeout: float,
) -> dict[str, Any] | None:
    """``{already_signed_in, account, scopes, source}`` when every target holds a user sign-in
    that refreshes now and carries ``required_scopes``; None otherwise (start a flow).

    Every target must be covered: when the ADC file is missing, saying "signed in" because the
    Earth Engine file is good would leave google.auth.default() without credentials.
    """
    sources = store.read_sources()
    found: list[tuple[str, str | None, list[str]]] = []
    for target in targets:
        read = sources.get(target)
        data = read.data if read is not None else None
        if not data or not isinstance(data.get("refresh_token"), str):
            return None
        if target == "adc" and data.get("type") != "authorized_user":
            return None  # a service account is not a user sign-in
        info = {
            "refresh_token": data["refresh_token"],
            # ee falls back to its own public client when the file names none.
            "client_id": data.get("client_id")
            or (EE_CLIENT_ID if target == "earthengine" else None),
            "client_secret": data.get("client_secret")
            or (EE_CLIENT_SECRET if target == "earthengine" else None),
        }
        check = check_refresh(info, token_uri=token_uri, timeout=timeout)
        if check["valid"] is not True:
            return None
        scopes = check["scopes"] or _list(data.get("scopes"))
        if scope_lib.missing(required_scopes, scopes):
            return None
        account = check["account"] or (
            data.get("account") if isinstance(data.get("account"), str) else None
        )
        found.append((target, account, scopes))
    if not found:
        return None
    source, account, scopes = found[0]
    account = account or next((a for _, a, _ in found if a), None)
    return {"already_signed_in": True, "account": account, "scopes": scopes, "source": source}


def _list(value: object) -> list[str]:
    return [s for s in value if isinstance(s, str)] if isinstance(value, list) else []
